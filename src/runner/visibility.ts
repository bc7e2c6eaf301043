import { CAUSES, type CauseId } from '../causes.js';
import { mulberry32 } from '../scenario/params.js';
import type { Difficulty, Scenario } from '../scenario/types.js';
import type { Attempt, CrashlabState } from '../state.js';

/**
 * What a learner may see before a drill gives the answer away. A scenario's
 * triage row is a third of the diagnosis score, so it stays hidden until an
 * attempt at that scenario has been judged (an answer recorded or a fix
 * passed), or until the learner asks for it.
 */

/** True once an attempt's diagnosis was recorded or a check passed: its answer is out. */
export function isJudged(attempt: Attempt): boolean {
  return attempt.diagnosis !== undefined || attempt.checks.some((c) => c.passed);
}

/** Scenario ids whose answer this learner has already been shown. */
export function judgedScenarioIds(state: CrashlabState): Set<string> {
  const ids = new Set(state.judgedScenarios ?? []);
  for (const attempt of [state.attempt, state.lastAttempt]) if (attempt && isJudged(attempt)) ids.add(attempt.scenarioId);
  return ids;
}

/** Keeps an ending attempt's scenario in the judged list, so it stays revealed after the last attempt is replaced. */
export function rememberJudged(state: CrashlabState, attempt: Attempt): void {
  if (!isJudged(attempt)) return;
  const ids = new Set(state.judgedScenarios ?? []);
  ids.add(attempt.scenarioId);
  state.judgedScenarios = [...ids].sort();
}

/** One row of `crashlab list`; cause and causeText only where they may be shown. */
export interface ListedScenario {
  id: string;
  title: string;
  difficulty: Difficulty;
  minutes: number;
  revealed: boolean;
  cause?: CauseId;
  causeText?: string;
}

/**
 * The row `list` may print for a scenario: the cause only when the learner
 * has been judged on it or passed --reveal. Pure, so any listing (filters
 * included) decides the same way.
 */
export function listedScenario(scenario: Scenario, judged: ReadonlySet<string>, reveal: boolean): ListedScenario {
  const base = { id: scenario.id, title: scenario.title, difficulty: scenario.difficulty, minutes: scenario.minutes };
  if (!reveal && !judged.has(scenario.id)) return { ...base, revealed: false };
  return { ...base, revealed: true, cause: scenario.cause, causeText: CAUSES[scenario.cause] };
}

/** False while a blind attempt has not been judged: its scenario id and title stay hidden. */
export function attemptShown(attempt: Attempt): boolean {
  return attempt.blind !== true || isJudged(attempt);
}

/** The neutral name a blind attempt goes by until it is judged. */
export const BLIND_TITLE = 'a blind drill (the scenario shows once your answer is judged)';

/**
 * Picks a scenario for a blind start from the seed: among those not judged
 * yet when there are any, else among all. Same seed and history, same pick.
 */
export function pickBlind(scenarios: readonly Scenario[], judged: ReadonlySet<string>, seed: number): Scenario | undefined {
  const fresh = scenarios.filter((s) => !judged.has(s.id));
  const pool = [...(fresh.length > 0 ? fresh : scenarios)].sort((a, b) => a.id.localeCompare(b.id));
  // its own stream, so the pick does not correlate with the parameters drawn from the same seed
  const next = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  return pool[Math.floor(next() * pool.length)];
}
