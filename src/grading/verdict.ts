/**
 * A criterion is measured or it is not. A criterion that could not be measured
 * (pods still rolling out, an API error) is 'unmeasured' and never counts as
 * passed or failed.
 */
export type Outcome = 'pass' | 'fail' | 'unmeasured';

export interface CriterionResult {
  /** stable id, e.g. 'pods-ready', 'memory-limit-raised', 'refused:limit-removed' */
  id: string;
  outcome: Outcome;
  /** one sentence a learner reads: why it passed, failed or could not be judged */
  message: string;
  observed?: string;
  expected?: string;
}

/** A refused "fix": something that silences the alarm instead of curing the cause. */
export interface RefusedFix {
  /** id from the shared catalogue in src/grading/refused-fixes.ts */
  id: string;
  /** why this is the wrong remedy, in a sentence */
  reason: string;
  observed?: string;
}

export interface Verdict {
  /** true only when every criterion passed and no refused fix was found */
  passed: boolean;
  /** true when some criterion is unmeasured: run check again later */
  incomplete: boolean;
  criteria: CriterionResult[];
  refused: RefusedFix[];
}

/** "3/4 criteria passed": a verdict in a few words, for the report's timeline. */
export function verdictSummary(verdict: Verdict): string {
  const passed = verdict.criteria.filter((c) => c.outcome === 'pass').length;
  return `${passed}/${verdict.criteria.length} criteria passed`;
}

export function verdictOf(criteria: CriterionResult[], refused: RefusedFix[]): Verdict {
  const incomplete = criteria.some((c) => c.outcome === 'unmeasured');
  const passed = !incomplete && refused.length === 0 && criteria.every((c) => c.outcome === 'pass');
  return { passed, incomplete, criteria, refused };
}
