import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { KubeEvent, Pod } from '../../src/kube/wire.js';
import { loadScenarios, renderFix } from '../../src/scenario/loader.js';
import { resolveSignature, type ResolvedSignature } from '../../src/scenario/signature.js';
import type { Scenario } from '../../src/scenario/types.js';
import { capture, e2eContext, Learner } from './harness.js';
import { captureDir, trialsOf } from './trials.js';

const scenarios = loadScenarios();
const only = process.env.CRASHLAB_E2E_ONLY?.split(',');
const selected = only ? scenarios.filter((s) => only.includes(s.id)) : scenarios;
const AUDIT_LOG = process.env.CRASHLAB_AUDIT_LOG ?? '/var/lib/crashlab-cluster/logs/audit.log';
const suiteStartedAt = new Date();
const namespacesCreated = new Set<string>();
let context = '';

interface CheckJson {
  verdict: { passed: boolean; incomplete: boolean; refused: { id: string; reason: string }[]; criteria: { id: string; outcome: string; message: string }[] };
}

beforeAll(async () => {
  context = await e2eContext();
});

function statusOf(pod: Pod, sig: ResolvedSignature) {
  const list = sig.init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  return list?.find((s) => s.name === sig.container);
}

/** Reads the live pods and asserts the scenario's exact signature on one of them, independently of crashlab's own matcher. */
async function assertSignature(learner: Learner, scenario: Scenario, namespace: string, params: Record<string, string | number>) {
  const sig = resolveSignature(scenario.signature, params);
  const pods = JSON.parse((await learner.kubectl('-n', namespace, 'get', 'pods', '-o', 'json')).stdout).items as Pod[];
  const events = JSON.parse((await learner.kubectl('-n', namespace, 'get', 'events', '-o', 'json')).stdout).items as KubeEvent[];
  const pod = pods.find((p) => statusOf(p, sig)?.lastState?.terminated ?? statusOf(p, sig)?.state?.waiting);
  expect(pod, `a pod with container ${sig.container} that has crashed or waits`).toBeDefined();
  const status = statusOf(pod!, sig)!;
  const last = status.lastState?.terminated;
  if (sig.terminatedReason) expect(last?.reason, 'lastState.terminated.reason').toBe(sig.terminatedReason);
  if (sig.exitCode !== undefined) expect(last?.exitCode, 'lastState.terminated.exitCode').toBe(sig.exitCode);
  if (sig.minRestarts) expect(status.restartCount, 'restartCount').toBeGreaterThanOrEqual(sig.minRestarts);
  if (sig.event) {
    const podEvents = events.filter((e) => e.involvedObject?.name === pod!.metadata?.name);
    expect(podEvents.some((e) => e.reason === sig.event!.reason && (e.message ?? '').includes(sig.event!.message)),
      `event ${sig.event.reason} "${sig.event.message}" on ${pod!.metadata?.name}: ${podEvents.map((e) => `${e.reason}: ${e.message}`).join(' | ')}`).toBe(true);
  }
  if (sig.previousLog) {
    const log = await learner.kubectl('-n', namespace, 'logs', pod!.metadata!.name!, '-c', sig.container, '--previous');
    expect(log.stdout, 'previous log').toContain(sig.previousLog);
  }
  if (sig.waitingReason) {
    // The waiting reason flips between back-off and a fresh start; it must be seen within a few polls.
    let seen = status.state?.waiting?.reason;
    for (let poll = 0; poll < 60 && seen !== sig.waitingReason; poll++) {
      await new Promise((r) => setTimeout(r, 1000));
      const again = JSON.parse((await learner.kubectl('-n', namespace, 'get', 'pod', pod!.metadata!.name!, '-o', 'json')).stdout) as Pod;
      seen = statusOf(again, sig)?.state?.waiting?.reason;
    }
    expect(seen, 'state.waiting.reason').toBe(sig.waitingReason);
  }
  return { pod: pod!.metadata!.name!, container: sig.container };
}

async function applyFix(learner: Learner, commands: string[]) {
  for (const command of commands) {
    const result = await learner.shell(command);
    expect(result.code, `${command}\n${result.stderr}`).toBe(0);
  }
}

