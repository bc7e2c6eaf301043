import { CAUSES } from '../causes.js';
import { say } from '../ui/io.js';
import { printJson, type CommandContext } from './context.js';

/** `crashlab list`: every scenario with its row of the triage table. */
export function listCommand(ctx: CommandContext, options: { json?: boolean }): number {
  const rows = ctx.catalog.list().map((s) => ({
    id: s.id,
    title: s.title,
    cause: s.cause,
    causeText: CAUSES[s.cause],
    difficulty: s.difficulty,
    minutes: s.minutes,
  }));
  if (options.json) {
    printJson(ctx.io, rows);
    return 0;
  }
  if (rows.length === 0) {
    say(ctx.io, 'no scenarios installed');
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    say(ctx.io, `${r.id.padEnd(width)}  ${r.difficulty.padEnd(12)} ~${String(r.minutes).padStart(2)} min  ${r.title}`);
    say(ctx.io, `${''.padEnd(width)}  triage row: ${r.causeText}`);
  }
  say(ctx.io);
  say(ctx.io, "start one with 'crashlab start <id>'");
  return 0;
}
