import { collectSnapshot, type Cluster } from '../cluster/index.js';
import { watchPodChanges, type PodChanges } from '../cluster/pod-changes.js';
import type { Params, Scenario } from '../scenario/types.js';
import type { Snapshot } from '../snapshot.js';
import type { Progress } from '../ui/progress.js';
import { maxRestarts, nextRestartIn } from './backoff.js';
import type { Catalog, SignatureResult } from './catalog.js';
import { pollUntil } from './poll.js';

export interface ReproduceOptions {
  cluster: Cluster;
  namespace: string;
  scenario: Scenario;
  params: Params;
  catalog: Catalog;
  progress: Progress;
  timeoutSeconds: number;
  signal?: AbortSignal;
}

/** The progress line while waiting; it shows what `kubectl get pods` would, never the failure it waits for. */
export function reproduceLine(snapshot: Snapshot, elapsedSeconds: number, now = new Date()): string {
  const restarts = maxRestarts(snapshot.pods);
  const next = snapshot.pods.map((p) => nextRestartIn(p, now)).filter((s): s is number => s !== undefined);
  const phases = new Map<string, number>();
  let ready = 0;
  for (const pod of snapshot.pods) {
    const phase = pod.status?.phase ?? 'Pending';
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
    if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ready += 1;
  }
  const podText =
    snapshot.pods.length === 0
      ? 'no pods yet'
      : `${[...phases].map(([phase, n]) => `${n} ${phase}`).join(', ')} (${ready}/${snapshot.pods.length} ready)`;
  const parts = ['waiting for the failure to show in live pod state', `pods: ${podText}`, `${restarts} restart${restarts === 1 ? '' : 's'}`];
  if (next.length > 0) parts.push(`kubelet restarts it in ~${Math.min(...next)}s`);
  parts.push(`${elapsedSeconds}s elapsed`);
  return parts.join(', ');
}

/**
 * Waits until the scenario's signature matches live pod state (not merely
 * "not Ready"). Each read takes pods and events, plus previous logs when the
 * signature needs them; a watch on the pods triggers the next read the moment
 * one changes, with a read every few seconds regardless (events and logs can
 * arrive after the pod change that announced them).
 */
export async function waitForFailure(options: ReproduceOptions): Promise<{ snapshot: Snapshot; elapsedSeconds: number }> {
  // a pod change (a crash, a restart) wakes the next read at once; the interval is only the fallback
  const changes = await watchPodChanges(options.cluster, options.namespace);
  try {
    return await pollForSignature(options, changes);
  } finally {
    changes.stop();
  }
}

async function pollForSignature(options: ReproduceOptions, changes: PodChanges): Promise<{ snapshot: Snapshot; elapsedSeconds: number }> {
  const { cluster, namespace, scenario, params, catalog } = options;
  const watch = catalog.watchSignature(scenario, params);
  let lastResult: SignatureResult = { matched: false, missing: [] };
  const needsLogs = scenario.signature.previousLog !== undefined;
  const { value, elapsedSeconds } = await pollUntil<Snapshot>({
    probe: async () => {
      const snapshot = await collectSnapshot(cluster, namespace, {
        kinds: ['pods', 'events'],
        logs: needsLogs ? 'previous' : 'none',
      });
      lastResult = watch(snapshot);
      return snapshot;
    },
    done: () => lastResult.matched,
    describe: (snapshot, elapsed) => reproduceLine(snapshot, elapsed),
    timeoutMessage: (snapshot, waited) =>
      `the workload in ${namespace} did not show its failure within ${waited}s` +
      `${snapshot ? ` (${maxRestarts(snapshot.pods)} restarts seen)` : ''}; ` +
      `look with 'kubectl -n ${namespace} get pods,events', try 'crashlab reset', or remove it with 'crashlab cleanup'`,
    timeoutSeconds: options.timeoutSeconds,
    progress: options.progress,
    signal: options.signal,
    wait: (ms, signal) => changes.next(ms, signal),
  });
  return { snapshot: value, elapsedSeconds };
}
