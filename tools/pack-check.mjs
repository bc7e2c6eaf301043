#!/usr/bin/env node
// The package as a user gets it: `npm pack`, install the tarball into an empty
// folder, then run both entry points from there, `crashlab` and the kubectl
// plugin (through kubectl itself when one is on PATH). Works offline: the
// bundle carries every runtime dependency. With a reachable context
// (CRASHLAB_PACK_CONTEXT, default crashlab-local when it exists) the installed
// plugin also runs `doctor` against it. Exits non-zero on the first failure.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { paths } from './cluster/settings.mjs';
import { krewManifest } from './krew-manifest.mjs';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'crashlab-pack-'));
const results = [];

async function step(name, fn) {
  try {
    const detail = await fn();
    results.push(`ok    ${name}${detail ? ` (${detail})` : ''}`);
  } catch (error) {
    results.push(`FAIL  ${name}: ${(error.stderr || error.message || String(error)).trim().split('\n')[0]}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

try {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, maxBuffer: 64 << 20 });
  const tarball = join(work, stdout.trim().split('\n').pop());
  const app = join(work, 'app');
  await run('mkdir', ['-p', app]);
  await run('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app });
  const binDir = join(app, 'node_modules', '.bin');
  const kubectlDirs = [existsSync(paths.binLinks) ? paths.binLinks : undefined].filter(Boolean);
  // the local cluster's kubectl last: its multi-call build does not dispatch plugins, a standard kubectl does
  const env = { ...process.env, PATH: [binDir, process.env.PATH, ...kubectlDirs].join(':'), NO_COLOR: '1', CRASHLAB_STATE_DIR: join(work, 'state') };
  const sh = (cmd, args, options = {}) => run(cmd, args, { env: { ...env, ...options.env }, cwd: app, maxBuffer: 16 << 20 });
  const scenarioCount = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).length;

  await step('installed package has no dependencies to fetch', async () => {
    const installed = readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'));
    expect(installed.join() === 'crashlab', `node_modules holds ${installed.join(', ')}`);
  });
  await step('krew layout: the tarball unpacked, bin linked as kubectl-crashlab, no node_modules', async () => {
    const store = join(work, 'krew-store');
    const krewBin = join(work, 'krew-bin');
    mkdirSync(store);
    mkdirSync(krewBin);
    await run('tar', ['-xzf', tarball, '-C', store]);
    symlinkSync(join(store, 'package', 'bin', 'kubectl-crashlab.js'), join(krewBin, 'kubectl-crashlab'));
    const rows = JSON.parse((await run(join(krewBin, 'kubectl-crashlab'), ['list', '--json'], { env: { ...env, PATH: `${krewBin}:${process.env.PATH}` } })).stdout);
    expect(rows.length === scenarioCount, `${rows.length} scenarios`);
  });
  await step('plugins/krew/crashlab.yaml matches the package (all but the archive digest)', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const sha256 = createHash('sha256').update(readFileSync(tarball)).digest('hex');
    const strip = (text) => text.replace(/sha256: [0-9a-f]{64}/g, 'sha256: -');
    const committed = readFileSync(join(ROOT, 'plugins', 'krew', 'crashlab.yaml'), 'utf8');
    expect(strip(committed) === strip(krewManifest({ version, sha256 })), "out of date; run 'npm pack && node tools/krew-manifest.mjs crashlab-<version>.tgz'");
  });
  await step('crashlab --version', async () => (await sh('crashlab', ['--version'])).stdout.trim());
  await step('crashlab list --json', async () => {
    const rows = JSON.parse((await sh('crashlab', ['list', '--json'])).stdout);
    expect(rows.length === scenarioCount, `${rows.length} scenarios listed, ${scenarioCount} packed`);
    return `${rows.length} scenarios`;
  });
  await step('crashlab explain --describe <file> --json', async () => {
    const fixture = join(ROOT, 'test/fixtures/explain/oom-killed/describe-full.txt');
    const diagnosis = JSON.parse((await sh('crashlab', ['explain', '--describe', fixture, '--json'])).stdout);
    expect(diagnosis.cause === 'oom-killed', `cause ${diagnosis.cause}`);
    return diagnosis.cause;
  });
  await step('kubectl-crashlab list --json', async () => {
    const rows = JSON.parse((await sh('kubectl-crashlab', ['list', '--json'])).stdout);
    expect(rows.length === scenarioCount, `${rows.length} scenarios`);
  });
  await step('kubectl-crashlab --kubeconfig <missing> doctor names that file', async () => {
    const missing = join(work, 'no-such-kubeconfig');
    const failed = await sh('kubectl-crashlab', ['doctor', '--kubeconfig', missing]).then(() => undefined, (e) => e);
    expect(failed && failed.stderr.includes(missing), `stderr: ${failed?.stderr ?? 'exit 0'}`);
  });
  const kubectl = await sh('kubectl', ['plugin', 'list', '--name-only']).then((r) => r.stdout, () => undefined);
  if (kubectl === undefined) {
    results.push('skip  kubectl crashlab (no kubectl on PATH)');
  } else {
    await step('kubectl plugin list finds kubectl-crashlab', async () => expect(kubectl.includes('kubectl-crashlab'), kubectl.trim()));
    await step('kubectl crashlab list --json', async () => {
      const rows = JSON.parse((await sh('kubectl', ['crashlab', 'list', '--json'])).stdout);
      expect(rows.length === scenarioCount, `${rows.length} scenarios`);
    });
    const context = process.env.CRASHLAB_PACK_CONTEXT ?? 'crashlab-local';
    const known = await sh('kubectl', ['config', 'get-contexts', '-o', 'name']).then((r) => r.stdout.split('\n'), () => []);
    if (known.includes(context)) {
      await step(`kubectl crashlab doctor --context ${context} --json`, async () => {
        const report = JSON.parse((await sh('kubectl', ['crashlab', '--context', context, 'doctor', '--json'])).stdout);
        return `${Array.isArray(report.checks) ? report.checks.length : '?'} checks`;
      });
    } else {
      results.push(`skip  kubectl crashlab doctor (no context ${context})`);
    }
  }
} catch (error) {
  results.push(`FAIL  pack and install: ${(error.stderr || error.message || String(error)).trim().split('\n')[0]}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(results.join('\n'));
const failed = results.filter((r) => r.startsWith('FAIL')).length;
console.log(`packed tarball: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
