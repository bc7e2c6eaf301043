import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loader.js';
import { packageRoot } from '../../src/scenario/package-root.js';
import { drawParams } from '../../src/scenario/params.js';
import { describeProgress, matchSignature, parseBackoff, SignatureWatch } from '../../src/scenario/signature.js';
import type { Params } from '../../src/scenario/types.js';
import type { Snapshot } from '../../src/snapshot.js';

/**
 * A signature fixture is one JSON file: { params, expect?: { matched, restarts?,
 * backoffSeconds? }, snapshot }. Hand-built ones live in
 * test/fixtures/signature/<scenario>[.<case>].json; snapshots captured from a
 * real kubelet go in test/fixtures/captured/<scenario>/*.json and are picked
 * up as they are (no `expect` means the signature must match).
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
const captured = existsSync(join(fixtures, 'captured'))
  ? readdirSync(join(fixtures, 'captured'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(fixtures, 'captured', d.name))
          .filter((f) => f.endsWith('.json'))
          .map((f) => [d.name, join(fixtures, 'captured', d.name, f)] as const),
      )
  : [];

describe('signature matching', () => {
  it.each([...handBuilt, ...captured].map(([id, file]) => [basename(file), id, file] as const))(
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
