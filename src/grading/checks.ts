import type { ContainerStatus, Deployment, Job, Pod } from '../kube/wire.js';
import { WAITING } from '../kube/reasons.js';
import type { Snapshot } from '../snapshot.js';
import { stableSince } from './stable-since.js';
import type { CriterionResult } from './verdict.js';
import {
  findService,
  isTerminating,
  liveWorkload,
  podName,
  statusesOf,
  workloadPods,
  type WorkloadRef,
} from './workload.js';

const pass = (id: string, message: string, observed?: string, expected?: string): CriterionResult => ({
  id, outcome: 'pass', message, observed, expected,
});
const fail = (id: string, message: string, observed?: string, expected?: string): CriterionResult => ({
  id, outcome: 'fail', message, observed, expected,
});
const unmeasured = (id: string, message: string, observed?: string): CriterionResult => ({
  id, outcome: 'unmeasured', message, observed,
});

const label = (ref: WorkloadRef): string => `${ref.kind.toLowerCase()}/${ref.name}`;

/**
 * A criterion from a plain judgement: the grader says what it observed, what
 * it expected and whether they agree.
 */
export function fieldCheck(spec: {
  id: string;
  ok: boolean;
  pass: string;
  fail: string;
  observed?: string;
  expected?: string;
}): CriterionResult {
  return spec.ok ? pass(spec.id, spec.pass, spec.observed, spec.expected) : fail(spec.id, spec.fail, spec.observed, spec.expected);
}

