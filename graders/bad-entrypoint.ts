import { fieldCheck, serviceEndpointsReady } from '../src/grading/checks.js';
import { healthyAndStable, judge, param } from '../src/grading/grade.js';
import { commandLine, deployment, liveContainer } from '../src/grading/workload.js';
import type { Grader } from '../src/scenario/types.js';

export const gradeBadEntrypoint: Grader = (input) => {
  const name = param(input, 'serviceName');
  const missing = param(input, 'missingProgram');
  const ref = deployment(name);
  const container = liveContainer(input.last, ref, name);
  const command = commandLine(container);
  const readiness = container?.readinessProbe;
  return judge(input, [
    ...healthyAndStable(input, ref),
    fieldCheck({
      id: 'command-replaced',
      ok: container !== undefined && !command.includes(missing),
      pass: `the container no longer asks for ${missing}`,
      fail: `the command still names ${missing}, which the image does not contain`,
      observed: command || '(image default)',
      expected: 'a command that starts a program the image has',
    }),
    fieldCheck({
      id: 'readiness-judges-serving',
      ok: Boolean(readiness?.httpGet),
      pass: 'readiness is judged by an HTTP request, so Ready means serving',
      fail: 'the readiness probe must keep asking the server over HTTP; Ready has to mean serving',
      observed: readiness ? JSON.stringify(readiness.httpGet ?? readiness.tcpSocket ?? readiness.exec) : 'no readinessProbe',
      expected: 'an httpGet readinessProbe',
    }),
    serviceEndpointsReady(input.last, name),
  ]);
};
