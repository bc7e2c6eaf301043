import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import type { Cluster, KubeconfigOptions } from './cluster/index.js';
import type { CleanupOptions } from './commands/cleanup.js';
import type { CommandContext } from './commands/context.js';
import { addGlobalFlags, globalFlags, normaliseOutputFlag } from './cli/global-flags.js';
import { describeFailure, UsageError } from './errors.js';
import { registerExplainCommand } from './explain/command.js';
import type { Catalog } from './runner/catalog.js';
import { exitQuietlyOnClosedPipe } from './ui/epipe.js';
import { processIo, type CliIo } from './ui/io.js';

export interface CliDeps {
  /** the scenario side; the packaged scenarios (or CRASHLAB_ROOT's) by default */
  catalog?: Catalog;
  /** overrides for the command context, e.g. a fake prompter or connect */
  context?: Partial<CommandContext>;
}

async function defaultCatalog(env: NodeJS.ProcessEnv, listing = false): Promise<Catalog> {
  // listing needs scenario metadata only: the build's catalog serves it without the template engine
  const listed = listing ? (await import('./runner/listing-catalog.js')).listingCatalog(env.CRASHLAB_ROOT || undefined) : undefined;
  if (listed) return listed;
  const { packagedCatalog } = await import('./runner/packaged-catalog.js');
  return packagedCatalog(env.CRASHLAB_ROOT || undefined);
}

function noCluster(_options: KubeconfigOptions): Cluster {
  throw new Error('this command was started without cluster access');
}

/** Lets an action set the exit code without commander calling process.exit. */
type Action = (ctx: CommandContext) => Promise<number> | number;

/**
 * Builds the commander program. Actions record their exit code in `result`;
 * nothing here writes to the real process.
 */
