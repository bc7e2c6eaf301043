import { describe, expect, it } from 'vitest';
import { applyObjects, connect, deleteAttemptNamespace, deleteObjects } from '../../src/cluster/index.js';
import type { KubeObject } from '../../src/scenario/types.js';
import { namespaceObject, useFakeApiServer } from './support/fake-api-server.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'checkout' },
  spec: { replicas: 1 },
};

function namespace(name: string, labels: Record<string, string>) {
  return { status: 200, body: namespaceObject(name, labels) };
}

const appsResources = {
  status: 200,
  body: {
    kind: 'APIResourceList',
    groupVersion: 'apps/v1',
    resources: [{ name: 'deployments', namespaced: true, kind: 'Deployment', verbs: ['create', 'patch', 'delete'] }],
  },
};

describe('cluster layer write guard', () => {
  const fake = useFakeApiServer();

  it('refuses to apply into a namespace without the crashlab label and sends no write', async () => {
    fake.api.on('GET', '/api/v1/namespaces/prod', namespace('prod', { team: 'payments' }));
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    await expect(applyObjects(cluster, 'prod', [deployment])).rejects.toMatchObject({
      name: 'ForeignNamespaceError',
      message: expect.stringContaining('not labelled app.kubernetes.io/managed-by=crashlab'),
    });
    expect(fake.api.writes()).toEqual([]);
  });

  it('refuses a namespace that does not exist', async () => {
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    await expect(deleteObjects(cluster, 'crashlab-gone', [deployment])).rejects.toMatchObject({
      name: 'ForeignNamespaceError',
      message: expect.stringContaining('does not exist'),
    });
    expect(fake.api.writes()).toEqual([]);
  });

  it('refuses objects that name another namespace before reading anything', async () => {
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    const elsewhere = { ...deployment, metadata: { name: 'checkout', namespace: 'kube-system' } };
    await expect(applyObjects(cluster, 'crashlab-abc123', [elsewhere])).rejects.toMatchObject({
      name: 'ForeignNamespaceError',
      namespace: 'kube-system',
    });
    expect(fake.api.requests).toEqual([]);
  });

  it('refuses cluster-scoped kinds', async () => {
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' } };
    await expect(applyObjects(cluster, 'crashlab-abc123', [role])).rejects.toMatchObject({ name: 'ForeignNamespaceError' });
    expect(fake.api.requests).toEqual([]);
  });

  it('will not delete a namespace it did not create', async () => {
    fake.api.on('GET', '/api/v1/namespaces/default', namespace('default', {}));
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    await expect(deleteAttemptNamespace(cluster, 'default')).rejects.toMatchObject({ name: 'ForeignNamespaceError' });
    expect(fake.api.writes()).toEqual([]);
  });

  it('applies server-side into a labelled namespace, checks the label once and counts every request', async () => {
    fake.api.on(
      'GET',
      '/api/v1/namespaces/crashlab-abc123',
      namespace('crashlab-abc123', { 'app.kubernetes.io/managed-by': 'crashlab', 'crashlab.dev/attempt': 'abc123' }),
    );
    fake.api.on('GET', '/apis/apps/v1', appsResources);
    fake.api.on('PATCH', '/apis/apps/v1/namespaces/crashlab-abc123/deployments/checkout', (req) => ({
      status: 200,
      body: JSON.parse(req.body),
    }));
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    await applyObjects(cluster, 'crashlab-abc123', [deployment]);
    await applyObjects(cluster, 'crashlab-abc123', [deployment]);

    const patches = fake.api.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(JSON.parse(patches[0]!.body).metadata.namespace).toBe('crashlab-abc123');
    const namespaceReads = fake.api.requests.filter((r) => r.path === '/api/v1/namespaces/crashlab-abc123');
    expect(namespaceReads).toHaveLength(1);
    expect(cluster.requests).toBe(fake.api.requests.length);
  });

  it('refuses a namespace labelled managed-by crashlab but with no attempt label', async () => {
    fake.api.on('GET', '/api/v1/namespaces/crashlab-x', namespace('crashlab-x', { 'app.kubernetes.io/managed-by': 'crashlab' }));
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    await expect(applyObjects(cluster, 'crashlab-x', [deployment])).rejects.toMatchObject({
      message: expect.stringContaining('crashlab.dev/attempt'),
    });
  });
});
