import type { Pod } from '../kube/wire.js';

/**
 * Since when the kubelet's own record shows these pods up without a break:
 * the latest of every container's `state.running.startedAt` and every pod's
 * Ready transition. A restart resets startedAt (and bumps restartCount), so a
 * container still running since T with the same restartCount has not crashed
 * since T. Undefined when a pod is not running and Ready, or has no times.
 */
export function stableSince(pods: Pod[]): number | undefined {
  let latest: number | undefined;
  const later = (iso: string | undefined): boolean => {
    const at = iso ? Date.parse(iso) : NaN;
    if (Number.isNaN(at)) return false;
    latest = latest === undefined ? at : Math.max(latest, at);
    return true;
  };
  if (pods.length === 0) return undefined;
  for (const pod of pods) {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status !== 'True' || !later(ready.lastTransitionTime as string | undefined)) return undefined;
    for (const status of pod.status?.containerStatuses ?? []) {
      if (!later(status.state?.running?.startedAt as string | undefined)) return undefined;
    }
  }
  return latest;
}

/**
 * Seconds still to watch before `needed` seconds of stability are proven, given
 * what the kubelet already recorded at `now`: a fix that has been up and Ready
 * for a while needs no fresh wait.
 */
export function stabilityWaitSeconds(pods: Pod[], needed: number, now: number): number {
  const since = stableSince(pods);
  if (since === undefined) return needed;
  return Math.max(0, Math.min(needed, needed - (now - since) / 1000));
}
