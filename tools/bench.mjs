#!/usr/bin/env node
// Benchmark: per scenario, start-to-signature and reference-fix-to-passing-check
// times (median of BENCH_REPS, default 3), API requests per check, the CLI's
// cold start, and the explain engine's accuracy per cause. Prints a table and
// writes bench/results.json. Needs a reachable cluster and a built dist/.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { paths } from './cluster/settings.mjs';
import { printStartup, startupBench } from './bench/startup.mjs';
import { only, printTargets } from './bench/targets.mjs';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'crashlab.js');
const REPS = Number(process.env.BENCH_REPS ?? 3);
// each scenario's own stability window unless CRASHLAB_STABILITY_SECONDS overrides it
const STABILITY = process.env.CRASHLAB_STABILITY_SECONDS;
// the local cluster's kubectl first, when that cluster is installed
const PATH = `${paths.binLinks}:${process.env.PATH}`;

const { loadScenarios, renderFix } = await import(join(ROOT, 'dist/src/scenario/loader.js'));
const { corpusAccuracy } = await import(join(ROOT, 'dist/src/explain/corpus.js'));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const seconds = (ms) => ms / 1000;

async function crashlab(env, ...args) {
  const { stdout } = await run(process.execPath, [CLI, ...args], { env, maxBuffer: 16 << 20, timeout: 900_000 });
  return stdout;
}

async function oneRun(scenario, rep) {
  const env = { ...process.env, PATH, CRASHLAB_STATE_DIR: mkdtempSync(join(tmpdir(), 'crashlab-bench-')) };
  try {
    const t0 = Date.now();
    await crashlab(env, 'start', scenario.id, '--no-prompt', '--yes', '--json', '--seed', String(7000 + rep));
    const startMs = Date.now() - t0;
    const { attempt } = JSON.parse(readFileSync(join(env.CRASHLAB_STATE_DIR, 'state.json'), 'utf8'));
    const t1 = Date.now();
    for (const command of renderFix(scenario.referenceFix, attempt.params, attempt.namespace).commands) {
      await run('sh', ['-c', command], { env });
    }
    const check = JSON.parse(await crashlab(env, 'check', '--json'));
    const fixMs = Date.now() - t1;
    if (!check.verdict.passed) throw new Error(`${scenario.id}: the reference fix did not pass check`);
    return { startMs, fixMs, checkRequests: check.requests };
  } finally {
    // also after a failed start: the attempt records its namespace before deploying
    await crashlab(env, 'cleanup').catch(() => undefined);
  }
}

const scenarios = only(loadScenarios());
const rows = await Promise.all(scenarios.map(async (scenario) => {
  const runs = [];
  for (let rep = 0; rep < REPS; rep++) runs.push(await oneRun(scenario, rep));
  return {
    scenario: scenario.id,
    startToSignatureS: seconds(median(runs.map((r) => r.startMs))),
    fixToPassS: seconds(median(runs.map((r) => r.fixMs))),
    requestsPerCheck: median(runs.map((r) => r.checkRequests)),
    runs,
  };
}));
const startup = await startupBench();
const corpus = corpusAccuracy();
const { runExplainBench } = await import('./bench/explain.mjs');

console.log(`\ncrashlab benchmark: median of ${REPS} runs per scenario, stability window ${STABILITY ? `${STABILITY}s` : "each scenario's own"}`);
console.log('| scenario | start to signature (s) | reference fix to passing check (s) | API requests per check |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.scenario} | ${r.startToSignatureS.toFixed(1)} | ${r.fixToPassS.toFixed(1)} | ${r.requestsPerCheck} |`);
printStartup(startup);
printTargets(rows);
console.log('\n| explain: expected cause | cases | right | insufficient | wrong |');
console.log('|---|---:|---:|---:|---:|');
for (const [cause, a] of Object.entries(corpus.byCause)) console.log(`| ${cause} | ${a.total} | ${a.correct} | ${a.insufficient} | ${a.wrong} |`);
console.log(`explain accuracy over ${corpus.cases.length} cases: ${(corpus.accuracy * 100).toFixed(1)}%`);
const explainBench = await runExplainBench();

mkdirSync(join(ROOT, 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results.json'), JSON.stringify({
  takenAt: new Date().toISOString(), reps: REPS, stabilitySeconds: STABILITY ? Number(STABILITY) : null, scenarios: rows, startup,
  explain: { accuracy: corpus.accuracy, byCause: corpus.byCause, realWorld: explainBench },
}, null, 2));
