import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyObjects, connect, deleteAttemptNamespace, deleteObjects } from '../../src/cluster/index.js';
import type { KubeObject } from '../../src/scenario/types.js';
import { FakeApiServer, writeKubeconfig } from './support/fake-api-server.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'checkout' },
  spec: { replicas: 1 },
};

function namespace(name: string, labels: Record<string, string>) {
  return { status: 200, body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } };
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
  let api: FakeApiServer;
  let kubeconfig: string;

  beforeEach(async () => {
    api = new FakeApiServer();
    kubeconfig = writeKubeconfig(await api.start());
  });
  afterEach(() => api.stop());

  it('refuses to apply into a namespace without the crashlab label and sends no write', async () => {
    api.on('GET', '/api/v1/namespaces/prod', namespace('prod', { team: 'payments' }));
    const cluster = connect({ env: { KUBECONFIG: kubeconfig } });
    await expect(applyObjects(cluster, 'prod', [deployment])).rejects.toMatchObject({
      name: 'ForeignNamespaceError',
      message: expect.stringContaining('not labelled app.kubernetes.io/managed-by=crashlab'),
    });
    expect(api.writes()).toEqual([]);
  });

  it('refuses a namespace that does not exist', async () => {
    const cluster = connect({ env: { KUBECONFIG: kubeconfig } });
    await expect(deleteObjects(cluster, 'crashlab-gone', [deployment])).rejects.toMatchObject({
      name: 'ForeignNamespaceError',
      message: expect.stringContaining('does not exist'),
    });
    expect(api.writes()).toEqual([]);
  });

  it('refuses objects that name another namespace before reading anything', async () => {
    const cluster = connect({ env: { KUBECONFIG: kubeconfig } });
    const elsewhere = { ...deployment, metadata: { name: 'checkout', namespace: 'kube-system' } };
    await expect(applyObjects(cluster, 'crashlab-abc123', [elsewhere])).rejects.toMatchObject({
      name: 'ForeignNamespaceError',
      namespace: 'kube-system',
    });
    expect(api.requests).toEqual([]);
  });

  it('refuses cluster-scoped kinds', async () => {
    const cluster = connect({ env: { KUBECONFIG: kubeconfig } });
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x' } };
    await expect(applyObjects(cluster, 'crashlab-abc123', [role])).rejects.toMatchObject({ name: 'ForeignNamespaceError' });
    expect(api.requests).toEqual([]);
  });

  it('will not delete a namespace it did not create', async () => {
    api.on('GET', '/api/v1/namespaces/default', namespace('default', {}));
    const cluster = connect({ env: { KUBECONFIG: kubeconfig } });
    await expect(deleteAttemptNamespace(cluster, 'default')).rejects.toMatchObject({ name: 'ForeignNamespaceError' });
    expect(api.writes()).toEqual([]);
  });

  it('applies server-side into a labelled namespace, checks the label once and counts every request', async () => {
    api.on(
      'GET',
      '/api/v1/namespaces/crashlab-abc123',
      namespace('crashlab-abc123', { 'app.kubernetes.io/managed-by': 'crashlab', 'crashlab.dev/attempt': 'abc123' }),
    );
    api.on('GET', '/apis/apps/v1', appsResources);
    api.on('PATCH', '/apis/apps/v1/namespaces/crashlab-abc123/deployments/checkout', (req) => ({
      status: 200,
      body: JSON.parse(req.body),
    }));
    const cluster = connect({ env: { KUBECONFIG: kubeconfig } });
    await applyObjects(cluster, 'crashlab-abc123', [deployment]);
    await applyObjects(cluster, 'crashlab-abc123', [deployment]);

    const patches = api.requests.filter((r) => r.method === 'PATCH');
    expect(patches).toHaveLength(2);
    expect(JSON.parse(patches[0]!.body).metadata.namespace).toBe('crashlab-abc123');
    const namespaceReads = api.requests.filter((r) => r.path === '/api/v1/namespaces/crashlab-abc123');
    expect(namespaceReads).toHaveLength(1);
    expect(cluster.requests).toBe(api.requests.length);
  });

  it('refuses a namespace labelled managed-by crashlab but with no attempt label', async () => {
    api.on('GET', '/api/v1/namespaces/crashlab-x', namespace('crashlab-x', { 'app.kubernetes.io/managed-by': 'crashlab' }));
    const cluster = connect({ env: { KUBECONFIG: kubeconfig } });
    await expect(applyObjects(cluster, 'crashlab-x', [deployment])).rejects.toMatchObject({
      message: expect.stringContaining('crashlab.dev/attempt'),
    });
  });
});
