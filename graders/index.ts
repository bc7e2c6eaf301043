import type { Grader } from '../src/scenario/types.js';
import { gradeBadEntrypoint } from './bad-entrypoint.js';
import { gradeInitFailure } from './init-failure.js';
import { gradeMissingSecret } from './missing-secret.js';
import { gradeOomKill } from './oom-kill.js';
import { gradePortMismatch } from './port-mismatch.js';
import { gradeProbeKill } from './probe-kill.js';

/** The registry: one line per scenario, keyed by its id. */
export const GRADERS = {
  'oom-kill': gradeOomKill,
  'probe-kill': gradeProbeKill,
  'missing-secret': gradeMissingSecret,
  'bad-entrypoint': gradeBadEntrypoint,
  'port-mismatch': gradePortMismatch,
  'init-failure': gradeInitFailure,
} satisfies Record<string, Grader>;

export type ScenarioId = keyof typeof GRADERS;

export function isScenarioId(id: string): id is ScenarioId {
  return Object.hasOwn(GRADERS, id);
}

/** The grader for a scenario id, or undefined for an id with none. */
export function graderFor(id: string): Grader | undefined {
  return isScenarioId(id) ? GRADERS[id] : undefined;
}
