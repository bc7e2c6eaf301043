import { fieldCheck, serviceEndpointsReady } from '../src/grading/checks.js';
import { healthyAndStable, judge, numberParam, param } from '../src/grading/grade.js';
import { deployment, liveContainer } from '../src/grading/workload.js';
import { formatMi, parseQuantity } from '../src/kube/quantity.js';
import type { Grader } from '../src/scenario/types.js';

/** Headroom above the measured footprint a limit must leave. */
const HEADROOM = 1.25;

export const gradeOomKill: Grader = (input) => {
  const name = param(input, 'serviceName');
  const footprint = numberParam(input, 'footprintMi') * 2 ** 20;
  const ref = deployment(name);
  const container = liveContainer(input.last, ref, name);
  const limit = parseQuantity(container?.resources?.limits?.memory);
  const request = parseQuantity(container?.resources?.requests?.memory);
  const show = (bytes: number | undefined) => (bytes === undefined ? 'none' : formatMi(bytes));
  return judge(input, [
    ...healthyAndStable(input, ref),
    fieldCheck({
      id: 'memory-limit-covers-footprint',
      ok: limit !== undefined && limit >= footprint * HEADROOM,
      pass: `the memory limit ${show(limit)} covers the ${formatMi(footprint)} footprint with headroom`,
      fail: `the memory limit must sit at least ${Math.round((HEADROOM - 1) * 100)}% above the ${formatMi(footprint)} the process holds`,
      observed: `limit ${show(limit)}`,
      expected: `limit >= ${formatMi(footprint * HEADROOM)}`,
    }),
    fieldCheck({
      id: 'memory-request-covers-footprint',
      ok: request !== undefined && request >= footprint && (limit === undefined || request <= limit),
      pass: `the memory request ${show(request)} reserves what the process really uses`,
      fail: `the memory request should reserve the ${formatMi(footprint)} the process really uses, so the scheduler places it where that memory exists`,
      observed: `request ${show(request)}`,
      expected: `${formatMi(footprint)} <= request <= limit`,
    }),
    serviceEndpointsReady(input.last, name),
  ]);
};
