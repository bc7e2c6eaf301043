import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { serverReason } from '../../src/cluster/cluster.js';
import { useFakeApiServer } from './support/fake-api-server.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

const forbidden = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'namespaces is forbidden: User "system:serviceaccount:workshop:ada" cannot list resource "namespaces" in API group "" at the cluster scope',
  reason: 'Forbidden',
  details: { kind: 'namespaces' },
  code: 403,
};

describe('a refusal by the API server', { timeout: 30_000 }, () => {
  const fake = useFakeApiServer();

  it('keeps the server\'s reason (user, verb, resource, scope) in one line, as kubectl prints it', async () => {
    fake.api.on('GET', '/api/v1/namespaces', { status: 403, body: forbidden });
    const io = memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig }));
    expect(await runCli(['scoreboard'], io, { catalog: stubCatalog() })).toBe(1);
    expect(io.err()).toBe(
      'error: forbidden to list namespaces: namespaces is forbidden: User "system:serviceaccount:workshop:ada" cannot list resource "namespaces" in API group "" at the cluster scope; ' +
        "crashlab needs the rights listed under 'Permissions' in its README ('crashlab doctor' checks)\n",
    );
  });

  it('reads the reason from a body given as text or as parsed JSON, and does without one', () => {
    expect(serverReason({ code: 403, body: JSON.stringify(forbidden) })).toBe(forbidden.message);
    expect(serverReason({ code: 403, body: forbidden })).toBe(forbidden.message);
    expect(serverReason({ code: 403, body: 'Forbidden (user=ada, verb=get, resource=pods)\nmore' })).toBe('Forbidden (user=ada, verb=get, resource=pods)');
    expect(serverReason({ code: 403, body: undefined })).toBeUndefined();
    expect(serverReason({ code: 403, body: { kind: 'Status' } })).toBeUndefined();
  });
});
