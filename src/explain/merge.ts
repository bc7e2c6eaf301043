import {
  emptyPod,
  emptyRecord,
  markSeen,
  type ContainerEvidence,
  type EvidenceRecord,
  type PodEvidence,
} from './evidence.js';

/**
 * Combines records read from several inputs about the same workload. Pods are
 * matched by name; facts from sources that did not name their pod (a bare
 * log, a describe fragment) join the one pod they most likely belong to.
 */
export function mergeRecords(records: EvidenceRecord[]): EvidenceRecord {
  const merged = emptyRecord();
  const anonymous = emptyPod();
  for (const record of records) {
    merged.notes.push(...record.notes);
    for (const pod of record.pods) {
      if (pod.name === '') {
        mergePod(anonymous, pod);
        continue;
      }
      const existing = merged.pods.find((p) => p.name === pod.name && sameNamespace(p, pod));
      if (existing) mergePod(existing, pod);
      else merged.pods.push(clonePod(pod));
    }
  }
  if (!isEmptyPod(anonymous)) {
    const home = homeForAnonymous(merged.pods);
    if (home) mergePod(home, anonymous);
    else merged.pods.unshift(anonymous);
  }
  return merged;
}

function sameNamespace(a: PodEvidence, b: PodEvidence): boolean {
  return a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace;
}

function isEmptyPod(pod: PodEvidence): boolean {
  return pod.seen.length === 0 && pod.containers.length === 0 && pod.events.length === 0 && pod.logs.length === 0;
}

/** STATUS column values of a pod that is failing, as opposed to healthy, finished or still starting. */
const FAILING_STATUS = /^(?:Init:)?(?:CrashLoopBackOff|Error|OOMKilled|ContainerCannotRun|StartError|RunContainerError|CreateContainerConfigError|CreateContainerError|ImagePullBackOff|ErrImagePull|InvalidImageName|Evicted|Shutdown|Terminated|ContainerStatusUnknown)$/;

/** The pod that fragments without a name most likely describe: the only one, or the only detailed one. */
function homeForAnonymous(pods: PodEvidence[]): PodEvidence | undefined {
  if (pods.length === 1) return pods[0];
  const detailed = pods.filter((p) => p.seen.includes('containerStatus') || p.seen.includes('spec'));
  if (detailed.length === 1) return detailed[0];
  if (detailed.length > 1) return undefined;
  // a list of pods where exactly one is failing: the fragments are about that one
  const failing = pods.filter((p) => FAILING_STATUS.test(p.statusColumn.at(-1)?.value ?? ''));
  return failing.length === 1 ? failing[0] : undefined;
}

function clonePod(pod: PodEvidence): PodEvidence {
  const copy = emptyPod(pod.name);
  mergePod(copy, pod);
  return copy;
}

/** Copies what `from` knows into `into`; facts already known in `into` win over a second reading. */
export function mergePod(into: PodEvidence, from: PodEvidence): void {
  if (!into.name && from.name) into.name = from.name;
  into.namespace ??= from.namespace;
  into.node ??= from.node;
  into.phase ??= from.phase;
  into.reason ??= from.reason;
  into.message ??= from.message;
  into.restartPolicy ??= from.restartPolicy;
  into.ownerKind ??= from.ownerKind;
  if (from.restartsColumn !== undefined) into.restartsColumn = from.restartsColumn;
  into.readyColumn = from.readyColumn ?? into.readyColumn;
  into.statusColumn.push(...from.statusColumn);
  into.conditions.push(...from.conditions.filter((c) => !into.conditions.some((k) => k.value.type === c.value.type)));
  into.events.push(...from.events);
  into.logs.push(...from.logs);
  into.serviceTargetPorts.push(...from.serviceTargetPorts);
  for (const container of from.containers) mergeContainer(into, container);
  markSeen(into, ...from.seen);
}

function mergeContainer(pod: PodEvidence, from: ContainerEvidence): void {
  let target = pod.containers.find((c) => c.name === from.name && c.isInit === from.isInit);
  if (!target && from.name === '' && pod.containers.length > 0) {
    const sameKind = pod.containers.filter((c) => c.isInit === from.isInit);
    if (sameKind.length === 1) target = sameKind[0];
  }
  if (!target && from.name !== '') {
    const unnamed = pod.containers.find((c) => c.name === '' && c.isInit === from.isInit);
    if (unnamed) {
      unnamed.name = from.name;
      target = unnamed;
    }
  }
  if (!target) {
    pod.containers.push({ ...from, probes: [...from.probes], ports: [...from.ports], envNames: [...from.envNames] });
    return;
  }
  target.image ??= from.image;
  target.command ??= from.command;
  target.ready ??= from.ready;
  target.restartCount ??= from.restartCount;
  target.state ??= from.state;
  target.lastState ??= from.lastState;
  if (target.probes.length === 0) target.probes.push(...from.probes);
  if (target.ports.length === 0) target.ports.push(...from.ports);
  for (const env of from.envNames) if (!target.envNames.includes(env)) target.envNames.push(env);
  for (const ref of from.configRefs) if (!target.configRefs.includes(ref)) target.configRefs.push(ref);
  target.limits = { ...from.limits, ...target.limits };
}
