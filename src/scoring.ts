import type { Attempt, JudgedAnswer } from './state.js';

/** Points available for each part, and what hints and refused fixes cost. */
export const POINTS = { cause: 30, evidence: 20, remedy: 20, fix: 30, hint: 5, refusedFix: 10 } as const;

export interface ScoreLine {
  part: 'cause' | 'evidence' | 'remedy' | 'fix' | 'hints' | 'refused-fixes';
  points: number;
  /** best possible for this line; 0 for penalties */
  max: number;
  /** pending: not answered or not checked yet */
  pending: boolean;
  reason: string;
}

export interface Score {
  total: number;
  max: number;
  lines: ScoreLine[];
}

function judged(part: 'cause' | 'evidence' | 'remedy', answer: JudgedAnswer | undefined): ScoreLine {
  const max = POINTS[part];
  if (!answer) return { part, points: 0, max, pending: true, reason: 'not answered yet' };
  if (answer.outcome === 'unmeasured') return { part, points: 0, max, pending: true, reason: answer.reason };
  return { part, points: answer.outcome === 'pass' ? max : 0, max, pending: false, reason: answer.reason };
}

function fixLine(attempt: Attempt): ScoreLine {
  const max = POINTS.fix;
  const passed = attempt.checks.find((c) => c.passed);
  if (passed) return { part: 'fix', points: max, max, pending: false, reason: `the live cluster passed check at ${passed.at}` };
  const last = attempt.checks.at(-1);
  if (!last) return { part: 'fix', points: 0, max, pending: true, reason: "not checked yet; fix it with kubectl, then run 'crashlab check'" };
  if (last.incomplete) return { part: 'fix', points: 0, max, pending: true, reason: 'the last check could not measure everything; run check again' };
  return { part: 'fix', points: 0, max, pending: true, reason: 'the last check did not pass yet' };
}

/**
 * The attempt's score, every line with its reason. Diagnosis parts are judged
 * once, when first answered; the fix scores once any check has passed. Hints
 * and distinct refused fixes are subtracted; the total never drops below 0.
 */
export function scoreAttempt(attempt: Attempt): Score {
  const d = attempt.diagnosis?.judged;
  const lines: ScoreLine[] = [judged('cause', d?.cause), judged('evidence', d?.evidence), judged('remedy', d?.remedy), fixLine(attempt)];
  if (attempt.hintsUsed > 0) {
    lines.push({
      part: 'hints',
      points: -POINTS.hint * attempt.hintsUsed,
      max: 0,
      pending: false,
      reason: `${attempt.hintsUsed} hint(s) taken`,
    });
  }
  if (attempt.refusedSeen.length > 0) {
    lines.push({
      part: 'refused-fixes',
      points: -POINTS.refusedFix * attempt.refusedSeen.length,
      max: 0,
      pending: false,
      reason: `alarm-silencing fix(es) tried: ${attempt.refusedSeen.join(', ')}`,
    });
  }
  const sum = lines.reduce((acc, line) => acc + line.points, 0);
  const max = lines.reduce((acc, line) => acc + line.max, 0);
  return { total: Math.max(0, sum), max, lines };
}
