import type { ContainerEvidence, EventEvidence, Fact, ProbeEvidence, Quote } from '../evidence.js';
import { listenPorts, readProbeFailure, type ProbeFailure } from '../signals.js';
import { candidate, logQuote, type Candidate, type RuleContext } from './context.js';

const PROBE_KILL = /failed (?:liveness|startup) probe|Container failed liveness probe/i;

interface ProbeView {
  failures: { event: EventEvidence; failure: ProbeFailure }[];
  kills: EventEvidence[];
}

function probeView(ctx: RuleContext): ProbeView {
  const failures = ctx.events
    .map((event) => ({ event, failure: readProbeFailure(event.message) }))
    .filter((f): f is { event: EventEvidence; failure: ProbeFailure } => f.failure !== undefined);
  const kills = ctx.events.filter((e) => e.reason === 'Killing' && PROBE_KILL.test(e.message));
  return { failures, kills };
}

/** True when liveness or startup probe failures, or a probe kill, are on record. */
export function probeKilled(ctx: RuleContext): boolean {
  const view = probeView(ctx);
  return view.kills.length > 0 || view.failures.some((f) => f.failure.kind !== 'readiness');
}

/**
 * Probe failures come before the kills. Whether the probe or the port is to
 * blame depends on where the probe knocks versus where the app listens: a
 * refused connection on a port the app never announced is a mismatch; a
 * timeout, an error status, or a refusal on the app's own port is a probe
 * that is too impatient for a healthy app.
 */
export function probeRule(ctx: RuleContext): Candidate[] {
  const view = probeView(ctx);
  const killing = view.failures.filter((f) => f.failure.kind !== 'readiness');
  const readiness = view.failures.filter((f) => f.failure.kind === 'readiness');
  const name = ctx.container?.name ?? view.kills[0]?.container ?? killing[0]?.event.container;
  if (killing.length === 0 && view.kills.length === 0) return readinessOnly(ctx, readiness, name);

  const failureQuotes = [...killing.slice(-2).map((f) => f.event.quote), ...view.kills.slice(-1).map((e) => e.quote)];
  const exit = ctx.termination?.value.exitCode;
  const crashedOnItsOwn = view.kills.length === 0 && exit !== undefined && ![0, 2, 137, 143].includes(exit);
  const base = crashedOnItsOwn ? 0.45 : 0.9;
  const refused = killing.filter((f) => f.failure.outcome === 'refused');
  if (refused.length === 0 || refused.length < killing.length / 2) {
    const outcome = describeOutcome(killing.at(-1)?.failure);
    return [candidate('liveness-probe', base, `the liveness probe ${outcome}, then the kubelet restarts the container`, failureQuotes, name)];
  }
  const probe = livenessProbe(ctx.container);
  const probePort = resolvePort(ctx.container, probe?.value.port) ?? refused.at(-1)?.failure.port;
  return portVerdict(ctx, probePort, [...(probe?.quotes ?? []), ...failureQuotes], name, base, 'liveness');
}

function readinessOnly(ctx: RuleContext, readiness: ProbeView['failures'], name: string | undefined): Candidate[] {
  const refused = readiness.filter((f) => f.failure.outcome === 'refused');
  if (refused.length === 0) return [];
  const probe = ctx.container?.probes.find((p) => p.value.kind === 'readiness');
  const probePort = resolvePort(ctx.container, probe?.value.port) ?? refused.at(-1)?.failure.port;
  const verdicts = portVerdict(ctx, probePort, [...(probe?.quotes ?? []), refused.at(-1)!.event.quote], name, 0.8, 'readiness');
  return verdicts.filter((v) => v.cause === 'port-mismatch');
}

