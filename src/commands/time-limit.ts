import { deadlineOf, formatElapsed, isLate } from '../report/timeline.js';
import type { Attempt } from '../state.js';
import { note, type CliIo } from '../ui/io.js';

/** Tells an interview candidate that the step still counts but is marked late in the report. */
export function warnIfLate(io: CliIo, attempt: Attempt, what: string, at: Date = new Date()): void {
  const deadline = deadlineOf(attempt);
  if (!deadline || !isLate(attempt, at)) return;
  const over = formatElapsed((at.getTime() - deadline.getTime()) / 1000);
  note(io, `time is up: the ${attempt.interview!.minutes}-minute limit passed ${over} ago; this ${what} still counts but the report marks it late`);
}
