import { BAD_COMMAND, matchesAny, SEGFAULT } from '../signals.js';
import { candidate, type Candidate, type RuleContext } from './context.js';
import { probeKilled } from './probes.js';

const STOP_EVENT = /^(Killing|Preempting|Preempted|NodeNotReady|TaintManagerEviction|Drain|NodeShutdown|Shutdown|SuccessfulDelete|Evicting)$/;

/**
 * What the last termination's reason, exit code and signal say on their own.
 * 137 is only an OOM kill when the kubelet says OOMKilled; otherwise it is a
 * SIGKILL from a probe or a stop that ran out of grace time.
 */
export function terminationRule(ctx: RuleContext): Candidate[] {
  const term = ctx.termination;
  if (!term) return [];
  const { reason, exitCode, signal, message } = term.value;
  const quotes = term.quotes;
  const name = ctx.container?.name;
  const restarted = (ctx.container?.restartCount?.value ?? ctx.pod.restartsColumn ?? 0) > 0 || ctx.container?.state?.value.kind === 'waiting';

  // kubelets of the 1.0 era (dockershim) wrote the reason as "OOM Killed"
  if (reason && /^OOM ?Killed$/i.test(reason)) return [candidate('oom-killed', 0.95, 'the kubelet recorded the last exit as OOMKilled', quotes, name)];
  if (exitCode === 139 || signal === 11 || matchesAny(reason ?? '', SEGFAULT)) {
    return [candidate('segfault', 0.95, 'the process died of a segmentation fault (exit 139, SIGSEGV)', quotes, name)];
  }
  if ((reason === 'StartError' || reason === 'ContainerCannotRun' || exitCode === 128) && matchesAny(message ?? '', BAD_COMMAND)) {
    return [candidate('bad-command', 0.95, 'the runtime could not start the command', quotes, name)];
  }
  if (exitCode === 127) return [candidate('bad-command', 0.9, 'exit 127: the command was not found', quotes, name)];
  if (exitCode === 126) return [candidate('bad-command', 0.9, 'exit 126: the command exists but cannot be executed', quotes, name)];
  if (exitCode === 132) return [candidate('segfault', 0.65, 'exit 132: illegal instruction, a binary built for another CPU', quotes, name)];
  if (matchesAny(message ?? '', BAD_COMMAND)) return [candidate('bad-command', 0.9, 'the termination message says the command could not be executed', quotes, name)];

  if (exitCode === 0 || reason === 'Completed') {
    if (probeKilled(ctx)) return [];
    if (ctx.pod.phase?.value === 'Succeeded' || ctx.pod.restartPolicy === 'Never' || ctx.pod.restartPolicy === 'OnFailure') return [];
    const knownNoRestarts = (ctx.container?.restartCount?.value ?? ctx.pod.restartsColumn) === 0;
    if (knownNoRestarts && ctx.container?.state?.value.kind !== 'waiting') return [];
    // an exit 0 the output only states in words counts once something shows the restarts
    const inWords = quotes.every((q) => q.source === 'logs');
    if (inWords && !restarted) return [];
    return [
      candidate(
        'completed-exit-0',
        restarted && !inWords ? 0.9 : 0.7,
        'the process finished successfully (exit 0) and is started again because the pod restarts containers always',
        quotes,
        name,
      ),
    ];
  }
  if (exitCode === 137 || exitCode === 143 || signal === 9 || signal === 15) {
    if (probeKilled(ctx)) return [candidate('liveness-probe', 0.5, 'a signal ended the container after probe failures', quotes, name)];
    return signalled(ctx, exitCode === 143 || signal === 15 ? 'SIGTERM' : 'SIGKILL', quotes, name);
  }
  return [];
}

function signalled(ctx: RuleContext, signal: 'SIGTERM' | 'SIGKILL', quotes: Candidate['evidence'], name: string | undefined): Candidate[] {
  const stops = ctx.events.filter((e) => STOP_EVENT.test(e.reason) && !/probe/i.test(e.message));
  const nodeOom = ctx.record.pods.flatMap((p) => p.events).find((e) => /^(OOMKilling|SystemOOM)$/.test(e.reason));
  if (nodeOom && signal === 'SIGKILL') {
    return [candidate('oom-killed', 0.75, 'the node reports an out-of-memory kill at the time', [...quotes, nodeOom.quote], name)];
  }
  if (stops.length > 0) {
    return [candidate('sigterm-shutdown', 0.8, `the container was told to stop (${signal}) with no probe failure behind it`, [...quotes, stops.at(-1)!.quote], name)];
  }
  const eventsSeen = ctx.pod.seen.includes('events');
  if (signal === 'SIGTERM') {
    return [
      candidate('sigterm-shutdown', eventsSeen ? 0.7 : 0.5, 'exit 143: the process ended on SIGTERM and no probe failure is on record', quotes, name),
      candidate('liveness-probe', eventsSeen ? 0.2 : 0.35, '', [], name),
    ];
  }
  return [
    candidate('sigterm-shutdown', eventsSeen ? 0.55 : 0.4, 'exit 137 without OOMKilled and without probe failures: a SIGKILL after a stop ran out of grace time', quotes, name),
    candidate('oom-killed', eventsSeen ? 0.3 : 0.4, 'exit 137 can also be an out-of-memory kill the runtime did not label', [], name),
    candidate('liveness-probe', eventsSeen ? 0.15 : 0.3, '', [], name),
  ];
}
