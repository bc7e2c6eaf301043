import { fieldCheck } from '../src/grading/checks.js';
import { healthyAndStable, judge, numberParam, param } from '../src/grading/grade.js';
import { deployment, liveContainer, type Probe } from '../src/grading/workload.js';
import type { Grader } from '../src/scenario/types.js';

/** Seconds a probe lets pass before its failures can kill the container. */
export function probeBudget(probe: Probe | undefined): number {
  if (!probe) return 0;
  return (probe.initialDelaySeconds ?? 0) + (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10);
}

export const gradeProbeKill: Grader = (input) => {
  const name = param(input, 'serviceName');
  const warmup = numberParam(input, 'warmupSeconds');
  const ref = deployment(name);
  const container = liveContainer(input.last, ref, name);
  const liveness = container?.livenessProbe;
  const startup = container?.startupProbe;
  // A startup probe holds the liveness probe back until it passes; without one,
  // the liveness probe's own delay and tolerance must outlast the warm-up.
  const budget = startup ? probeBudget(startup) : probeBudget(liveness);
  const via = startup ? 'startupProbe' : 'livenessProbe';
  return judge(input, [
    ...healthyAndStable(input, ref),
    fieldCheck({
      id: 'liveness-probe-kept',
      ok: Boolean(liveness?.httpGet || liveness?.tcpSocket),
      pass: 'the liveness probe still checks the app over the network',
      fail: 'keep a liveness probe that checks the app: it is what restarts a hung server',
      observed: liveness ? JSON.stringify(liveness.httpGet ?? liveness.tcpSocket ?? liveness.exec) : 'no livenessProbe',
      expected: 'an httpGet or tcpSocket livenessProbe',
    }),
    fieldCheck({
      id: 'startup-covered',
      ok: budget > warmup,
      pass: `the ${via} allows ${budget}s, longer than the ${warmup}s warm-up`,
      fail: `the probes allow only ${budget}s before a kill; the app needs ${warmup}s before it listens`,
      observed: `${via} budget ${budget}s`,
      expected: `more than ${warmup}s (startupProbe, or liveness initialDelaySeconds)`,
    }),
  ]);
};
