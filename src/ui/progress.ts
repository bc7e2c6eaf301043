import type { CliIo } from './io.js';
import { terminalColumns, truncateLine } from './width.js';

export interface Progress {
  /** shows the current state of a wait */
  update(line: string): void;
  /** ends the progress display, optionally with a final line */
  done(line?: string): void;
}

/** How often a non-terminal stderr gets a progress line. */
const PLAIN_INTERVAL_MS = 5_000;

/**
 * Progress on stderr, so stdout stays clean for --json. A terminal gets one
 * line rewritten in place; a pipe or log file gets a line every few seconds.
 */
export function createProgress(io: CliIo, now: () => number = Date.now): Progress {
  const tty = io.stderr.isTTY === true;
  let lastPrinted = Number.NEGATIVE_INFINITY;
  let shown = false;
  return {
    update(line) {
      if (tty) {
        // a line longer than the terminal wraps, and \r then rewrites only its last row
        const columns = terminalColumns(io.stderr);
        io.stderr.write(`\r\x1b[2K${truncateLine(line, columns === undefined ? undefined : columns - 1)}`);
        shown = true;
        return;
      }
      if (now() - lastPrinted < PLAIN_INTERVAL_MS) return;
      lastPrinted = now();
      io.stderr.write(`${line}\n`);
    },
    done(line) {
      if (tty && shown) io.stderr.write('\r\x1b[2K');
      if (line) io.stderr.write(`${line}\n`);
      shown = false;
    },
  };
}
