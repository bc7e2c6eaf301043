import type { CauseId } from '../causes.js';
import { adviceFor, collectNext, type Target } from './advice.js';
import type { ContainerEvidence, EvidenceRecord, Fact, PodEvidence, Quote, Termination } from './evidence.js';
import { failingContainer, pickPod, troubleScore } from './focus.js';
import { nodeCorrelation } from './node-correlation.js';
import { candidate, type Candidate, type Rule, type RuleContext } from './rules/context.js';
import { logsRule } from './rules/logs.js';
import { createConfigRule, imagePullRule, startFailureRule } from './rules/never-started.js';
import { evictedRule, kernelOomRule, podStoppedRule, unschedulableRule } from './rules/pod-level.js';
import { probeRule, servicePortRule } from './rules/probes.js';
import { statusColumnRule } from './rules/status-column.js';
import { terminationRule } from './rules/termination.js';

/** Below this, a cause is not named: the verdict is "collect more". */
export const NAMING_THRESHOLD = 0.5;

export interface Alternative {
  cause: CauseId;
  confidence: number;
}

/** The engine's answer for one pod. */
export interface Diagnosis {
  pod: string;
  namespace?: string;
  /** null when the evidence is not enough to name a cause */
  cause: CauseId | null;
  confidence: number;
  /** the container that is failing, when known */
  container?: string;
  initContainer?: boolean;
  /** one sentence on what the evidence shows */
  summary: string;
  evidence: Quote[];
  confirm: string[];
  remedy?: string;
  avoid: string[];
  alternatives: Alternative[];
  insufficient?: { reason: string; collect: string[] };
  notes: string[];
}

export interface DiagnoseOptions {
  pod?: string;
  container?: string;
}

const RULES: Rule[] = [
  evictedRule,
  unschedulableRule,
  podStoppedRule,
  imagePullRule,
  createConfigRule,
  startFailureRule,
  terminationRule,
  kernelOomRule,
  probeRule,
  servicePortRule,
  adjustedLogsRule,
  statusColumnRule,
  initContainerRule,
];

/** Causes that keep their own name even when an init container is the one affected. */
const OWN_NAME_IN_INIT: CauseId[] = ['image-pull', 'create-config-error', 'unschedulable', 'evicted'];

/** Names the cause for one pod of the evidence (the named one, or the one in most trouble). */
export function diagnose(record: EvidenceRecord, options: DiagnoseOptions = {}): Diagnosis {
  const pod = pickPod(record, options.pod);
  if (!pod) return noPod(record, options.pod);
  const ctx = contextFor(record, pod, options.container);
  const candidates = RULES.flatMap((rule) => rule(ctx));
  const ranked = rank(ctx.container?.isInit ? asInitFailure(candidates, ctx.container) : candidates);
  const target: Target = { pod: pod.name, namespace: pod.namespace, container: ctx.container?.name || ctx.logContainer, node: pod.node?.value };
  const notes = [...record.notes.filter((n) => n.kind === 'truncated').map((n) => n.message), ...focusNotes(pod, ctx.container), ...nodeCorrelation(record, pod)];
  const best = ranked[0];
  const alternatives = ranked.slice(1, 4).filter((c) => c.confidence >= 0.15).map((c) => ({ cause: c.cause, confidence: round(c.confidence) }));
  const healthyAnyway = looksHealthy(pod) && best?.cause !== 'port-mismatch';
  if (!best || best.confidence < NAMING_THRESHOLD || healthyAnyway) {
    return insufficient(ctx, target, best, alternatives, notes);
  }
  const advice = adviceFor(best.cause, target);
  const rival = ranked[1];
  if (rival && rival.confidence >= NAMING_THRESHOLD) notes.push(whyItWins(best, rival));
  return {
    pod: pod.name,
    namespace: pod.namespace,
    cause: best.cause,
    confidence: round(best.confidence),
    container: best.container || target.container,
    initContainer: ctx.container?.isInit || undefined,
    summary: best.detail,
    evidence: best.evidence,
    confirm: advice.confirm,
    remedy: advice.remedy,
    avoid: advice.avoid,
    alternatives,
    notes,
  };
}

