import type { EvidenceRecord, PodEvidence } from './evidence.js';
import { podTrouble } from './focus.js';

/**
 * When several pods of the same workload are in the evidence and the failing
 * ones all sit on nodes where no healthy one runs, the node is part of the
 * story (architecture, kernel, a full disk), and that is worth saying.
 */
export function nodeCorrelation(record: EvidenceRecord, focus: PodEvidence): string[] {
  const placed = record.pods.filter((p) => p.node && sameWorkload(p, focus));
  if (placed.length < 3) return [];
  const failing = placed.filter((p) => podTrouble(p) > 1);
  const healthy = placed.filter((p) => podTrouble(p) <= 1);
  if (failing.length === 0 || healthy.length === 0) return [];
  const failingNodes = new Set(failing.map((p) => p.node!.value));
  const healthyNodes = new Set(healthy.map((p) => p.node!.value));
  if ([...failingNodes].some((n) => healthyNodes.has(n))) return [];
  return [
    `node-correlated: the failing pods run only on ${[...failingNodes].join(', ')}, while pods on ${[...healthyNodes].join(', ')} are healthy; compare those nodes (architecture, kernel, labels, disk and memory pressure)`,
  ];
}

/** Pods of one ReplicaSet share the name up to the last dash. */
function sameWorkload(a: PodEvidence, b: PodEvidence): boolean {
  const stem = (name: string) => name.replace(/-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{6,10}$/, '');
  return !a.name || !b.name || stem(a.name) === stem(b.name);
}
