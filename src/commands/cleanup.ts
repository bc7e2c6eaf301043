import { deleteAttemptNamespace, listCrashlabNamespaces } from '../cluster/index.js';
import { NoAttemptError } from '../errors.js';
import { readState, recordStep, updateState } from '../state.js';
import { say } from '../ui/io.js';
import { printJson, type CommandContext } from './context.js';

/**
 * `crashlab cleanup [--all]`: deletes the attempt's namespace, or every
 * crashlab-labelled namespace on the cluster. The attempt ends: it is kept
 * only as the last attempt, for 'crashlab report'.
 */
export async function cleanupCommand(ctx: CommandContext, options: { all?: boolean; context?: string; json?: boolean }): Promise<number> {
  const { io } = ctx;
  const attempt = readState(io.env).attempt;
  if (!attempt && !options.all) throw new NoAttemptError();
  const cluster = ctx.connect(options.context ?? attempt?.context);
  const targets = options.all
    ? (await listCrashlabNamespaces(cluster)).map((ns) => ns.metadata?.name ?? '').filter(Boolean)
    : [attempt!.namespace];
  const deleted: string[] = [];
  for (const name of targets) {
    if (await deleteAttemptNamespace(cluster, name)) deleted.push(name);
  }
  updateState((state) => {
    if (state.attempt && (options.all || state.attempt.id === attempt?.id)) {
      recordStep(state.attempt, { kind: 'cleanup', at: new Date().toISOString() });
      state.lastAttempt = state.attempt;
      delete state.attempt;
    }
  }, io.env);
  if (options.json) printJson(io, { deleted });
  else if (deleted.length === 0) say(io, 'nothing to delete; the attempt is forgotten');
  else for (const name of deleted) say(io, `deleting namespace ${name}`);
  return 0;
}
