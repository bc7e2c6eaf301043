import { describe, expect, it } from 'vitest';
import { GRADERS, isScenarioId } from '../../graders/index.js';
import { loadScenarios, renderFix, renderWorkload } from '../../src/scenario/loader.js';
import { drawParams } from '../../src/scenario/params.js';
import { seedForFix } from '../../src/scenario/shapes.js';
import type { FixSpec, GradeInput, KubeObject, Params, Scenario } from '../../src/scenario/types.js';
import type { Verdict } from '../../src/grading/verdict.js';
import { applyKubectl, snapshotOf, type PodHealth } from './support/kubectl-model.js';

const NAMESPACE = 'lab-k3x9';
const T0 = '2026-01-01T00:01:00.000Z';
const T1 = '2026-01-01T00:01:40.000Z';
const SEEDS = [1, 2, 3, 4, 5, 6];
const scenarios = loadScenarios();
const byId = (id: string) => scenarios.find((s) => s.id === id)!;

interface Attempt {
  scenario: Scenario;
  params: Params;
  baseline: KubeObject[];
}

function attempt(scenario: Scenario, seed: number): Attempt {
  const params = drawParams(scenario.parameters, seed);
  return { scenario, params, baseline: renderWorkload(scenario, params, NAMESPACE) };
}

function run(a: Attempt, commands: string[]): KubeObject[] {
  return commands.reduce((objects, line) => applyKubectl(objects, line), a.baseline);
}

function grade(
  a: Attempt,
  live: KubeObject[],
  opts: { health?: PodHealth; restarts?: [number, number]; until?: string; terminating?: boolean } = {},
): Verdict {
  const service = String(a.params.serviceName);
  const health = { [service]: opts.health ?? 'healthy' };
  const [before, after] = opts.restarts ?? [0, 0];
  const input: GradeInput = {
    scenario: a.scenario,
    params: a.params,
    namespace: NAMESPACE,
    baseline: a.baseline,
    first: snapshotOf(live, { namespace: NAMESPACE, takenAt: T0, health, restarts: before }),
    last: snapshotOf(live, {
      namespace: NAMESPACE,
      takenAt: opts.until ?? T1,
      health,
      restarts: after,
      terminating: opts.terminating ? service : undefined,
    }),
  };
  if (!isScenarioId(a.scenario.id)) throw new Error(`no grader for ${a.scenario.id}`);
  return GRADERS[a.scenario.id](input);
}

const failed = (v: Verdict) => v.criteria.filter((c) => c.outcome !== 'pass').map((c) => c.id);
const refusedIds = (v: Verdict) => v.refused.map((r) => r.id);
const fix = (a: Attempt, commands: string[]) => commands.map((c) => renderFix({ description: '', commands: [c] }, a.params, NAMESPACE).commands[0]!);

