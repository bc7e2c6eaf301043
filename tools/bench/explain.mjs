#!/usr/bin/env node
// Benchmark of `crashlab explain` offline: accuracy on the frozen real-world
// test set (per cause, against the engine before tuning), the own corpus as a
// regression suite, in-process throughput in pods per second, and the time of
// one CLI call on a file. Needs a built dist/ (npm run build). Runs on its own
// (node tools/bench/explain.mjs) or from tools/bench.mjs.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'crashlab.js');
const THROUGHPUT_MS = Number(process.env.BENCH_EXPLAIN_MS ?? 2000);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Pods explained per second from one `kubectl get pods -o json` List of 1,000
 * pods (the captured and hand-written pod objects, renamed and repeated):
 * the bulk path of `explain -A` and of saved cluster state.
 */
function podThroughput({ readInputs, diagnose, troubledPods }) {
  const dirs = [join(ROOT, 'test/fixtures/captured'), join(ROOT, 'test/fixtures/explain')];
  const objects = [];
  for (const dir of dirs) {
    for (const sub of readdirSync(dir)) {
      const full = join(dir, sub);
      if (!statSync(full).isDirectory()) continue;
      for (const file of readdirSync(full).filter((f) => f.endsWith('.json'))) {
        const value = JSON.parse(readFileSync(join(full, file), 'utf8'));
        for (const item of value.kind === 'List' ? value.items : [value]) if (item?.kind === 'Pod') objects.push(item);
      }
    }
  }
  const items = Array.from({ length: 1000 }, (_, i) => {
    const pod = structuredClone(objects[i % objects.length]);
    pod.metadata = { ...pod.metadata, name: `${pod.metadata?.name ?? 'pod'}-${i}` };
    return pod;
  });
  const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
  let pods = 0;
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(THROUGHPUT_MS) * 1_000_000n;
  // every round reads the List from its text again and explains each pod in it
  while (process.hrtime.bigint() < deadline) {
    const record = readInputs([{ kind: 'pod', text }]);
    for (const pod of record.pods) {
      diagnose(record, { pod: pod.name });
      pods++;
    }
  }
  return { podsPerSecond: pods / (Number(process.hrtime.bigint() - t0) / 1e9), troubled: troubledPods(readInputs([{ kind: 'pod', text }])).length };
}

