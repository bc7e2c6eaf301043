import { scanLines, type LogSignal, type LogSignalKind } from '../signals.js';
import { candidate, logQuote, type Candidate, type RuleContext } from './context.js';
import type { CauseId } from '../../causes.js';

/** How many of the last log lines are read for the crash's own words. */
export const LOG_WINDOW = 1000;

/** Below the naming threshold: an info line can support a verdict but never makes one. */
const INFO_CEILING = 0.45;

const STRONG: LogSignalKind[] = ['bad-command', 'segfault', 'memory', 'missing-config', 'credentials', 'dependency'];

const VERDICT: Record<LogSignalKind, { cause: CauseId; confidence: number; detail: string }> = {
  'bad-command': { cause: 'bad-command', confidence: 0.85, detail: 'the output says the command could not be executed' },
  segfault: { cause: 'segfault', confidence: 0.85, detail: 'the process reports a segmentation fault' },
  memory: { cause: 'oom-killed', confidence: 0.6, detail: "the runtime ran out of its own heap; the memory it may use is too small for the work" },
  'missing-config': { cause: 'missing-config', confidence: 0.85, detail: 'the app stops because a setting it needs is missing or empty' },
  credentials: { cause: 'missing-config', confidence: 0.55, detail: 'the app reaches its dependency but its credentials are rejected, which usually means a wrong or empty Secret value' },
  dependency: { cause: 'dependency-unreachable', confidence: 0.85, detail: 'the app cannot reach something it needs at startup' },
  'app-error': { cause: 'app-error', confidence: 0.75, detail: "the app's own code fails at startup" },
  shutdown: { cause: 'sigterm-shutdown', confidence: 0.4, detail: 'the app logged that it was asked to stop' },
};

/**
 * What the crashed instance's own output says. The decisive line is the last
 * specific failure the app reported at error level (a warning earlier on is
 * weaker than the fatal line at the end); a bare stack trace means app-error.
 */
export function classifyLogs(lines: string[]): Candidate | undefined {
  const signals = scanLines(lines);
  if (signals.length === 0) return undefined;
  const strong = signals.filter((s) => STRONG.includes(s.kind));
  if (looksLikeNoise(strong, lines)) return undefined;
  const decisive = strong.filter((s) => s.level === 'error' || s.level === undefined).at(-1) ?? strong.at(-1);
  if (decisive) {
    const penalty = decisive.level === 'warn' ? -0.15 : 0;
    const found = fromSignal(decisive, penalty, signals);
    // a line the app logged at info or debug level is context, never the verdict on its own
    if (decisive.level === 'info' || decisive.level === 'debug') found.confidence = Math.min(found.confidence, INFO_CEILING);
    return found;
  }
  const errors = signals.filter((s) => s.kind === 'app-error');
  const stopAsked = signals.find((s) => s.kind === 'shutdown');
  if (stopAsked && errors.length > 0 && errors.every((s) => s.index > stopAsked.index)) {
    // errors that only start once the app was told to stop are the bad exit, not the cause
    return candidate('sigterm-shutdown', 0.6, 'the app was asked to stop and failed on its way down', [logQuote(stopAsked.line), logQuote(errors[0]!.line)]);
  }
  if (errors.length > 0) {
    const first = errors.find((s) => /Traceback|panic:|Exception|Error\b/.test(s.line)) ?? errors[0]!;
    const last = errors.at(-1)!;
    const quotes = first === last ? [logQuote(first.line)] : [logQuote(first.line), logQuote(last.line)];
    const onlyGeneric = errors.every((s) => /^\S*\s*\b(?:ERROR|ERR)\b/.test(s.line) && !/Error:|Exception/.test(s.line));
    return candidate('app-error', onlyGeneric ? 0.6 : 0.75, VERDICT['app-error'].detail, quotes);
  }
  const shutdown = signals.filter((s) => s.kind === 'shutdown').at(-1);
  return shutdown ? fromSignal(shutdown, 0, signals) : undefined;
}

/**
 * A crash report has one story. Text in which several different kinds of
 * failure each come back again and again, all through the lines, is noise
 * (word salad, a concatenation of unrelated logs) and names nothing.
 */
function looksLikeNoise(strong: LogSignal[], lines: string[]): boolean {
  const counts = new Map<LogSignalKind, number>();
  for (const s of strong) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const repeatedKinds = [...counts.values()].filter((n) => n >= 3).length;
  if (repeatedKinds >= 3 && strong.length >= Math.max(9, lines.length * 0.05)) return true;
  // hundreds of lines with no timestamp, level, key=value or stack frame, whose failure lines never
  // repeat (a retry loop repeats itself), are not a program's output
  if (lines.length < 500 || strong.length < lines.length * 0.02) return false;
  const structured = lines.filter((l) => LOG_SHAPE.test(l)).length;
  const distinct = new Set(strong.map((s) => s.line)).size;
  return structured < lines.length * 0.02 && distinct > strong.length * 0.8;
}

/** What a line a program logged usually carries somewhere: a time, a level, a key=value, JSON, a stack frame. */
const LOG_SHAPE = /\d\d:\d\d:\d\d|\b(?:DEBUG|INFO|WARN(?:ING)?|ERROR|FATAL|TRACE)\b|\b\w+=\S|^\s*[{[]|^\s+at |^\s*File "|^[IWEF]\d{4} /;

function fromSignal(signal: LogSignal, adjust: number, all: LogSignal[]): Candidate {
  const verdict = VERDICT[signal.kind];
  const context = all.filter((s) => s.index < signal.index && s.kind === 'app-error' && /Traceback|panic:|Exception in/.test(s.line)).slice(0, 1);
  return candidate(verdict.cause, verdict.confidence + adjust, verdict.detail, [...context.map((s) => logQuote(s.line)), logQuote(signal.line)]);
}

/** A failed exit whose last words read like an error, even in wording no pattern knows. */
function lastWords(lines: string[], exitCode: number | undefined): Candidate | undefined {
  if (exitCode === undefined || exitCode === 0 || exitCode >= 128) return undefined;
  const last = lines.map((l) => l.trim()).filter(Boolean).at(-1);
  if (!last || !/\b(?:error|fail(?:ed|ure)?|fatal|cannot|can't|unable|invalid|detected|refus\w*|abort\w*|denied)\b/i.test(last)) return undefined;
  return candidate('app-error', 0.5, 'the app exits with an error of its own; its last line says what', [logQuote(last)]);
}

/** The focus container's logs, plus any termination message the kubelet kept from them. */
export function logsRule(ctx: RuleContext): Candidate[] {
  const message = ctx.termination?.value.message?.split('\n') ?? [];
  // a crashed instance says why at the end; older lines are history, and in a huge paste mostly noise
  const lines = [...ctx.logs.slice(-LOG_WINDOW), ...message];
  const result = classifyLogs(lines) ?? lastWords(lines, ctx.termination?.value.exitCode);
  if (!result) return [];
  result.container = ctx.container?.name;
  return [result];
}
