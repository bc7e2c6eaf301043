import type { ContainerEvidence, EvidenceRecord, PodEvidence } from './evidence.js';

const TROUBLE_WAITING = /^(CrashLoopBackOff|ImagePullBackOff|ErrImagePull|InvalidImageName|ErrImageNeverPull|CreateContainerConfigError|CreateContainerError|RunContainerError|StartError|RegistryUnavailable|ImageInspectError)$/;
const HEALTHY_STATUS = /^(Running|Completed|Succeeded)$/;
/** Statuses of a pod on its way up, which say less than a failure does. */
const STARTING_STATUS = /^(ContainerCreating|PodInitializing|Pending|Terminating|Init:\d+\/\d+)$/;

/** How strongly a container looks like the one that is failing; 0 means it looks fine. */
export function troubleScore(container: ContainerEvidence): number {
  let score = 0;
  const state = container.state?.value;
  if (container.isInit && state?.kind === 'terminated' && state.exitCode === 0) return 0;
  if (state?.kind === 'waiting' && state.reason && TROUBLE_WAITING.test(state.reason)) score += 10;
  if (state?.kind === 'terminated' && (state.exitCode !== 0 || container.isInit === false)) score += 6;
  const last = container.lastState?.value;
  if (last && (last.exitCode !== 0 || !container.isInit)) score += 4;
  const restarts = container.restartCount?.value ?? 0;
  if (restarts > 0) score += 3 + Math.min(restarts, 50) / 10;
  if (container.isInit && state?.kind === 'running' && restarts > 0) score += 2;
  return score;
}

/**
 * The container to explain: an init container that has not completed comes
 * first, because nothing after it runs; otherwise the app container with the
 * most trouble (waiting reason, last termination, climbing restart count).
 */
export function failingContainer(pod: PodEvidence, wanted?: string): ContainerEvidence | undefined {
  if (wanted) {
    const named = pod.containers.find((c) => c.name === wanted);
    if (named) return named;
  }
  const init = pod.containers.filter((c) => c.isInit && troubleScore(c) > 0);
  if (init.length > 0) return maxBy(init, troubleScore);
  const app = pod.containers.filter((c) => !c.isInit && troubleScore(c) > 0);
  if (app.length > 0) return maxBy(app, troubleScore);
  const named = pod.containers.filter((c) => c.name !== '' || pod.containers.length === 1);
  return named.length === 1 ? named[0] : undefined;
}

/** How much a pod looks like it needs explaining. */
export function podTrouble(pod: PodEvidence): number {
  let score = Math.max(0, ...pod.containers.map(troubleScore));
  const status = pod.statusColumn.at(-1)?.value;
  if (status && !HEALTHY_STATUS.test(status)) score += STARTING_STATUS.test(status) ? 3 : 6;
  if ((pod.restartsColumn ?? 0) > 0) score += 2;
  if (pod.reason) score += 8;
  // stopped by its node: as telling as a pod-level reason
  if (pod.conditions.some((c) => c.value.type === 'DisruptionTarget' && c.value.status === 'True') || pod.events.some((e) => e.reason === 'Shutdown')) score += 8;
  if (pod.phase?.value === 'Pending' || pod.phase?.value === 'Failed') score += 4;
  if (pod.events.some((e) => e.type === 'Warning')) score += 2;
  if (pod.logs.length > 0) score += 1;
  return score;
}

/** The pod to explain: the named one, else the one in most trouble. */
export function pickPod(record: EvidenceRecord, name?: string): PodEvidence | undefined {
  if (name) {
    return record.pods.find((p) => p.name === name) ?? record.pods.find((p) => p.name.startsWith(name));
  }
  if (record.pods.length === 0) return undefined;
  return maxBy(record.pods, podTrouble);
}

/** Pods that look unhealthy, for explaining a whole selector or namespace. */
export function troubledPods(record: EvidenceRecord): PodEvidence[] {
  return record.pods.filter((p) => podTrouble(p) > 1);
}

function maxBy<T>(items: T[], score: (item: T) => number): T | undefined {
  let best: T | undefined;
  let bestScore = -Infinity;
  for (const item of items) {
    const s = score(item);
    if (s > bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}
