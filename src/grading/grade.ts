import type { GradeInput } from '../scenario/types.js';
import { podsReady, restartsFrozen, rolloutSettled } from './checks.js';
import { findRefusedFixes } from './refused-fixes.js';
import { verdictOf, type CriterionResult, type Verdict } from './verdict.js';
import type { WorkloadRef } from './workload.js';

/** The criteria every scenario starts from: the workload settled, Ready, and not restarting. */
export function healthyAndStable(input: GradeInput, ref: WorkloadRef): CriterionResult[] {
  return [
    rolloutSettled(input.last, ref),
    podsReady(input.last, ref),
    restartsFrozen(input.first, input.last, ref, input.scenario.stabilitySeconds),
  ];
}

/** A verdict from a grader's criteria plus every refused fix the shared catalogue finds. */
export function judge(input: GradeInput, criteria: CriterionResult[]): Verdict {
  return verdictOf(criteria, findRefusedFixes(input));
}

/** A scenario parameter as a string, failing loudly when the scenario file lacks it. */
export function param(input: GradeInput, name: string): string {
  const value = input.params[name];
  if (value === undefined) throw new Error(`scenario ${input.scenario.id} has no parameter '${name}'`);
  return String(value);
}

export function numberParam(input: GradeInput, name: string): number {
  const value = Number(param(input, name));
  if (!Number.isFinite(value)) throw new Error(`scenario ${input.scenario.id} parameter '${name}' is not a number`);
  return value;
}
