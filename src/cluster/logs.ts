import { statusOf, type Cluster } from './cluster.js';

export interface LogRequest {
  pod: string;
  container: string;
  /** the previous (crashed) instance instead of the current one */
  previous: boolean;
  tailLines: number;
}

/** Upper bound on one log read, so a chatty container cannot flood a snapshot. */
const LIMIT_BYTES = 64 * 1024;

/**
 * Reads the tail of one container's log. Returns undefined when there is no
 * such instance (no previous crash yet, container never started).
 */
export async function readContainerLog(cluster: Cluster, namespace: string, request: LogRequest): Promise<string | undefined> {
  try {
    return await cluster.call(`read logs of ${request.pod}/${request.container}`, () =>
      cluster.core.readNamespacedPodLog({
        name: request.pod,
        namespace,
        container: request.container,
        previous: request.previous,
        tailLines: request.tailLines,
        limitBytes: LIMIT_BYTES,
      }),
    );
  } catch (error) {
    const status = statusOf(error);
    if (status === 400 || status === 404) return undefined;
    throw error;
  }
}
