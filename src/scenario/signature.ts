import { WAITING } from '../kube/reasons.js';
import type { ContainerStatus, KubeEvent, Pod } from '../kube/wire.js';
import type { Snapshot } from '../snapshot.js';
import { renderTemplate } from './render.js';
import type { Params, SignatureSpec } from './types.js';

/** One field of the signature, judged on one container. */
export interface SignatureCheck {
  field: string;
  expected: string;
  observed: string;
  ok: boolean;
}

export interface SignatureMatch {
  matched: boolean;
  /** the pod that matched, or the one that came closest */
  pod?: string;
  /** one line: what the live state shows for the watched container */
  observed: string;
  checks: SignatureCheck[];
}

/** The signature with its placeholders filled; empty strings mean "not checked". */
export type ResolvedSignature = {
  container: string;
  init: boolean;
  terminatedReason?: string;
  exitCode?: number;
  terminatedMessage?: string;
  waitingReason?: string;
  event?: { reason: string; message: string };
  previousLog?: string;
  minRestarts?: number;
};

export function resolveSignature(spec: SignatureSpec, params: Params): ResolvedSignature {
  const fill = (s: string | undefined) => {
    const text = s === undefined ? undefined : renderTemplate(s, params).trim();
    return text === '' ? undefined : text;
  };
  const container = fill(spec.container) ?? '';
  const exit = typeof spec.exitCode === 'number' ? spec.exitCode : fill(spec.exitCode);
  const eventReason = spec.event && fill(spec.event.reason);
  return {
    container: container.replace(/^init:/, ''),
    init: container.startsWith('init:'),
    terminatedReason: fill(spec.terminatedReason),
    exitCode: exit === undefined ? undefined : Number(exit),
    terminatedMessage: fill(spec.terminatedMessage),
    waitingReason: fill(spec.waitingReason),
    event: spec.event && eventReason ? { reason: eventReason, message: fill(spec.event.message) ?? '' } : undefined,
    previousLog: fill(spec.previousLog),
    minRestarts: spec.minRestarts,
  };
}

function statusFor(pod: Pod, sig: ResolvedSignature): ContainerStatus | undefined {
  const list = sig.init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  return list?.find((s) => s.name === sig.container);
}

function eventsFor(snapshot: Snapshot, pod: Pod): KubeEvent[] {
  return snapshot.events.filter((e) => e.involvedObject?.kind === 'Pod' && e.involvedObject.name === pod.metadata?.name);
}

/**
 * Judges one snapshot against a scenario's signature: every field given must
 * hold on the same pod's container. `seenWaiting` carries waiting reasons
 * seen at earlier polls (as `${pod}/${container}:${reason}`), since a
 * CrashLoopBackOff can pass between two reads.
 */
export function matchSignature(
  snapshot: Snapshot,
  spec: SignatureSpec,
  params: Params,
  seenWaiting: ReadonlySet<string> = new Set(),
): SignatureMatch {
  const sig = resolveSignature(spec, params);
  let best: SignatureMatch | undefined;
  for (const pod of snapshot.pods) {
    const result = matchPod(snapshot, pod, sig, seenWaiting);
    if (result.matched) return result;
    const score = (m: SignatureMatch) => m.checks.filter((c) => c.ok).length;
    if (!best || score(result) > score(best)) best = result;
  }
  return best ?? { matched: false, observed: `no pods yet in ${snapshot.namespace}`, checks: [] };
}

