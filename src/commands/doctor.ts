import { canI, metricsApiAvailable, serverVersion, summariseNodes, type Cluster } from '../cluster/index.js';
import { CrashlabError } from '../errors.js';
import { say } from '../ui/io.js';
import { printJson, type CommandContext } from './context.js';

export interface DoctorCheck {
  id: 'reachable' | 'create-namespaces' | 'linux-nodes-ready' | 'image-pulls' | 'metrics-api';
  /** null: could not be checked */
  ok: boolean | null;
  detail: string;
  /** false for checks crashlab works without */
  required: boolean;
}

async function attempt(check: () => Promise<Omit<DoctorCheck, 'id' | 'required'>>): Promise<Omit<DoctorCheck, 'id' | 'required'>> {
  try {
    return await check();
  } catch (error) {
    return { ok: false, detail: error instanceof CrashlabError ? error.message : String((error as Error)?.message ?? error).split('\n')[0]! };
  }
}

/**
 * Whether nodes can pull from a registry cannot be known without deploying
 * something, which doctor never does; it reports the images the nodes
 * already hold, which is what an offline cluster runs on.
 */
async function imagePulls(cluster: Cluster): Promise<Omit<DoctorCheck, 'id' | 'required'>> {
  const nodes = await cluster.call('list nodes', () => cluster.core.listNode());
  const images = new Set(nodes.items.flatMap((n) => (n.status?.images ?? []).flatMap((i) => i.names ?? [])));
  return { ok: null, detail: `pulls not tested (doctor deploys nothing); the nodes already hold ${images.size} image name(s)` };
}

/** `crashlab doctor`: can this cluster run crashlab drills? Exit 1 when a required check fails. */
export async function doctorCommand(ctx: CommandContext, options: { context?: string; json?: boolean }): Promise<number> {
  const cluster = ctx.connect(options.context);
  const checks: DoctorCheck[] = [];
  const reachable = await attempt(async () => ({ ok: true, detail: `${cluster.server} answers, Kubernetes ${await serverVersion(cluster)}` }));
  checks.push({ id: 'reachable', required: true, ...reachable });
  if (reachable.ok) {
    checks.push({
      id: 'create-namespaces',
      required: true,
      ...(await attempt(async () =>
        (await canI(cluster, 'create', 'namespaces'))
          ? { ok: true, detail: 'allowed to create namespaces' }
          : { ok: false, detail: 'not allowed to create namespaces' },
      )),
    });
    checks.push({
      id: 'linux-nodes-ready',
      required: true,
      ...(await attempt(async () => {
        const nodes = await summariseNodes(cluster);
        return { ok: nodes.readyLinux.length > 0, detail: `${nodes.readyLinux.length} of ${nodes.total} node(s) are Linux, Ready and schedulable` };
      })),
    });
    checks.push({ id: 'image-pulls', required: false, ...(await attempt(() => imagePulls(cluster))) });
    checks.push({
      id: 'metrics-api',
      required: false,
      ...(await attempt(async () =>
        (await metricsApiAvailable(cluster))
          ? { ok: true, detail: 'metrics.k8s.io is served (kubectl top works)' }
          : { ok: false, detail: 'metrics.k8s.io is not served; kubectl top will not work, drills still do' },
      )),
    });
  }
  const healthy = checks.every((c) => !c.required || c.ok === true);
  if (options.json) {
    printJson(ctx.io, { context: cluster.context, server: cluster.server, healthy, checks, requests: cluster.requests });
  } else {
    say(ctx.io, `context ${cluster.context}`);
    for (const c of checks) {
      const mark = c.ok === true ? 'ok  ' : c.ok === null ? '?   ' : c.required ? 'FAIL' : 'warn';
      say(ctx.io, `  ${mark} ${c.id.padEnd(18)} ${c.detail}`);
    }
  }
  return healthy ? 0 : 1;
}
