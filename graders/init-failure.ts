import { podsReady, serviceEndpointsReady } from '../src/grading/checks.js';
import { healthyAndStable, judge, param } from '../src/grading/grade.js';
import { deployment } from '../src/grading/workload.js';
import type { Grader } from '../src/scenario/types.js';

export const gradeInitFailure: Grader = (input) => {
  const app = deployment(param(input, 'serviceName'));
  const dependency = param(input, 'depName');
  return judge(input, [
    ...healthyAndStable(input, app),
    podsReady(input.last, deployment(dependency), 'dependency-pods-ready'),
    serviceEndpointsReady(input.last, dependency, 'dependency-endpoints-ready'),
  ]);
};
