import { describe, expect, it } from 'vitest';
import { emptySnapshot } from '../snapshot.js';
import type { Pod } from '../kube/wire.js';
import { explainSnapshot, explainText } from './explain.js';

const lastState = (reason: string, code: number) => `    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       ${reason}
      Exit Code:    ${code}
    Restart Count:  4
`;

describe('explain engine discriminators', () => {
  it('names oom-killed only when the kubelet says OOMKilled', () => {
    expect(explainText(lastState('OOMKilled', 137)).cause).toBe('oom-killed');
    expect(explainText(`${lastState('Error', 137)}Events:\n  Normal  Killing  1m  kubelet  Stopping container app\n`).cause).toBe('sigterm-shutdown');
  });

  it('reads 137 after liveness failures as a probe kill, not an OOM', () => {
    const text = `${lastState('Error', 137)}Events:
  Warning  Unhealthy  1m (x9 over 4m)  kubelet  Liveness probe failed: Get "http://10.1.0.4:8080/health": context deadline exceeded
  Normal   Killing    1m (x3 over 4m)  kubelet  Container app failed liveness probe, will be restarted
`;
    expect(explainText(text).cause).toBe('liveness-probe');
  });

  it('calls a refused probe on a port the app does not announce a port mismatch', () => {
    const text = `    Liveness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
${lastState('Error', 143)}Events:
  Warning  Unhealthy  1m (x9 over 4m)  kubelet  Liveness probe failed: Get "http://10.1.0.4:8080/healthz": dial tcp 10.1.0.4:8080: connect: connection refused
  Normal   Killing    1m (x3 over 4m)  kubelet  Container app failed liveness probe, will be restarted

$ kubectl logs app-0 --previous
listening on port 9000
`;
    expect(explainText(text).cause).toBe('port-mismatch');
  });

  it('tells missing-config, dependency-unreachable and app-error apart by the previous logs', () => {
    const withLogs = (log: string) => explainText(`${lastState('Error', 1)}\n$ kubectl logs app-0 --previous\n${log}\n`).cause;
    expect(withLogs("KeyError: 'API_TOKEN'")).toBe('missing-config');
    expect(withLogs('Error: getaddrinfo ENOTFOUND postgres')).toBe('dependency-unreachable');
    expect(withLogs("TypeError: Cannot read properties of undefined (reading 'id')")).toBe('app-error');
  });

  it('tells create-config-error (never started) from missing-config (started, then exited)', () => {
    expect(explainText('    State:          Waiting\n      Reason:       CreateContainerConfigError\n').cause).toBe('create-config-error');
    expect(explainText(`${lastState('Error', 1)}\n$ kubectl logs app-0 -p\nDATABASE_URL is not set\n`).cause).toBe('missing-config');
  });

  it('prefers the pod reason Evicted over the container exit code', () => {
    const text = `Status: Failed\nReason: Evicted\nMessage: The node was low on resource: memory.\n${lastState('OOMKilled', 137)}`;
    expect(explainText(text).cause).toBe('evicted');
  });

  it('names the init container that is failing', () => {
    const text = `NAME      READY   STATUS                  RESTARTS   AGE
app-0     0/1     Init:CrashLoopBackOff   3          2m
$ kubectl logs app-0 -c wait-db --previous
waiting for db: connection refused
`;
    const diagnosis = explainText(text);
    expect(diagnosis.cause).toBe('init-container');
    expect(diagnosis.container).toBe('wait-db');
  });

  it('says insufficient, with what to collect, when only the STATUS column is known', () => {
    const diagnosis = explainText('NAME   READY   STATUS             RESTARTS   AGE\napp-0  0/1     CrashLoopBackOff   5          3m\n');
    expect(diagnosis.cause).toBeNull();
    expect(diagnosis.insufficient?.collect.join('\n')).toMatch(/logs app-0 --previous/);
  });

  it('never names a cause for empty, binary or non-pod input', () => {
    expect(explainText('').cause).toBeNull();
    expect(explainText('\u0000\u0001\u0002\u0003\u0004garbage\u0005\u0006\u0007\u0008').cause).toBeNull();
    const deployment = explainText('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n');
    expect(deployment.cause).toBeNull();
    expect(deployment.notes.join(' ')).toMatch(/Deployment/);
  });

  it('says when failures follow the node', () => {
    const text = `NAME           READY   STATUS             RESTARTS   AGE   IP          NODE     NOMINATED NODE   READINESS GATES
web-abc-11111  1/1     Running            0          5m    10.0.0.1    amd-1    <none>           <none>
web-abc-22222  0/1     CrashLoopBackOff   6          5m    10.0.0.2    arm-1    <none>           <none>
web-abc-33333  1/1     Running            0          5m    10.0.0.3    amd-2    <none>           <none>
$ kubectl logs web-abc-22222 -p
exec /app/web: exec format error
`;
    const diagnosis = explainText(text);
    expect(diagnosis.cause).toBe('bad-command');
    expect(diagnosis.notes.join(' ')).toMatch(/node-correlated.*arm-1/);
  });
});

describe('explainSnapshot', () => {
  it('explains the pod in most trouble from a live snapshot, with its previous logs', () => {
    const snapshot = emptySnapshot('drill');
    const pod: Pod = {
      metadata: { name: 'api-1', namespace: 'drill' },
      spec: { containers: [{ name: 'api', image: 'api:1' }], restartPolicy: 'Always' },
      status: {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'api',
            image: 'api:1',
            imageID: '',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          },
        ],
      },
    };
    snapshot.pods.push(pod);
    snapshot.previousLogs['api-1/api'] = 'Error: required env var REDIS_URL is not set\n';
    const diagnosis = explainSnapshot(snapshot);
    expect(diagnosis.cause).toBe('missing-config');
    expect(diagnosis.container).toBe('api');
    expect(diagnosis.evidence.some((q) => q.text.includes('REDIS_URL'))).toBe(true);
  });
});
