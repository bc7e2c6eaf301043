import { CAUSES, isCauseId, type CauseId } from '../causes.js';
import { UsageError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import type { JudgedAnswer } from '../state.js';

/** Judges the named cause against the scenario's row of the triage table. */
export function judgeCause(scenario: Scenario, cause: CauseId): JudgedAnswer {
  if (cause === scenario.cause) return { outcome: 'pass', reason: `right: ${CAUSES[cause]}` };
  return {
    outcome: 'fail',
    reason: `not this time: you said "${CAUSES[cause]}"; it was "${CAUSES[scenario.cause]}"`,
  };
}

/** Judges the chosen remedy; a wrong reflex is answered with why it fails. */
export function judgeRemedy(scenario: Scenario, remedyId: string | undefined): JudgedAnswer {
  const correct = scenario.remedies.filter((r) => r.correct);
  if (remedyId === undefined) return { outcome: 'fail', reason: `no remedy chosen; a right one: ${correct[0]?.text ?? '(none listed)'}` };
  const choice = scenario.remedies.find((r) => r.id === remedyId);
  if (!choice) throw new UsageError(`no remedy '${remedyId}' in this scenario; choose one of: ${scenario.remedies.map((r) => r.id).join(', ')}`);
  if (choice.correct) return { outcome: 'pass', reason: `right: ${choice.text}` };
  return { outcome: 'fail', reason: `${choice.text}: ${choice.why ?? 'that does not cure the cause'}` };
}

/** Parses a cause id given on the command line. */
export function parseCause(value: string): CauseId {
  if (!isCauseId(value)) throw new UsageError(`unknown cause '${value}'; one of: ${Object.keys(CAUSES).join(', ')}`);
  return value;
}