describe.each(scenarios.map((s) => [s.id, s] as const))('%s grader', (_id, scenario) => {
  it.each(SEEDS)('passes the reference fix with healthy, stable pods and refuses nothing (seed %i)', (seed) => {
    const a = attempt(scenario, seed);
    const verdict = grade(a, run(a, renderFix(scenario.referenceFix, a.params, NAMESPACE).commands));
    expect(failed(verdict)).toEqual([]);
    expect(refusedIds(verdict)).toEqual([]);
    expect(verdict.passed).toBe(true);
  });

  it.each(SEEDS)('fails the untouched workload while it crash-loops and says nothing changed (seed %i)', (seed) => {
    const a = attempt(scenario, seed);
    const verdict = grade(a, a.baseline, { health: 'crashing', restarts: [3, 4] });
    expect(verdict.passed).toBe(false);
    expect(verdict.criteria.some((c) => c.outcome === 'fail')).toBe(true);
    expect(refusedIds(verdict)).toContain('nothing-changed');
  });

  // Seeds for a fix that fits one sub-shape only are drawn for that shape.
  const seedsFor = (f: FixSpec) => [0, 1, 2].map((turn) => seedForFix(scenario, f, turn, 1 + turn * 7));

  it.each(scenario.refusedFixes.flatMap((f) => seedsFor(f).map((seed) => [f.refused, seed, f] as const)))(
    'names the refused fix %s even when the pods look healthy (seed %i)',
    (id, seed, refused) => {
      const a = attempt(scenario, seed);
      const verdict = grade(a, run(a, renderFix(refused, a.params, NAMESPACE).commands));
      expect(refusedIds(verdict)).toContain(id);
      expect(verdict.passed).toBe(false);
    },
  );

  it.each(scenario.acceptedFixes.flatMap((f) => seedsFor(f).map((seed) => [f.description, seed, f] as const)))(
    'passes the legitimate alternative "%s" (seed %i)',
    (_description, seed, accepted) => {
      const a = attempt(scenario, seed);
      const verdict = grade(a, run(a, renderFix(accepted, a.params, NAMESPACE).commands));
      expect(failed(verdict)).toEqual([]);
      expect(refusedIds(verdict)).toEqual([]);
      expect(verdict.passed).toBe(true);
    },
  );

  it.each(scenario.silencers.flatMap((f) => seedsFor(f).map((seed) => [f.fails, seed, f] as const)))(
    'fails an uncatalogued silencer by its behaviour: %s (seed %i)',
    (id, seed, silencer) => {
      const a = attempt(scenario, seed);
      const verdict = grade(a, run(a, renderFix(silencer, a.params, NAMESPACE).commands));
      expect([...failed(verdict), ...refusedIds(verdict)]).toContain(id);
      expect(verdict.passed).toBe(false);
    },
  );
});

describe('shared stability criteria', () => {
  const a = attempt(byId('oom-kill'), 1);
  const fixed = () => run(a, renderFix(a.scenario.referenceFix, a.params, NAMESPACE).commands);

  it('fails when a restart count moves during the window', () => {
    const verdict = grade(a, fixed(), { restarts: [0, 1] });
    expect(verdict.criteria.find((c) => c.id === 'restarts-frozen')?.outcome).toBe('fail');
    expect(verdict.passed).toBe(false);
  });

  it('is unmeasured, not failed, while a pod is terminating', () => {
    const verdict = grade(a, fixed(), { terminating: true });
    expect(verdict.criteria.find((c) => c.id === 'rollout-settled')?.outcome).toBe('unmeasured');
    expect(verdict.incomplete).toBe(true);
    expect(verdict.passed).toBe(false);
  });

  it('is unmeasured when the window is shorter than stabilitySeconds', () => {
    const verdict = grade(a, fixed(), { until: '2026-01-01T00:01:05.000Z' });
    expect(verdict.criteria.find((c) => c.id === 'restarts-frozen')?.outcome).toBe('unmeasured');
    expect(verdict.incomplete).toBe(true);
  });
});

describe('oom-kill remedies', () => {
  const s = byId('oom-kill');
  it.each(SEEDS)('fails a limit raised to the footprint with no headroom (seed %i)', (seed) => {
    const a = attempt(s, seed);
    const mi = Number(a.params.footprintMi);
    const verdict = grade(a, run(a, fix(a, [`kubectl -n x set resources deployment/{{serviceName}} --requests=memory=${mi}Mi --limits=memory=${mi}Mi`])));
    expect(failed(verdict)).toEqual(['memory-limit-covers-footprint']);
  });

  it('fails a raised limit that leaves the request below the footprint', () => {
    const a = attempt(s, 2);
    const verdict = grade(a, run(a, fix(a, ['kubectl -n x set resources deployment/{{serviceName}} --limits=memory={{fixLimitMi}}Mi'])));
    expect(failed(verdict)).toEqual(['memory-request-covers-footprint']);
    expect(refusedIds(verdict)).toEqual([]);
  });

  it('refuses an absurd limit', () => {
    const a = attempt(s, 3);
    const verdict = grade(a, run(a, fix(a, ['kubectl -n x set resources deployment/{{serviceName}} --requests=memory=1Gi --limits=memory=64Gi'])));
    expect(refusedIds(verdict)).toEqual(['memory-limit-absurd']);
  });
});

