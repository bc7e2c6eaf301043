import { canI, metricsApiAvailable, serverVersion, type Cluster } from '../cluster/index.js';
import { CrashlabError } from '../errors.js';
import { formatMi, parseQuantity } from '../kube/quantity.js';
import { say } from '../ui/io.js';
import { printJson, type CommandContext } from './context.js';

export interface DoctorCheck {
  id: 'reachable' | 'create-namespaces' | 'permissions' | 'linux-nodes-ready' | 'node-size' | 'image-pulls' | 'metrics-api';
  /** null: could not be checked */
  ok: boolean | null;
  detail: string;
  /** false for checks crashlab works without */
  required: boolean;
  /** what to change, when the check is not ok */
  fix?: string;
}

type Outcome = Omit<DoctorCheck, 'id' | 'required'>;

/** The image every scenario runs; nodes must hold it or be able to pull it. */
export const SCENARIO_IMAGE = 'busybox:1.36';
/** One node must offer this much to run a drill next to the cluster's own pods. */
const MIN_NODE_MEMORY = 1024 * 1024 * 1024;
const MIN_NODE_CPU = 1;

/**
 * What crashlab does on a cluster, as [verb, resource, API group]: it creates
 * and deletes its namespaces and labels them, writes the broken workload,
 * reads what the learner reads, and resets or grades what the learner changed.
 */
export const NEEDED_PERMISSIONS: [string, string, string][] = [
  ['delete', 'namespaces', ''],
  ['list', 'namespaces', ''],
  ['patch', 'namespaces', ''],
  ['create', 'deployments', 'apps'],
  ['patch', 'deployments', 'apps'],
  ['list', 'deployments', 'apps'],
  ['list', 'pods', ''],
  ['get', 'pods/log', ''],
  ['list', 'events', ''],
  ['create', 'services', ''],
  ['create', 'configmaps', ''],
  ['create', 'secrets', ''],
  ['list', 'secrets', ''],
  ['list', 'jobs', 'batch'],
  ['list', 'endpointslices', 'discovery.k8s.io'],
];

async function attempt(check: () => Promise<Outcome>): Promise<Outcome> {
  try {
    return await check();
  } catch (error) {
    return { ok: false, detail: error instanceof CrashlabError ? error.message : String((error as Error)?.message ?? error).split('\n')[0]! };
  }
}

async function permissions(cluster: Cluster): Promise<Outcome> {
  const answers = await Promise.all(NEEDED_PERMISSIONS.map(async ([verb, resource, group]) => ((await canI(cluster, verb, resource, group)) ? undefined : `${verb} ${resource}`)));
  const missing = answers.filter((a): a is string => a !== undefined);
  if (missing.length === 0) return { ok: true, detail: `allowed all ${NEEDED_PERMISSIONS.length} actions a drill takes, in any namespace` };
  return {
    ok: false,
    detail: `not allowed to ${missing.join(', ')}`,
    fix: "bind your user to the built-in 'admin' ClusterRole cluster-wide (kubectl create clusterrolebinding crashlab-admin --clusterrole=admin --user=<you>), or use a cluster of your own",
  };
}

