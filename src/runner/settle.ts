import type { Snapshot } from '../snapshot.js';

/**
 * Whether every Deployment has finished rolling out its latest spec (all
 * replicas updated, no old ones left, nothing terminating) - not whether the
 * pods are healthy, which is for the grader to judge. Returns what is still
 * moving, empty when settled.
 */
export function rolloutPending(snapshot: Snapshot): string[] {
  const pending: string[] = [];
  for (const d of snapshot.deployments) {
    const name = d.metadata?.name ?? '?';
    const want = d.spec?.replicas ?? 1;
    const status = d.status ?? {};
    if ((status.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
      pending.push(`deployment ${name}: new spec not observed yet`);
    } else if ((status.updatedReplicas ?? 0) < want) {
      pending.push(`deployment ${name}: ${status.updatedReplicas ?? 0}/${want} replicas updated`);
    } else if ((status.replicas ?? 0) > want) {
      pending.push(`deployment ${name}: ${(status.replicas ?? 0) - want} old replica(s) still running`);
    }
  }
  const terminating = snapshot.pods.filter((p) => p.metadata?.deletionTimestamp).length;
  if (terminating > 0) pending.push(`${terminating} pod(s) terminating`);
  return pending;
}
