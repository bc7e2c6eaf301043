/**
 * Makes a closed reader end crashlab quietly: `crashlab list | head -1` closes
 * the pipe after one line, and the next write fails with EPIPE. Without a
 * listener Node turns that into an uncaught exception with a stack trace; a
 * command-line filter should simply stop, as kubectl does. Any other failure
 * of the output streams also ends the process, since nothing can be reported.
 */
export function exitQuietlyOnClosedPipe(
  streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => exit(error.code === 'EPIPE' ? 0 : 1));
  }
}
