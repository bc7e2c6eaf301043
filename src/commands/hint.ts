import { HintsOffError } from '../errors.js';
import { renderTemplate } from '../scenario/render.js';
import { POINTS } from '../scoring.js';
import { currentAttempt, recordStep, updateAttempt } from '../state.js';
import { say } from '../ui/io.js';
import { renderMarkdown } from '../ui/markdown.js';
import { printJson, type CommandContext } from './context.js';

/** `crashlab hint`: the next rung of the scenario's hint ladder, at a cost; refused in interview practice. */
export async function hintCommand(ctx: CommandContext, options: { json?: boolean }): Promise<number> {
  const attempt = currentAttempt(ctx.io.env);
  if (attempt.interview) throw new HintsOffError();
  const hints = ctx.catalog.get(attempt.scenarioId).hints;
  if (attempt.hintsUsed >= hints.length) {
    if (options.json) printJson(ctx.io, { hint: null, used: attempt.hintsUsed, total: hints.length });
    else say(ctx.io, `no more hints (${hints.length} of ${hints.length} taken)`);
    return 0;
  }
  const hint = renderTemplate(hints[attempt.hintsUsed]!, { ...attempt.params, namespace: attempt.namespace }).trim();
  const updated = updateAttempt((a) => {
    a.hintsUsed += 1;
    recordStep(a, { kind: 'hint', at: new Date().toISOString(), number: a.hintsUsed });
  }, ctx.io.env);
  if (options.json) {
    printJson(ctx.io, { hint, used: updated.hintsUsed, total: hints.length, cost: POINTS.hint });
    return 0;
  }
  say(ctx.io, `hint ${updated.hintsUsed}/${hints.length} (-${POINTS.hint} points):`);
  say(ctx.io, await renderMarkdown(hint, ctx.io));
  return 0;
}