function portVerdict(
  ctx: RuleContext,
  probePort: number | undefined,
  quotes: Quote[],
  name: string | undefined,
  base: number,
  kind: 'liveness' | 'readiness',
): Candidate[] {
  const listening = listenPorts(ctx.logs);
  const declared = (ctx.container?.ports ?? []).map((p) => p.value.port);
  if (listening.length > 0 && probePort !== undefined) {
    const same = listening.find((l) => l.port === probePort);
    const listenQuotes = listening.slice(-1).map((l) => logQuote(l.line));
    if (!same) {
      return [
        candidate('port-mismatch', Math.max(base, 0.9), `the ${kind} probe knocks on port ${probePort}, but the app says it listens on ${listening.at(-1)!.port}`, [...quotes, ...listenQuotes], name),
        candidate('liveness-probe', 0.2, '', [], name),
      ];
    }
    if (same.loopbackOnly) {
      return [candidate('port-mismatch', Math.max(base - 0.2, 0.6), `the app listens on port ${probePort} but only on the loopback address, which the kubelet cannot reach`, [...quotes, logQuote(same.line)], name)];
    }
    return [
      candidate('liveness-probe', base * 0.9, `the app does listen on port ${probePort}; the probe gives up before it is ready`, [...quotes, logQuote(same.line)], name),
      candidate('port-mismatch', 0.15, '', [], name),
    ];
  }
  if (probePort !== undefined && declared.length > 0 && !declared.includes(probePort)) {
    const portQuotes = ctx.container?.ports.flatMap((p) => p.quotes).slice(0, 1) ?? [];
    return [
      candidate('port-mismatch', Math.max(base - 0.15, 0.7), `the ${kind} probe uses port ${probePort}, but the container declares ${declared.join(', ')}`, [...quotes, ...portQuotes], name),
      candidate('liveness-probe', 0.3, '', [], name),
    ];
  }
  if (kind === 'readiness') return [];
  // a refusal alone cannot tell a slow start from a wrong port or a crash; the app's own output can,
  // and so can the kubelet killing the container for it, which is the decisive probe signal
  const collected = ctx.pod.logs.some((l) => l.previous !== undefined && l.lines.length > 0);
  const killed = ctx.events.some((e) => e.reason === 'Killing' && PROBE_KILL.test(e.message));
  const ceiling = killed ? 0.62 : collected ? 0.55 : 0.45;
  return [
    candidate('liveness-probe', Math.min(base, ceiling), `the liveness probe is refused${probePort ? ` on port ${probePort}` : ''}: either the app starts slower than the probe allows or it listens elsewhere`, quotes, name),
    candidate('port-mismatch', 0.4, '', [], name),
  ];
}

/** A Service whose targetPort the app does not serve sends traffic nowhere, even when the pod looks fine. */
export function servicePortRule(ctx: RuleContext): Candidate[] {
  if (ctx.pod.serviceTargetPorts.length === 0 || !ctx.container) return [];
  const listening = listenPorts(ctx.logs).map((l) => l.port);
  const declared = ctx.container.ports.map((p) => p.value);
  const known = new Set<number | string>([...listening, ...declared.map((p) => p.port), ...declared.flatMap((p) => (p.name ? [p.name] : []))]);
  if (known.size === 0) return [];
  const stray = ctx.pod.serviceTargetPorts.filter((t) => !known.has(t.value));
  if (stray.length === 0) return [];
  return [
    candidate('port-mismatch', 0.6, `a Service sends traffic to port ${stray[0]!.value}, which the container does not serve`, [...stray.flatMap((s) => s.quotes), ...declared.length ? ctx.container.ports[0]!.quotes : []], ctx.container.name),
  ];
}

function livenessProbe(container: ContainerEvidence | undefined): Fact<ProbeEvidence> | undefined {
  return container?.probes.find((p) => p.value.kind === 'liveness') ?? container?.probes.find((p) => p.value.kind === 'startup');
}

function resolvePort(container: ContainerEvidence | undefined, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string') return container?.ports.find((p) => p.value.name === port)?.value.port;
  return undefined;
}

function describeOutcome(failure: ProbeFailure | undefined): string {
  switch (failure?.outcome) {
    case 'timeout':
      return 'times out';
    case 'status':
      return `gets HTTP ${failure.statusCode ?? 'errors'}`;
    case 'refused':
      return 'is refused';
    default:
      return 'fails';
  }
}
