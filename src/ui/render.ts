import type { CriterionResult, Verdict } from '../grading/verdict.js';
import type { Score } from '../scoring.js';
import type { JudgedAnswer } from '../state.js';

const MARK: Record<CriterionResult['outcome'], string> = { pass: 'PASS', fail: 'FAIL', unmeasured: 'UNMEASURED' };

function detail(c: { observed?: string; expected?: string }): string {
  const bits = [c.observed !== undefined ? `observed ${c.observed}` : '', c.expected !== undefined ? `expected ${c.expected}` : '']
    .filter(Boolean)
    .join(', ');
  return bits ? ` (${bits})` : '';
}

/** The verdict of a check as lines a learner reads. */
export function renderVerdict(verdict: Verdict): string[] {
  const lines = verdict.criteria.map((c) => `  ${MARK[c.outcome].padEnd(10)} ${c.id}: ${c.message}${detail(c)}`);
  for (const r of verdict.refused) {
    lines.push(`  REFUSED    ${r.id}: ${r.reason}${r.observed ? ` (observed ${r.observed})` : ''}`);
  }
  if (verdict.passed) lines.push('Fixed: every criterion passed and the restarts stayed frozen.');
  else if (verdict.refused.length > 0) lines.push('Not fixed: the change marked REFUSED silences the alarm instead of curing the cause.');
  else if (verdict.incomplete) lines.push("Not judged yet: some criteria could not be measured; run 'crashlab check' again in a moment.");
  else lines.push("Not fixed yet: change the workload with kubectl and run 'crashlab check' again.");
  return lines;
}

/** One judged diagnosis answer as a line. */
export function renderJudged(part: string, answer: JudgedAnswer): string {
  return `  ${MARK[answer.outcome].padEnd(10)} ${part}: ${answer.reason}`;
}

/** The score with a reason for every line. */
export function renderScore(score: Score): string[] {
  const lines = score.lines.map((l) => {
    const points = l.max > 0 ? `${l.points}/${l.max}` : String(l.points);
    return `  ${l.part.padEnd(14)} ${points.padStart(6)}${l.pending ? ' (pending)' : ''}  ${l.reason}`;
  });
  lines.push(`  ${'total'.padEnd(14)} ${`${score.total}/${score.max}`.padStart(6)}`);
  return lines;
}
