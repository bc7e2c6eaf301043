import { CrashlabError, PermissionError } from '../errors.js';
import type { Cluster } from './cluster.js';

export interface NodeSummary {
  total: number;
  /** Linux nodes whose Ready condition is True and that accept pods */
  readyLinux: string[];
}

/** Server version, e.g. v1.31.2. Also the cheapest proof the server answers. */
export async function serverVersion(cluster: Cluster): Promise<string> {
  const info = await cluster.call('read the server version', () => cluster.version.getCode());
  return info.gitVersion;
}

/** Asks the server (SelfSubjectAccessReview) whether we may do `verb` on `resource`. */
export async function canI(cluster: Cluster, verb: string, resource: string, group = ''): Promise<boolean> {
  const review = await cluster.call(`check permission to ${verb} ${resource}`, () =>
    cluster.authorization.createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb, resource, group } },
      },
    }),
  );
  return review.status?.allowed === true;
}

/** Nodes that can run a crashlab workload. */
export async function summariseNodes(cluster: Cluster): Promise<NodeSummary> {
  const list = await cluster.call('list nodes', () => cluster.core.listNode());
  const readyLinux = list.items
    .filter((node) => (node.metadata?.labels?.['kubernetes.io/os'] ?? 'linux') === 'linux')
    .filter((node) => !node.spec?.unschedulable)
    .filter((node) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((node) => node.metadata?.name ?? '');
  return { total: list.items.length, readyLinux };
}

/** True when the resource metrics API (metrics-server) is registered. */
export async function metricsApiAvailable(cluster: Cluster): Promise<boolean> {
  const groups = await cluster.call('list API groups', () => cluster.apis.getAPIVersions());
  return groups.groups.some((g) => g.name === 'metrics.k8s.io');
}

export interface PreflightResult {
  version: string;
  nodes: NodeSummary;
}

/**
 * What start needs before it writes anything: the server answers, we may
 * create namespaces, and at least one Linux node is Ready. Each failure is an
 * error that says what to do.
 */
export async function preflight(cluster: Cluster): Promise<PreflightResult> {
  const version = await serverVersion(cluster);
  if (!(await canI(cluster, 'create', 'namespaces'))) {
    throw new PermissionError(
      `context '${cluster.context}' may not create namespaces; use a cluster where you can (e.g. 'crashlab cluster create')`,
    );
  }
  const nodes = await summariseNodes(cluster);
  if (nodes.readyLinux.length === 0) {
    throw new CrashlabError(
      `no Ready Linux node on ${cluster.server} (${nodes.total} node(s) in total); wait for the nodes or check 'kubectl get nodes'`,
    );
  }
  return { version, nodes };
}
