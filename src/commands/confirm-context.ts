import { isLocalContext, type Cluster } from '../cluster/index.js';
import { NotConfirmedError } from '../errors.js';
import { readState, updateState } from '../state.js';
import { note } from '../ui/io.js';
import type { CommandContext } from './context.js';

/**
 * Before crashlab first writes to a context that is not a throwaway local
 * cluster, it shows the context and asks once. The answer is remembered.
 */
export async function ensureContextConfirmed(ctx: CommandContext, cluster: Cluster, yes: boolean | undefined): Promise<void> {
  if (isLocalContext(cluster.context)) return;
  if (readState(ctx.io.env).confirmedContexts.includes(cluster.context)) return;
  note(ctx.io, `context '${cluster.context}' (${cluster.server}) is not a local kind cluster.`);
  note(ctx.io, 'crashlab will only create and change namespaces labelled app.kubernetes.io/managed-by=crashlab there.');
  const ok = await ctx.prompter.confirm({
    message: `Deploy broken workloads to '${cluster.context}'?`,
    flag: yes ? true : undefined,
    flagName: '--yes',
    default: false,
  });
  if (!ok) throw new NotConfirmedError(`not confirmed; nothing was written to '${cluster.context}'`);
  updateState((state) => {
    if (!state.confirmedContexts.includes(cluster.context)) state.confirmedContexts.push(cluster.context);
  }, ctx.io.env);
}
