import { beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { collectSnapshot, connect } from '../../src/cluster/index.js';
import { useFakeApiServer } from './support/fake-api-server.js';

const NS = 'crashlab-s1';
const list = (kind: string, items: unknown[]) => ({ status: 200, body: { kind: `${kind}List`, apiVersion: 'v1', metadata: {}, items } });

const crashedPod = {
  metadata: { name: 'api-1', namespace: NS, creationTimestamp: '2025-01-01T00:00:00Z' },
  spec: { containers: [{ name: 'api', image: 'busybox:1.36' }] },
  status: {
    phase: 'Running',
    containerStatuses: [
      {
        name: 'api',
        image: 'busybox:1.36',
        imageID: '',
        ready: false,
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=api' } },
        lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2025-01-01T00:01:00Z' } },
      },
    ],
  },
};

describe('collectSnapshot', () => {
  const fake = useFakeApiServer();

  beforeEach(() => {
    fake.api
      .on('GET', `/api/v1/namespaces/${NS}/pods`, list('Pod', [crashedPod]))
      .on('GET', `/apis/apps/v1/namespaces/${NS}/deployments`, list('Deployment', []))
      .on('GET', `/apis/batch/v1/namespaces/${NS}/jobs`, list('Job', []))
      .on('GET', `/api/v1/namespaces/${NS}/services`, list('Service', []))
      .on('GET', `/apis/discovery.k8s.io/v1/namespaces/${NS}/endpointslices`, list('EndpointSlice', []))
      .on('GET', `/api/v1/namespaces/${NS}/configmaps`, list('ConfigMap', []))
      .on('GET', `/api/v1/namespaces/${NS}/events`, list('Event', []))
      .on('GET', `/api/v1/namespaces/${NS}/secrets`, list('Secret', [
        { metadata: { name: 'db' }, type: 'Opaque', data: { password: Buffer.from('hunter2').toString('base64') } },
      ]))
      .on('GET', `/api/v1/namespaces/${NS}/pods/api-1/log`, { status: 200, body: 'fatal: DATABASE_URL is empty' });
  });

  it('reads each kind with one list call, plus one log call per container instance', async () => {
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    const snapshot = await collectSnapshot(cluster, NS, { logs: 'previous' });
    expect(cluster.requests).toBe(8 + 1);
    expect(snapshot.pods.map((p) => p.metadata?.name)).toEqual(['api-1']);
    expect(Object.keys(snapshot.previousLogs)).toEqual(['api-1/api']);
    expect(snapshot.previousLogs['api-1/api']).toContain('DATABASE_URL is empty');
    expect(snapshot.currentLogs).toEqual({});
  });

  it('keeps timestamps as ISO strings, never Dates', async () => {
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    const snapshot = await collectSnapshot(cluster, NS, { kinds: ['pods'], logs: 'none' });
    expect(snapshot.pods[0]?.metadata?.creationTimestamp).toBe('2025-01-01T00:00:00.000Z');
    expect(cluster.requests).toBe(1);
  });

  it('summarises secrets as key digests and never carries a value', async () => {
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    const snapshot = await collectSnapshot(cluster, NS, { kinds: ['secrets'], logs: 'none' });
    expect(snapshot.secrets).toEqual([
      { name: 'db', type: 'Opaque', keys: { password: createHash('sha256').update('hunter2').digest('hex') } },
    ]);
    expect(JSON.stringify(snapshot)).not.toContain('hunter2');
    expect(JSON.stringify(snapshot)).not.toContain(Buffer.from('hunter2').toString('base64'));
  });
});
