import { scoreAttempt } from '../scoring.js';
import type { Attempt } from '../state.js';

/** Annotations on an attempt's namespace that the facilitator's scoreboard reads. */
export const PROGRESS_ANNOTATIONS = {
  learner: 'crashlab.dev/learner',
  score: 'crashlab.dev/score',
  diagnosed: 'crashlab.dev/diagnosed',
  fixed: 'crashlab.dev/fixed',
  updatedAt: 'crashlab.dev/updated-at',
} as const;

/**
 * The learner's progress as namespace annotations. Other learners share the
 * cluster and can read them, so they carry outcomes only: never the scenario,
 * its cause or the answers given.
 */
export function progressAnnotations(attempt: Attempt, learner: string, now: Date): Record<string, string> {
  return {
    [PROGRESS_ANNOTATIONS.learner]: learner,
    [PROGRESS_ANNOTATIONS.score]: String(scoreAttempt(attempt).total),
    [PROGRESS_ANNOTATIONS.diagnosed]: attempt.diagnosis?.judged.cause.outcome === 'pass' ? 'yes' : 'no',
    [PROGRESS_ANNOTATIONS.fixed]: attempt.checks.some((c) => c.passed) ? 'yes' : 'no',
    [PROGRESS_ANNOTATIONS.updatedAt]: now.toISOString(),
  };
}
