import { join } from 'node:path';
import { ToolMissingError, CrashlabError } from '../errors.js';
import { findTool, lastLine, tool } from '../exec.js';
import { packageRoot } from '../scenario/package-root.js';
import { note, say } from '../ui/io.js';
import type { CommandContext } from './context.js';

export const DEFAULT_KIND_CLUSTER = 'crashlab';

/** kind needs a container runtime; podman works through KIND_EXPERIMENTAL_PROVIDER. */
async function requireTools(env: NodeJS.ProcessEnv): Promise<{ kind: string; provider: NodeJS.ProcessEnv }> {
  const kind = await findTool('kind', env);
  if (!kind) {
    throw new ToolMissingError(
      "the 'kind' CLI is not on PATH; install it (https://kind.sigs.k8s.io/docs/user/quick-start/#installation, e.g. 'go install sigs.k8s.io/kind@v0.27.0') and try again",
    );
  }
  if (await findTool('docker', env)) return { kind, provider: {} };
  if (await findTool('podman', env)) return { kind, provider: { KIND_EXPERIMENTAL_PROVIDER: 'podman' } };
  throw new ToolMissingError('kind needs docker or podman and neither is on PATH; install one (https://docs.docker.com/engine/install/) and try again');
}

/**
 * `crashlab cluster create|delete [--name N]`: a disposable kind cluster from
 * the kind/cluster.yaml we ship. kind selects the new context (kind-<name>).
 */
export async function kindClusterCommand(ctx: CommandContext, action: 'create' | 'delete', options: { name?: string }): Promise<number> {
  const name = options.name ?? DEFAULT_KIND_CLUSTER;
  const { kind, provider } = await requireTools(ctx.io.env);
  const run = tool('15m', { ...ctx.io.env, ...provider });
  if (action === 'delete') {
    note(ctx.io, `deleting kind cluster ${name}...`);
    const out = await run`${kind} delete cluster --name ${name}`;
    if (out.exitCode !== 0) throw new CrashlabError(`kind could not delete cluster ${name}: ${lastLine(out)}`);
    say(ctx.io, `deleted kind cluster ${name}`);
    return 0;
  }
  const existing = await run`${kind} get clusters`;
  if (existing.exitCode === 0 && existing.stdout.split('\n').includes(name)) {
    say(ctx.io, `kind cluster ${name} already exists; its context is kind-${name}`);
    return 0;
  }
  const config = join(packageRoot(), 'kind', 'cluster.yaml');
  note(ctx.io, `creating kind cluster ${name} from ${config} (this pulls a node image the first time)...`);
  const out = await run`${kind} create cluster --name ${name} --config ${config} --wait 5m`;
  if (out.exitCode !== 0) {
    throw new CrashlabError(`kind could not create cluster ${name}: ${lastLine(out)}; is the container runtime running?`);
  }
  const use = await run`kubectl config use-context ${`kind-${name}`}`;
  if (use.exitCode !== 0) note(ctx.io, `could not select context kind-${name}: ${lastLine(use)}`);
  say(ctx.io, `kind cluster ${name} is Ready; context kind-${name} selected. next: 'crashlab doctor', then 'crashlab list'`);
  return 0;
}