describe('probe-kill remedies', () => {
  const s = byId('probe-kill');
  it.each(SEEDS)('passes a liveness initialDelaySeconds longer than the warm-up (seed %i)', (seed) => {
    const a = attempt(s, seed);
    const delay = Number(a.params.warmupSeconds) + 10;
    const verdict = grade(a, run(a, fix(a, [`kubectl -n x patch deployment/{{serviceName}} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/livenessProbe/initialDelaySeconds","value":${delay}}]'`])));
    expect(verdict.passed).toBe(true);
  });

  it('fails a startup probe whose budget is shorter than the warm-up', () => {
    const a = attempt(s, 1);
    const verdict = grade(a, run(a, fix(a, [`kubectl -n x patch deployment/{{serviceName}} --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/0/startupProbe","value":{"httpGet":{"path":"/{{healthPath}}","port":"http"},"periodSeconds":2,"failureThreshold":3}}]'`])));
    expect(failed(verdict)).toEqual(['startup-covered']);
    expect(refusedIds(verdict)).toEqual([]);
  });

  it('refuses a liveness probe turned into exec true', () => {
    const a = attempt(s, 1);
    const verdict = grade(a, run(a, fix(a, [`kubectl -n x patch deployment/{{serviceName}} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/livenessProbe","value":{"exec":{"command":["true"]},"periodSeconds":3}}]'`])));
    expect(refusedIds(verdict)).toContain('probe-toothless');
  });
});

describe('missing-secret remedies', () => {
  const s = byId('missing-secret');
  it.each(SEEDS)('passes adding the expected key to the Secret and restarting the pods (seed %i)', (seed) => {
    const a = attempt(s, seed);
    const verdict = grade(a, run(a, fix(a, [
      `kubectl -n x patch secret/{{secretName}} --type=json -p '[{"op":"add","path":"/stringData/{{refKey}}","value":"{{secretValue}}"}]'`,
      'kubectl -n x rollout restart deployment/{{serviceName}}',
    ])));
    expect(verdict.passed).toBe(true);
  });

  it('refuses the value pasted even under another variable name', () => {
    const a = attempt(s, 1);
    const verdict = grade(a, run(a, fix(a, ['kubectl -n x set env deployment/{{serviceName}} OTHER={{secretValue}}'])));
    expect(refusedIds(verdict)).toContain('secret-value-pasted');
  });
});

describe('bad-entrypoint remedies', () => {
  it('refuses tail -f /dev/null as the command', () => {
    const a = attempt(byId('bad-entrypoint'), 1);
    const verdict = grade(a, run(a, fix(a, [`kubectl -n x patch deployment/{{serviceName}} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["tail","-f","/dev/null"]}]'`])));
    expect(refusedIds(verdict)).toContain('keep-alive-command');
  });

  it('draws both the shell and the direct start mode across seeds', () => {
    const modes = new Set(SEEDS.map((seed) => attempt(byId('bad-entrypoint'), seed).params.startMode));
    expect(modes).toEqual(new Set(['shell', 'direct']));
  });
});

describe('port-mismatch remedies', () => {
  const s = byId('port-mismatch');
  it.each(SEEDS)('passes moving containerPort and the Service to the port the app listens on (seed %i)', (seed) => {
    const a = attempt(s, seed);
    const verdict = grade(a, run(a, fix(a, [
      `kubectl -n x patch deployment/{{serviceName}} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/ports/0/containerPort","value": {{appPort}} }]'`,
      `kubectl -n x patch service/{{serviceName}} --type=json -p '[{"op":"replace","path":"/spec/ports/0/targetPort","value": {{appPort}} }]'`,
    ])));
    expect(verdict.passed).toBe(true);
  });

  it('fails when the Service is left on the old port', () => {
    const a = attempt(s, 1);
    const verdict = grade(a, run(a, fix(a, [
      `kubectl -n x patch deployment/{{serviceName}} --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/ports/0/containerPort","value": {{appPort}} }]'`,
    ])));
    expect(failed(verdict)).toEqual(['one-port-everywhere']);
  });
});

describe('init-failure remedies', () => {
  it.each(SEEDS)('fails while the dependency Service selects no pod (seed %i)', (seed) => {
    const a = attempt(byId('init-failure'), seed);
    const verdict = grade(a, a.baseline);
    expect(failed(verdict)).toContain('dependency-endpoints-ready');
  });
});
