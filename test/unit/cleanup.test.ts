import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { readState, updateState } from '../../src/state.js';
import { planCleanupAll } from '../../src/workshop/ownership.js';
import type { Namespace } from '../../src/kube/wire.js';
import { fakeAttempt } from './support/attempt.js';
import { namespaceObject, useFakeApiServer, writeKubeconfig } from './support/fake-api-server.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

const labels = (attempt: string) => ({ 'app.kubernetes.io/managed-by': 'crashlab', 'crashlab.dev/attempt': attempt });
const ns = (attempt: string, learner?: string) =>
  namespaceObject(`crashlab-${attempt}`, labels(attempt), learner ? { 'crashlab.dev/learner': learner } : undefined) as Namespace;

describe('which namespaces cleanup --all may delete', { timeout: 30_000 }, () => {
  const solo = [ns('aaaaaa'), ns('bbbbbb')];
  const workshop = [ns('aaaaaa', 'ada'), ns('bbbbbb', 'grace'), ns('cccccc'), ns('dddddd', 'ada')];
  const cases: { name: string; namespaces: Namespace[]; caller: { learner?: string; attemptIds: string[] }; allLearners: boolean; remove: string[] }[] = [
    { name: 'one person\'s cluster: every crashlab namespace', namespaces: solo, caller: { attemptIds: [] }, allLearners: false, remove: ['crashlab-aaaaaa', 'crashlab-bbbbbb'] },
    { name: 'workshop: only the caller\'s learner name', namespaces: workshop, caller: { learner: 'ada', attemptIds: [] }, allLearners: false, remove: ['crashlab-aaaaaa', 'crashlab-dddddd'] },
    { name: 'workshop: the caller\'s own attempt even before it names a learner', namespaces: workshop, caller: { attemptIds: ['cccccc'] }, allLearners: false, remove: ['crashlab-cccccc'] },
    { name: 'workshop: nobody known, nothing deleted', namespaces: workshop, caller: { attemptIds: [] }, allLearners: false, remove: [] },
    { name: 'workshop: the facilitator takes everything', namespaces: workshop, caller: { attemptIds: [] }, allLearners: true, remove: ['crashlab-aaaaaa', 'crashlab-bbbbbb', 'crashlab-cccccc', 'crashlab-dddddd'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planCleanupAll(c.namespaces, c.caller, c.allLearners);
      expect(plan.remove).toEqual(c.remove);
      expect(plan.keep.map((k) => k.namespace).sort()).toEqual(
        c.namespaces.map((n) => n.metadata!.name!).filter((name) => !c.remove.includes(name)).sort(),
      );
    });
  }
});

