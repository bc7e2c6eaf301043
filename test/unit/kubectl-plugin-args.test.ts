import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { UsageError } from '../../src/errors.js';
import { commandShape, translateKubectlArgs } from '../../src/plugin/kubectl-args.js';
import { memoryIo } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

const program = commandShape(buildProgram(memoryIo(), { catalog: stubCatalog() }, { code: 0 }));
const env = { HOME: '/home/learner', KUBECONFIG: '/from/env' };
const translate = (argv: string[]) => translateKubectlArgs(argv, env, program);

describe('kubectl crashlab: kubectl global flags', () => {
  it.each([
    ['after the command', ['start', 'oom-kill', '--context', 'kind-a'], ['start', '--context', 'kind-a', 'oom-kill']],
    ['before the command', ['--context', 'kind-a', 'start', 'oom-kill'], ['start', '--context', 'kind-a', 'oom-kill']],
    ['with =', ['start', '--context=kind-a', 'oom-kill', '--seed', '3'], ['start', '--context', 'kind-a', 'oom-kill', '--seed', '3']],
    ['for doctor', ['doctor', '--context', 'aks-1'], ['doctor', '--context', 'aks-1']],
  ])('moves --context %s to the command', (_where, argv, expected) => {
    const out = translate(argv);
    expect(out.argv).toEqual(expected);
    expect(out.notes).toEqual([]);
  });

  it.each([
    [['-n', 'shop', 'explain', 'web-1']],
    [['explain', 'web-1', '-nshop']],
    [['explain', '--namespace=shop', 'web-1']],
    [['explain', 'web-1', '--namespace', 'shop']],
  ])('gives explain the namespace from %j', (argv) => {
    expect(translate(argv).argv).toEqual(['explain', '--namespace', 'shop', 'web-1']);
  });

  it('turns --kubeconfig into KUBECONFIG, over the inherited variable, wherever it stands', () => {
    for (const argv of [['--kubeconfig', '/tmp/k', 'list'], ['list', '--kubeconfig=/tmp/k']]) {
      const out = translate(argv);
      expect(out.argv).toEqual(['list']);
      expect(out.env.KUBECONFIG).toBe('/tmp/k');
      expect(out.env.HOME).toBe('/home/learner');
    }
    expect(translate(['list']).env.KUBECONFIG).toBe('/from/env');
  });

  it('names a flag the command has no use for instead of dropping it silently', () => {
    const out = translate(['start', 'oom-kill', '-n', 'shop']);
    expect(out.argv).toEqual(['start', 'oom-kill']);
    expect(out.notes).toEqual([expect.stringMatching(/^note: 'crashlab start' does not use -n shop: .*namespace crashlab creates/)]);
    // --context is a global flag of every crashlab command, so it is passed on, not dropped
    expect(translate(['check', '--context', 'other']).notes).toEqual([]);
  });

  it('finds nested commands and leaves everything after -- alone', () => {
    expect(translate(['cluster', 'create', '--name', 'x']).argv).toEqual(['cluster', 'create', '--name', 'x']);
    expect(translate(['answer', '--cause', 'oom-killed', '--', '-n', 'x']).argv).toEqual(['answer', '--cause', 'oom-killed', '--', '-n', 'x']);
  });

  it('refuses a flag without its value', () => {
    expect(() => translate(['start', 'oom-kill', '--context'])).toThrow(UsageError);
  });
});
