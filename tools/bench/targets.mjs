// Targets for the per-scenario figures of tools/bench.mjs, printed beside the
// medians: API requests per check for every scenario, and for scenarios whose
// broken container dies the moment it starts ("instant crashes"), the time
// from `start` to the visible signature and from the reference fix to a
// passing check (the stability window included).
export const TARGETS = { requestsPerCheck: 10, instantStartToSignatureS: 10, instantFixToPassS: 20 };

/** Instant-crash scenarios; BENCH_INSTANT=id,id overrides. */
export const INSTANT = (process.env.BENCH_INSTANT ?? 'bad-entrypoint,missing-secret,oom-kill').split(',').filter(Boolean);

/** Scenarios to run; BENCH_ONLY=id,id picks some (default: all). */
export const only = (scenarios) => {
  const ids = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
  return ids.length ? scenarios.filter((s) => ids.includes(s.id)) : scenarios;
};

const within = (value, target) => (value <= target ? 'yes' : 'NO');

export function printTargets(rows) {
  console.log('\n| scenario | figure | median | target | within |');
  console.log('|---|---|---:|---:|:---:|');
  for (const r of rows) {
    console.log(`| ${r.scenario} | API requests per check | ${r.requestsPerCheck} | <= ${TARGETS.requestsPerCheck} | ${within(r.requestsPerCheck, TARGETS.requestsPerCheck)} |`);
    if (!INSTANT.includes(r.scenario)) continue;
    console.log(`| ${r.scenario} | start to signature (s) | ${r.startToSignatureS.toFixed(1)} | <= ${TARGETS.instantStartToSignatureS} | ${within(r.startToSignatureS, TARGETS.instantStartToSignatureS)} |`);
    console.log(`| ${r.scenario} | reference fix to passing check (s) | ${r.fixToPassS.toFixed(1)} | <= ${TARGETS.instantFixToPassS} | ${within(r.fixToPassS, TARGETS.instantFixToPassS)} |`);
  }
}