describe('crashlab cleanup against an API server', { timeout: 30_000 }, () => {
  const fake = useFakeApiServer();

  function serve(namespaces: unknown[]): void {
    fake.api.on('GET', '/api/v1/namespaces', { status: 200, body: { kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: namespaces } });
    for (const item of namespaces as Namespace[]) {
      const path = `/api/v1/namespaces/${item.metadata!.name}`;
      fake.api.on('GET', path, { status: 200, body: item });
      fake.api.on('DELETE', path, { status: 200, body: item });
    }
  }
  const deletes = () => fake.api.writes().filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop());

  it('refuses --all in one line when stdin is not a terminal and --yes is missing, and deletes nothing', async () => {
    serve([ns('aaaaaa'), ns('bbbbbb')]);
    const io = memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig }));
    const code = await runCli(['cleanup', '--all'], io, { catalog: stubCatalog() });
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^error: cleanup --all would delete 2 crashlab namespace\(s\) on context 'kind-test' and stdin is not a terminal to ask; pass --yes to go ahead\n$/);
    expect(deletes()).toEqual([]);
  });

  it('asks on a terminal and deletes nothing when the answer is no', async () => {
    serve([ns('aaaaaa')]);
    const io = memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig }), { tty: true });
    const asked: string[] = [];
    const prompter = { interactive: true, confirm: async (q: { message: string }) => (asked.push(q.message), false), select: async () => { throw new Error('no'); }, input: async () => '' };
    const code = await runCli(['cleanup', '--all'], io, { catalog: stubCatalog(), context: { prompter: prompter as never } });
    expect(code).toBe(1);
    expect(asked).toEqual(['Delete this namespace and everything in it?']);
    expect(io.out()).toContain('crashlab-aaaaaa');
    expect(io.err()).toBe("error: not confirmed; nothing was deleted on 'kind-test'\n");
    expect(deletes()).toEqual([]);
  });

  it('with --yes on a workshop cluster deletes only the caller\'s namespaces and names what it left', async () => {
    serve([ns('aaaaaa', 'ada'), ns('bbbbbb', 'grace'), ns('cccccc', 'ada')]);
    const io = memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig }));
    const code = await runCli(['cleanup', '--all', '--yes', '--learner', 'ada', '--json'], io, { catalog: stubCatalog() });
    expect(code).toBe(0);
    expect(deletes().sort()).toEqual(['crashlab-aaaaaa', 'crashlab-cccccc']);
    expect(JSON.parse(io.out())).toEqual({ deleted: ['crashlab-aaaaaa', 'crashlab-cccccc'], kept: [{ namespace: 'crashlab-bbbbbb', learner: 'grace' }] });
  });

  it('takes the learner name from the attempt on this machine', async () => {
    serve([ns('aaaaaa', 'ada'), ns('bbbbbb', 'grace')]);
    const env = tempStateEnv({ KUBECONFIG: fake.kubeconfig });
    updateState((s) => {
      s.lastAttempt = fakeAttempt({ id: 'zzzzzz', learner: 'grace', context: 'kind-test' });
    }, env);
    const io = memoryIo(env);
    expect(await runCli(['cleanup', '--all', '--yes'], io, { catalog: stubCatalog() })).toBe(0);
    expect(deletes()).toEqual(['crashlab-bbbbbb']);
    expect(io.out()).toContain("left 1 namespace(s) of other workshop learners alone (yours are those of learner 'grace')");
  });

  it('deletes every learner\'s namespaces with --all-learners', async () => {
    serve([ns('aaaaaa', 'ada'), ns('bbbbbb', 'grace')]);
    const io = memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig }));
    expect(await runCli(['cleanup', '--all', '--all-learners', '--yes'], io, { catalog: stubCatalog() })).toBe(0);
    expect(deletes().sort()).toEqual(['crashlab-aaaaaa', 'crashlab-bbbbbb']);
  });

  it('refuses --all-learners without --all', async () => {
    const io = memoryIo(tempStateEnv({ KUBECONFIG: fake.kubeconfig }));
    expect(await runCli(['cleanup', '--all-learners'], io, { catalog: stubCatalog() })).toBe(2);
    expect(io.err()).toBe('error: --all-learners widens --all; pass both\n');
  });
});

describe('when the cluster of an attempt is gone', { timeout: 30_000 }, () => {
  it('cleanup says how to forget the attempt, and start says so too', async () => {
    const env = tempStateEnv({ KUBECONFIG: writeKubeconfig('https://127.0.0.1:1', 'kind-gone') });
    updateState((s) => {
      s.attempt = fakeAttempt({ context: 'kind-gone' });
    }, env);
    const cleanup = memoryIo(env);
    expect(await runCli(['cleanup'], cleanup, { catalog: stubCatalog() })).toBe(1);
    expect(cleanup.err()).toMatch(/^error: cannot reach https:\/\/127\.0\.0\.1:1 \(econnrefused\); is the cluster running\? if it is gone for good, 'crashlab cleanup --forget' drops the attempt from this machine\n$/);
    const start = memoryIo(env);
    expect(await runCli(['start', 'memory-drill'], start, { catalog: stubCatalog() })).toBe(1);
    expect(start.err()).toContain("'crashlab cleanup --forget' drops the attempt");
    expect(readState(env).attempt?.id).toBe('k3x9qa');
  });

  it('cleanup --forget drops the attempt without any cluster and keeps it for the report', async () => {
    const env = tempStateEnv({ KUBECONFIG: '/nonexistent/kubeconfig' });
    updateState((s) => {
      s.attempt = fakeAttempt();
    }, env);
    const io = memoryIo(env);
    expect(await runCli(['cleanup', '--forget'], io, { catalog: stubCatalog() })).toBe(0);
    expect(io.out()).toContain('forgot attempt k3x9qa; the cluster was not contacted');
    const state = readState(env);
    expect(state.attempt).toBeUndefined();
    expect(state.lastAttempt?.id).toBe('k3x9qa');
    expect(state.lastAttempt?.steps?.at(-1)?.kind).toBe('cleanup');
    const again = memoryIo(env);
    expect(await runCli(['cleanup', '--forget'], again, { catalog: stubCatalog() })).toBe(1);
    expect(again.err()).toMatch(/^error: no attempt in progress/);
  });
});
