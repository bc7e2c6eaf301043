import type { Pod, Service } from '../kube/wire.js';
import type { Snapshot } from '../snapshot.js';
import { emptyRecord, fact, markSeen, type EvidenceRecord, type PodEvidence } from './evidence.js';
import { eventToEvidence } from './parse-events.js';
import { podToEvidence } from './parse-pod.js';
import { cleanText } from './text.js';

/**
 * Turns a live snapshot into evidence: pods with their spec and status, the
 * events about each, previous logs per container (current logs when there
 * are no previous ones) and the targetPorts of Services that select them.
 */
export function snapshotToRecord(snapshot: Snapshot): EvidenceRecord {
  const record = emptyRecord();
  for (const pod of snapshot.pods) {
    const evidence = podToEvidence(pod);
    evidence.namespace ??= snapshot.namespace;
    markSeen(evidence, 'events', 'logs');
    for (const event of snapshot.events) {
      const object = event.involvedObject;
      if (object?.kind === 'Pod' && object.name === evidence.name) evidence.events.push(eventToEvidence(event, 'events'));
      if (object?.kind === 'Node' && object.name === pod.spec?.nodeName) evidence.events.push(eventToEvidence(event, 'events'));
    }
    addLogs(evidence, snapshot);
    addServicePorts(evidence, pod, snapshot.services);
    record.pods.push(evidence);
  }
  return record;
}

function addLogs(evidence: PodEvidence, snapshot: Snapshot): void {
  const prefix = `${evidence.name}/`;
  for (const [key, text] of Object.entries(snapshot.previousLogs)) {
    if (!key.startsWith(prefix) || !text.trim()) continue;
    evidence.logs.push({ container: key.slice(prefix.length), previous: true, lines: cleanText(text).split('\n') });
  }
  for (const [key, text] of Object.entries(snapshot.currentLogs)) {
    const container = key.slice(prefix.length);
    if (!key.startsWith(prefix) || !text.trim() || evidence.logs.some((l) => l.container === container)) continue;
    evidence.logs.push({ container, previous: false, lines: cleanText(text).split('\n') });
  }
}

function addServicePorts(evidence: PodEvidence, pod: Pod, services: Service[]): void {
  const labels = pod.metadata?.labels ?? {};
  for (const service of services) {
    const selector = service.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) continue;
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      evidence.serviceTargetPorts.push(fact(target, 'pod', `service/${service.metadata?.name ?? '?'} targetPort: ${target}`));
    }
  }
}
