import { describe, expect, it } from 'vitest';
import { annotateAttemptNamespace, connect } from '../../src/cluster/index.js';
import { runCli } from '../../src/cli.js';
import { namespaceObject, useFakeApiServer } from './support/fake-api-server.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

const crashlabLabels = { 'app.kubernetes.io/managed-by': 'crashlab', 'crashlab.dev/attempt': 'h5j6k7' };

describe('publishing and reading progress through the cluster layer', () => {
  const fake = useFakeApiServer();

  it('merge-patches only the annotations of a crashlab namespace', async () => {
    fake.api.on('GET', '/api/v1/namespaces/crashlab-h5j6k7', { status: 200, body: namespaceObject('crashlab-h5j6k7', crashlabLabels) });
    fake.api.on('PATCH', '/api/v1/namespaces/crashlab-h5j6k7', { status: 200, body: namespaceObject('crashlab-h5j6k7', crashlabLabels) });
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    await annotateAttemptNamespace(cluster, 'crashlab-h5j6k7', { 'crashlab.dev/score': '40' });
    expect(fake.api.writes()).toEqual([
      { method: 'PATCH', path: '/api/v1/namespaces/crashlab-h5j6k7', body: JSON.stringify({ metadata: { annotations: { 'crashlab.dev/score': '40' } } }) },
    ]);
  });

  it('refuses to annotate a namespace crashlab did not create', async () => {
    fake.api.on('GET', '/api/v1/namespaces/payments', { status: 200, body: namespaceObject('payments', { team: 'payments' }) });
    const cluster = connect({ env: { KUBECONFIG: fake.kubeconfig } });
    await expect(annotateAttemptNamespace(cluster, 'payments', { 'crashlab.dev/score': '40' })).rejects.toMatchObject({ name: 'ForeignNamespaceError' });
    expect(fake.api.writes()).toEqual([]);
  });

  it('shows the scoreboard from the listed namespaces and writes nothing', async () => {
    fake.api.on('GET', '/api/v1/namespaces', {
      status: 200,
      body: {
        kind: 'NamespaceList',
        apiVersion: 'v1',
        metadata: {},
        items: [namespaceObject('crashlab-h5j6k7', crashlabLabels, { 'crashlab.dev/learner': 'grace', 'crashlab.dev/score': '70', 'crashlab.dev/diagnosed': 'yes', 'crashlab.dev/fixed': 'no' })],
      },
    });
    const io = memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig }));
    const code = await runCli(['scoreboard', '--json'], io, { catalog: stubCatalog() });
    expect(code).toBe(0);
    expect(JSON.parse(io.out()).rows).toEqual([
      expect.objectContaining({ learner: 'grace', namespace: 'crashlab-h5j6k7', diagnosed: true, fixed: false, score: 70 }),
    ]);
    expect(fake.api.requests.some((r) => r.path === '/api/v1/namespaces')).toBe(true);
    expect(fake.api.writes()).toEqual([]);
  });

  it('stops --watch on Ctrl-C with "cancelled" and exit 130, no stack trace', async () => {
    fake.api.on('GET', '/api/v1/namespaces', { status: 200, body: { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [] } });
    const controller = new AbortController();
    const io = { ...memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig, CRASHLAB_SCOREBOARD_SECONDS: '0.05' })), signal: controller.signal };
    setTimeout(() => controller.abort(), 200);
    const code = await runCli(['scoreboard', '--watch'], io, { catalog: stubCatalog() });
    expect(code).toBe(130);
    expect(io.err()).toBe('cancelled\n');
    expect(io.out().match(/no crashlab namespaces on this cluster yet/g)?.length).toBeGreaterThan(1);
  });
});
