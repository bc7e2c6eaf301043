import { describe, expect, it } from 'vitest';
import { explainText } from './explain.js';
import { capInput, MAX_INPUT_CHARS } from './inputs.js';

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomText(chars: number, alphabet: string, seed: number): string {
  const next = generator(seed);
  const codes = Buffer.from(alphabet, 'latin1');
  const bytes = Buffer.allocUnsafe(chars);
  for (let i = 0; i < chars; i++) bytes[i] = codes[Math.floor(next() * codes.length)]!;
  return bytes.toString('latin1');
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\n\n';
const FAILURE_WORDS = 'the of and to in is error at by fatal failed timeout refused connection exception null panic killed memory exit code signal permission denied file found config missing port listening info warn debug'.split(' ');

function wordSalad(lines: number, seed: number): string {
  const next = generator(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(Array.from({ length: 12 }, () => FAILURE_WORDS[Math.floor(next() * FAILURE_WORDS.length)]).join(' '));
  }
  return out.join('\n');
}

describe('explain on noise', () => {
  // npm run bench runs the same check on 50 MB; here a size past the cap is enough and keeps the suite light
  it('names no cause for random text past the input cap, says the input was cut, and stays fast', () => {
    const text = randomText(3 * MAX_INPUT_CHARS, PRINTABLE, 7);
    const started = Date.now();
    const diagnosis = explainText(text);
    expect(diagnosis.cause).toBeNull();
    expect(diagnosis.notes.join(' ')).toMatch(/read only its first and last/);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 60_000);

  it('names no cause for lines of failure words in random order', () => {
    expect(explainText(wordSalad(2_000, 11)).cause).toBeNull();
  });

  it.each([
    ['a harmless INFO line whose words contain EROFS', '2025-03-01 10:00:00,120 INFO  [loader] parsed headerOfSection=3 for document EROFSreport.pdf'],
    ['an INFO line that mentions a refused connection it recovered from', '2025-03-01T10:00:00Z INFO retrying after connection refused, attempt 1 of 5; connected'],
    ['a debug line that names OOMKilled as a word inside another', 'DEBUG metrics: counter notOOMKilledTotal=0'],
    ['a single word', 'segfaulting'],
  ])('names no cause for %s', (_name, text) => {
    expect(explainText(text).cause).toBeNull();
  });

  it('still reads whole words: EROFS as its own word in an error line is evidence', () => {
    const diagnosis = explainText("Error: EROFS: read-only file system, open '/app/cache/state.json'");
    expect(diagnosis.cause).not.toBeNull();
  });
});

describe('input cap', () => {
  it('keeps small inputs whole', () => {
    expect(capInput('a\nb\n')).toEqual({ text: 'a\nb\n', cut: false });
  });

  it('keeps the head and the tail of an oversized input, cut at line breaks', () => {
    const line = 'x'.repeat(99) + '\n';
    const text = 'HEAD\n' + line.repeat((MAX_INPUT_CHARS / line.length) * 2) + 'TAIL\n';
    const capped = capInput(text);
    expect(capped.cut).toBe(true);
    expect(capped.text.length).toBeLessThanOrEqual(MAX_INPUT_CHARS + 1);
    expect(capped.text.startsWith('HEAD\n')).toBe(true);
    expect(capped.text.endsWith('TAIL\n')).toBe(true);
    expect(capped.text.split('\n').every((l) => l === '' || l === 'HEAD' || l === 'TAIL' || l === 'x'.repeat(99))).toBe(true);
  });

  it('does not cut a large JSON document, which only a whole read can parse', () => {
    const text = JSON.stringify({ kind: 'List', items: Array.from({ length: 40_000 }, (_, i) => ({ name: `pod-${i}`, pad: 'y'.repeat(40) })) });
    expect(text.length).toBeGreaterThan(MAX_INPUT_CHARS);
    expect(capInput(text).cut).toBe(false);
  });

  it('a real signal at the end of an oversized log is still read', () => {
    const text = 'INFO request served in 12ms\n'.repeat(120_000) + 'Segmentation fault (core dumped)\n';
    const diagnosis = explainText(text);
    expect(diagnosis.cause).toBe('segfault');
    expect(diagnosis.notes.join(' ')).toMatch(/read only its first and last/);
  }, 30_000);
});
