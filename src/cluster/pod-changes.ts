import { Watch } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from './cluster.js';

/**
 * A watch on a namespace's pods used as a doorbell: `next(ms)` resolves as soon
 * as any pod changes (a container died, restarted, got Ready), or after `ms`
 * at the latest. The caller then reads what it needs with ordinary lists, so
 * a failure shows the moment the kubelet reports it instead of at the next
 * poll. Without a working watch it is a plain sleep.
 */
export interface PodChanges {
  next(ms: number, signal?: AbortSignal): Promise<void>;
  stop(): void;
}

export async function watchPodChanges(cluster: Cluster, namespace: string): Promise<PodChanges> {
  let changed = false;
  let ring: (() => void) | undefined;
  let controller: AbortController | undefined;
  try {
    controller = await new Watch(cluster.kubeConfig).watch(
      `/api/v1/namespaces/${namespace}/pods`,
      { allowWatchBookmarks: false },
      () => {
        changed = true;
        ring?.();
      },
      () => undefined,
    );
  } catch {
    controller = undefined;
  }
  return {
    async next(ms, signal) {
      if (changed) {
        changed = false;
        return;
      }
      const bell = new Promise<void>((resolve) => (ring = resolve));
      const timer = new AbortController();
      const onAbort = () => timer.abort();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await Promise.race([bell, sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined)]);
      } finally {
        timer.abort();
        signal?.removeEventListener('abort', onAbort);
        ring = undefined;
        changed = false;
      }
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    },
    stop() {
      controller?.abort();
    },
  };
}