/** Pasted cases read and diagnosed per second over every real-world and own-corpus case, in one process. */
function throughput(cases, { readInputs, diagnose }) {
  let pods = 0;
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(THROUGHPUT_MS) * 1_000_000n;
  while (process.hrtime.bigint() < deadline) {
    for (const c of cases) {
      diagnose(readInputs(c.inputs));
      pods++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return pods / seconds;
}

/** Wall time of `crashlab explain --paste <file> --json` on a real-world describe, median of five. */
async function cliCall() {
  const dir = mkdtempSync(join(tmpdir(), 'crashlab-explain-bench-'));
  const raw = readFileSync(join(ROOT, 'test/fixtures/real-world/cases/kubernetes-94216.txt'), 'utf8');
  const file = join(dir, 'describe.txt');
  writeFileSync(file, raw.slice(raw.indexOf('\n---\n') + 5));
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    await run(process.execPath, [CLI, 'explain', '--paste', file, '--json']).catch((e) => e);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

/** One CLI call on 50 MB of random printable text: it must name nothing, say it read only part, and stay quick. */
async function noiseCall() {
  const dir = mkdtempSync(join(tmpdir(), 'crashlab-explain-noise-'));
  const file = join(dir, 'noise.txt');
  const alphabet = Buffer.from(Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('') + '\n\n', 'latin1');
  const bytes = Buffer.allocUnsafe(50 * 1024 * 1024);
  let state = 7;
  for (let i = 0; i < bytes.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    bytes[i] = alphabet[state % alphabet.length];
  }
  writeFileSync(file, bytes);
  const t0 = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, [CLI, 'explain', '--paste', file, '--json'], { maxBuffer: 1 << 24 }).catch((e) => e);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let diagnosis;
  try {
    diagnosis = JSON.parse(stdout);
  } catch {
    diagnosis = undefined;
  }
  const first = Array.isArray(diagnosis) ? diagnosis[0] : diagnosis;
  return { ms, cause: first?.cause ?? null, truncatedNote: (first?.notes ?? []).some((n) => /read only its first and last/.test(n)) };
}

export async function runExplainBench() {
  const load = (path) => import(pathToFileURL(join(ROOT, 'dist/src/explain', path)).href);
  const { realWorldAccuracy, loadRealWorld } = await load('real-world.js');
  const { corpusAccuracy, loadCorpus } = await load('corpus.js');
  const { readInputs } = await load('inputs.js');
  const { diagnose } = await load('engine.js');
  const { troubledPods } = await load('focus.js');

  const frozen = realWorldAccuracy('frozen', ROOT);
  const tuning = realWorldAccuracy('tuning', ROOT);
  const own = corpusAccuracy(ROOT);
  const baselinePath = join(ROOT, 'test/fixtures/real-world/baseline.json');
  const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : undefined;
  const cases = [...loadRealWorld(ROOT), ...loadCorpus(ROOT)];
  const pastesPerSecond = throughput(cases, { readInputs, diagnose });
  const { podsPerSecond } = podThroughput({ readInputs, diagnose, troubledPods });
  const cliMs = await cliCall();
  const noise = await noiseCall();

  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`\nexplain on the frozen real-world test set (${frozen.cases.length} snippets; tuned on the other ${tuning.cases.length} only)`);
  // `grown` is the engine as merged, measured on the grown evidence base before the next round of rules
  const grown = baseline?.grown;
  console.log('| expected cause | cases | right | insufficient | wrong | right before tuning | right on the grown set before this round |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [cause, a] of Object.entries(frozen.byCause).sort()) {
    const before = baseline?.frozen?.byCause?.[cause];
    const round = grown?.frozen?.byCause?.[cause];
    console.log(`| ${cause} | ${a.total} | ${a.correct} | ${a.insufficient} | ${a.wrong} | ${before ? `${before.correct}/${before.total}` : '-'} | ${round ? `${round.correct}/${round.total}` : '-'} |`);
  }
  console.log(`frozen set: ${pct(frozen.accuracy)} right (before tuning ${baseline ? pct(baseline.frozen.accuracy) : '-'}; on the grown set before this round ${grown ? `${pct(grown.frozen.accuracy)}, ${grown.frozen.wrong} wrong` : '-'}), ${frozen.wrong} wrong, ${frozen.wrongOnLookalikes} wrong on lookalikes (Pending, image pull, config error, eviction)`);
  console.log(`tuning set: ${pct(tuning.accuracy)} right (before ${baseline ? pct(baseline.tuning.accuracy) : '-'}); own corpus (regression suite): ${pct(own.accuracy)} of ${own.cases.length}`);
  console.log(`explain throughput in-process: ${Math.round(podsPerSecond)} pods/s from a 1,000-pod List; ${Math.round(pastesPerSecond)} pasted cases/s (read and diagnosed); one CLI call on a describe file (median of 5): ${cliMs.toFixed(0)} ms`);

  console.log(`50 MB of random text through one CLI call: cause ${noise.cause ?? 'none'}, truncation said: ${noise.truncatedNote ? 'yes' : 'no'}, ${noise.ms.toFixed(0)} ms`);

  return {
    noise,
    frozen: { cases: frozen.cases.length, accuracy: frozen.accuracy, wrong: frozen.wrong, wrongOnLookalikes: frozen.wrongOnLookalikes, byCause: frozen.byCause },
    tuning: { cases: tuning.cases.length, accuracy: tuning.accuracy },
    baseline,
    ownCorpus: { cases: own.cases.length, accuracy: own.accuracy, byCause: own.byCause },
    podsPerSecond,
    pastesPerSecond,
    cliMs,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runExplainBench();
