import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { readState, updateState, type Attempt } from '../../src/state.js';
import { fakeAttempt } from './support/attempt.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

function attempt(extra: Partial<Attempt> = {}): Attempt {
  return fakeAttempt({ id: 'r8t2w5', seed: 3, steps: [{ kind: 'start', at: '2025-01-01T00:00:00.000Z' }], ...extra });
}

function withAttempt(a: Attempt): NodeJS.ProcessEnv {
  const env = tempStateEnv();
  updateState((s) => {
    s.attempt = a;
  }, env);
  return env;
}

describe('interview practice and report on the command line', () => {
  it('refuses a hint in interview practice, in one line, and takes nothing', async () => {
    const env = withAttempt(attempt({ interview: { minutes: 15 } }));
    const io = memoryIo(env);
    const code = await runCli(['hint'], io, { catalog: stubCatalog() });
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error: hints are off in interview practice; .*'crashlab report'/);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.out()).toBe('');
    expect(readState(env).attempt?.hintsUsed).toBe(0);
  });

  it('records a hint taken in practice as a step of the timeline', async () => {
    const env = withAttempt(attempt());
    const code = await runCli(['hint'], memoryIo(env), { catalog: stubCatalog() });
    expect(code).toBe(0);
    expect(readState(env).attempt?.steps?.at(-1)).toMatchObject({ kind: 'hint', number: 1 });
  });

  it('says there is no attempt when report runs before any start', async () => {
    const io = memoryIo(tempStateEnv());
    const code = await runCli(['report'], io, { catalog: stubCatalog() });
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error: no attempt in progress; start one with 'crashlab start <scenario>'/);
    expect(io.err().trim().split('\n')).toHaveLength(1);
  });

  it('reports the attempt last cleaned up when none is in progress', async () => {
    const env = tempStateEnv();
    updateState((s) => {
      s.lastAttempt = attempt({ hintsUsed: 1, steps: [{ kind: 'start', at: '2025-01-01T00:00:00.000Z' }, { kind: 'cleanup', at: '2025-01-01T00:05:00.000Z' }] });
    }, env);
    const io = memoryIo(env);
    const code = await runCli(['report', '--json'], io, { catalog: stubCatalog() });
    expect(code).toBe(0);
    const report = JSON.parse(io.out());
    expect(report).toMatchObject({ attempt: 'r8t2w5', mode: 'practice', hintsTaken: 1, title: 'The API that ran out of room' });
    expect(report.timeline.map((e: { step: string; elapsedSeconds: number }) => [e.step, e.elapsedSeconds])).toEqual([
      ['start', 0],
      ['cleanup', 300],
    ]);
  });

  it('rejects --minutes without --interview and a bad --minutes before touching a cluster', async () => {
    for (const [argv, message] of [
      [['start', 'memory-drill', '--minutes', '10'], '--minutes sets the time limit of --interview'],
      [['start', 'memory-drill', '--interview', '--minutes', 'soon'], "--minutes must be a number of minutes from 1 to 1440, got 'soon'"],
      [['start', 'memory-drill', '--learner', '  '], '--learner must be a name of 1 to 64 printable characters'],
    ] as const) {
      const env = tempStateEnv();
      const io = memoryIo(env);
      const code = await runCli([...argv], io, { catalog: stubCatalog() });
      expect(code, argv.join(' ')).toBe(2);
      expect(io.err()).toContain(message);
      expect(readState(env).attempt).toBeUndefined();
    }
  });
});

describe('the interview time limit', () => {
  it('warns on stderr, once past the limit, that the step counts but is marked late', async () => {
    const { warnIfLate } = await import('../../src/commands/time-limit.js');
    const limited = attempt({ interview: { minutes: 20 } });
    const early = memoryIo();
    warnIfLate(early, limited, 'check', new Date('2025-01-01T00:19:59.000Z'));
    expect(early.err()).toBe('');
    const late = memoryIo();
    warnIfLate(late, limited, 'check', new Date('2025-01-01T00:21:30.000Z'));
    expect(late.err()).toBe('time is up: the 20-minute limit passed 1m30s ago; this check still counts but the report marks it late\n');
  });
});