/** Why a pod is not Ready, in the words of its worst container status. */
export function whyNotReady(pod: Pod): string {
  for (const { key, status } of statusesOf(pod)) {
    const waiting = status.state?.waiting;
    if (waiting?.reason === WAITING.CreateContainerConfigError || waiting?.reason === WAITING.CreateContainerError) {
      return `${key} was never created: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
    }
    if (waiting?.reason && waiting.reason !== WAITING.PodInitializing) {
      return `${key} is waiting: ${waiting.reason}${describeLast(status)}`;
    }
    if (status.state?.terminated && key.startsWith('init:') && status.state.terminated.exitCode !== 0) {
      return `${key} failed with exit ${status.state.terminated.exitCode}`;
    }
    if (status.state?.running && !status.ready && !key.startsWith('init:')) return `${key} is running but not ready (its readiness probe fails)`;
  }
  if (pod.status?.phase === 'Pending') return 'pod is Pending';
  return `pod phase ${pod.status?.phase ?? 'unknown'}`;
}

function describeLast(status: ContainerStatus): string {
  const last = status.lastState?.terminated;
  return last ? ` after ${last.reason ?? 'exit'} (exit ${last.exitCode})` : '';
}

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The workload's pods are all Ready (a Job's pods have succeeded), at the desired count. */
export function podsReady(snapshot: Snapshot, ref: WorkloadRef, id = 'pods-ready'): CriterionResult {
  const workload = liveWorkload(snapshot, ref);
  if (!workload) return fail(id, `${label(ref)} no longer exists`, 'missing', 'present');
  const pods = workloadPods(snapshot, ref);
  const terminating = pods.filter(isTerminating);
  if (terminating.length > 0) return unmeasured(id, `${terminating.length} pod(s) of ${label(ref)} are still terminating; check again shortly`);
  return ref.kind === 'Job' ? jobPodsDone(id, workload as Job, pods) : deploymentPodsReady(id, ref, workload as Deployment, pods);
}

function deploymentPodsReady(id: string, ref: WorkloadRef, workload: Deployment, pods: Pod[]): CriterionResult {
  const desired = workload.spec?.replicas ?? 1;
  if (desired === 0) return fail(id, `${label(ref)} is scaled to zero, so nothing serves`, '0 replicas', 'at least 1');
  if (pods.length < desired) return unmeasured(id, `${label(ref)} has ${pods.length} of ${desired} pods so far`);
  const notReady = pods.filter((p) => !isReady(p));
  if (notReady.length > 0) {
    const first = notReady[0]!;
    return fail(id, `${podName(first)} is not Ready: ${whyNotReady(first)}`, `${pods.length - notReady.length}/${pods.length} Ready`, `${pods.length}/${pods.length} Ready`);
  }
  if (pods.length > desired) return unmeasured(id, `${label(ref)} has ${pods.length} pods for ${desired} replicas; a rollout is still running`);
  return pass(id, `all ${pods.length} pod(s) of ${label(ref)} are Ready`, `${pods.length}/${pods.length} Ready`);
}

function jobPodsDone(id: string, workload: Job, pods: Pod[]): CriterionResult {
  const name = `job/${workload.metadata?.name}`;
  const completions = workload.spec?.completions ?? 1;
  const succeeded = workload.status?.succeeded ?? 0;
  if (succeeded >= completions) return pass(id, `${name} completed ${succeeded}/${completions}`, `${succeeded} succeeded`);
  const failed = workload.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) return fail(id, `${name} failed: ${failed.reason ?? 'Failed'}`, failed.message, `${completions} succeeded`);
  const stuck = pods.find((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Running');
  if (stuck) return fail(id, `${podName(stuck)} is not progressing: ${whyNotReady(stuck)}`, stuck.status?.phase, 'Running or Succeeded');
  return unmeasured(id, `${name} is still running (${succeeded}/${completions} done)`);
}

/**
 * No container of the workload restarted between `first` and `last`, and none
 * sits in a restart backoff (a long backoff would hide a loop from a short
 * window). A pod that appeared during the window leaves the result unmeasured.
 */
export function restartsFrozen(first: Snapshot, last: Snapshot, ref: WorkloadRef, minSeconds: number, id = 'restarts-frozen'): CriterionResult {
  const seconds = (Date.parse(last.takenAt) - Date.parse(first.takenAt)) / 1000;
  const before = new Map(workloadPods(first, ref).map((p) => [p.metadata?.uid ?? podName(p), p]));
  const pods = workloadPods(last, ref).filter((p) => !isTerminating(p));
  if (pods.length === 0) return unmeasured(id, `${label(ref)} has no running pods to watch`);
  const moved: string[] = [];
  for (const pod of pods) {
    for (const { key, status } of statusesOf(pod)) {
      if (status.state?.waiting?.reason === WAITING.CrashLoopBackOff) {
        return fail(id, `${podName(pod)} ${key} is still in CrashLoopBackOff${describeLast(status)}`, `restarts ${status.restartCount}`, 'no restarts');
      }
    }
  }
  for (const pod of pods) {
    const earlier = before.get(pod.metadata?.uid ?? podName(pod));
    if (!earlier) return unmeasured(id, `${podName(pod)} appeared during the stability window; check again to watch it`);
    const earlierCounts = new Map(statusesOf(earlier).map(({ key, status }) => [key, status.restartCount]));
    for (const { key, status } of statusesOf(pod)) {
      const was = earlierCounts.get(key) ?? 0;
      if (status.restartCount > was) moved.push(`${podName(pod)} ${key}: ${was} -> ${status.restartCount}${describeLast(status)}`);
    }
  }
  if (moved.length > 0) return fail(id, `containers restarted during the ${Math.round(seconds)}s window`, moved.join('; '), 'no restarts');
  // restart counts held between the snapshots, so the kubelet's running-and-Ready times count too
  const since = stableSince(pods);
  const proven = Math.max(seconds, since === undefined ? 0 : (Date.parse(last.takenAt) - since) / 1000);
  if (proven < minSeconds) return unmeasured(id, `watched for ${Math.round(proven)}s of the ${minSeconds}s needed`);
  return pass(id, `no restarts in ${Math.round(proven)}s across ${pods.length} pod(s)`, 'restart counts unchanged');
}

/**
 * The workload's rollout has finished: the controller has seen the latest
 * spec and every pod runs it, none terminating. Never fails, only waits: a
 * rollout still moving is 'unmeasured'.
 */
export function rolloutSettled(snapshot: Snapshot, ref: WorkloadRef, id = 'rollout-settled'): CriterionResult {
  const workload = liveWorkload(snapshot, ref);
  if (!workload) return unmeasured(id, `${label(ref)} is not present`);
  if (workloadPods(snapshot, ref).some(isTerminating)) return unmeasured(id, `pods of ${label(ref)} are still terminating`);
  if (ref.kind === 'Deployment') {
    const generation = workload.metadata?.generation ?? 0;
    const observed = (workload as Deployment).status?.observedGeneration ?? 0;
    if (observed < generation) return unmeasured(id, `${label(ref)}'s controller has not yet seen the latest change`);
    const desired = (workload as Deployment).spec?.replicas ?? 1;
    const status = (workload as Deployment).status;
    const updated = status?.updatedReplicas ?? 0;
    const total = status?.replicas ?? 0;
    if (updated < desired || total > desired) {
      return unmeasured(id, `${label(ref)} is rolling out: ${updated} of ${desired} updated, ${total} pods in total`);
    }
  }
  return pass(id, `${label(ref)} has finished rolling out`);
}

/** The Service has at least one ready endpoint (and, when given, on `port`). */
export function serviceEndpointsReady(snapshot: Snapshot, serviceName: string, id = 'service-endpoints-ready'): CriterionResult {
  const service = findService(snapshot, serviceName);
  if (!service) return fail(id, `service/${serviceName} no longer exists`, 'missing', 'present');
  const slices = snapshot.endpointSlices.filter((s) => s.metadata?.labels?.['kubernetes.io/service-name'] === serviceName);
  const endpoints = slices.flatMap((s) => s.endpoints ?? []);
  // The API defines an absent `ready` as ready.
  const ready = endpoints.filter((e) => e.conditions?.ready !== false && e.conditions?.terminating !== true);
  const selector = JSON.stringify(service.spec?.selector ?? {});
  if (endpoints.length === 0) {
    return fail(id, `service/${serviceName} has no endpoints: its selector ${selector} matches no pod`, '0 endpoints', 'at least 1 ready');
  }
  if (ready.length === 0) {
    return fail(id, `service/${serviceName} selects ${endpoints.length} pod(s) but none is ready`, `0/${endpoints.length} ready`, 'at least 1 ready');
  }
  return pass(id, `service/${serviceName} has ${ready.length} ready endpoint(s)`, `${ready.length}/${endpoints.length} ready`);
}
