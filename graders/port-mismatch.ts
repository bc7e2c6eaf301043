import { fieldCheck, serviceEndpointsReady } from '../src/grading/checks.js';
import { healthyAndStable, judge, param } from '../src/grading/grade.js';
import { deployment, findService, liveContainer, probePort, resolvePort } from '../src/grading/workload.js';
import type { Grader } from '../src/scenario/types.js';

export const gradePortMismatch: Grader = (input) => {
  const name = param(input, 'serviceName');
  const ref = deployment(name);
  const container = liveContainer(input.last, ref, name);
  const env = container?.env?.find((e) => e.name === 'PORT')?.value;
  const ports: Record<string, number | undefined> = {
    'PORT env': env === undefined ? undefined : Number(env),
    containerPort: container?.ports?.[0]?.containerPort,
    livenessProbe: probePort(container?.livenessProbe, container),
    readinessProbe: probePort(container?.readinessProbe, container),
  };
  const servicePort = findService(input.last, name)?.spec?.ports?.[0];
  ports['Service targetPort'] = resolvePort(
    (servicePort?.targetPort ?? servicePort?.port) as string | number | undefined,
    container,
  );
  const values = Object.values(ports);
  const agree = values.every((v) => v !== undefined && v === values[0]);
  const observed = Object.entries(ports)
    .map(([k, v]) => `${k} ${v ?? '?'}`)
    .join(', ');
  return judge(input, [
    ...healthyAndStable(input, ref),
    fieldCheck({
      id: 'one-port-everywhere',
      ok: agree,
      pass: `the app, its declared port, both probes and the Service all use port ${values[0]}`,
      fail: 'the port the app listens on, containerPort, both probes and the Service targetPort must all be the same',
      observed,
      expected: 'one port in all five places',
    }),
    serviceEndpointsReady(input.last, name),
  ]);
};
