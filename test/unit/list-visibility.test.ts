import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { BLIND_TITLE, judgedScenarioIds, listedScenario, pickBlind } from '../../src/runner/visibility.js';
import type { Scenario } from '../../src/scenario/types.js';
import { readState, updateState } from '../../src/state.js';
import { fakeAttempt } from './support/attempt.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { oomScenario, stubCatalog } from './support/stub-catalog.js';

const probeScenario: Scenario = { ...oomScenario, id: 'slow-drill', title: 'Slow to start', cause: 'liveness-probe' };
const portScenario: Scenario = { ...oomScenario, id: 'door-drill', title: 'Wrong door', cause: 'port-mismatch' };
const catalog = () => stubCatalog([oomScenario, probeScenario, portScenario]);
const judgedDiagnosis = {
  answeredAt: '2025-01-01T00:03:00.000Z',
  cause: 'oom-killed' as const,
  evidence: [],
  judged: { cause: { outcome: 'pass' as const, reason: '' }, evidence: { outcome: 'pass' as const, reason: '' }, remedy: { outcome: 'pass' as const, reason: '' } },
};

describe('what list may show', { timeout: 30_000 }, () => {
  it('hides the cause of a scenario not judged yet and shows it once judged or with --reveal', () => {
    expect(listedScenario(oomScenario, new Set(), false)).toEqual({ id: 'memory-drill', title: oomScenario.title, difficulty: 'beginner', minutes: 10, revealed: false });
    for (const [judged, reveal] of [[new Set(['memory-drill']), false], [new Set<string>(), true]] as const) {
      expect(listedScenario(oomScenario, judged, reveal)).toMatchObject({ revealed: true, cause: 'oom-killed', causeText: expect.stringContaining('OOMKilled') });
    }
  });

  it('counts an attempt as judged once its diagnosis is recorded or a check passed, and remembers it after cleanup', () => {
    const answered = fakeAttempt({ scenarioId: 'memory-drill', diagnosis: judgedDiagnosis });
    const fixed = fakeAttempt({ scenarioId: 'slow-drill', checks: [{ at: '', passed: true, incomplete: false, refused: [] }] });
    const untouched = fakeAttempt({ scenarioId: 'door-drill', checks: [{ at: '', passed: false, incomplete: false, refused: [] }] });
    expect(judgedScenarioIds({ version: 1, confirmedContexts: [], attempt: answered, lastAttempt: fixed })).toEqual(new Set(['memory-drill', 'slow-drill']));
    expect(judgedScenarioIds({ version: 1, confirmedContexts: [], attempt: untouched, judgedScenarios: ['slow-drill'] })).toEqual(new Set(['slow-drill']));
  });

  it('prints no triage row and no cause before a drill, in text and JSON', async () => {
    const text = memoryIo(tempStateEnv());
    expect(await runCli(['list'], text, { catalog: catalog() })).toBe(0);
    expect(text.out()).not.toMatch(/triage row:|OOMKilled|liveness/i);
    expect(text.out()).toContain('--reveal');
    const json = memoryIo(tempStateEnv());
    expect(await runCli(['list', '--json'], json, { catalog: catalog() })).toBe(0);
    for (const row of JSON.parse(json.out())) expect(Object.keys(row).sort()).toEqual(['difficulty', 'id', 'minutes', 'revealed', 'title']);
  });

  it('shows the row of a judged scenario only, and every row with --reveal', async () => {
    const env = tempStateEnv();
    updateState((s) => {
      s.lastAttempt = fakeAttempt({ scenarioId: 'memory-drill', diagnosis: judgedDiagnosis });
    }, env);
    const io = memoryIo(env);
    await runCli(['list', '--json'], io, { catalog: catalog() });
    expect(JSON.parse(io.out()).map((r: { id: string; cause?: string }) => [r.id, r.cause ?? null])).toEqual([
      ['memory-drill', 'oom-killed'],
      ['slow-drill', null],
      ['door-drill', null],
    ]);
    const revealed = memoryIo(env);
    await runCli(['list', '--reveal'], revealed, { catalog: catalog() });
    expect(revealed.out().match(/triage row:/g)).toHaveLength(3);
  });

  it('leaks no cause for any packaged scenario, however many there are', async () => {
    const io = memoryIo(tempStateEnv());
    expect(await runCli(['list', '--json'], io)).toBe(0);
    const rows = JSON.parse(io.out()) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).not.toHaveProperty('cause');
  });
});

describe('a blind start', { timeout: 30_000 }, () => {
  it('picks the same scenario for the same seed, and an unjudged one while there are any', () => {
    const all = [oomScenario, probeScenario, portScenario];
    const picks = new Set(Array.from({ length: 40 }, (_, seed) => pickBlind(all, new Set(), seed)!.id));
    expect(picks).toEqual(new Set(['memory-drill', 'slow-drill', 'door-drill']));
    expect(pickBlind(all, new Set(), 7)!.id).toBe(pickBlind(all, new Set(), 7)!.id);
    for (let seed = 0; seed < 20; seed += 1) expect(pickBlind(all, new Set(['memory-drill', 'slow-drill']), seed)!.id).toBe('door-drill');
    expect(all.map((s) => s.id)).toContain(pickBlind(all, new Set(all.map((s) => s.id)), 3)!.id);
    expect(pickBlind([], new Set(), 1)).toBeUndefined();
  });

  it('takes either an id or --random', async () => {
    for (const [argv, message] of [
      [['start'], "start needs a scenario id ('crashlab list' shows them), or --random for a blind drill"],
      [['start', 'memory-drill', '--random'], '--random picks the scenario for you; leave out the id'],
    ] as const) {
      const io = memoryIo(tempStateEnv());
      expect(await runCli([...argv], io, { catalog: catalog() })).toBe(2);
      expect(io.err()).toBe(`error: ${message}\n`);
    }
  });

  it('keeps the scenario out of status and report until the attempt is judged', async () => {
    const env = tempStateEnv();
    updateState((s) => {
      s.attempt = fakeAttempt({ scenarioId: 'slow-drill', blind: true, steps: [{ kind: 'start', at: '2025-01-01T00:00:00.000Z' }] });
    }, env);
    const status = memoryIo(env);
    await runCli(['status', '--json'], status, { catalog: catalog() });
    expect(JSON.parse(status.out()).scenario).toBeNull();
    for (const command of ['status', 'report']) {
      const io = memoryIo(env);
      await runCli([command], io, { catalog: catalog() });
      expect(io.out()).toContain(BLIND_TITLE);
      expect(io.out()).not.toContain('Slow to start');
    }
    updateState((s) => {
      s.attempt!.diagnosis = { ...judgedDiagnosis, cause: 'liveness-probe' };
    }, env);
    const after = memoryIo(env);
    await runCli(['status', '--json'], after, { catalog: catalog() });
    expect(JSON.parse(after.out()).scenario).toBe('slow-drill');
    expect(readState(env).attempt?.blind).toBe(true);
  });
});
