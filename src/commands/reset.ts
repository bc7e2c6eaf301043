import { applyObjects, collectSnapshot, deleteObjects } from '../cluster/index.js';
import { pollUntil } from '../runner/poll.js';
import { waitForFailure } from '../runner/reproduce.js';
import { currentAttempt, recordStep, updateAttempt } from '../state.js';
import { note, say } from '../ui/io.js';
import { createProgress } from '../ui/progress.js';
import { envSeconds, printJson, type CommandContext } from './context.js';

/**
 * `crashlab reset`: puts the broken workload back as first deployed, in the
 * same namespace with the same parameters, and waits for the failure again.
 * The diagnosis, hints and score so far are kept.
 */
export async function resetCommand(ctx: CommandContext, options: { json?: boolean }): Promise<number> {
  const { io } = ctx;
  const attempt = currentAttempt(io.env);
  const scenario = ctx.catalog.get(attempt.scenarioId);
  const cluster = ctx.connect(attempt.context);
  const progress = createProgress(io);

  note(io, `removing the workload from ${attempt.namespace}...`);
  await deleteObjects(cluster, attempt.namespace, attempt.baseline);
  await pollUntil({
    probe: () => collectSnapshot(cluster, attempt.namespace, { kinds: ['pods'], logs: 'none' }),
    done: (s) => s.pods.length === 0,
    describe: (s, elapsed) => `waiting for ${s.pods.length} pod(s) to go (${elapsed}s)`,
    timeoutMessage: (_s, waited) => `pods in ${attempt.namespace} were still there after ${waited}s; try again or run 'crashlab cleanup'`,
    timeoutSeconds: 180,
    progress,
    signal: io.signal,
  });
  note(io, 'deploying the broken workload again...');
  await applyObjects(cluster, attempt.namespace, attempt.baseline);
  const { elapsedSeconds } = await waitForFailure({
    cluster,
    namespace: attempt.namespace,
    scenario,
    params: attempt.params,
    catalog: ctx.catalog,
    progress,
    timeoutSeconds: envSeconds(io.env, 'CRASHLAB_START_TIMEOUT_SECONDS', 300),
    signal: io.signal,
  });
  updateAttempt((a) => {
    a.reproducedAt = new Date().toISOString();
    recordStep(a, { kind: 'reset', at: a.reproducedAt });
  }, io.env);
  if (options.json) printJson(io, { namespace: attempt.namespace, reproducedAfterSeconds: elapsedSeconds });
  else say(io, `the failure is back in ${attempt.namespace}; look with 'kubectl -n ${attempt.namespace} get pods'`);
  return 0;
}
