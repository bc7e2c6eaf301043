import type { SnapshotKind } from '../cluster/snapshot.js';
import type { KubeObject } from '../scenario/types.js';

/**
 * The lists a check reads for grading, one request each: what every grader
 * and the refused-fix catalogue may look at (pods, deployments, events, and
 * the Secrets and ConfigMaps a fix may add), plus Services with their
 * EndpointSlices and Jobs only when the attempt deployed such objects.
 */
export function gradingKinds(baseline: KubeObject[]): SnapshotKind[] {
  const kinds = new Set(baseline.map((o) => o.kind));
  const out: SnapshotKind[] = ['pods', 'deployments', 'events', 'secrets', 'configMaps'];
  if (kinds.has('Service')) out.push('services', 'endpointSlices');
  if (kinds.has('Job') || kinds.has('CronJob')) out.push('jobs');
  return out;
}
