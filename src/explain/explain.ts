import type { Snapshot } from '../snapshot.js';
import { diagnose, type Diagnosis } from './engine.js';
import type { EvidenceRecord } from './evidence.js';
import { troubledPods } from './focus.js';
import { snapshotToRecord } from './from-snapshot.js';
import { readInputs, type ExplainInput } from './inputs.js';

/**
 * Explains one pod of a live snapshot: the named pod, or the one in most
 * trouble. Pure: graders, hints and tests call it with captured snapshots.
 */
export function explainSnapshot(snapshot: Snapshot, podName?: string, container?: string): Diagnosis {
  return diagnose(snapshotToRecord(snapshot), { pod: podName, container });
}

/** Explains every pod of a snapshot that looks unhealthy (for a selector or a namespace). */
export function explainSnapshotAll(snapshot: Snapshot): Diagnosis[] {
  return explainEvery(snapshotToRecord(snapshot));
}

/** Explains pasted or saved kubectl output (describe, get, events, logs, pod YAML/JSON, or a mix). */
export function explainText(inputs: ExplainInput[] | string, podName?: string, container?: string): Diagnosis {
  const list = typeof inputs === 'string' ? [{ kind: 'paste' as const, text: inputs }] : inputs;
  return diagnose(readInputs(list), { pod: podName, container });
}

function explainEvery(record: EvidenceRecord): Diagnosis[] {
  const pods = troubledPods(record);
  return pods.map((pod) => diagnose(record, { pod: pod.name }));
}
