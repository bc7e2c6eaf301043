import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseEnv, e2eContext, Learner, ROOT } from './harness.js';

const run = promisify(execFile);
const CLI = join(ROOT, 'bin', 'crashlab.js');

/** A `kubectl proxy` on a free port, and a kubeconfig that reaches the cluster only through it (plain http, no user). */
class Proxy {
  private process?: ChildProcess;
  kubeconfig = '';
  server = '';

  async start(context: string): Promise<void> {
    this.process = spawn('kubectl', ['--context', context, 'proxy', '--port=0'], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.server = await new Promise<string>((resolve, reject) => {
      let seen = '';
      this.process!.stdout!.on('data', (chunk) => {
        seen += String(chunk);
        const match = /Starting to serve on ([\d.]+:\d+)/.exec(seen);
        if (match) resolve(`http://${match[1]}`);
      });
      this.process!.on('exit', (code) => reject(new Error(`kubectl proxy exited with ${code}: ${seen}`)));
    });
    this.kubeconfig = join(mkdtempSync(join(tmpdir(), 'crashlab-proxy-')), 'config');
    writeFileSync(
      this.kubeconfig,
      ['apiVersion: v1', 'kind: Config', 'current-context: through-proxy', 'clusters:', '- name: proxy', `  cluster: { server: "${this.server}" }`,
        'contexts:', '- name: through-proxy', '  context: { cluster: proxy }', ''].join('\n'),
    );
  }

  stop(): void {
    this.process?.kill();
  }
}

interface Started {
  attempt: string;
  scenario: string | null;
  blind: boolean;
  namespace: string;
}

describe('crashlab under real conditions, as kubectl behaves', () => {
  let context: string;
  const adaProxy = new Proxy();
  const graceProxy = new Proxy();
  let ada: Learner;
  let grace: Learner;
  const namespaces: string[] = [];
  // names no other run on the shared cluster uses, so cleanup --all can only ever match ours
  const suffix = randomBytes(3).toString('hex');
  const adaName = `ada-${suffix}`;
  const graceName = `grace-${suffix}`;

  beforeAll(async () => {
    context = await e2eContext();
    ada = new Learner(context);
    grace = new Learner(context);
    await Promise.all([adaProxy.start(context), graceProxy.start(context)]);
  });

  afterAll(async () => {
    adaProxy.stop();
    graceProxy.stop();
    for (const ns of namespaces) await ada.kubectl('delete', 'namespace', ns, '--ignore-not-found', '--wait=false');
  });

  test('a closed pipe ends crashlab quietly: `crashlab list | true` and `| head -1`', async () => {
    for (const reader of ['true', 'head -1']) {
      const { stdout, stderr } = await run('bash', ['-c', `set -o pipefail; node ${CLI} list | ${reader}`], { env: baseEnv() });
      expect(stderr, reader).toBe('');
      if (reader === 'head -1') expect(stdout.trim().split('\n')).toHaveLength(1);
    }
  });

  test('--context and -o json are taken before or after the command', async () => {
    for (const args of [['doctor', '--context', context, '--json'], ['--context', context, '-o', 'json', 'doctor']]) {
      const result = await ada.crashlab(...args);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ context, healthy: true });
    }
  });

  test('through kubectl proxy: a blind drill stays unnamed until judged; cleanup --all asks, then spares another learner', async () => {
    const [blind, other] = await Promise.all([
      ada.crashlabJson<Started>('start', '--random', '--seed', '11', '--learner', adaName, '--no-prompt', '--yes', '--kubeconfig', adaProxy.kubeconfig),
      grace.crashlabJson<Started>('--kubeconfig', graceProxy.kubeconfig, 'start', 'missing-secret', '--learner', graceName, '--no-prompt', '--yes'),
    ]);
    namespaces.push(blind.body.namespace, other.body.namespace);
    expect(blind.code, blind.stderr).toBe(0);
    expect(other.code, other.stderr).toBe(0);
    expect(blind.body).toMatchObject({ scenario: null, blind: true });
    expect(blind.stderr).toContain(`checking cluster through-proxy (${adaProxy.server})`);

    const before = await ada.crashlab('status', '-o', 'json');
    expect(JSON.parse(before.stdout).scenario).toBeNull();
    const listed = await ada.crashlab('list', '--json');
    expect(listed.stdout).not.toContain('"cause"');

    // an answer is recorded only while the pods show decisive evidence; between restarts it is not
    let scenario: string | null = null;
    for (let tries = 0; tries < 20 && scenario === null; tries += 1) {
      const answered = await ada.crashlab('answer', '--cause', 'oom-killed', '--kubeconfig', adaProxy.kubeconfig);
      expect(answered.stderr).toBe('');
      scenario = JSON.parse((await ada.crashlab('status', '--json')).stdout).scenario as string | null;
      if (scenario === null) await new Promise((r) => setTimeout(r, 3000));
    }
    expect(typeof scenario).toBe('string');
    const relisted = JSON.parse((await ada.crashlab('list', '--json')).stdout) as { id: string; cause?: string }[];
    expect(relisted.filter((r) => r.cause !== undefined).map((r) => r.id)).toEqual([scenario]);

    const refused = await ada.crashlab('cleanup', '--all', '--kubeconfig', adaProxy.kubeconfig);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: cleanup --all would delete \d+ crashlab namespace\(s\) on context 'through-proxy' and stdin is not a terminal to ask; pass --yes to go ahead\n$/);
    expect((await ada.kubectl('get', 'namespace', blind.body.namespace)).code).toBe(0);

    const cleaned = await ada.crashlabJson<{ deleted: string[]; kept: { namespace: string; learner: string | null }[] }>(
      'cleanup', '--all', '--yes', '--kubeconfig', adaProxy.kubeconfig,
    );
    expect(cleaned.code, cleaned.stderr).toBe(0);
    expect(cleaned.body.deleted).toEqual([blind.body.namespace]);
    expect(cleaned.body.kept).toContainEqual({ namespace: other.body.namespace, learner: graceName });
    const graceNs = await grace.kubectl('get', 'namespace', other.body.namespace, '-o', 'jsonpath={.status.phase}');
    expect(graceNs.stdout).toBe('Active');

    // grace's cluster goes away: her only way to the API server was the proxy
    graceProxy.stop();
    await new Promise((r) => setTimeout(r, 500));
    const unreachable = await grace.crashlab('cleanup', '--kubeconfig', graceProxy.kubeconfig);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^error: cannot reach http:\/\/127\.0\.0\.1:\d+ \(econnrefused\); is the cluster running\? if it is gone for good, 'crashlab cleanup --forget' drops the attempt from this machine\n$/);
    const blocked = await grace.crashlab('start', 'oom-kill', '--no-prompt');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain("'crashlab cleanup --forget' drops the attempt");
    const forgot = await grace.crashlab('cleanup', '--forget');
    expect(forgot.code, forgot.stderr).toBe(0);
    expect(forgot.stdout).toContain(`kubectl delete namespace ${other.body.namespace}`);
    const status = await grace.crashlab('status', '--json');
    expect(JSON.parse(status.stdout)).toEqual({ attempt: null });
  });
});
