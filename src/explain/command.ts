/**
 * `crashlab explain`: names the cause of a crash-looping pod, live or from
 * saved kubectl output.
 *
 * Wiring, in src/cli.ts:
 *
 *     registerExplainCommand(program, {
 *       collectLive: (target) => ...,          // returns a Snapshot (or several) for the target
 *       io,                                    // stdout/stderr/stdin, as the other commands use
 *       setExitCode: (code) => { result.code = code; },
 *     });
 *
 * The action never exits the process: it reports 0 when a cause is named,
 * 3 when the evidence is insufficient, and throws UsageError for bad input.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Snapshot } from '../snapshot.js';
import { diagnose, nothingToName, type Diagnosis } from './engine.js';
import { explainSnapshot, explainSnapshotAll } from './explain.js';
import { readInputs, type ExplainInput, type InputKind } from './inputs.js';
import { renderDiagnosis, toJson } from './render.js';

/** Exit code when a cause is named. */
export const EXIT_NAMED = 0;
/** Exit code when the evidence is not enough to name one. */
export const EXIT_INSUFFICIENT = 3;

/** What to read from a live cluster. */
export interface LiveTarget {
  pod?: string;
  namespace?: string;
  context?: string;
  selector?: string;
  allNamespaces?: boolean;
}

export interface ExplainIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export interface ExplainCommandDeps {
  /** Reads the cluster for live mode; without it, only offline inputs work. */
  collectLive?: (target: LiveTarget) => Promise<Snapshot | Snapshot[]>;
  io?: ExplainIo;
  /** Receives the exit code; defaults to setting process.exitCode. */
  setExitCode?: (code: number) => void;
}

export interface ExplainOptions {
  namespace?: string;
  context?: string;
  container?: string;
  selector?: string;
  allNamespaces?: boolean;
  pod?: string[];
  describe?: string[];
  events?: string[];
  logs?: string[];
  get?: string[];
  paste?: string[];
  json?: boolean;
}

const FILE_OPTIONS: [keyof ExplainOptions, InputKind][] = [
  ['pod', 'pod'],
  ['describe', 'describe'],
  ['events', 'events'],
  ['logs', 'logs'],
  ['get', 'get'],
  ['paste', 'paste'],
];

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds `explain` to a commander program. */
export function registerExplainCommand(program: Command, deps: ExplainCommandDeps = {}): Command {
  return program
    .command('explain [pod]')
    .description('name the cause of a crash-looping pod from its evidence (live, or from saved kubectl output; "-" reads stdin)')
    .option('-n, --namespace <ns>', 'namespace of the pod')
    .option('--context <name>', 'kubeconfig context')
    .option('-c, --container <name>', 'explain this container')
    .option('-l, --selector <selector>', 'explain every unhealthy pod matching a label selector')
    .option('-A, --all-namespaces', 'explain every unhealthy pod in every namespace')
    .option('--pod <file>', 'kubectl get pod -o json|yaml output', collect)
    .option('--describe <file>', 'kubectl describe pod output', collect)
    .option('--events <file>', 'kubectl get events output (table or -o json)', collect)
    .option('--logs <file>', 'kubectl logs --previous output', collect)
    .option('--get <file>', 'kubectl get pods output (watch lines too)', collect)
    .option('--paste <file>', 'any mix of the above; the parts are recognised', collect)
    .option('--json', 'print JSON')
    .action(async (pod: string | undefined, options: ExplainOptions) => {
      const code = await runExplain(pod, options, deps);
      (deps.setExitCode ?? ((c: number) => (process.exitCode = c)))(code);
    });
}

/** The `explain` action: gathers evidence, diagnoses, prints, and returns the exit code. */
export async function runExplain(pod: string | undefined, options: ExplainOptions, deps: ExplainCommandDeps = {}): Promise<number> {
  const io = deps.io ?? { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
  const diagnoses = await gather(pod, options, deps, io);
  const out = options.json
    ? `${JSON.stringify(diagnoses.length === 1 ? toJson(diagnoses[0]!) : diagnoses.map(toJson), null, 2)}\n`
    : `${diagnoses.map(renderDiagnosis).join('\n\n---\n\n')}\n`;
  io.stdout.write(out);
  return diagnoses.every((d) => d.cause !== null) ? EXIT_NAMED : EXIT_INSUFFICIENT;
}

async function gather(pod: string | undefined, options: ExplainOptions, deps: ExplainCommandDeps, io: ExplainIo): Promise<Diagnosis[]> {
  const inputs = await offlineInputs(pod, options, io);
  if (inputs.length > 0) {
    const podName = pod === '-' ? undefined : pod;
    return [diagnose(readInputs(inputs), { pod: podName, container: options.container })];
  }
  if (!pod && !options.selector && !options.allNamespaces) {
    throw new UsageError('explain needs a pod name, -l <selector>, --all-namespaces, or saved output (--describe FILE, --paste FILE, - for stdin)');
  }
  if (!deps.collectLive) throw new UsageError('live explain is not available here; pass saved output instead (--describe FILE, --paste FILE, or - for stdin)');
  const target: LiveTarget = { pod, namespace: options.namespace, context: options.context, selector: options.selector, allNamespaces: options.allNamespaces };
  const collected = await deps.collectLive(target);
  const snapshots = Array.isArray(collected) ? collected : [collected];
  if (pod) {
    const holder = snapshots.find((s) => s.pods.some((p) => p.metadata?.name === pod)) ?? snapshots[0];
    if (!holder) throw new UsageError(`no pod ${pod}${options.namespace ? ` in namespace ${options.namespace}` : ''}`);
    return [explainSnapshot(holder, pod, options.container)];
  }
  const all = snapshots.flatMap((s) => explainSnapshotAll(s));
  if (all.length === 0) {
    return [healthyFleet(options)];
  }
  return all;
}

async function offlineInputs(pod: string | undefined, options: ExplainOptions, io: ExplainIo): Promise<ExplainInput[]> {
  const inputs: ExplainInput[] = [];
  for (const [option, kind] of FILE_OPTIONS) {
    const files = options[option];
    if (!Array.isArray(files)) continue;
    for (const file of files) {
      const text = file === '-' ? await readStream(io.stdin) : await readText(file);
      inputs.push({ kind, text, origin: file === '-' ? 'stdin' : file, container: kind === 'logs' ? options.container : undefined, previous: kind === 'logs' ? true : undefined });
    }
  }
  if (pod === '-') inputs.push({ kind: 'paste', text: await readStream(io.stdin), origin: 'stdin' });
  return inputs;
}

async function readText(file: string): Promise<string> {
  try {
    const buffer = await readFile(file);
    return buffer.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}${code ? ` (${code})` : ''}; pass a file saved from kubectl, or - for stdin`);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

function healthyFleet(options: ExplainOptions): Diagnosis {
  const where = options.allNamespaces ? 'any namespace' : `${options.selector ? `-l ${options.selector}` : ''}${options.namespace ? ` in ${options.namespace}` : ''}`.trim();
  const reason = `no unhealthy pod found${where ? ` (${where})` : ''}`;
  return nothingToName('', reason, ['kubectl get pods -A | grep -v Running  (find the pod that is failing)']);
}
