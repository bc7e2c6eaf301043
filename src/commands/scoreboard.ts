import { setTimeout as sleep } from 'node:timers/promises';
import { listCrashlabNamespaces } from '../cluster/index.js';
import { CancelledError } from '../errors.js';
import { say } from '../ui/io.js';
import { renderScoreboard } from '../ui/scoreboard.js';
import { terminalColumns, truncateLine } from '../ui/width.js';
import { scoreboardRows } from '../workshop/scoreboard.js';
import { envSeconds, printJson, type CommandContext } from './context.js';

export interface ScoreboardOptions {
  context?: string;
  json?: boolean;
  watch?: boolean;
}

/** How often --watch reads the namespaces again. */
const DEFAULT_REFRESH_SECONDS = 5;
const CLEAR_SCREEN = '\x1b[2J\x1b[H';

/**
 * `crashlab scoreboard`: every learner's progress across the crashlab
 * namespaces on the cluster, as their attempts published it. Only reads.
 */
export async function scoreboardCommand(ctx: CommandContext, options: ScoreboardOptions): Promise<number> {
  const { io } = ctx;
  const cluster = ctx.connect(options.context);
  const refresh = envSeconds(io.env, 'CRASHLAB_SCOREBOARD_SECONDS', DEFAULT_REFRESH_SECONDS);
  for (;;) {
    const rows = scoreboardRows(await listCrashlabNamespaces(cluster), new Date());
    if (options.json) printJson(io, { context: cluster.context, rows });
    else {
      if (options.watch && io.stdout.isTTY) io.stdout.write(CLEAR_SCREEN);
      if (options.watch) say(io, `crashlab scoreboard on ${cluster.context}, every ${refresh}s (Ctrl-C to stop)`);
      // a table row cut at the edge reads better than one wrapped onto the next row
      for (const line of renderScoreboard(rows)) say(io, truncateLine(line, terminalColumns(io.stdout)));
    }
    if (!options.watch) return 0;
    try {
      await sleep(refresh * 1000, undefined, { signal: io.signal });
    } catch {
      throw new CancelledError();
    }
    if (io.signal?.aborted) throw new CancelledError();
  }
}