function matchPod(snapshot: Snapshot, pod: Pod, sig: ResolvedSignature, seenWaiting: ReadonlySet<string>): SignatureMatch {
  const name = pod.metadata?.name ?? '';
  const status = statusFor(pod, sig);
  const label = `${sig.init ? 'init container' : 'container'} ${sig.container}`;
  if (!status) return { matched: false, pod: name, observed: `${name}: ${label} has not started yet`, checks: [] };
  const last = status.lastState?.terminated;
  const waiting = status.state?.waiting?.reason;
  const checks: SignatureCheck[] = [];
  const check = (field: string, expected: string, observed: string, ok: boolean) => checks.push({ field, expected, observed, ok });

  if (sig.terminatedReason !== undefined) {
    check('lastState.terminated.reason', sig.terminatedReason, last?.reason ?? 'none', last?.reason === sig.terminatedReason);
  }
  if (sig.exitCode !== undefined) {
    check('lastState.terminated.exitCode', String(sig.exitCode), last ? String(last.exitCode) : 'none', last?.exitCode === sig.exitCode);
  }
  if (sig.terminatedMessage !== undefined) {
    const message = last?.message ?? '';
    check('lastState.terminated.message', `contains "${sig.terminatedMessage}"`, message || 'none', message.includes(sig.terminatedMessage));
  }
  if (sig.waitingReason !== undefined) {
    const seen = waiting === sig.waitingReason || seenWaiting.has(`${name}/${sig.container}:${sig.waitingReason}`);
    check('state.waiting.reason', sig.waitingReason, waiting ?? 'not waiting', seen);
  }
  if (sig.minRestarts !== undefined) {
    check('restartCount', `>= ${sig.minRestarts}`, String(status.restartCount), status.restartCount >= sig.minRestarts);
  }
  if (sig.event) {
    const { reason, message } = sig.event;
    const events = eventsFor(snapshot, pod).filter((e) => e.reason === reason);
    const hit = events.find((e) => (e.message ?? '').includes(message));
    check('event', `${reason}: "${message}"`, hit?.message ?? (events[0]?.message ?? 'no such event'), hit !== undefined);
  }
  if (sig.previousLog !== undefined) {
    const log = snapshot.previousLogs[`${name}/${sig.container}`];
    check('previous log', `contains "${sig.previousLog}"`, log === undefined ? 'no previous log' : lastLine(log), log?.includes(sig.previousLog) ?? false);
  }

  const observedParts = [
    last ? `last terminated ${last.reason ?? '?'} (exit ${last.exitCode})` : 'not terminated yet',
    waiting ? `waiting ${waiting}` : status.state?.running ? 'running' : undefined,
    `restarts ${status.restartCount}`,
  ].filter(Boolean);
  return {
    matched: checks.every((c) => c.ok),
    pod: name,
    observed: `${name} ${label}: ${observedParts.join(', ')}`,
    checks,
  };
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

/**
 * Keeps the waiting reasons seen across polls, so a signature that names one
 * still matches after the container has moved on to its next attempt.
 */
export class SignatureWatch {
  private readonly seen = new Set<string>();

  constructor(
    private readonly spec: SignatureSpec,
    private readonly params: Params,
  ) {}

  observe(snapshot: Snapshot): SignatureMatch {
    for (const pod of snapshot.pods) {
      for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
        const reason = s.state?.waiting?.reason;
        if (reason) this.seen.add(`${pod.metadata?.name}/${s.name}:${reason}`);
      }
    }
    return matchSignature(snapshot, this.spec, this.params, this.seen);
  }
}

export interface Progress {
  /** one line for the learner: what we are waiting for and what is there now */
  line: string;
  restarts: number;
  /** the current restart backoff, from the kubelet's CrashLoopBackOff message */
  backoffSeconds?: number;
  /** seconds until the kubelet retries, when the last finish time is known */
  nextRestartInSeconds?: number;
}

/** "back-off 40s restarting failed container=..." -> 40; also "1m20s", "5m0s". */
export function parseBackoff(message: string | undefined): number | undefined {
  const match = /back-off (\S+) restarting failed/.exec(message ?? '');
  if (!match) return undefined;
  let seconds = 0;
  for (const [, n, unit] of match[1]!.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)) {
    seconds += Number(n) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
  }
  return seconds;
}

/** What `start` prints while it waits for the signature. */
export function describeProgress(snapshot: Snapshot, spec: SignatureSpec, params: Params, match?: SignatureMatch): Progress {
  const sig = resolveSignature(spec, params);
  const result = match ?? matchSignature(snapshot, spec, params);
  const pod = snapshot.pods.find((p) => p.metadata?.name === result.pod);
  const status = pod ? statusFor(pod, sig) : undefined;
  const restarts = status?.restartCount ?? 0;
  const waitingFor = result.checks.filter((c) => !c.ok).map((c) => `${c.field} ${c.expected}`);
  const parts = [result.matched ? 'signature visible' : `waiting for ${waitingFor.join(', ') || 'the container to start'}`, result.observed];

  const waiting = status?.state?.waiting;
  const backoffSeconds = waiting?.reason === WAITING.CrashLoopBackOff ? parseBackoff(waiting.message) : undefined;
  let nextRestartInSeconds: number | undefined;
  const finishedAt = status?.lastState?.terminated?.finishedAt;
  if (backoffSeconds !== undefined && finishedAt) {
    const due = Date.parse(finishedAt) + backoffSeconds * 1000;
    nextRestartInSeconds = Math.max(0, Math.round((due - Date.parse(snapshot.takenAt)) / 1000));
    parts.push(`next restart in ~${nextRestartInSeconds}s (backoff ${backoffSeconds}s)`);
  } else if (backoffSeconds !== undefined) {
    parts.push(`backoff ${backoffSeconds}s`);
  }
  return { line: parts.join('; '), restarts, backoffSeconds, nextRestartInSeconds };
}
