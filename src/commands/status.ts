import { attemptShown, BLIND_TITLE } from '../runner/visibility.js';
import { scoreAttempt } from '../scoring.js';
import { readState } from '../state.js';
import { say } from '../ui/io.js';
import { renderScore } from '../ui/render.js';
import { printJson, type CommandContext } from './context.js';

/** `crashlab status`: the attempt in progress and its score so far. Reads no cluster. */
export function statusCommand(ctx: CommandContext, options: { json?: boolean }): number {
  const attempt = readState(ctx.io.env).attempt;
  if (!attempt) {
    if (options.json) printJson(ctx.io, { attempt: null });
    else say(ctx.io, "no attempt in progress; 'crashlab list' shows the scenarios");
    return 0;
  }
  const score = scoreAttempt(attempt);
  const scenario = ctx.catalog.get(attempt.scenarioId);
  const shown = attemptShown(attempt);
  if (options.json) {
    printJson(ctx.io, {
      attempt: attempt.id,
      scenario: shown ? attempt.scenarioId : null,
      namespace: attempt.namespace,
      context: attempt.context,
      startedAt: attempt.startedAt,
      reproducedAt: attempt.reproducedAt ?? null,
      hintsUsed: attempt.hintsUsed,
      hintsTotal: scenario.hints.length,
      answered: attempt.diagnosis !== undefined,
      checks: attempt.checks,
      score,
    });
    return 0;
  }
  say(ctx.io, `attempt ${attempt.id}: ${shown ? scenario.title : BLIND_TITLE}`);
  say(ctx.io, `  namespace ${attempt.namespace} on context ${attempt.context}, started ${attempt.startedAt}`);
  say(ctx.io, `  failure reproduced: ${attempt.reproducedAt ?? 'not yet'}`);
  say(ctx.io, `  hints taken: ${attempt.hintsUsed}/${scenario.hints.length}; diagnosis: ${attempt.diagnosis ? 'answered' : 'not yet'}; checks run: ${attempt.checks.length}`);
  say(ctx.io);
  for (const line of renderScore(score)) say(ctx.io, line);
  return 0;
}
