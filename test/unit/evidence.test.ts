import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod } from '../../src/kube/wire.js';
import { judgeEvidence, liveFacts } from '../../src/runner/evidence.js';
import { emptySnapshot, type Snapshot } from '../../src/snapshot.js';
import { oomScenario } from './support/stub-catalog.js';
import type { Scenario } from '../../src/scenario/types.js';

function crashingPod(name: string, terminated: { reason: string; exitCode: number }, waiting = 'CrashLoopBackOff'): Pod {
  return {
    metadata: { name, namespace: 'crashlab-t1' },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'api',
          image: 'busybox:1.36',
          imageID: '',
          ready: false,
          restartCount: 4,
          state: { waiting: { reason: waiting, message: `back-off 40s restarting failed container=api pod=${name}` } },
          lastState: { terminated: { ...terminated, finishedAt: '2025-01-01T00:00:00Z', startedAt: '2025-01-01T00:00:00Z' } },
        },
      ],
    },
  };
}

function event(pod: string, reason: string, message: string): KubeEvent {
  return { metadata: { name: `${pod}.1` }, involvedObject: { kind: 'Pod', name: pod }, reason, message, type: 'Warning' };
}

function snapshot(pods: Pod[], events: KubeEvent[] = [], previousLogs: Record<string, string> = {}): Snapshot {
  return { ...emptySnapshot('crashlab-t1'), pods, events, previousLogs };
}

const oomNow = snapshot(
  [crashingPod('pricing-7d9-abc', { reason: 'OOMKilled', exitCode: 137 })],
  [event('pricing-7d9-abc', 'BackOff', 'Back-off restarting failed container api')],
  { 'pricing-7d9-abc/api': 'pricing: caching the price table in memory (64 MiB)\n' },
);

describe('evidence judged against live state', () => {
  it('passes a learner who quotes the live last state, in their own format', () => {
    for (const answer of ['Last State: Terminated, Reason: OOMKilled, Exit Code: 137', 'oomkilled exit 137', 'exitCode 137 reason OOMKilled']) {
      expect(judgeEvidence(oomScenario, {}, oomNow, [answer]).outcome, answer).toBe('pass');
    }
  });

  it('fails a claim the cluster does not show, saying what it does show', () => {
    const judged = judgeEvidence(oomScenario, {}, oomNow, ['OOMKilled exit 1']);
    expect(judged.outcome).toBe('fail');
    expect(judged.reason).toContain('Reason: OOMKilled, Exit Code: 137');
  });

  it('follows the live values, not a stored key: the same answer fails once the pod shows otherwise', () => {
    const errorNow = snapshot([crashingPod('pricing-7d9-abc', { reason: 'Error', exitCode: 1 })]);
    expect(judgeEvidence(oomScenario, {}, errorNow, ['OOMKilled 137']).outcome).toBe('fail');
  });

  it('calls a true but non-decisive observation what it is', () => {
    const judged = judgeEvidence(oomScenario, {}, oomNow, ['the container is in CrashLoopBackOff']);
    expect(judged.outcome).toBe('fail');
    expect(judged.reason).toMatch(/^true \(State: Waiting, Reason: CrashLoopBackOff\) but it does not tell this cause from the others/);
  });

  it('is unmeasured while no pod shows decisive facts', () => {
    expect(judgeEvidence(oomScenario, {}, snapshot([]), ['OOMKilled 137']).outcome).toBe('unmeasured');
  });

  it('accepts a line of the crashed instance log, quoted in part', () => {
    const logScenario: Scenario = { ...oomScenario, cause: 'app-error', evidence: ['previous-log'] };
    const s = snapshot([crashingPod('p1', { reason: 'Error', exitCode: 1 })], [], {
      'p1/api': 'starting\nError: cannot parse PRICE_TABLE: unexpected token at line 3\n',
    });
    expect(judgeEvidence(logScenario, {}, s, ['cannot parse PRICE_TABLE: unexpected token']).outcome).toBe('pass');
    expect(judgeEvidence(logScenario, {}, s, ['cannot parse']).outcome).toBe('fail');
  });

  it('accepts a telling event by reason and enough of its message, skipping generic ones', () => {
    const probeScenario: Scenario = { ...oomScenario, cause: 'liveness-probe', evidence: ['event'] };
    const s = snapshot(
      [crashingPod('p2', { reason: 'Error', exitCode: 137 })],
      [
        event('p2', 'BackOff', 'Back-off restarting failed container api'),
        event('p2', 'Unhealthy', 'Liveness probe failed: Get "http://10.244.0.7:8080/healthz": context deadline exceeded'),
      ],
    );
    expect(liveFacts(s, 'api').filter((f) => f.kind === 'event').map((f) => f.text)).toEqual([
      'Event Unhealthy: Liveness probe failed: Get "http://10.244.0.7:8080/healthz": context deadline exceeded',
    ]);
    expect(judgeEvidence(probeScenario, {}, s, ['Unhealthy: Liveness probe failed, context deadline exceeded on /healthz']).outcome).toBe('pass');
    expect(judgeEvidence(probeScenario, {}, s, ['Unhealthy']).outcome).toBe('fail');
  });

  it('reads init container facts for an init: signature, with the container name from the params', () => {
    const pod: Pod = {
      metadata: { name: 'p3' },
      status: {
        initContainerStatuses: [
          { name: 'migrate', image: 'busybox', imageID: '', ready: false, restartCount: 3, lastState: { terminated: { reason: 'Error', exitCode: 2 } } },
        ],
      },
    };
    const initScenario: Scenario = { ...oomScenario, signature: { container: 'init:{{job}}' } };
    expect(judgeEvidence(initScenario, { job: 'migrate' }, snapshot([pod]), ['init container migrate: Error, exit code 2']).outcome).toBe('pass');
  });
});

