import { buildReport } from '../report/build.js';
import { attemptShown, BLIND_TITLE } from '../runner/visibility.js';
import { reportableAttempt } from '../state.js';
import { say } from '../ui/io.js';
import { renderReport } from '../ui/report.js';
import { printJson, type CommandContext } from './context.js';

/** `crashlab report`: what was done in the attempt, when, and how it scored. Reads no cluster. */
export function reportCommand(ctx: CommandContext, options: { json?: boolean }): number {
  const attempt = reportableAttempt(ctx.io.env);
  const report = buildReport(attempt, attemptShown(attempt) ? ctx.catalog.get(attempt.scenarioId).title : BLIND_TITLE);
  if (options.json) printJson(ctx.io, report);
  else for (const line of renderReport(report)) say(ctx.io, line);
  return 0;
}
