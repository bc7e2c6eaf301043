import type { Cluster } from '../cluster/index.js';
import type { Catalog } from '../runner/catalog.js';
import type { CliIo } from '../ui/io.js';
import { createPrompter, type Prompter } from '../ui/prompts.js';

/** Everything a command needs from the outside world; tests build their own. */
export interface CommandContext {
  io: CliIo;
  prompter: Prompter;
  catalog: Catalog;
  /** connects to a kubeconfig context (the current one when undefined) */
  connect: (context?: string) => Cluster;
}

/** The real context; `connect` is passed in so commands that need no cluster never load the Kubernetes client. */
export function createContext(io: CliIo, catalog: Catalog, connect: CommandContext['connect']): CommandContext {
  return { io, prompter: createPrompter(io), catalog, connect };
}

/** Seconds from an environment variable, else the fallback. */
export function envSeconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Prints a value as JSON on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