function contextFor(record: EvidenceRecord, pod: PodEvidence, wanted?: string): RuleContext {
  const container = failingContainer(pod, wanted);
  const name = container?.name;
  const events = pod.events.filter((e) => !name || !e.container || e.container === name);
  const ownLogs = pod.logs.filter((l) => !name || !l.container || l.container === name);
  // --previous output wins when it was asked for by name; logs of unknown origin stand with the current ones
  const previous = ownLogs.filter((l) => l.previous === true);
  const chosen = previous.length > 0 ? previous : ownLogs;
  const logs = chosen.flatMap((l) => l.lines);
  const logNames = [...new Set(chosen.map((l) => l.container).filter((n): n is string => Boolean(n)))];
  const eventNames = [...new Set(events.map((e) => e.container).filter((n): n is string => Boolean(n)))];
  const named = logNames.length === 1 ? logNames : eventNames.length === 1 ? eventNames : [];
  const logContainer = !name ? named[0] : undefined;
  return { record, pod, container, events, logs, logContainer, termination: terminationOf(container) };
}

function terminationOf(container: ContainerEvidence | undefined): Fact<Termination> | undefined {
  const state = container?.state;
  if (state?.value.kind === 'terminated' && (state.value.exitCode !== 0 || !container?.lastState)) {
    const { kind: _kind, ...termination } = state.value;
    return { value: termination, quotes: state.quotes };
  }
  return container?.lastState;
}

/** Logs weigh less when the exit code already tells a different story. */
function adjustedLogsRule(ctx: RuleContext): Candidate[] {
  const exit = ctx.termination?.value.exitCode;
  return logsRule(ctx).map((c) => {
    let factor = 1;
    if (exit === 0) factor = 0.6;
    else if ((exit === 137 || exit === 143) && c.cause !== 'oom-killed') factor = 0.8;
    else if (exit === undefined) factor = 0.9;
    return { ...c, confidence: c.confidence * factor };
  });
}

/** An init container that keeps failing is the cause, whatever it fails on. */
function initContainerRule(ctx: RuleContext): Candidate[] {
  const container = ctx.container;
  if (!container?.isInit || troubleScore(container) === 0) return [];
  const quotes = [...(container.state?.quotes ?? []), ...(container.lastState?.quotes ?? []), ...(container.restartCount?.quotes ?? [])];
  return [candidate('init-container', 0.85, `init container "${container.name}" keeps failing, so the app containers never start`, quotes, container.name)];
}

function asInitFailure(candidates: Candidate[], container: ContainerEvidence): Candidate[] {
  return candidates.map((c) => {
    if (OWN_NAME_IN_INIT.includes(c.cause) || c.cause === 'init-container') return c;
    const inner = c.detail ? `; it looks like ${c.cause}: ${c.detail}` : '';
    return {
      ...c,
      cause: 'init-container',
      container: container.name,
      detail: `init container "${container.name}" keeps failing, so the app containers never start${inner}`,
    };
  });
}

/** How much a kind of evidence speaks for itself: the kubelet's record first, the app's own words last. */
const SOURCE_WEIGHT: Record<Quote['source'], number> = { pod: 4, describe: 4, events: 3, 'get-pods': 2, logs: 1 };
const SOURCE_NAME: Record<Quote['source'], string> = {
  pod: "the pod's recorded status",
  describe: "the pod's recorded status",
  events: "the kubelet's events",
  'get-pods': 'the STATUS column',
  logs: "the app's output",
};

function strongestSource(c: Candidate): Quote['source'] | undefined {
  return [...c.evidence].sort((a, b) => SOURCE_WEIGHT[b.source] - SOURCE_WEIGHT[a.source])[0]?.source;
}

/** When two causes both have real support, says which one wins and why. */
function whyItWins(best: Candidate, rival: Candidate): string {
  const mine = strongestSource(best);
  const theirs = strongestSource(rival);
  const rivalSays = `${rival.cause} (${Math.round(rival.confidence * 100)}%)${rival.detail ? `: ${rival.detail}` : ''}`;
  if (mine && theirs && SOURCE_WEIGHT[mine] > SOURCE_WEIGHT[theirs]) {
    return `the evidence also points to ${rivalSays}; ${best.cause} wins because it rests on ${SOURCE_NAME[mine]}, which outranks ${SOURCE_NAME[theirs]}`;
  }
  return `the evidence also points to ${rivalSays}; ${best.cause} wins because its signal is the more specific one (${Math.round(best.confidence * 100)}%)`;
}

