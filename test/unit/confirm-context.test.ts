import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { readState } from '../../src/state.js';
import { useFakeApiServer, writeKubeconfig } from './support/fake-api-server.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

describe('writing to a context that is not a local cluster', () => {
  const fake = useFakeApiServer();

  beforeEach(() => {
    fake.api
      .on('GET', '/version', { status: 200, body: { gitVersion: 'v1.32.2', major: '1', minor: '32' } })
      .on('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', (req) => ({
        status: 201,
        body: { ...JSON.parse(req.body), status: { allowed: true } },
      }))
      .on('GET', '/api/v1/nodes', {
        status: 200,
        body: {
          kind: 'NodeList',
          apiVersion: 'v1',
          metadata: {},
          items: [{ metadata: { name: 'n1', labels: { 'kubernetes.io/os': 'linux' } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }],
        },
      });
  });

  it('asks first, and without a terminal or --yes writes nothing', async () => {
    const env = tempStateEnv({ KUBECONFIG: writeKubeconfig(fake.server, 'prod-east') });
    const io = memoryIo(env);
    const code = await runCli(['start', 'memory-drill', '--no-prompt'], io, { catalog: stubCatalog() });
    expect(code).toBe(2);
    expect(io.err()).toContain("context 'prod-east'");
    expect(io.err()).toMatch(/error: .*pass --yes/);
    expect(fake.api.requests.filter((r) => r.path === '/api/v1/namespaces')).toEqual([]);
    expect(readState(env).attempt).toBeUndefined();
    expect(readState(env).confirmedContexts).toEqual([]);
  });

  it('remembers a --yes so the next start does not ask again', async () => {
    const env = tempStateEnv({ KUBECONFIG: writeKubeconfig(fake.server, 'prod-east') });
    // namespace creation is refused by the fake server, which ends the start after the confirmation
    await runCli(['start', 'memory-drill', '--no-prompt', '--yes'], memoryIo(env), { catalog: stubCatalog() });
    expect(readState(env).confirmedContexts).toEqual(['prod-east']);
    const io = memoryIo(env);
    await runCli(['start', 'memory-drill', '--no-prompt'], io, { catalog: stubCatalog() });
    expect(io.err()).not.toContain('MissingAnswerError');
  });
});
