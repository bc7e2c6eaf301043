import { scoreAttempt, type Score } from '../scoring.js';
import type { Attempt, AttemptStep } from '../state.js';
import { deadlineOf, isLate, secondsSinceStart, stepsOf } from './timeline.js';

export interface TimelineEntry {
  at: string;
  elapsedSeconds: number;
  step: AttemptStep['kind'];
  /** what happened, in a few words */
  detail: string;
  /** past the interview's time limit */
  late: boolean;
}

/** What the candidate did, measured: the body of `crashlab report`. */
export interface AttemptReport {
  attempt: string;
  title: string;
  mode: 'interview' | 'practice';
  learner: string | null;
  startedAt: string;
  limitMinutes: number | null;
  timeline: TimelineEntry[];
  /** seconds from start to the first recorded answer, and whether its cause was right */
  diagnosis: { seconds: number; causeRight: boolean; late: boolean } | null;
  /** seconds from start to the first passing check */
  passingFix: { seconds: number; late: boolean } | null;
  refusedFixes: string[];
  /** hints taken; always 0 in an interview, where they are refused */
  hintsTaken: number;
  score: Score;
}

function describe(step: AttemptStep): string {
  switch (step.kind) {
    case 'start':
      return 'started; workload deployed';
    case 'reproduced':
      return 'failure visible in the cluster';
    case 'hint':
      return `took hint ${step.number}`;
    case 'answer': {
      const o = step.outcomes;
      const parts = `cause ${o.cause}, evidence ${o.evidence}, remedy ${o.remedy}`;
      return step.recorded ? `answered: ${parts}` : `answer not recorded (pods showed no state yet): ${parts}`;
    }
    case 'check': {
      const verdict = step.passed ? 'PASSED' : step.incomplete ? 'incomplete' : 'not fixed';
      const refused = step.refused.length > 0 ? `; refused fix tried: ${step.refused.join(', ')}` : '';
      return `check ${verdict} (${step.summary})${refused}`;
    }
    case 'reset':
      return 'reset the workload to its broken state';
    case 'cleanup':
      return 'cleaned up the namespace';
  }
}

/** Builds the report of an attempt; pure, so `title` comes from the caller. */
export function buildReport(attempt: Attempt, title: string): AttemptReport {
  const steps = stepsOf(attempt);
  const timeline = steps.map((step) => ({
    at: step.at,
    elapsedSeconds: secondsSinceStart(attempt, step.at),
    step: step.kind,
    detail: describe(step),
    // only answers and checks are held to the limit
    late: (step.kind === 'answer' || step.kind === 'check') && isLate(attempt, step.at),
  }));
  const answer = steps.find((s) => s.kind === 'answer' && s.recorded);
  const passed = steps.find((s) => s.kind === 'check' && s.passed);
  return {
    attempt: attempt.id,
    title,
    mode: attempt.interview ? 'interview' : 'practice',
    learner: attempt.learner ?? null,
    startedAt: attempt.startedAt,
    limitMinutes: deadlineOf(attempt) ? attempt.interview!.minutes : null,
    timeline,
    diagnosis:
      answer?.kind === 'answer'
        ? { seconds: secondsSinceStart(attempt, answer.at), causeRight: answer.outcomes.cause === 'pass', late: isLate(attempt, answer.at) }
        : null,
    passingFix: passed ? { seconds: secondsSinceStart(attempt, passed.at), late: isLate(attempt, passed.at) } : null,
    refusedFixes: [...attempt.refusedSeen],
    hintsTaken: attempt.hintsUsed,
    score: scoreAttempt(attempt),
  };
}
