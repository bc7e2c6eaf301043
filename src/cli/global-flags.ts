import type { Command } from 'commander';
import { UsageError } from '../errors.js';

/** The flags every command takes, as kubectl's global flags. */
export interface GlobalFlags {
  /** one kubeconfig file instead of KUBECONFIG or ~/.kube/config */
  kubeconfig?: string;
  /** the kubeconfig context to use */
  context?: string;
}

/**
 * Declares --kubeconfig and --context on the program. Commander recognises a
 * program's options anywhere on the command line, so `crashlab --context x
 * start id` and `crashlab start id --context x` mean the same, as in kubectl.
 */
export function addGlobalFlags(program: Command): Command {
  return program
    .option('--kubeconfig <path>', 'kubeconfig file to use (instead of KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use (default: the current one, or the attempt\'s)')
    .option('-o, --output <format>', 'output format; only json, the same as --json')
    .configureHelp({ showGlobalOptions: true });
}

/** The global flags as parsed; empty strings count as not given. */
export function globalFlags(program: Command): GlobalFlags {
  const opts = program.opts<{ kubeconfig?: string; context?: string }>();
  return { kubeconfig: opts.kubeconfig || undefined, context: opts.context || undefined };
}

const OUTPUT_FLAG = /^(?:-o|--output)(?:=(.*))?$/;
const GLUED_SHORT = /^-o(.+)$/;

/**
 * Rewrites kubectl's `-o json` (also `-ojson`, `-o=json`, `--output json`,
 * `--output=json`) into crashlab's `--json`, so every command with --json
 * takes it, before or after the command name. Any other format is a usage
 * error; arguments after `--` are left alone.
 */
export function normaliseOutputFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  let json = false;
  let rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest = argv.slice(i);
      break;
    }
    const long = OUTPUT_FLAG.exec(arg);
    const glued = long ? undefined : GLUED_SHORT.exec(arg);
    if (!long && !glued) {
      out.push(arg);
      continue;
    }
    let format = long ? long[1] : glued![1]!.replace(/^=/, '');
    if (format === undefined) {
      format = argv[i + 1];
      i += 1;
    }
    if (format !== 'json') {
      throw new UsageError(
        format === undefined || format === '' ? `${arg} needs a format; crashlab prints text, or JSON with -o json` : `output format '${format}' is not supported; crashlab prints text, or JSON with -o json`,
      );
    }
    json = true;
  }
  // at the end, so `crashlab -o json list` works as well as `crashlab list -o json`
  return json ? [...out, '--json', ...rest] : [...out, ...rest];
}
