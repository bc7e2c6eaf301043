import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../src/ui/io.js';

export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

/** Streams that record what a command wrote; stdin is not a terminal unless asked. */
export function memoryIo(env: NodeJS.ProcessEnv = {}, options: { tty?: boolean } = {}): MemoryIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += String(c)));
  stderr.on('data', (c) => (err += String(c)));
  return { stdout, stderr, stdin, env, out: () => out, err: () => err };
}

/** An isolated state directory, so tests never touch the real one. */
export function tempStateEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { CRASHLAB_STATE_DIR: mkdtempSync(join(tmpdir(), 'crashlab-state-')), PATH: process.env.PATH, ...extra };
}