async function nodes(cluster: Cluster): Promise<{ ready: Outcome; size: Outcome; image: Outcome }> {
  const list = await cluster.call('list nodes', () => cluster.core.listNode());
  const ready = list.items
    .filter((n) => (n.metadata?.labels?.['kubernetes.io/os'] ?? 'linux') === 'linux')
    .filter((n) => !n.spec?.unschedulable)
    .filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  const readyOutcome: Outcome =
    ready.length > 0
      ? { ok: true, detail: `${ready.length} of ${list.items.length} node(s) are Linux, Ready and schedulable` }
      : { ok: false, detail: `none of ${list.items.length} node(s) is Linux, Ready and schedulable`, fix: "see 'kubectl get nodes'; add a Linux node pool or wait for the nodes to become Ready" };

  const sizes = ready.map((n) => ({ memory: parseQuantity(n.status?.allocatable?.memory) ?? 0, cpu: parseQuantity(n.status?.allocatable?.cpu) ?? 0 }));
  const biggest = sizes.sort((a, b) => b.memory - a.memory)[0];
  const size: Outcome = !biggest
    ? { ok: null, detail: 'no ready node to measure' }
    : biggest.memory >= MIN_NODE_MEMORY && biggest.cpu >= MIN_NODE_CPU
      ? { ok: true, detail: `the largest ready node offers ${formatMi(biggest.memory)} and ${biggest.cpu} CPU (drills need ${formatMi(MIN_NODE_MEMORY)} and ${MIN_NODE_CPU} CPU)` }
      : {
          ok: false,
          detail: `the largest ready node offers ${formatMi(biggest.memory)} and ${biggest.cpu} CPU; drills need ${formatMi(MIN_NODE_MEMORY)} and ${MIN_NODE_CPU} CPU`,
          fix: 'use nodes with at least 2 vCPU and 4 GiB (e.g. AKS Standard_B2s, or Docker Desktop with 4 GiB for kind)',
        };

  const images = new Set(ready.flatMap((n) => (n.status?.images ?? []).flatMap((i) => i.names ?? [])));
  const held = [...images].some((name) => name === SCENARIO_IMAGE || name.endsWith(`/${SCENARIO_IMAGE}`) || name.endsWith(`/library/${SCENARIO_IMAGE}`));
  const image: Outcome = held
    ? { ok: true, detail: `${SCENARIO_IMAGE} is already on a ready node` }
    : {
        ok: null,
        detail: `${SCENARIO_IMAGE} is not on any ready node yet; the first drill pulls it from Docker Hub (doctor deploys nothing to try)`,
        fix: `let nodes reach docker.io, or load the image yourself (kind: docker pull ${SCENARIO_IMAGE} && kind load docker-image ${SCENARIO_IMAGE} --name <cluster>)`,
      };
  return { ready: readyOutcome, size, image };
}

/** `crashlab doctor`: can this cluster run crashlab drills, and if not, what to change. Exit 1 when a required check fails. */
export async function doctorCommand(ctx: CommandContext, options: { context?: string; json?: boolean }): Promise<number> {
  const cluster = ctx.connect(options.context);
  const checks: DoctorCheck[] = [];
  const reachable = await attempt(async () => ({ ok: true, detail: `${cluster.server} answers, Kubernetes ${await serverVersion(cluster)}` }));
  checks.push({ id: 'reachable', required: true, ...reachable, ...(reachable.ok ? {} : { fix: "start the cluster ('crashlab cluster create' for kind) or pick another context with --context" }) });
  if (reachable.ok) {
    checks.push({
      id: 'create-namespaces',
      required: true,
      ...(await attempt(async () =>
        (await canI(cluster, 'create', 'namespaces'))
          ? { ok: true, detail: 'allowed to create namespaces' }
          : { ok: false, detail: 'not allowed to create namespaces', fix: 'each drill runs in a namespace of its own: ask for create on namespaces, or use a cluster of your own' },
      )),
    });
    checks.push({ id: 'permissions', required: true, ...(await attempt(() => permissions(cluster))) });
    let n: Awaited<ReturnType<typeof nodes>> | undefined;
    const ready = await attempt(async () => {
      n = await nodes(cluster);
      return n.ready;
    });
    checks.push({ id: 'linux-nodes-ready', required: true, ...ready });
    if (n) {
      checks.push({ id: 'node-size', required: true, ...n.size });
      checks.push({ id: 'image-pulls', required: false, ...n.image });
    }
    checks.push({
      id: 'metrics-api',
      required: false,
      ...(await attempt(async () =>
        (await metricsApiAvailable(cluster))
          ? { ok: true, detail: 'metrics.k8s.io is served (kubectl top works)' }
          : { ok: false, detail: 'metrics.k8s.io is not served; kubectl top will not work, drills still do', fix: 'optional: install metrics-server (AKS has it; kind needs it installed)' },
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
      if (c.ok !== true && c.fix) say(ctx.io, `       ${''.padEnd(18)} to change: ${c.fix}`);
    }
  }
  return healthy ? 0 : 1;
}
