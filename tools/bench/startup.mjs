#!/usr/bin/env node
// Cold start of the CLI: `crashlab list --json`, `crashlab --help` and
// `crashlab explain --describe <file>`, each against `node -e 0` timed in the
// same interleaved rounds, so a busy machine slows both sides alike. Prints
// median wall time, the ratio to bare node and the target; runs alone too:
// `node tools/bench/startup.mjs`.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'crashlab.js');
export const STARTUP_TARGET_MS = 250;

const CASES = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], baseline: true },
  { name: 'crashlab list --json', args: [CLI, 'list', '--json'] },
  { name: 'crashlab --help', args: [CLI, '--help'] },
  { name: 'crashlab explain --describe <file>', args: [CLI, 'explain', '--describe', join(ROOT, 'test/fixtures/explain/oom-killed/describe-full.txt')], exitCodes: [0, 3] },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeOnce({ args, exitCodes = [0] }) {
  const t0 = process.hrtime.bigint();
  try {
    await run(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 << 20 });
  } catch (error) {
    if (!exitCodes.includes(error.code)) throw error;
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Median wall time per case over `rounds` interleaved rounds (one warm-up round first). */
export async function startupBench(rounds = Number(process.env.BENCH_STARTUP_ROUNDS ?? 11)) {
  const times = CASES.map(() => []);
  for (let round = -1; round < rounds; round++) {
    for (const [i, c] of CASES.entries()) {
      const ms = await timeOnce(c);
      if (round >= 0) times[i].push(ms);
    }
  }
  const baselineMs = median(times[0]);
  return {
    rounds,
    targetMs: STARTUP_TARGET_MS,
    baselineMs,
    cases: CASES.filter((c) => !c.baseline).map((c) => {
      const ms = median(times[CASES.indexOf(c)]);
      return { command: c.name, medianMs: ms, ratioToNode: ms / baselineMs, withinTarget: ms <= STARTUP_TARGET_MS };
    }),
  };
}

export function printStartup(result) {
  console.log(`\nCLI cold start: median of ${result.rounds} interleaved rounds; \`node -e 0\` took ${result.baselineMs.toFixed(0)} ms in the same rounds`);
  console.log('| command | median (ms) | x node -e 0 | target (ms) | within |');
  console.log('|---|---:|---:|---:|:---:|');
  for (const c of result.cases) {
    console.log(`| ${c.command} | ${c.medianMs.toFixed(0)} | ${c.ratioToNode.toFixed(2)} | <= ${result.targetMs} | ${c.withinTarget ? 'yes' : 'NO'} |`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) printStartup(await startupBench());
