import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../grading/verdict.js';
import type { GradeInput } from '../scenario/types.js';

/** A check as it was judged: everything the grader saw and what it said. */
export interface RecordedCheck {
  scenarioId: string;
  input: Omit<GradeInput, 'scenario'> & { stabilitySeconds: number };
  verdict: Verdict;
}

/**
 * Writes a judged check to `dir/check-<n>.json` when CRASHLAB_RECORD_DIR is
 * set, so real cluster states can be replayed through the graders offline.
 */
export function recordCheck(env: NodeJS.ProcessEnv, sequence: number, input: GradeInput, verdict: Verdict): void {
  const dir = env.CRASHLAB_RECORD_DIR;
  if (!dir) return;
  const { scenario, ...rest } = input;
  const record: RecordedCheck = { scenarioId: scenario.id, input: { ...rest, stabilitySeconds: scenario.stabilitySeconds }, verdict };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `check-${sequence}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}
