import { fieldCheck } from '../src/grading/checks.js';
import { healthyAndStable, judge, param } from '../src/grading/grade.js';
import { sha256 } from '../src/grading/spec-compare.js';
import { deployment, liveContainer } from '../src/grading/workload.js';
import type { Grader } from '../src/scenario/types.js';

const EMPTY_DIGEST = sha256('');

export const gradeMissingSecret: Grader = (input) => {
  const name = param(input, 'serviceName');
  const variable = param(input, 'varName');
  const ref = deployment(name);
  const env = liveContainer(input.last, ref, name)?.env?.find((e) => e.name === variable);
  const keyRef = env?.valueFrom?.secretKeyRef;
  const secret = keyRef ? input.last.secrets.find((s) => s.name === keyRef.name) : undefined;
  const digest = keyRef ? secret?.keys[keyRef.key] : undefined;
  const observed = keyRef
    ? `secretKeyRef ${keyRef.name}/${keyRef.key}${secret ? (digest ? '' : ' (no such key)') : ' (no such Secret)'}`
    : env?.value !== undefined
      ? 'a literal value'
      : 'not set';
  return judge(input, [
    ...healthyAndStable(input, ref),
    fieldCheck({
      id: 'env-from-secret',
      ok: digest !== undefined && digest !== EMPTY_DIGEST,
      pass: `${variable} comes from Secret key ${keyRef?.name}/${keyRef?.key}, which holds a value`,
      fail: `${variable} must be read from a Secret key that exists and is not empty`,
      observed: `${variable}: ${observed}`,
      expected: `${variable} from secretKeyRef to an existing, non-empty key`,
    }),
  ]);
};
