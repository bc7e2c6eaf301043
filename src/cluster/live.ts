import type { Snapshot } from '../snapshot.js';
import type { Cluster } from './cluster.js';
import { collectSnapshot } from './snapshot.js';

/** What `crashlab explain` asks to read from a live cluster. */
export interface LiveTarget {
  pod?: string;
  namespace?: string;
  selector?: string;
  allNamespaces?: boolean;
}

/** At most this many namespaces are read for --all-namespaces. */
const MAX_NAMESPACES = 10;

/** The namespace the kubeconfig context names, as kubectl would default to. */
export function contextNamespace(cluster: Cluster): string {
  return cluster.kubeConfig.getContextObject(cluster.context)?.namespace ?? 'default';
}

/**
 * Reads what explain needs, read-only: one namespace's snapshot (optionally
 * only pods matching a selector), or with allNamespaces a snapshot of each
 * namespace holding a pod that is restarting or not ready.
 */
export async function collectLive(cluster: Cluster, target: LiveTarget): Promise<Snapshot[]> {
  if (!target.allNamespaces) {
    const namespace = target.namespace ?? contextNamespace(cluster);
    return [await collectSnapshot(cluster, namespace, { labelSelector: target.selector })];
  }
  const pods = await cluster.call('list pods in all namespaces', () =>
    cluster.core.listPodForAllNamespaces({ labelSelector: target.selector }),
  );
  const troubled = new Set<string>();
  for (const pod of pods.items) {
    const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    const unhappy = pod.status?.phase === 'Pending' || statuses.some((s) => s.restartCount > 0 || s.state?.waiting);
    if (unhappy && pod.metadata?.namespace) troubled.add(pod.metadata.namespace);
  }
  const namespaces = [...troubled].sort().slice(0, MAX_NAMESPACES);
  return Promise.all(namespaces.map((ns) => collectSnapshot(cluster, ns, { labelSelector: target.selector })));
}
