import { judgedScenarioIds, listedScenario } from '../runner/visibility.js';
import { readState } from '../state.js';
import { say } from '../ui/io.js';
import { terminalColumns, truncateLine } from '../ui/width.js';
import { printJson, type CommandContext } from './context.js';

/**
 * `crashlab list`: every scenario with its difficulty and time. The triage
 * row shows only for scenarios already judged, or with --reveal.
 */
export function listCommand(ctx: CommandContext, options: { json?: boolean; reveal?: boolean }): number {
  const judged = judgedScenarioIds(readState(ctx.io.env));
  const rows = ctx.catalog.list().map((s) => listedScenario(s, judged, options.reveal === true));
  if (options.json) {
    printJson(ctx.io, rows);
    return 0;
  }
  if (rows.length === 0) {
    say(ctx.io, 'no scenarios installed');
    return 0;
  }
  const columns = terminalColumns(ctx.io.stdout);
  const width = Math.max(...rows.map((r) => r.id.length));
  for (const r of rows) {
    say(ctx.io, truncateLine(`${r.id.padEnd(width)}  ${r.difficulty.padEnd(12)} ~${String(r.minutes).padStart(2)} min  ${r.title}`, columns));
    if (r.causeText) say(ctx.io, truncateLine(`${''.padEnd(width)}  triage row: ${r.causeText}`, columns));
  }
  say(ctx.io);
  if (rows.some((r) => !r.revealed)) say(ctx.io, 'triage rows show once a drill is judged (--reveal shows them now)');
  say(ctx.io, "start one with 'crashlab start <id>', or a blind one with 'crashlab start --random'");
  return 0;
}
