import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { createPrompter } from '../../src/ui/prompts.js';
import { readState, updateState } from '../../src/state.js';
import { writeKubeconfig } from './support/fake-api-server.js';
import { fakeAttempt } from './support/attempt.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

function emptyRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'crashlab-root-'));
  mkdirSync(join(root, 'scenarios'));
  return root;
}

/** stderr holds exactly one line and no stack frame */
function expectOneLine(stderr: string): void {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('crashlab on bad input', () => {
  it('names an unknown scenario in one line and exits 1', async () => {
    const io = memoryIo(tempStateEnv({ CRASHLAB_ROOT: emptyRoot() }));
    const code = await runCli(['start', 'no-such-drill'], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error: no scenario 'no-such-drill'.*crashlab list/);
    expectOneLine(io.err());
    expect(readState(io.env).attempt).toBeUndefined();
  });

  it('rejects an unknown command with a usage exit code', async () => {
    const io = memoryIo(tempStateEnv());
    const code = await runCli(['frobnicate'], io, { catalog: stubCatalog() });
    expect(code).toBe(2);
    expect(io.err()).toContain("unknown command 'frobnicate'");
  });

  it('says there is no attempt when check, hint or answer run before start', async () => {
    for (const argv of [['check'], ['hint'], ['answer', '--cause', 'oom-killed'], ['reset'], ['cleanup']]) {
      const io = memoryIo(tempStateEnv());
      const code = await runCli(argv, io, { catalog: stubCatalog() });
      expect(code, argv.join(' ')).toBe(1);
      expect(io.err()).toMatch(/^error: no attempt in progress; start one with 'crashlab start <scenario>'/);
      expectOneLine(io.err());
    }
  });

  it('reports an unreachable cluster by its server and exits 1', async () => {
    const env = tempStateEnv({ KUBECONFIG: writeKubeconfig('https://127.0.0.1:1') });
    const io = memoryIo(env);
    const code = await runCli(['start', 'memory-drill', '--no-prompt'], io, { catalog: stubCatalog() });
    expect(code).toBe(1);
    expect(io.err()).toMatch(/error: cannot reach https:\/\/127\.0\.0\.1:1 \(econnrefused\); is the cluster running\?/);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(readState(env).attempt).toBeUndefined();
  });

  it('lets doctor report the unreachable cluster as a failed check', async () => {
    const io = memoryIo(tempStateEnv({ KUBECONFIG: writeKubeconfig('https://127.0.0.1:1') }));
    const code = await runCli(['doctor', '--json'], io, { catalog: stubCatalog() });
    expect(code).toBe(1);
    const report = JSON.parse(io.out());
    expect(report.healthy).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'reachable', ok: false, detail: expect.stringContaining('https://127.0.0.1:1') });
  });

  it('says when there is no kubeconfig at all', async () => {
    const io = memoryIo(tempStateEnv({ KUBECONFIG: '/nonexistent/kubeconfig' }));
    const code = await runCli(['cleanup', '--all'], io, { catalog: stubCatalog() });
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error: no kubeconfig found \(looked at \/nonexistent\/kubeconfig\)/);
  });

  it('names an unknown --context and the contexts there are', async () => {
    const io = memoryIo(tempStateEnv({ KUBECONFIG: writeKubeconfig('https://127.0.0.1:1', 'kind-a') }));
    const code = await runCli(['doctor', '--context', 'prod'], io, { catalog: stubCatalog() });
    expect(code).toBe(1);
    expect(io.err()).toContain("no context 'prod' in the kubeconfig; known contexts: kind-a");
  });

  it('names the malformed scenario file', async () => {
    const root = emptyRoot();
    writeFileSync(join(root, 'scenarios', 'broken.yaml'), 'title: [unclosed\n');
    const io = memoryIo(tempStateEnv({ CRASHLAB_ROOT: root }));
    const code = await runCli(['list'], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error: .*scenarios\/broken\.yaml/);
    expectOneLine(io.err());
  });

  it('turns Ctrl-C in a prompt into "cancelled", exit 130, and records nothing', async () => {
    const env = tempStateEnv();
    updateState((s) => {
      s.attempt = fakeAttempt({ id: 'q1w2e3', seed: 3 });
    }, env);
    const io = memoryIo(env, { tty: true });
    const ctrlC = async () => {
      throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    };
    const prompter = createPrompter(io, { select: ctrlC, confirm: ctrlC, input: ctrlC } as never);
    const code = await runCli(['diagnose'], io, { catalog: stubCatalog(), context: { prompter } });
    expect(code).toBe(130);
    expect(io.err()).toBe('cancelled\n');
    expect(readState(env).attempt?.diagnosis).toBeUndefined();
  });

  it('asks for the flag when a prompt is needed and stdin is not a terminal', async () => {
    const env = tempStateEnv();
    const io = memoryIo(env);
    const prompter = createPrompter(io);
    await expect(prompter.confirm({ message: 'Deploy?', flagName: '--yes' })).rejects.toMatchObject({
      name: 'MissingAnswerError',
      message: expect.stringContaining('pass --yes'),
    });
    await expect(prompter.confirm({ message: 'Deploy?', flagName: '--yes', flag: true })).resolves.toBe(true);
  });

  it('rejects an unknown cause id given to answer', async () => {
    const env = tempStateEnv();
    updateState((s) => {
      s.attempt = fakeAttempt({ id: 'z9y8x7', seed: 3 });
    }, env);
    const io = memoryIo(env);
    const code = await runCli(['answer', '--cause', 'gremlins'], io, { catalog: stubCatalog() });
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^error: unknown cause 'gremlins'; one of: oom-killed, /);
  });
});
