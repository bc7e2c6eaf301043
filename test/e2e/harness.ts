import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'crashlab.js');
const LOCAL_KUBECTL_DIR = '/var/lib/crashlab-cluster/bin';

/** The context the suite runs against: CRASHLAB_E2E_CONTEXT, else the kubeconfig's current one. */
export async function e2eContext(): Promise<string> {
  if (process.env.CRASHLAB_E2E_CONTEXT) return process.env.CRASHLAB_E2E_CONTEXT;
  const { stdout } = await run('kubectl', ['config', 'current-context'], { env: baseEnv() });
  return stdout.trim();
}

/** PATH with the local cluster's kubectl first, when the local cluster is installed. */
export function baseEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${LOCAL_KUBECTL_DIR}:${process.env.PATH ?? ''}` };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function settle(promise: Promise<{ stdout: string; stderr: string }>): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await promise;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failure.code === 'number' ? failure.code : 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/**
 * One learner at one terminal: their own crashlab state dir, so several
 * attempts run side by side in their own namespaces.
 */
export class Learner {
  readonly env: NodeJS.ProcessEnv;

  constructor(readonly context: string) {
    const stateDir = mkdtempSync(join(tmpdir(), 'crashlab-e2e-'));
    this.env = {
      ...baseEnv(),
      CRASHLAB_STATE_DIR: stateDir,
      CRASHLAB_RECORD_DIR: join(stateDir, 'checks'),
      CRASHLAB_STABILITY_SECONDS: process.env.CRASHLAB_STABILITY_SECONDS ?? '15',
    };
  }

  crashlab(...args: string[]): Promise<CommandResult> {
    return settle(run(process.execPath, [CLI, ...args], { env: this.env, maxBuffer: 32 * 1024 * 1024, timeout: 900_000 }));
  }

  async crashlabJson<T>(...args: string[]): Promise<{ code: number; body: T; stderr: string }> {
    const result = await this.crashlab(...args, '--json');
    let body: T;
    try {
      body = JSON.parse(result.stdout) as T;
    } catch {
      throw new Error(`crashlab ${args.join(' ')} printed no JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
    }
    return { code: result.code, body, stderr: result.stderr };
  }

  kubectl(...args: string[]): Promise<CommandResult> {
    return settle(run('kubectl', ['--context', this.context, ...args], { env: this.env, maxBuffer: 32 * 1024 * 1024, timeout: 300_000 }));
  }

  /** Runs a fix's kubectl command line through a shell, on this learner's context. */
  shell(commandLine: string): Promise<CommandResult> {
    const withContext = commandLine.replace(/^kubectl\b/, `kubectl --context ${this.context}`);
    return settle(run('sh', ['-c', withContext], { env: this.env, maxBuffer: 8 * 1024 * 1024, timeout: 300_000 }));
  }

  /** Keeps the last judged check as a fixture named after what was applied before it. */
  keepLastCheck(scenarioId: string, label: string): void {
    const records = readdirSync(this.env.CRASHLAB_RECORD_DIR!).filter((f) => /^check-\d+\.json$/.test(f));
    const newest = records.sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0])).pop();
    if (!newest) throw new Error('check recorded nothing');
    const dir = join(ROOT, 'test', 'fixtures', 'captured', scenarioId, 'checks');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(this.env.CRASHLAB_RECORD_DIR!, newest), join(dir, `${label}.json`));
  }

  attemptState(): { namespace: string; params: Record<string, string | number> } {
    const state = JSON.parse(readFileSync(join(this.env.CRASHLAB_STATE_DIR!, 'state.json'), 'utf8')) as {
      attempt: { namespace: string; params: Record<string, string | number> };
    };
    return state.attempt;
  }
}

/** Saves what kubectl shows of a broken pod, for the unit tests to replay. */
export async function capture(learner: Learner, where: string, namespace: string, pod: string, container: string): Promise<void> {
  const dir = join(ROOT, 'test', 'fixtures', 'captured', where);
  mkdirSync(dir, { recursive: true });
  const files: [string, string[]][] = [
    ['pod.json', ['-n', namespace, 'get', 'pod', pod, '-o', 'json']],
    ['describe.txt', ['-n', namespace, 'describe', 'pod', pod]],
    ['events.txt', ['-n', namespace, 'get', 'events', '--field-selector', `involvedObject.name=${pod}`]],
    ['events.json', ['-n', namespace, 'get', 'events', '--field-selector', `involvedObject.name=${pod}`, '-o', 'json']],
    ['previous.log', ['-n', namespace, 'logs', pod, '-c', container, '--previous', '--tail', '200']],
    ['get.txt', ['-n', namespace, 'get', 'pods']],
  ];
  for (const [file, args] of files) {
    const result = await learner.kubectl(...args);
    writeFileSync(join(dir, file), result.code === 0 ? result.stdout : '');
  }
  writeFileSync(join(dir, 'params.json'), `${JSON.stringify(learner.attemptState().params, null, 2)}\n`);
}