describe('the decisive fact named back to the learner', () => {
  it("follows the scenario's order of preference and the crash's last log line", () => {
    const scenario: Scenario = { ...oomScenario, cause: 'missing-config', evidence: ['previous-log', 'last-state'] };
    const s = snapshot([crashingPod('inv-1', { reason: 'Error', exitCode: 1 })], [], {
      'inv-1/api': 'invoices: starting\ninvoices: fatal: DATABASE_URL is empty or unset, refusing to start\n',
    });
    const judged = judgeEvidence(scenario, {}, s, ['it is crash looping']);
    expect(judged.reason).toContain('decisive was: Previous log: invoices: fatal: DATABASE_URL is empty or unset, refusing to start');
  });
});

describe('an event named by the signature', () => {
  it('credits the liveness failure, not the readiness failure with the same reason', () => {
    const scenario: Scenario = {
      ...oomScenario,
      cause: 'liveness-probe',
      evidence: ['event'],
      signature: { container: 'api', event: { reason: 'Unhealthy', message: 'Liveness probe failed' } },
    };
    const s = snapshot(
      [crashingPod('p4', { reason: 'Error', exitCode: 137 })],
      [
        event('p4', 'Unhealthy', 'Readiness probe failed: Get "http://10.88.0.27:8000/healthz": dial tcp 10.88.0.27:8000: connect: connection refused'),
        event('p4', 'Unhealthy', 'Liveness probe failed: Get "http://10.88.0.27:8000/healthz": dial tcp 10.88.0.27:8000: connect: connection refused'),
      ],
    );
    const readiness = judgeEvidence(scenario, {}, s, ['Unhealthy: Readiness probe failed: Get "http://10.88.0.27:8000/healthz": connection refused']);
    expect(readiness.outcome).toBe('fail');
    expect(readiness.reason).toMatch(/^true .* decisive was: Event Unhealthy: Liveness probe failed/);
    expect(judgeEvidence(scenario, {}, s, ['Unhealthy Liveness probe failed, connection refused on /healthz']).outcome).toBe('pass');
  });
});
