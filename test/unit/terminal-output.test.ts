import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitQuietlyOnClosedPipe } from '../../src/ui/epipe.js';
import { say, note } from '../../src/ui/io.js';
import { createProgress } from '../../src/ui/progress.js';
import { terminalColumns, truncateLine, wrapText } from '../../src/ui/width.js';
import { runCli } from '../../src/cli.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { oomScenario, stubCatalog } from './support/stub-catalog.js';

describe('a reader that closes the pipe early', { timeout: 30_000 }, () => {
  it('ends the writer with exit 0 and no uncaught error when `head -1` has read its line', async () => {
    // a named pipe gives a real pipe whose reader we control, as a shell's `| head -1` does
    const fifo = join(mkdtempSync(join(tmpdir(), 'crashlab-pipe-')), 'out');
    execFileSync('mkfifo', [fifo]);
    const head = spawn('head', ['-n', '1', fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let firstLine = '';
    head.stdout.on('data', (c) => (firstLine += String(c)));
    const writer = createWriteStream(fifo);
    const exits: number[] = [];
    exitQuietlyOnClosedPipe([writer], (code) => exits.push(code));
    writer.write('first\n');
    await once(head, 'exit');
    // the reader is gone: the next write fails with EPIPE
    for (let i = 0; i < 50 && exits.length === 0; i += 1) {
      writer.write(`line ${i}\n`);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(firstLine).toBe('first\n');
    expect(exits).toEqual([0]);
  });
});

describe('fitting lines to the terminal', { timeout: 30_000 }, () => {
  it('knows a terminal\'s width and treats pipes as unbounded', () => {
    expect(terminalColumns({ isTTY: true, columns: 80 })).toBe(80);
    expect(terminalColumns({ isTTY: false, columns: 80 })).toBeUndefined();
    expect(terminalColumns({})).toBeUndefined();
    expect(terminalColumns({ isTTY: true, columns: 0 })).toBeUndefined();
  });

  it('truncates with an ellipsis only past the width', () => {
    expect(truncateLine('short', 10)).toBe('short');
    expect(truncateLine('exactly-10', 10)).toBe('exactly-10');
    expect(truncateLine('one too many', 11)).toBe('one too ma…');
    expect(truncateLine('anything', undefined)).toBe('anything');
  });

  it('wraps at spaces with a hanging indent and keeps long words whole', () => {
    const line = "  when you know what is wrong: 'crashlab diagnose', then fix it with kubectl and run 'crashlab check'";
    const wrapped = wrapText(line, 40).split('\n');
    expect(wrapped.every((l) => l.length <= 40)).toBe(true);
    expect(wrapped[0]!.startsWith('  when')).toBe(true);
    expect(wrapped.slice(1).every((l) => l.startsWith('    '))).toBe(true);
    expect(wrapped.join(' ').replace(/\s+/g, ' ').trim()).toBe(line.trim());
    expect(wrapText('see https://example.com/a/very/long/path/that/cannot/break', 20).split('\n')).toContain('  https://example.com/a/very/long/path/that/cannot/break');
    expect(wrapText('a\nb', 1)).toBe('a\nb');
    expect(wrapText(line, undefined)).toBe(line);
  });

  it('wraps say() and note() on an 80-column terminal and never when piped', () => {
    const long = `${'word '.repeat(30)}end`;
    const tty = memoryIo();
    Object.assign(tty.stdout, { isTTY: true, columns: 80 });
    Object.assign(tty.stderr, { isTTY: true, columns: 80 });
    say(tty, long);
    note(tty, long);
    for (const out of [tty.out(), tty.err()]) expect(out.split('\n').every((l) => l.length <= 80)).toBe(true);
    const piped = memoryIo();
    say(piped, long);
    expect(piped.out()).toBe(`${long}\n`);
  });

  it('keeps a terminal progress line to one row, so rewriting it in place works', () => {
    const io = memoryIo();
    Object.assign(io.stderr, { isTTY: true, columns: 40 });
    const progress = createProgress(io);
    progress.update(`waiting for the failure to show: ${'pod restarting, '.repeat(5)}`);
    const shown = io.err().split('\x1b[2K').at(-1)!;
    expect(shown.length).toBe(39);
    expect(shown.endsWith('…')).toBe(true);
  });

  it('fits `crashlab list` to a narrow terminal and leaves piped output whole', async () => {
    const narrow = memoryIo(tempStateEnv());
    Object.assign(narrow.stdout, { isTTY: true, columns: 36 });
    expect(await runCli(['list', '--reveal'], narrow, { catalog: stubCatalog() })).toBe(0);
    const lines = narrow.out().trimEnd().split('\n');
    expect(lines.every((l) => l.length <= 36)).toBe(true);
    expect(lines[0]).toMatch(/^memory-drill {2}beginner .*…$/);
    const piped = memoryIo(tempStateEnv());
    await runCli(['list', '--reveal'], piped, { catalog: stubCatalog() });
    expect(piped.out()).toContain(`~10 min  ${oomScenario.title}\n`);
  });
});
