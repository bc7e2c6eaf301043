import { emptyPod, emptyRecord, markSeen, type EvidenceRecord, type LogEvidence } from './evidence.js';

/** kubectl's own complaints, which say something about the container but are not its output. */
const KUBECTL_NOISE = /^(?:Error from server|error: (?:container|a container name|the server|unable)|unable to retrieve container logs|Defaulted container|failed to try resolving symlinks|Unable to connect to the server)/;
const PREFIXED = /^\[pod\/([^/\]]+)\/([^\]]+)\]\s?(.*)$/;

/**
 * Reads `kubectl logs` output (usually `--previous`). Lines written with
 * `--prefix` name their pod and container; otherwise the caller says which
 * container, when it knows.
 */
export function parseLogs(lines: string[], container?: string, previous?: boolean): EvidenceRecord {
  const record = emptyRecord();
  const groups = new Map<string, LogEvidence & { pod: string }>();
  for (const raw of lines) {
    if (raw.trim() === '' || KUBECTL_NOISE.test(raw.trim())) continue;
    const prefixed = PREFIXED.exec(raw);
    const pod = prefixed?.[1] ?? '';
    const name = prefixed?.[2] ?? container;
    const key = `${pod}/${name ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { pod, container: name, previous, lines: [] };
      groups.set(key, group);
    }
    group.lines.push((prefixed?.[3] ?? raw).trimEnd());
  }
  for (const group of groups.values()) {
    let pod = record.pods.find((p) => p.name === group.pod);
    if (!pod) {
      pod = emptyPod(group.pod);
      record.pods.push(pod);
    }
    pod.logs.push({ container: group.container, previous: group.previous, lines: group.lines });
    markSeen(pod, 'logs');
  }
  return record;
}