/** One entry per cause: the strongest candidate, nudged up a little by each independent agreement. */
function rank(candidates: Candidate[]): Candidate[] {
  const byCause = new Map<CauseId, Candidate[]>();
  for (const c of candidates) byCause.set(c.cause, [...(byCause.get(c.cause) ?? []), c]);
  const merged: Candidate[] = [];
  for (const [cause, list] of byCause) {
    const sorted = [...list].sort((a, b) => b.confidence - a.confidence);
    const top = sorted[0]!;
    const agreeing = sorted.slice(1).filter((c) => c.confidence >= NAMING_THRESHOLD).length;
    const evidence = dedupe(sorted.flatMap((c) => c.evidence));
    merged.push({ ...top, cause, confidence: Math.min(0.99, top.confidence + 0.03 * agreeing), evidence: evidence.slice(0, 8), detail: sorted.find((c) => c.detail)?.detail ?? '' });
  }
  return merged.sort((a, b) => b.confidence - a.confidence);
}

function dedupe(quotes: Quote[]): Quote[] {
  const seen = new Set<string>();
  return quotes.filter((q) => {
    const key = `${q.source}:${q.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function focusNotes(pod: PodEvidence, container: ContainerEvidence | undefined): string[] {
  if (!container?.name) return [];
  const others = pod.containers.filter((c) => c !== container && c.name);
  if (others.length === 0 && !container.isInit) return [];
  const restarts = container.restartCount ? `, restart count ${container.restartCount.value}` : '';
  const role = container.isInit ? 'init container' : 'container';
  return [`${role} "${container.name}" is the one failing${restarts}${others.length ? ` (the pod also has ${others.map((c) => `"${c.name}"`).join(', ')})` : ''}`];
}

function insufficient(ctx: RuleContext, target: Target, best: Candidate | undefined, alternatives: Alternative[], notes: string[]): Diagnosis {
  const { pod } = ctx;
  const healthy = looksHealthy(pod);
  const missing = {
    status: !pod.seen.includes('containerStatus') && !pod.seen.includes('phase'),
    logs: ctx.logs.length === 0 && !healthy,
    events: !pod.seen.includes('events') && !healthy,
  };
  const reason = healthy
    ? 'the pod looks healthy: every container is running with no restarts and no failure on record'
    : best
      ? `the evidence is thin: the best guess, ${best.cause}, is only ${Math.round(best.confidence * 100)}% likely`
      : 'nothing in the evidence names a cause yet';
  return {
    pod: pod.name,
    namespace: pod.namespace,
    cause: null,
    confidence: round(best?.confidence ?? 0),
    container: target.container,
    initContainer: ctx.container?.isInit || undefined,
    summary: reason,
    evidence: best?.evidence ?? [],
    confirm: [],
    avoid: [],
    alternatives: best ? [{ cause: best.cause, confidence: round(best.confidence) }, ...alternatives] : alternatives,
    insufficient: { reason, collect: collectNext(target, missing) },
    notes: [...new Set([...ctx.record.notes.map((n) => n.message), ...notes])],
  };
}

/** Running, ready and never restarted: there is nothing to explain. */
export function looksHealthy(pod: PodEvidence): boolean {
  const status = pod.statusColumn.at(-1)?.value;
  const containersFine =
    pod.containers.length > 0 &&
    pod.containers.every((c) =>
      c.isInit
        ? c.state === undefined || (c.state.value.kind === 'terminated' && c.state.value.exitCode === 0)
        : c.state?.value.kind === 'running' && c.ready !== false && (c.restartCount?.value ?? 0) === 0,
    );
  const columnFine = status === 'Running' && (pod.restartsColumn ?? 0) === 0 && (!pod.readyColumn || /^(\d+)\/\1$/.test(pod.readyColumn));
  const noWarnings = !pod.events.some((e) => e.type === 'Warning');
  return (containersFine || (pod.containers.length === 0 && columnFine)) && noWarnings && !pod.reason;
}

function noPod(record: EvidenceRecord, wanted?: string): Diagnosis {
  const reason = wanted
    ? `no pod named ${wanted} in the evidence`
    : record.notes[0]?.message ?? 'the input holds no pod, events, logs or kubectl output explain can read';
  return nothingToName(wanted ?? '', reason, [
    'kubectl get pods  (find the pod that is crash-looping)',
    'kubectl describe pod <pod>  (Last State reason and exit code, events)',
    'kubectl logs <pod> --previous  (what the crashed instance printed)',
  ], record.notes.map((n) => n.message));
}

/** A diagnosis that names no cause: why, and what to collect next. */
export function nothingToName(pod: string, reason: string, collect: string[], notes: string[] = []): Diagnosis {
  return {
    pod,
    cause: null,
    confidence: 0,
    summary: reason,
    evidence: [],
    confirm: [],
    avoid: [],
    alternatives: [],
    insufficient: { reason, collect },
    notes,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
