import type { Pod } from '../kube/wire.js';

/** Parses a Go duration as the kubelet prints it ("40s", "1m20s", "5m0s") into seconds. */
export function parseGoDuration(text: string): number | undefined {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(text);
  if (!match || text === '') return undefined;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/**
 * Seconds until the kubelet restarts a container in CrashLoopBackOff, from its
 * waiting message ("back-off 20s restarting failed container=...") and the
 * time the last instance finished. Undefined when the pod does not say.
 */
export function nextRestartIn(pod: Pod, now: Date = new Date()): number | undefined {
  let soonest: number | undefined;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const status of statuses) {
    const waiting = status.state?.waiting;
    if (waiting?.reason !== 'CrashLoopBackOff') continue;
    const backoff = /back-off (\S+) restarting/.exec(waiting.message ?? '')?.[1];
    const seconds = backoff ? parseGoDuration(backoff) : undefined;
    const finished = status.lastState?.terminated?.finishedAt;
    if (seconds === undefined || !finished) continue;
    const remaining = Math.max(0, Math.round(seconds - (now.getTime() - Date.parse(finished)) / 1000));
    soonest = soonest === undefined ? remaining : Math.min(soonest, remaining);
  }
  return soonest;
}

/** Highest restartCount of any container in the pods. */
export function maxRestarts(pods: Pod[]): number {
  let most = 0;
  for (const pod of pods) {
    for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      most = Math.max(most, s.restartCount ?? 0);
    }
  }
  return most;
}
