/** The streams and environment a command runs with; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** aborted when the user presses Ctrl-C */
  signal?: AbortSignal;
}

/** The real process streams. */
export function processIo(signal?: AbortSignal): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal };
}

/** Writes one line to stdout. */
export function say(io: CliIo, line = ''): void {
  io.stdout.write(`${line}\n`);
}

/** Writes one line to stderr. */
export function note(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}
