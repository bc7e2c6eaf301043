import { terminalColumns, wrapText, type SizedStream } from './width.js';

/** The streams and environment a command runs with; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & SizedStream;
  stderr: NodeJS.WritableStream & SizedStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** aborted when the user presses Ctrl-C */
  signal?: AbortSignal;
}

/** The real process streams. */
export function processIo(signal?: AbortSignal): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal };
}

/** Writes one line to stdout, wrapped at spaces to fit a terminal (never when piped). */
export function say(io: CliIo, line = ''): void {
  io.stdout.write(`${wrapText(line, terminalColumns(io.stdout))}\n`);
}

/** Writes one line to stderr, wrapped at spaces to fit a terminal (never when piped). */
export function note(io: CliIo, line: string): void {
  io.stderr.write(`${wrapText(line, terminalColumns(io.stderr))}\n`);
}
