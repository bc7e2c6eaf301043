import { emptyPod, emptyRecord, fact, markSeen, type EvidenceRecord, type PodEvidence } from './evidence.js';

const ROW = /^(\S+)\s+(\S+\s+)?(\d+\/\d+)\s+(\S+)\s+(\d+)(?:\s+\([^)]*\))?\s+(\S+)(?:\s+(\S+)\s+(\S+))?/;
export const GET_PODS_HEADER = /^\s*(NAMESPACE\s+)?NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\b/;

/**
 * Reads `kubectl get pods` tables, with or without NAMESPACE, -o wide's IP
 * and NODE, and `--watch` lines that repeat a pod as its STATUS changes.
 * The STATUS column is kept per pod in order, as weak evidence only.
 */
export function parseGetPods(lines: string[]): EvidenceRecord {
  const record = emptyRecord();
  let wide = false;
  let namespaced = false;
  for (const line of lines) {
    const header = GET_PODS_HEADER.exec(line);
    if (header) {
      namespaced = Boolean(header[1]);
      wide = /\bNODE\b/.test(line);
      continue;
    }
    const row = readRow(line.trim(), namespaced);
    if (!row) continue;
    let pod = record.pods.find((p) => p.name === row.name && p.namespace === row.namespace);
    if (!pod) {
      pod = emptyPod(row.name);
      pod.namespace = row.namespace;
      record.pods.push(pod);
    }
    pod.statusColumn.push(fact(row.status, 'get-pods', line));
    pod.restartsColumn = row.restarts;
    markSeen(pod, 'statusColumn');
    if ((wide || row.node) && row.node && row.node !== '<none>') {
      pod.node = fact(row.node, 'get-pods', line);
      markSeen(pod, 'node');
    }
    pod.readyColumn = row.ready;
  }
  return record;
}

interface Row {
  namespace?: string;
  name: string;
  ready: string;
  status: string;
  restarts: number;
  node?: string;
}

function readRow(line: string, namespaced: boolean): Row | undefined {
  const match = ROW.exec(line);
  if (!match) return undefined;
  const [, first, second, ready, status, restarts, , ip, node] = match;
  const hasNamespace = namespaced || Boolean(second);
  const looksLikeIp = ip !== undefined && (/^\d+\.\d+\.\d+\.\d+$/.test(ip) || ip === '<none>' || ip.includes(':'));
  return {
    namespace: hasNamespace ? first : undefined,
    // `kubectl get all` and `get pods,nodes` print pods as pod/<name>
    name: (hasNamespace ? second!.trim() : first!).replace(/^pods?\//, ''),
    ready: ready!,
    status: status!,
    restarts: Number(restarts),
    node: looksLikeIp ? node : undefined,
  };
}
