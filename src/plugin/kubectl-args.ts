/**
 * `kubectl crashlab ...`: kubectl hands a plugin its arguments as typed, so
 * kubectl's global flags (--kubeconfig, --context, -n/--namespace) can sit
 * anywhere, before or after crashlab's command. This moves them to where
 * crashlab reads them: --kubeconfig becomes KUBECONFIG (kubectl's flag wins
 * over the variable, as it does in kubectl), --context and --namespace go
 * right after the command for the commands that take them. A flag a command
 * has no use for is named in a note instead of being dropped in silence.
 */
import type { Command } from 'commander';
import { UsageError } from '../errors.js';

/** What the translation needs to know about crashlab's commands. */
export interface CommandShape {
  /** subcommands by name (aliases included) */
  subcommand(name: string): CommandShape | undefined;
  /** whether this command (or the program above it) takes the long option, e.g. '--context' */
  accepts(long: string): boolean;
  /** the command as the learner types it, for notes */
  readonly path: string;
}

export interface Translated {
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** one line each, for stderr */
  notes: string[];
}

interface Globals {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
}

const LONG: Record<string, keyof Globals> = { '--kubeconfig': 'kubeconfig', '--context': 'context', '--namespace': 'namespace' };

/** Splits kubectl's global flags from the rest; everything after `--` is left alone. */
function extractGlobals(argv: string[]): { globals: Globals; rest: string[] } {
  const globals: Globals = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const [flag, inline] = token.startsWith('--') ? (token.split(/=(.*)/s, 2) as [string, string | undefined]) : [token, undefined];
    const long = LONG[flag] ?? (token === '-n' ? 'namespace' : undefined);
    if (long) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      globals[long] = value;
    } else if (/^-n.+/.test(token)) {
      globals.namespace = token.slice(2).replace(/^=/, '');
    } else {
      rest.push(token);
    }
  }
  return { globals, rest };
}

/** Where the command path ends in `args` (index after its last word) and the command it names. */
function commandAt(args: string[], program: CommandShape): { end: number; command: CommandShape } {
  let command = program;
  let end = 0;
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    if (token === '--') break;
    if (token.startsWith('-')) continue;
    const sub = command.subcommand(token);
    if (!sub) break;
    command = sub;
    end = i + 1;
  }
  return { end, command };
}

/** Rewrites a plugin invocation into crashlab's own arguments and environment. */
export function translateKubectlArgs(argv: string[], env: NodeJS.ProcessEnv, program: CommandShape): Translated {
  const { globals, rest } = extractGlobals(argv);
  const { end, command } = commandAt(rest, program);
  const notes: string[] = [];
  const outEnv = globals.kubeconfig === undefined ? env : { ...env, KUBECONFIG: globals.kubeconfig };
  const inserted: string[] = [];
  for (const [key, shown] of [['context', '--context'], ['namespace', '--namespace']] as const) {
    const value = globals[key];
    if (value === undefined) continue;
    if (command.accepts(shown)) inserted.push(shown, value);
    else notes.push(notFor(key, value, command.path));
  }
  return { argv: [...rest.slice(0, end), ...inserted, ...rest.slice(end)], env: outEnv, notes };
}

function notFor(key: 'context' | 'namespace', value: string, path: string): string {
  if (key === 'namespace') {
    return `note: '${path}' does not use -n ${value}: each attempt runs in a namespace crashlab creates (explain takes -n)`;
  }
  return `note: '${path}' does not use --context ${value}: an attempt stays on the context it was started on`;
}

/** The shape of a commander command, as the translation sees it. */
export function commandShape(command: Command): CommandShape {
  const path: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) path.unshift(c.name());
  return {
    path: path.join(' '),
    subcommand(name) {
      const sub = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
      return sub ? commandShape(sub) : undefined;
    },
    accepts(long) {
      for (let c: Command | null = command; c; c = c.parent) if (c.options.some((o) => o.long === long)) return true;
      return false;
    },
  };
}
