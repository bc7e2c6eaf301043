import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, runCli } from '../../src/cli.js';
import { packageRoot } from '../../src/scenario/package-root.js';
import { updateState } from '../../src/state.js';
import { fakeAttempt } from './support/attempt.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';
import { stubCatalog } from './support/stub-catalog.js';

const ROOT = packageRoot();
const FIXTURE = join(ROOT, 'test/fixtures/explain/oom-killed/describe-full.txt');

/** Every command path that offers --json, found from the program itself. */
function jsonCommands(): string[] {
  const out: string[] = [];
  const walk = (command: Command, path: string[]) => {
    for (const sub of command.commands) {
      const here = [...path, sub.name()];
      if (sub.options.some((o) => o.long === '--json')) out.push(here.join(' '));
      walk(sub, here);
    }
  };
  walk(buildProgram(memoryIo(), { catalog: stubCatalog() }, { code: 0 }), []);
  return out.sort();
}

/** The arguments each command needs to get going; the rest need none. */
const ARGS: Record<string, string[]> = {
  start: ['memory-drill', '--yes', '--no-prompt'],
  answer: ['--cause', 'oom-killed', '--remedy', 'raise-limit'],
  explain: ['--describe', FIXTURE],
  validate: [join(ROOT, 'scenarios', 'oom-kill.yaml')],
};

type Setup = 'no attempt' | 'an attempt, no cluster';

function env(setup: Setup): NodeJS.ProcessEnv {
  // a kubeconfig that does not exist: commands that need the cluster fail, in JSON
  const e = tempStateEnv({ KUBECONFIG: '/nonexistent/kubeconfig', HOME: '/nonexistent' });
  if (setup === 'an attempt, no cluster') updateState((s) => void (s.attempt = fakeAttempt({ scenarioId: 'memory-drill' })), e);
  return e;
}

describe('--json: stdout is one JSON document, whatever happens', () => {
  const commands = jsonCommands();

  it('covers every command a script would want', () => {
    expect(commands).toEqual(expect.arrayContaining(['list', 'start', 'answer', 'check', 'hint', 'status', 'report', 'cleanup', 'doctor', 'validate', 'explain']));
  });

  describe.each<Setup>(['no attempt', 'an attempt, no cluster'])('with %s', (setup) => {
    it.each(commands)('crashlab %s --json', async (command) => {
      const io = memoryIo(env(setup));
      const argv = [...command.split(' '), ...(ARGS[command] ?? []), '--json'];
      const code = await runCli(argv, io, command === 'validate' ? {} : { catalog: stubCatalog() });
      const out = io.out();
      expect(() => JSON.parse(out), `stdout of '${argv.join(' ')}' (exit ${code}): ${out}`).not.toThrow();
      if (code !== 0 && code !== 3) {
        expect(JSON.parse(out)).toEqual({ error: { message: expect.any(String), exitCode: code } });
        expect(io.err().trim().split('\n')).toHaveLength(1);
      }
    }, 30_000);
  });

  it('a usage error under --json is JSON too', async () => {
    const io = memoryIo(env('no attempt'));
    expect(await runCli(['list', '--json', '--bogus'], io, { catalog: stubCatalog() })).toBe(2);
    expect(JSON.parse(io.out())).toEqual({ error: { message: "unknown option '--bogus'", exitCode: 2 } });
  });
});
