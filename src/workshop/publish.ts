import { annotateAttemptNamespace, type Cluster } from '../cluster/index.js';
import type { Attempt } from '../state.js';
import { note, type CliIo } from '../ui/io.js';
import { progressAnnotations } from './annotations.js';

/**
 * Publishes a workshop learner's progress on the attempt's namespace. Does
 * nothing outside a workshop. A failure to publish is reported but never
 * fails the learner's command: the scoreboard catches up on the next one.
 */
export async function publishProgress(io: CliIo, cluster: Cluster, attempt: Attempt): Promise<void> {
  if (!attempt.learner) return;
  try {
    await annotateAttemptNamespace(cluster, attempt.namespace, progressAnnotations(attempt, attempt.learner, new Date()));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    note(io, `could not publish progress to the scoreboard (${message}); it will be sent again after the next answer or check`);
  }
}
