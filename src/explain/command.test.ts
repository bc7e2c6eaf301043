import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerExplainCommand } from './command.js';

function harness(stdinText = '') {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const result = { code: -1 };
  const program = new Command('crashlab').exitOverride();
  registerExplainCommand(program, { io: { stdout, stderr: new PassThrough(), stdin }, setExitCode: (c) => (result.code = c) });
  return { program, result, output: () => out };
}

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'explain-'));
  const path = join(dir, 'input.txt');
  writeFileSync(path, text);
  return path;
}

describe('crashlab explain', () => {
  it('exits 0 and prints JSON with the cause when the evidence names one', async () => {
    const h = harness();
    const path = file('Last State:  Terminated\n  Reason:  OOMKilled\n  Exit Code:  137\n');
    await h.program.parseAsync(['explain', '--describe', path, '--json'], { from: 'user' });
    expect(h.result.code).toBe(0);
    const json = JSON.parse(h.output()) as { cause: string; evidence: string[]; alternatives: unknown[] };
    expect(json.cause).toBe('oom-killed');
    expect(json.evidence.join('\n')).toMatch(/OOMKilled/);
    expect(Array.isArray(json.alternatives)).toBe(true);
  });

  it('exits 3 and says what to collect when the evidence is thin', async () => {
    const h = harness('NAME  READY  STATUS  RESTARTS  AGE\napp-0  0/1  CrashLoopBackOff  4  2m\n');
    await h.program.parseAsync(['explain', '-'], { from: 'user' });
    expect(h.result.code).toBe(3);
    expect(h.output()).toMatch(/collect next/);
  });

  it('prints the cause, evidence, confirming command, remedy and reflexes for people', async () => {
    const h = harness();
    const path = file('    State:  Waiting\n      Reason:  ImagePullBackOff\n');
    await h.program.parseAsync(['explain', '--paste', path], { from: 'user' });
    const text = h.output();
    expect(text).toMatch(/^cause: image-pull/);
    for (const heading of ['evidence:', 'confirm with:', 'remedy:', 'would not help:']) expect(text).toContain(heading);
  });

  it('refuses live mode without a cluster reader, with a next step', async () => {
    const h = harness();
    await expect(h.program.parseAsync(['explain', 'web-0'], { from: 'user' })).rejects.toThrow(/--describe FILE/);
  });
});
