import type { Attempt, AttemptStep } from '../state.js';

/**
 * The attempt's steps in time order. Attempts recorded before steps were kept
 * get theirs rebuilt from the fields every attempt has.
 */
export function stepsOf(attempt: Attempt): AttemptStep[] {
  if (attempt.steps) return [...attempt.steps].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const steps: AttemptStep[] = [{ kind: 'start', at: attempt.startedAt }];
  if (attempt.reproducedAt) steps.push({ kind: 'reproduced', at: attempt.reproducedAt });
  const d = attempt.diagnosis;
  if (d) {
    const outcomes = { cause: d.judged.cause.outcome, evidence: d.judged.evidence.outcome, remedy: d.judged.remedy.outcome };
    steps.push({ kind: 'answer', at: d.answeredAt, recorded: true, outcomes });
  }
  for (const c of attempt.checks) {
    steps.push({ kind: 'check', at: c.at, passed: c.passed, incomplete: c.incomplete, summary: c.passed ? 'passed' : 'not passed', refused: c.refused });
  }
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** When an interview's time runs out, or undefined for an attempt without a limit. */
export function deadlineOf(attempt: Attempt): Date | undefined {
  if (!attempt.interview) return undefined;
  return new Date(Date.parse(attempt.startedAt) + attempt.interview.minutes * 60_000);
}

/** True when `at` is past the interview's time limit. */
export function isLate(attempt: Attempt, at: string | Date): boolean {
  const deadline = deadlineOf(attempt);
  return deadline !== undefined && new Date(at).getTime() > deadline.getTime();
}

/** Whole seconds from the attempt's start to `at`. */
export function secondsSinceStart(attempt: Attempt, at: string | Date): number {
  return Math.max(0, Math.round((new Date(at).getTime() - Date.parse(attempt.startedAt)) / 1000));
}

/** "1m05s", "42s", "1h02m": elapsed time as people read it. */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