describe('every scenario on a real kubelet', () => {
  const trials = selected.flatMap((s) => trialsOf(s, scenarios.indexOf(s)));

  test.concurrent.each(trials.map((t) => [`${t.scenario.id} ${t.label}`, t] as const))('%s', async (_name, trial) => {
    const { scenario } = trial;
    const learner = new Learner(context);
    const started = await learner.crashlabJson<{ namespace: string }>('start', scenario.id, '--no-prompt', '--yes', '--seed', String(trial.seed), '--context', context);
    expect(started.code, started.stderr).toBe(0);
    const { namespace, params } = learner.attemptState();
    namespacesCreated.add(namespace);
    try {
      if (trial.kind === 'base') {
        if (trial.shape !== undefined) expect(String(params.shape), 'drawn sub-shape').toBe(trial.shape);
        const broken = await assertSignature(learner, scenario, namespace, params);
        await capture(learner, captureDir(trial), namespace, broken.pod, broken.container);

        const explained = await learner.crashlabJson<{ cause: string }>('explain', broken.pod, '-n', namespace, '--context', context);
        expect(explained.body.cause, `live explain of ${scenario.id}`).toBe(scenario.cause);

        const untouched = await learner.crashlabJson<CheckJson>('check');
        expect(untouched.code, 'check on the untouched broken workload').not.toBe(0);
        expect(untouched.body.verdict.passed).toBe(false);
        learner.keepLastCheck(scenario.id, trial.label.replace('reference-fix', 'untouched'));

        const reset = await learner.crashlab('reset');
        expect(reset.code, reset.stderr).toBe(0);
        await applyFix(learner, renderFix(scenario.referenceFix, params, namespace).commands);
        await expectPassing(learner, scenario.id, trial.label, 'the reference fix');
      } else if (trial.kind === 'accepted') {
        await applyFix(learner, renderFix(trial.fix, params, namespace).commands);
        await expectPassing(learner, scenario.id, trial.label, `the alternative "${trial.fix.description}"`);
      } else {
        await applyFix(learner, renderFix(trial.fix, params, namespace).commands);
        const check = await learner.crashlabJson<CheckJson>('check');
        learner.keepLastCheck(scenario.id, trial.label);
        expect(check.code, `check after "${trial.fix.description}"`).not.toBe(0);
        expect(check.body.verdict.passed).toBe(false);
        const named = trial.kind === 'refused'
          ? check.body.verdict.refused.map((r) => r.id)
          : [...check.body.verdict.criteria.filter((c) => c.outcome === 'fail').map((c) => c.id), ...check.body.verdict.refused.map((r) => r.id)];
        expect(named, `what the check names after "${trial.fix.description}"`).toContain(trial.expected);
      }
    } finally {
      const cleanup = await learner.crashlab('cleanup');
      expect(cleanup.code, cleanup.stderr).toBe(0);
    }
  });
});

async function expectPassing(learner: Learner, scenarioId: string, label: string, what: string) {
  const check = await learner.crashlabJson<CheckJson>('check');
  learner.keepLastCheck(scenarioId, label);
  const failing = check.body.verdict.criteria.filter((c) => c.outcome !== 'pass').map((c) => `${c.id}: ${c.message}`);
  expect(failing, `criteria after ${what}`).toEqual([]);
  expect(check.body.verdict.refused, `refused after ${what}`).toEqual([]);
  expect(check.body.verdict.passed).toBe(true);
  expect(check.code).toBe(0);
}

interface AuditEvent {
  verb: string;
  userAgent?: string;
  stageTimestamp: string;
  objectRef?: { resource?: string; namespace?: string; name?: string };
}

describe('what crashlab wrote', () => {
  test.skipIf(!existsSync(AUDIT_LOG))('every write went to a namespace crashlab created, and none is left behind', async () => {
    const events = readFileSync(AUDIT_LOG, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent);
    const byCrashlab = events.filter((e) => (e.userAgent ?? '').startsWith('crashlab/'));
    // Namespaces crashlab itself created, as the server recorded them.
    const created = new Set(byCrashlab.filter((e) => e.verb === 'create' && e.objectRef?.resource === 'namespaces').map((e) => e.objectRef?.name));
    for (const namespace of namespacesCreated) expect(created.has(namespace), `audit log records the creation of ${namespace}`).toBe(true);
    const writes = byCrashlab
      .filter((e) => new Date(e.stageTimestamp) >= suiteStartedAt)
      .filter((e) => ['create', 'update', 'patch', 'delete', 'deletecollection'].includes(e.verb))
      // An access review is a question to the server, stored nowhere.
      .filter((e) => !(e.objectRef?.resource ?? '').startsWith('selfsubject'));
    expect(writes.length, 'crashlab writes seen in the audit log').toBeGreaterThan(0);
    const stray = writes.filter((e) => {
      const target = e.objectRef?.resource === 'namespaces' ? e.objectRef.name : e.objectRef?.namespace;
      return !target || !created.has(target);
    });
    expect(stray.map((e) => `${e.verb} ${e.objectRef?.resource} ${e.objectRef?.namespace ?? ''}/${e.objectRef?.name ?? ''}`)).toEqual([]);

    const learner = new Learner(context);
    let left: string[] = [];
    for (let poll = 0; poll < 120; poll++) {
      const result = await learner.kubectl('get', 'namespaces', '-l', 'app.kubernetes.io/managed-by=crashlab', '-o', 'jsonpath={.items[*].metadata.name}');
      left = result.stdout.split(/\s+/).filter((name) => namespacesCreated.has(name));
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(left, 'crashlab namespaces still present').toEqual([]);
  });
});
