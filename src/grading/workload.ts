import type { Container, ContainerStatus, Deployment, Job, Pod, Service } from '../kube/wire.js';
import type { KubeObject } from '../scenario/types.js';
import type { Snapshot } from '../snapshot.js';

export type PodSpec = NonNullable<Pod['spec']>;
export type Probe = NonNullable<Container['livenessProbe']>;

/** The object whose pods a grader judges. */
export interface WorkloadRef {
  kind: 'Deployment' | 'Job';
  name: string;
}

export const deployment = (name: string): WorkloadRef => ({ kind: 'Deployment', name });
export const job = (name: string): WorkloadRef => ({ kind: 'Job', name });

/** The workload as it is live now, if it still exists. */
export function liveWorkload(snapshot: Snapshot, ref: WorkloadRef): Deployment | Job | undefined {
  const list: (Deployment | Job)[] = ref.kind === 'Deployment' ? snapshot.deployments : snapshot.jobs;
  return list.find((o) => o.metadata?.name === ref.name);
}

/** The workload as crashlab first applied it. */
export function baselineWorkload(baseline: KubeObject[], ref: WorkloadRef): Deployment | Job | undefined {
  return baseline.find((o) => o.kind === ref.kind && o.metadata.name === ref.name) as Deployment | Job | undefined;
}

export function templateOf(workload: Deployment | Job | undefined): PodSpec | undefined {
  return workload?.spec?.template?.spec;
}

/** Every Deployment and Job of the baseline, as refs. */
export function baselineWorkloads(baseline: KubeObject[]): WorkloadRef[] {
  return baseline
    .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
    .map((o) => ({ kind: o.kind as WorkloadRef['kind'], name: o.metadata.name }));
}

export function isTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata?.deletionTimestamp);
}

/** Pods that belong to the workload, terminating ones included. */
export function workloadPods(snapshot: Snapshot, ref: WorkloadRef): Pod[] {
  const workload = liveWorkload(snapshot, ref);
  if (ref.kind === 'Job') {
    return snapshot.pods.filter((p) => {
      const labels = p.metadata?.labels ?? {};
      return labels['batch.kubernetes.io/job-name'] === ref.name || labels['job-name'] === ref.name;
    });
  }
  const selector = workload?.spec?.selector?.matchLabels;
  if (!selector) return [];
  return snapshot.pods.filter((p) => matchesLabels(p.metadata?.labels, selector));
}

export function matchesLabels(labels: Record<string, string> | undefined, selector: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** All container statuses of a pod, init containers named 'init:<name>'. */
export function statusesOf(pod: Pod): { key: string; status: ContainerStatus; init: boolean }[] {
  return [
    ...(pod.status?.initContainerStatuses ?? []).map((status) => ({ key: `init:${status.name}`, status, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((status) => ({ key: status.name, status, init: false })),
  ];
}

export function podName(pod: Pod): string {
  return pod.metadata?.name ?? '(unnamed pod)';
}

/** Containers of a pod spec by name, init containers as 'init:<name>'. */
export function containersOf(spec: PodSpec | undefined): Map<string, Container> {
  const out = new Map<string, Container>();
  for (const c of spec?.initContainers ?? []) out.set(`init:${c.name}`, c);
  for (const c of spec?.containers ?? []) out.set(c.name, c);
  return out;
}

export function findService(snapshot: Snapshot, name: string): Service | undefined {
  return snapshot.services.find((s) => s.metadata?.name === name);
}

/** The command line a container runs, as one string (command then args). */
export function commandLine(container: Container | undefined): string {
  return [...(container?.command ?? []), ...(container?.args ?? [])].join(' ');
}

/** A named or numbered port resolved against a container's declared ports. */
export function resolvePort(port: string | number | undefined, container: Container | undefined): number | undefined {
  if (port === undefined) return undefined;
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container?.ports?.find((p) => p.name === port)?.containerPort;
}

/** The port a probe connects to, or undefined for exec and gRPC-less probes. */
export function probePort(probe: Probe | undefined, container: Container | undefined): number | undefined {
  const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port ?? probe?.grpc?.port;
  return resolvePort(port as string | number | undefined, container);
}

/** The env value a container declares literally, if any. */
export function literalEnv(container: Container | undefined, name: string): string | undefined {
  return container?.env?.find((e) => e.name === name)?.value;
}

/** A container of the live workload's pod template. */
export function liveContainer(snapshot: Snapshot, ref: WorkloadRef, name: string): Container | undefined {
  return containersOf(templateOf(liveWorkload(snapshot, ref))).get(name);
}
