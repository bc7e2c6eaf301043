import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError, WaitTimeoutError } from '../errors.js';
import type { Progress } from '../ui/progress.js';

export interface PollOptions<T> {
  /** reads the current state */
  probe: () => Promise<T>;
  /** true when the wait is over */
  done: (value: T) => boolean;
  /** the progress line for this state */
  describe: (value: T, elapsedSeconds: number) => string;
  /** what the timeout error says, given the last state seen */
  timeoutMessage: (value: T | undefined, waitedSeconds: number) => string;
  timeoutSeconds: number;
  intervalMs?: number;
  progress: Progress;
  signal?: AbortSignal;
  /** waits before the next probe instead of a plain sleep of `intervalMs` (e.g. woken early by a watch) */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Probes until `done`, showing progress, and gives up with WaitTimeoutError.
 * Ctrl-C (the signal) ends the wait with CancelledError.
 */
export async function pollUntil<T>(options: PollOptions<T>): Promise<{ value: T; elapsedSeconds: number }> {
  const started = Date.now();
  const interval = options.intervalMs ?? 2_000;
  let last: T | undefined;
  for (;;) {
    if (options.signal?.aborted) throw new CancelledError();
    const value = await options.probe();
    last = value;
    const elapsedSeconds = Math.round((Date.now() - started) / 1000);
    if (options.done(value)) {
      options.progress.done();
      return { value, elapsedSeconds };
    }
    options.progress.update(options.describe(value, elapsedSeconds));
    if (elapsedSeconds >= options.timeoutSeconds) {
      options.progress.done();
      throw new WaitTimeoutError(options.timeoutMessage(last, elapsedSeconds));
    }
    try {
      await (options.wait ? options.wait(interval, options.signal) : sleep(interval, undefined, { signal: options.signal }));
    } catch {
      options.progress.done();
      throw new CancelledError();
    }
  }
}

/** Counts a wait down, showing what is being waited for. */
export async function countdown(seconds: number, label: string, progress: Progress, signal?: AbortSignal): Promise<void> {
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    if (signal?.aborted) throw new CancelledError();
    progress.update(`${label}: ${Math.ceil((end - Date.now()) / 1000)}s left`);
    try {
      await sleep(Math.min(1_000, Math.max(0, end - Date.now())), undefined, { signal });
    } catch {
      progress.done();
      throw new CancelledError();
    }
  }
  progress.done();
}
