import { deleteAttemptNamespace, listCrashlabNamespaces, type Cluster } from '../cluster/index.js';
import { ClusterUnreachableError, FORGET_ADVICE, MissingAnswerError, NoAttemptError, NotConfirmedError, UsageError } from '../errors.js';
import { rememberJudged } from '../runner/visibility.js';
import { readState, recordStep, updateState, type Attempt } from '../state.js';
import { say } from '../ui/io.js';
import { planCleanupAll, type CleanupPlan } from '../workshop/ownership.js';
import { printJson, type CommandContext } from './context.js';

export interface CleanupOptions {
  /** every crashlab namespace (on a workshop cluster: every one of the caller's) */
  all?: boolean;
  /** with --all on a workshop cluster: every learner's namespaces too (the facilitator's reset) */
  allLearners?: boolean;
  /** the caller's learner name, when this machine's attempts do not say it */
  learner?: string;
  /** do not ask before deleting with --all */
  yes?: boolean;
  /** drop the local attempt without touching the cluster */
  forget?: boolean;
  json?: boolean;
}

/** Ends the local attempt: it is kept only as the last attempt, for 'crashlab report'. */
function endAttempt(ctx: CommandContext, ended: (attempt: Attempt) => boolean): Attempt | undefined {
  let done: Attempt | undefined;
  updateState((state) => {
    if (state.attempt && ended(state.attempt)) {
      recordStep(state.attempt, { kind: 'cleanup', at: new Date().toISOString() });
      if (state.lastAttempt) rememberJudged(state, state.lastAttempt);
      state.lastAttempt = done = state.attempt;
      delete state.attempt;
    }
  }, ctx.io.env);
  return done;
}

/** Says how to get out when the attempt's cluster does not answer. */
function withForgetAdvice(error: unknown): unknown {
  return error instanceof ClusterUnreachableError ? new ClusterUnreachableError(error.server, error.detail, FORGET_ADVICE) : error;
}

/**
 * `crashlab cleanup`: deletes the attempt's namespace. `--all` deletes every
 * crashlab namespace after asking (only the caller's own on a workshop
 * cluster, unless `--all-learners`); `--forget` drops the local attempt when
 * its cluster is gone.
 */
export async function cleanupCommand(ctx: CommandContext, options: CleanupOptions): Promise<number> {
  if (options.forget && (options.all || options.allLearners)) throw new UsageError('--forget drops the local attempt only; it does not go with --all or --all-learners');
  if (options.allLearners && !options.all) throw new UsageError('--all-learners widens --all; pass both');
  if (options.forget) return forget(ctx, options);
  if (options.all) return cleanupAll(ctx, options);
  const attempt = readState(ctx.io.env).attempt;
  if (!attempt) throw new NoAttemptError();
  let deleted: boolean;
  try {
    deleted = await deleteAttemptNamespace(ctx.connect(attempt.context), attempt.namespace);
  } catch (error) {
    throw withForgetAdvice(error);
  }
  endAttempt(ctx, (a) => a.id === attempt.id);
  if (options.json) printJson(ctx.io, { deleted: deleted ? [attempt.namespace] : [], kept: [] });
  else if (!deleted) say(ctx.io, 'nothing to delete; the attempt is forgotten');
  else say(ctx.io, `deleting namespace ${attempt.namespace}`);
  return 0;
}

function forget(ctx: CommandContext, options: CleanupOptions): number {
  const attempt = endAttempt(ctx, () => true);
  if (!attempt) throw new NoAttemptError();
  if (options.json) printJson(ctx.io, { forgotten: attempt.id, namespace: attempt.namespace, context: attempt.context });
  else {
    say(ctx.io, `forgot attempt ${attempt.id}; the cluster was not contacted ('crashlab report' still shows the attempt)`);
    say(ctx.io, `if context ${attempt.context} comes back, remove its namespace with 'crashlab cleanup --all' or 'kubectl delete namespace ${attempt.namespace}'`);
  }
  return 0;
}

async function cleanupAll(ctx: CommandContext, options: CleanupOptions): Promise<number> {
  const { io } = ctx;
  const state = readState(io.env);
  const caller = {
    learner: options.learner ?? state.attempt?.learner ?? state.lastAttempt?.learner,
    attemptIds: [state.attempt?.id, state.lastAttempt?.id].filter((id): id is string => id !== undefined),
  };
  const cluster = ctx.connect(state.attempt?.context);
  const namespaces = await listCrashlabNamespaces(cluster).catch((error: unknown) => {
    throw state.attempt ? withForgetAdvice(error) : error;
  });
  const plan = planCleanupAll(namespaces, caller, options.allLearners === true);
  if (plan.remove.length > 0) await confirmDeletion(ctx, cluster, plan, options.yes);

  const deleted: string[] = [];
  for (const name of plan.remove) {
    if (await deleteAttemptNamespace(cluster, name)) deleted.push(name);
  }
  const listed = new Set(namespaces.map((ns) => ns.metadata?.name));
  // the local attempt ends when its namespace went, or was already gone from its cluster
  endAttempt(ctx, (a) => a.context === cluster.context && (plan.remove.includes(a.namespace) || !listed.has(a.namespace)));

  if (options.json) {
    printJson(io, { deleted, kept: plan.keep });
    return 0;
  }
  if (deleted.length === 0 && plan.keep.length === 0) say(io, `no crashlab namespaces on context ${cluster.context}`);
  for (const name of deleted) say(io, `deleting namespace ${name}`);
  if (plan.keep.length > 0) {
    const whose = caller.learner ? ` (yours are those of learner '${caller.learner}')` : " (pass --learner NAME to name yours)";
    say(io, `left ${plan.keep.length} namespace(s) of other workshop learners alone${whose}; the facilitator deletes every learner's with --all --all-learners`);
  }
  return 0;
}

/** Shows what --all is about to delete and asks; without a terminal only --yes goes ahead. */
async function confirmDeletion(ctx: CommandContext, cluster: Cluster, plan: CleanupPlan, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  const count = `${plan.remove.length} crashlab namespace(s) on context '${cluster.context}'`;
  if (!ctx.prompter.interactive) {
    throw new MissingAnswerError(`cleanup --all would delete ${count} and stdin is not a terminal to ask; pass --yes to go ahead`);
  }
  say(ctx.io, `about to delete ${count} (${cluster.server}):`);
  for (const name of plan.remove) say(ctx.io, `  ${name}`);
  const ok = await ctx.prompter.confirm({
    message: plan.remove.length === 1 ? 'Delete this namespace and everything in it?' : `Delete these ${plan.remove.length} namespaces and everything in them?`,
    flagName: '--yes',
    default: false,
  });
  if (!ok) throw new NotConfirmedError(`not confirmed; nothing was deleted on '${cluster.context}'`);
}
