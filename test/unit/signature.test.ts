import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loader.js';
import { packageRoot } from '../../src/scenario/package-root.js';
import { drawParams } from '../../src/scenario/params.js';
import { describeProgress, matchSignature, parseBackoff, SignatureWatch } from '../../src/scenario/signature.js';
import type { KubeEvent, Pod } from '../../src/kube/wire.js';
import type { Params, Scenario } from '../../src/scenario/types.js';
import { emptySnapshot, type Snapshot } from '../../src/snapshot.js';

/**
 * A hand-built signature fixture is one JSON file,
 * test/fixtures/signature/<scenario>[.<case>].json: { params, expect: { matched,
 * restarts?, backoffSeconds? }, snapshot }. Output captured from a real kubelet
 * lives in test/fixtures/captured/<scenario>/ as pod.json (kubectl get pod -o
 * json), events.json and previous.log, optionally with the attempt's
 * params.json; every such directory must match its scenario's signature.
 */
interface Fixture {
  params: Params;
  expect?: { matched: boolean; restarts?: number; backoffSeconds?: number };
  snapshot: Snapshot;
}

const fixtures = join(packageRoot(), 'test', 'fixtures');
const handBuilt = readdirSync(join(fixtures, 'signature'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => [basename(f, '.json').split('.')[0]!, join(fixtures, 'signature', f)] as const);
const capturedDirs = existsSync(join(fixtures, 'captured'))
  ? readdirSync(join(fixtures, 'captured'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(fixtures, 'captured', d.name, 'pod.json')))
      .map((d) => d.name)
  : [];

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** A snapshot assembled from what `kubectl get -o json` and `kubectl logs --previous` printed. */
function capturedSnapshot(dir: string): Snapshot {
  const pod = readJson<Pod | { items: Pod[] }>(join(dir, 'pod.json'))!;
  const pods = 'items' in pod ? pod.items : [pod];
  const events = readJson<{ items: KubeEvent[] }>(join(dir, 'events.json'))?.items ?? [];
  const log = existsSync(join(dir, 'previous.log')) ? readFileSync(join(dir, 'previous.log'), 'utf8') : undefined;
  const snapshot = emptySnapshot(pods[0]?.metadata?.namespace ?? 'captured', events.at(-1)?.lastTimestamp ?? new Date(0).toISOString());
  snapshot.pods = pods;
  snapshot.events = events;
  for (const p of pods) {
    for (const c of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
      if (log !== undefined && c.lastState?.terminated) snapshot.previousLogs[`${p.metadata?.name}/${c.name}`] = log;
    }
  }
  return snapshot;
}

/**
 * The params of the attempt that produced a capture: params.json when it was
 * saved, else every seed's draw for the service the pod belongs to (the
 * capture must match one of them).
 */
function capturedParams(dir: string, scenario: Scenario, snapshot: Snapshot): Params[] {
  const saved = readJson<Params>(join(dir, 'params.json'));
  if (saved) return [saved];
  const service = snapshot.pods[0]?.metadata?.labels?.app;
  return Array.from({ length: 400 }, (_, seed) => drawParams(scenario.parameters, seed)).filter((p) => p.serviceName === service);
}

describe('signature matching', () => {
  it.each(capturedDirs)('the kubelet output captured for %s matches its signature', (id) => {
    const dir = join(fixtures, 'captured', id);
    const scenario = loadScenario(id);
    const snapshot = capturedSnapshot(dir);
    const candidates = capturedParams(dir, scenario, snapshot);
    expect(candidates.length).toBeGreaterThan(0);
    const matches = candidates.map((params) => matchSignature(snapshot, scenario.signature, params));
    expect(matches.some((m) => m.matched), JSON.stringify(matches[0]?.checks)).toBe(true);
  });

  it.each(handBuilt.map(([id, file]) => [basename(file), id, file] as const))(
    '%s judges the live state as expected',
    (_name, id, file) => {
      const fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
      const scenario = loadScenario(id);
      const params = { ...drawParams(scenario.parameters, 1), ...fixture.params };
      const expected = fixture.expect ?? { matched: true };
      const match = matchSignature(fixture.snapshot, scenario.signature, params);
      expect(match.matched, JSON.stringify(match.checks)).toBe(expected.matched);
      const progress = describeProgress(fixture.snapshot, scenario.signature, params, match);
      if (expected.restarts !== undefined) expect(progress.restarts).toBe(expected.restarts);
      if (expected.backoffSeconds !== undefined) expect(progress.backoffSeconds).toBe(expected.backoffSeconds);
    },
  );

  it('does not match an OOM kill when the scenario expects a shell not-found', () => {
    const oom = JSON.parse(readFileSync(join(fixtures, 'signature', 'oom-kill.json'), 'utf8')) as Fixture;
    const scenario = loadScenario('bad-entrypoint');
    const params = { ...drawParams(scenario.parameters, 1), serviceName: 'ledger', expectedReason: 'Error', expectedExit: 127, expectedLog: 'not found', expectedMessage: '' };
    const match = matchSignature(oom.snapshot, scenario.signature, params);
    expect(match.matched).toBe(false);
    expect(match.checks.filter((c) => !c.ok).map((c) => c.field)).toEqual([
      'lastState.terminated.reason',
      'lastState.terminated.exitCode',
      'previous log',
    ]);
    expect(match.observed).toContain('OOMKilled (exit 137)');
  });

  it('remembers a waiting reason seen at an earlier poll', () => {
    const fixture = JSON.parse(readFileSync(join(fixtures, 'signature', 'oom-kill.json'), 'utf8')) as Fixture;
    const spec = { container: '{{serviceName}}', waitingReason: 'CrashLoopBackOff' };
    const watch = new SignatureWatch(spec, { serviceName: 'ledger' });
    expect(watch.observe(fixture.snapshot).matched).toBe(true);
    const running = structuredClone(fixture.snapshot);
    running.pods[0]!.status!.containerStatuses![0]!.state = { running: { startedAt: '2026-01-01T10:01:45Z' } };
    expect(matchSignature(running, spec, { serviceName: 'ledger' }).matched).toBe(false);
    expect(watch.observe(running).matched).toBe(true);
  });

  it('says when the next restart is due from the backoff and the last finish time', () => {
    const fixture = JSON.parse(readFileSync(join(fixtures, 'signature', 'oom-kill.json'), 'utf8')) as Fixture;
    const scenario = loadScenario('oom-kill');
    const progress = describeProgress(fixture.snapshot, scenario.signature, { ...drawParams(scenario.parameters, 1), serviceName: 'ledger' });
    // finished 10:01:02 + 40s backoff, snapshot at 10:01:30
    expect(progress.nextRestartInSeconds).toBe(12);
    expect(progress.line).toContain('next restart in ~12s');
    expect(progress.line).toContain('signature visible');
  });

  it.each([
    ['back-off 10s restarting failed container=a pod=b', 10],
    ['back-off 1m20s restarting failed container=a pod=b', 80],
    ['back-off 5m0s restarting failed container=a pod=b', 300],
    ['container is waiting', undefined],
  ])('reads the kubelet backoff from "%s"', (message, seconds) => {
    expect(parseBackoff(message)).toBe(seconds);
  });
});
