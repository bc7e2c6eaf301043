import type { Quote } from '../evidence.js';
import { candidate, type Candidate, type RuleContext } from './context.js';

const EVICTION_MESSAGE = /low on resource|ephemeral local storage usage exceeds|node had condition: \[(?:Memory|Disk|PID)Pressure\]|Evicted|exceeds the total limit of containers/i;
const SHUTDOWN_REASON = /^(Terminated|Shutdown|NodeShutdown)$/;
const NODE_SHUTDOWN = /node shutdown|Node is shutting|TerminationByKubelet/i;

/** The node took the pod away under pressure: a pod-level reason, never a container one. */
export function evictedRule(ctx: RuleContext): Candidate[] {
  const { pod } = ctx;
  if (pod.reason?.value === 'Evicted') {
    return [candidate('evicted', 0.97, 'the pod itself was evicted by the node', [...pod.reason.quotes, ...(pod.message?.quotes ?? [])])];
  }
  const event = ctx.events.find((e) => e.reason === 'Evicted' || (e.reason === 'Evicting' && e.objectKind === 'Pod'));
  if (event) return [candidate('evicted', 0.9, 'an Evicted event names this pod', [event.quote])];
  const status = pod.statusColumn.find((s) => s.value === 'Evicted');
  if (status) return [candidate('evicted', 0.85, 'kubectl get pods shows the pod as Evicted', status.quotes)];
  if (pod.message && EVICTION_MESSAGE.test(pod.message.value) && pod.phase?.value === 'Failed') {
    return [candidate('evicted', 0.85, 'the pod failed with a node-pressure message', pod.message.quotes)];
  }
  return [];
}

/**
 * The kernel's OOM killer names a process of the pod's memory cgroup. Without
 * a termination record that says otherwise, that is the kill.
 */
export function kernelOomRule(ctx: RuleContext): Candidate[] {
  const kills = ctx.events.filter((e) => e.reason === 'OOMKilling' || e.reason === 'SystemOOM');
  if (kills.length === 0) return [];
  const term = ctx.termination?.value;
  if (term && term.exitCode !== undefined && ![137, 9].includes(term.exitCode) && !/OOM/i.test(term.reason ?? '')) return [];
  return [candidate('oom-killed', 0.8, "the kernel's out-of-memory killer killed a process of the container", kills.slice(-2).map((e) => e.quote), ctx.container?.name)];
}

/** No node will take the pod: it never reached a kubelet, so nothing ever crashed. */
export function unschedulableRule(ctx: RuleContext): Candidate[] {
  const { pod } = ctx;
  const everRan = pod.containers.some((c) => c.state?.value.kind === 'running' || c.lastState || c.state?.value.kind === 'terminated');
  const condition = pod.conditions.find((c) => c.value.type === 'PodScheduled' && c.value.status === 'False');
  const events = ctx.events.filter((e) => e.reason === 'FailedScheduling' || e.reason === 'NotTriggerScaleUp');
  const scheduled = ctx.events.some((e) => e.reason === 'Scheduled');
  const quotes: Quote[] = [...(condition?.quotes ?? []), ...events.slice(-2).map((e) => e.quote)];
  if (everRan || (pod.node && !condition)) return [];
  if (condition) return [candidate('unschedulable', 0.95, 'the PodScheduled condition is False', quotes)];
  if (events.length > 0 && !scheduled) {
    return [candidate('unschedulable', 0.9, 'the scheduler reports that no node fits the pod', quotes)];
  }
  if (pod.phase?.value === 'Pending' && pod.seen.includes('node') === false && pod.seen.includes('phase') && pod.containers.every((c) => !c.state)) {
    return [candidate('unschedulable', 0.6, 'the pod is Pending and has no node', pod.phase.quotes)];
  }
  const status = pod.statusColumn.at(-1);
  if (status?.value === 'Pending') {
    return [candidate('unschedulable', 0.6, 'kubectl get pods shows the pod as Pending (not yet placed on a node)', status.quotes)];
  }
  return [];
}

/** The pod was stopped from outside: node shutdown, preemption or deletion. */
export function podStoppedRule(ctx: RuleContext): Candidate[] {
  const { pod } = ctx;
  if (pod.reason && SHUTDOWN_REASON.test(pod.reason.value)) {
    return [candidate('sigterm-shutdown', 0.85, 'the node shut down and stopped the pod', [...pod.reason.quotes, ...(pod.message?.quotes ?? [])])];
  }
  const shutdown = ctx.events.find((e) => e.reason === 'Shutdown' && NODE_SHUTDOWN.test(e.message));
  const disruption = pod.conditions.find((c) => c.value.type === 'DisruptionTarget' && c.value.status === 'True' && NODE_SHUTDOWN.test(`${c.value.reason ?? ''} ${c.value.message ?? ''}`));
  if (shutdown || disruption) {
    return [candidate('sigterm-shutdown', 0.85, 'the kubelet stopped the pod because its node was shutting down', shutdown ? [shutdown.quote] : disruption!.quotes)];
  }
  const status = pod.statusColumn.at(-1);
  if (status && /^(Shutdown|Terminated|NodeShutdown)$/.test(status.value)) {
    return [candidate('sigterm-shutdown', 0.75, `kubectl get pods shows ${status.value}: the node stopped the pod`, status.quotes)];
  }
  const preempted = ctx.events.find((e) => /^(Preempted|Preempting|TaintManagerEviction)$/.test(e.reason));
  if (preempted) return [candidate('sigterm-shutdown', 0.75, 'the pod was preempted or evicted by a taint and told to stop', [preempted.quote])];
  return [];
}