export function buildProgram(io: CliIo, deps: CliDeps, result: { code: number }): Command {
  const ctx = async (needsCluster: boolean, listing = false): Promise<CommandContext> => {
    const { createContext } = await import('./commands/context.js');
    // loaded only by commands that talk to a cluster: the client is the slowest module to load
    const connect = needsCluster ? (await import('./cluster/index.js')).connect : noCluster;
    const { kubeconfig, context: chosen } = globalFlags(program);
    // an explicit --context wins over a command's default (the attempt's context)
    const real = createContext(io, deps.catalog ?? (await defaultCatalog(io.env, listing)), (context) => connect({ context: chosen ?? context, kubeconfig, env: io.env }));
    return { ...real, ...deps.context };
  };
  const run = (action: Action, needsCluster = true, listing = false) => async () => {
    result.code = await action(await ctx(needsCluster, listing));
  };

  const program = new Command('crashlab')
    .description('Hands-on CrashLoopBackOff triage drills on a real Kubernetes cluster')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showSuggestionAfterError(true);
  addGlobalFlags(program);

  program
    .command('list')
    .description('list the scenarios: id, difficulty, minutes, title (triage rows once judged)')
    .option('--reveal', 'show every triage row, also of drills not yet judged')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean; reveal?: boolean }) => run(async (c) => (await import('./commands/list.js')).listCommand(c, o), false, true)());

  program
    .command('start [id]')
    .description('deploy a broken workload into a fresh namespace and wait until its failure shows')
    .option('--random', 'a blind drill: a scenario picked for you, named only once your answer is judged')
    .option('--seed <n>', 'seed for the scenario parameters (same seed, same numbers)')
    .option('--no-prompt', 'do not start the diagnosis prompts')
    .option('--yes', 'do not ask before writing to a non-local context')
    .option('--json', 'print JSON on stdout (progress stays on stderr)')
    .option('--interview', 'interview practice: no hints, a time limit, and a report of every step')
    .option('--minutes <n>', "time limit for --interview (default: the scenario's estimate)")
    .option('--learner <name>', "workshop: your name, shown with your progress on the facilitator's scoreboard")
    .addOption(new Option('--timeout <seconds>', 'how long to wait for the failure').hideHelp())
    .action((id: string | undefined, o) => run(async (c) => (await import('./commands/start.js')).startCommand(c, id, o))());

  program
    .command('diagnose')
    .description('answer what is wrong: cause, decisive evidence, remedy (interactive)')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => run(async (c) => (await import('./commands/diagnose.js')).diagnoseCommand(c, { json: o.json }))());

  program
    .command('answer')
    .description('answer what is wrong without prompts')
    .requiredOption('--cause <id>', 'cause id (an unknown id prints the list; see also diagnose)')
    .option('--evidence <text...>', 'what you saw that decides it, as the cluster shows it now')
    .option('--remedy <id>', 'the remedy you would apply')
    .option('--json', 'print JSON')
    .action((o: { cause: string; evidence?: string[]; remedy?: string; json?: boolean }) =>
      run(async (c) => (await import('./commands/diagnose.js')).diagnoseCommand(c, { ...o, ask: false }))(),
    );

  program
    .command('check')
    .description('judge your fix against the live cluster')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => run(async (c) => (await import('./commands/check.js')).checkCommand(c, o))());

  program
    .command('hint')
    .description('show the next hint (costs points; refused in interview practice)')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => run(async (c) => (await import('./commands/hint.js')).hintCommand(c, o))());

  program
    .command('status')
    .description('show the attempt in progress and its score')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => run(async (c) => (await import('./commands/status.js')).statusCommand(c, o))());

  program
    .command('report')
    .description('what was done in this (or the last cleaned-up) attempt: timeline, times, refused fixes, score')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => run(async (c) => (await import('./commands/report.js')).reportCommand(c, o), false)());

  program
    .command('scoreboard')
    .description("facilitator's view: every learner's progress across the crashlab namespaces (read-only)")
    .option('--json', 'print JSON')
    .option('--watch', 'refresh every few seconds until Ctrl-C')
    .action((o: { context?: string; json?: boolean; watch?: boolean }) =>
      run(async (c) => (await import('./commands/scoreboard.js')).scoreboardCommand(c, o))(),
    );

  program
    .command('reset')
    .description('put the broken workload back as it was first deployed')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => run(async (c) => (await import('./commands/reset.js')).resetCommand(c, o))());

  program
    .command('cleanup')
    .description("delete this attempt's namespace ('crashlab report' still shows the attempt)")
    .option('--all', 'delete every crashlab namespace on the cluster (on a workshop cluster: only yours); asks first')
    .option('--all-learners', "with --all on a workshop cluster: every learner's namespaces too (facilitator)")
    .option('--learner <name>', 'workshop: the learner name your namespaces carry, if this machine does not know it')
    .option('--yes', 'do not ask before deleting with --all')
    .option('--forget', 'drop the local attempt without contacting its cluster (when the cluster is gone)')
    .option('--json', 'print JSON')
    .action((o: CleanupOptions) => run(async (c) => (await import('./commands/cleanup.js')).cleanupCommand(c, o))());

  program
    .command('doctor')
    .description('check that the cluster can run crashlab drills')
    .option('--json', 'print JSON')
    .action((o: { context?: string; json?: boolean }) => run(async (c) => (await import('./commands/doctor.js')).doctorCommand(c, o))());

  program
    .command('validate [path]')
    .description('check scenario files (all, or one file or folder): schema, cross-links, templates for 20 seeds, manifests against Kubernetes')
    .option('--json', 'print JSON')
    .action((path: string | undefined, o: { json?: boolean }) => run(async (c) => (await import('./commands/validate.js')).validateCommand(c, path, o), false)());

  program
    .command('completion <shell>')
    .description('print the shell completion script (bash or zsh): source <(crashlab completion bash)')
    .action((shell: string) => run(async (c) => (await import('./commands/completion.js')).completionCommand(c, shell), false)());
  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .action((words: string[] = []) => run(async (c) => (await import('./commands/completion.js')).completeCommand(c, program, words), false, true)());

  registerExplainCommand(program, {
    io,
    collectLive: async (target) => {
      const { collectLive, connect } = await import('./cluster/index.js');
      const { kubeconfig, context } = globalFlags(program);
      return collectLive(connect({ context: context ?? target.context, kubeconfig, env: io.env }), target);
    },
    setExitCode: (code) => {
      result.code = code;
    },
  });

  const cluster = program.command('cluster').description('a local kind cluster for crashlab');
  for (const action of ['create', 'delete'] as const) {
    cluster
      .command(action)
      .description(`${action} a kind cluster from crashlab's kind/cluster.yaml`)
      .option('--name <name>', 'cluster name', 'crashlab')
      .action((o: { name?: string }) => run(async (c) => (await import('./commands/kind-cluster.js')).kindClusterCommand(c, action, o))());
  }

  return program;
}

/**
 * Runs crashlab with `argv` (without node and script) and returns the exit
 * code. The one place errors become exit codes: expected failures print one
 * line on stderr, never a stack trace.
 */
export async function runCli(argv: string[], io: CliIo = processIo(), deps: CliDeps = {}): Promise<number> {
  const result = { code: 0 };
  const program = buildProgram(io, deps, result);
  try {
    await program.parseAsync(normaliseOutputFlag(argv), { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or help / version)
      if (error.exitCode === 0) return 0;
      return failedAsJson(argv, io, error.message, new UsageError('').exitCode);
    }
    const { line, exitCode } = describeFailure(error);
    io.stderr.write(`${line}\n`);
    return failedAsJson(argv, io, line, exitCode);
  }
}

/** Under --json a failure is JSON on stdout too, so a script always has a document to parse. */
function failedAsJson(argv: string[], io: CliIo, line: string, exitCode: number): number {
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (options.includes('--json')) io.stdout.write(`${JSON.stringify({ error: { message: line.replace(/^error: /, ''), exitCode } })}\n`);
  return exitCode;
}

/** Entry point for bin/crashlab.js: real streams, Ctrl-C as an abort. */
export async function main(): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  exitQuietlyOnClosedPipe();
  const code = await runCli(process.argv.slice(2), processIo(controller.signal));
  process.exitCode = code;
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
  } catch {
    return false;
  }
})();
if (invokedDirectly) void main();
