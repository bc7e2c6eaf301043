import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, loadKubeConfig, serverVersion } from '../../src/cluster/index.js';
import { runCli } from '../../src/cli.js';
import { normaliseOutputFlag } from '../../src/cli/global-flags.js';
import { useFakeApiServer } from './support/fake-api-server.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

/** Writes kubeconfig YAML into a fresh directory and returns the file's path. */
function kubeconfigFile(yaml: string, name = 'config'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'crashlab-kc-')), name);
  writeFileSync(path, yaml);
  return path;
}

function config(o: { current?: string; cluster: string; server: string; user: string; token?: string; context: string; namespace?: string }): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    ...(o.current ? [`current-context: ${o.current}`] : []),
    'clusters:',
    `- name: ${o.cluster}`,
    `  cluster: { server: "${o.server}" }`,
    'users:',
    `- name: ${o.user}`,
    `  user: { token: ${o.token ?? 'tok'} }`,
    'contexts:',
    `- name: ${o.context}`,
    `  context: { cluster: ${o.cluster}, user: ${o.user}${o.namespace ? `, namespace: ${o.namespace}` : ''} }`,
    '',
  ].join('\n');
}

describe('reading a KUBECONFIG list as kubectl does', { timeout: 30_000 }, () => {
  it('lets the first file win for a cluster, user and context name that several files define', () => {
    const first = kubeconfigFile(config({ current: 'dev', cluster: 'shared', server: 'https://first.example:6443', user: 'me', token: 'first', context: 'dev', namespace: 'one' }));
    const second = kubeconfigFile(config({ current: 'prod', cluster: 'shared', server: 'https://second.example:6443', user: 'me', token: 'second', context: 'dev', namespace: 'two' }));
    const kc = loadKubeConfig({ env: { KUBECONFIG: [first, second].join(delimiter) } });
    expect(kc.getCurrentContext()).toBe('dev');
    expect(kc.getCurrentCluster()?.server).toBe('https://first.example:6443');
    expect(kc.getCurrentUser()?.token).toBe('first');
    expect(kc.getContextObject('dev')?.namespace).toBe('one');
    expect(kc.getClusters()).toHaveLength(1);
  });

  it('takes the current context from the first file that sets one, and contexts from every file', () => {
    const first = kubeconfigFile(config({ cluster: 'a', server: 'https://a.example', user: 'ua', context: 'ca' }));
    const second = kubeconfigFile(config({ current: 'cb', cluster: 'b', server: 'https://b.example', user: 'ub', context: 'cb' }));
    const kc = loadKubeConfig({ env: { KUBECONFIG: [first, second].join(delimiter) } });
    expect(kc.getCurrentContext()).toBe('cb');
    expect(kc.getContexts().map((c) => c.name)).toEqual(['ca', 'cb']);
    expect(loadKubeConfig({ env: { KUBECONFIG: [first, second].join(delimiter) }, context: 'ca' }).getCurrentCluster()?.server).toBe('https://a.example');
  });

  it('skips empty and missing files in the list', () => {
    const empty = kubeconfigFile('');
    const blank = kubeconfigFile('\n  \n');
    const real = kubeconfigFile(config({ current: 'c', cluster: 'k', server: 'https://k.example', user: 'u', context: 'c' }));
    const kc = loadKubeConfig({ env: { KUBECONFIG: [empty, '/nonexistent/config', blank, real].join(delimiter) } });
    expect(kc.getCurrentCluster()?.server).toBe('https://k.example');
  });

  it('says which file is broken when one is not a kubeconfig', () => {
    const broken = kubeconfigFile('clusters: [ {');
    expect(() => loadKubeConfig({ env: { KUBECONFIG: broken } })).toThrow(new RegExp(`cannot read kubeconfig ${broken}`));
  });

  it('reads only --kubeconfig when given, ignoring KUBECONFIG, and names it when it is missing', () => {
    const fromEnv = kubeconfigFile(config({ current: 'env', cluster: 'e', server: 'https://env.example', user: 'u', context: 'env' }));
    const explicit = kubeconfigFile(config({ current: 'flag', cluster: 'f', server: 'https://flag.example', user: 'u', context: 'flag' }));
    expect(loadKubeConfig({ env: { KUBECONFIG: fromEnv }, kubeconfig: explicit }).getCurrentContext()).toBe('flag');
    expect(() => loadKubeConfig({ env: { KUBECONFIG: fromEnv }, kubeconfig: '/nonexistent/flag-config' })).toThrow(
      'kubeconfig /nonexistent/flag-config (from --kubeconfig) does not exist',
    );
  });

  it('makes a relative certificate path absolute against its own file', () => {
    const path = kubeconfigFile(
      ['apiVersion: v1', 'current-context: c', 'clusters:', '- name: k', '  cluster: { server: "https://k.example", certificate-authority: ca.crt }',
        'users:', '- name: u', '  user: { token: t }', 'contexts:', '- name: c', '  context: { cluster: k, user: u }', ''].join('\n'),
    );
    expect(loadKubeConfig({ env: { KUBECONFIG: path } }).getCurrentCluster()?.caFile).toBe(join(path, '..', 'ca.crt'));
  });
});

