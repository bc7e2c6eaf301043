import type { EvidenceRecord, PodEvidence } from './evidence.js';
import { podTrouble } from './focus.js';

/**
 * When several pods of the same workload are in the evidence and the failing
 * ones all sit on nodes where no healthy one runs, the node is part of the
 * story (architecture, kernel, a full disk), and that is worth saying.
 */
export function nodeCorrelation(record: EvidenceRecord, focus: PodEvidence): string[] {
  const placed = workloadOf(record, focus).filter((p) => p.node);
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
function stem(name: string): string {
  return name.replace(/-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{6,10}$/, '');
}

/** Pods grouped by workload once per record, so explaining every pod of a long list stays linear. */
const groups = new WeakMap<EvidenceRecord, { byStem: Map<string, PodEvidence[]>; unnamed: PodEvidence[] }>();

/** The pods of the focus pod's workload; a pod whose name is unknown could belong to any. */
function workloadOf(record: EvidenceRecord, focus: PodEvidence): PodEvidence[] {
  let index = groups.get(record);
  if (!index) {
    index = { byStem: new Map(), unnamed: [] };
    for (const pod of record.pods) {
      if (!pod.name) index.unnamed.push(pod);
      else index.byStem.set(stem(pod.name), [...(index.byStem.get(stem(pod.name)) ?? []), pod]);
    }
    groups.set(record, index);
  }
  if (!focus.name) return record.pods;
  return [...(index.byStem.get(stem(focus.name)) ?? []), ...index.unnamed];
}