describe('an http:// server with no user, as kubectl proxy serves', { timeout: 30_000 }, () => {
  const fake = useFakeApiServer();

  it('connects without credentials and reads the server', async () => {
    fake.api.on('GET', '/version', { status: 200, body: { gitVersion: 'v1.34.4', major: '1', minor: '34' } });
    const path = kubeconfigFile(
      ['apiVersion: v1', 'current-context: proxy', 'clusters:', '- name: proxy', `  cluster: { server: "${fake.server}" }`,
        'contexts:', '- name: proxy', '  context: { cluster: proxy }', ''].join('\n'),
    );
    const cluster = connect({ env: { KUBECONFIG: path } });
    expect(cluster.server).toBe(fake.server);
    expect(await serverVersion(cluster)).toBe('v1.34.4');
  });
});

describe('--kubeconfig, --context and -o json on any command', { timeout: 30_000 }, () => {
  const fake = useFakeApiServer();

  /** Two contexts: kind-down points at a closed port, kind-up at the fake API server. */
  function twoContexts(): string {
    return kubeconfigFile(
      ['apiVersion: v1', 'current-context: kind-down', 'clusters:', '- name: down', '  cluster: { server: "https://127.0.0.1:1" }',
        '- name: up', `  cluster: { server: "${fake.server}" }`, 'users:', '- name: u', '  user: { token: t }',
        'contexts:', '- name: kind-down', '  context: { cluster: down, user: u }', '- name: kind-up', '  context: { cluster: up, user: u }', ''].join('\n'),
    );
  }
  const emptyList = { status: 200, body: { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [] } };

  for (const argv of [
    ['--context', 'kind-up', 'scoreboard', '--json'],
    ['scoreboard', '--context', 'kind-up', '--json'],
    ['scoreboard', '--context=kind-up', '-o', 'json'],
    ['-ojson', 'scoreboard', '--context', 'kind-up'],
    ['scoreboard', '--output=json', '--context', 'kind-up'],
  ]) {
    it(`crashlab ${argv.join(' ')}`, async () => {
      fake.api.on('GET', '/api/v1/namespaces', emptyList);
      const io = memoryIo(tempStateEnv({ KUBECONFIG: twoContexts() }));
      expect(await runCli(argv, io, { catalog: stubCatalog() })).toBe(0);
      expect(JSON.parse(io.out())).toEqual({ context: 'kind-up', rows: [] });
    });
  }

  it('reads the file given by --kubeconfig before or after the command', async () => {
    fake.api.on('GET', '/api/v1/namespaces', emptyList);
    for (const argv of [['--kubeconfig', fake.kubeconfig, 'scoreboard', '--json'], ['scoreboard', '--json', '--kubeconfig', fake.kubeconfig]]) {
      const io = memoryIo(tempStateEnv({ KUBECONFIG: twoContexts() }));
      expect(await runCli(argv, io, { catalog: stubCatalog() }), io.err()).toBe(0);
      expect(JSON.parse(io.out()).context).toBe('kind-test');
    }
  });

  it('takes -o json where --json works without a cluster too', async () => {
    const io = memoryIo(tempStateEnv());
    expect(await runCli(['list', '-o', 'json'], io, { catalog: stubCatalog() })).toBe(0);
    expect(JSON.parse(io.out())).toEqual([expect.objectContaining({ id: 'memory-drill' })]);
  });

  it('refuses an output format other than json in one line', async () => {
    const io = memoryIo(tempStateEnv());
    expect(await runCli(['list', '-o', 'yaml'], io, { catalog: stubCatalog() })).toBe(2);
    expect(io.err()).toBe("error: output format 'yaml' is not supported; crashlab prints text, or JSON with -o json\n");
  });
});

describe('-o json as kubectl spells it', { timeout: 30_000 }, () => {
  const cases: [string[], string[]][] = [
    [['list', '-o', 'json'], ['list', '--json']],
    [['-o', 'json', 'list'], ['list', '--json']],
    [['list', '-ojson'], ['list', '--json']],
    [['list', '-o=json'], ['list', '--json']],
    [['list', '--output', 'json'], ['list', '--json']],
    [['explain', '--paste', 'f', '--', '-o', 'yaml'], ['explain', '--paste', 'f', '--', '-o', 'yaml']],
    [['answer', '-o', 'json', '--', '-x'], ['answer', '--json', '--', '-x']],
    [['status'], ['status']],
  ];
  for (const [argv, expected] of cases) {
    it(`${argv.join(' ')} -> ${expected.join(' ')}`, () => expect(normaliseOutputFlag(argv)).toEqual(expected));
  }

  it('names a missing format', () => {
    expect(() => normaliseOutputFlag(['list', '-o'])).toThrow('-o needs a format; crashlab prints text, or JSON with -o json');
  });
});
