import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../src/causes.js';
import { runCli } from '../../src/cli.js';
import { packageRoot } from '../../src/scenario/package-root.js';
import { scenarioIds } from '../../src/scenario/files.js';
import { memoryIo, tempStateEnv } from './support/memory-io.js';

const ROOT = packageRoot();
const SCENARIOS = scenarioIds(ROOT);

async function complete(...words: string[]): Promise<string[]> {
  const io = memoryIo(tempStateEnv());
  expect(await runCli(['__complete', '--', ...words], io)).toBe(0);
  return io.out().split('\n').filter(Boolean);
}

describe('completion candidates', () => {
  it.each<[string[], string[] | ((c: string[]) => void)]>([
    [['st'], ['start', 'status']],
    [['start', ''], SCENARIOS],
    [['start', 'oom'], ['oom-kill']],
    [['start', '--seed', '5', ''], SCENARIOS],
    [['answer', '--cause', ''], [...CAUSE_IDS]],
    [['answer', '--cause', 'oom'], ['oom-killed']],
    [['answer', '--cause', 'oom-killed', '--remedy', 'raise-l'], ['raise-limit']],
    [['completion', ''], ['bash', 'zsh']],
    [['cluster', ''], ['create', 'delete']],
    [['start', '--ti'], []],
    [['check', '--'], ['--json', '--help']],
    [[''], (c) => expect(c).toEqual(expect.arrayContaining(['list', 'start', 'check', 'validate', 'explain', 'completion']))],
    [[''], (c) => expect(c).not.toContain('__complete')],
  ])('%j', async (words, expected) => {
    const got = await complete(...words);
    if (typeof expected === 'function') expected(got);
    else expect(got).toEqual(expected);
  });

  it('refuses an unknown shell in one line', async () => {
    const io = memoryIo(tempStateEnv());
    expect(await runCli(['completion', 'fish'], io)).toBe(2);
    expect(io.err().trim()).toBe("error: no completion for 'fish'; choose one of bash, zsh");
  });
});

/** A `crashlab` on PATH that runs this checkout's build, as an installed one would. */
function shimDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crashlab-complete-'));
  const shim = join(dir, 'crashlab');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'crashlab.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  return dir;
}

const built = existsSync(join(ROOT, 'dist', 'bundle', 'crashlab.mjs'));
const has = (shell: string) => {
  try {
    execFileSync(shell, ['-c', 'true']);
    return true;
  } catch {
    return false;
  }
};

describe('completion scripts in a real shell', () => {
  it('needs the build (npm install runs it)', () => expect(built).toBe(true));

  it.runIf(built)('bash: sourcing registers the function, and COMP_WORDS gets scenario, cause and remedy ids', () => {
    const dir = shimDir();
    const script = `
      source <(crashlab completion bash)
      complete -p crashlab
      try() { COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _crashlab; echo "\${COMPREPLY[*]}"; }
      try crashlab start oom
      try crashlab answer --cause oom
      try crashlab answer --cause oom-killed --remedy raise-l
      try crashlab sta
    `;
    const out = execFileSync('bash', ['-c', script], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, CRASHLAB_STATE_DIR: dir }, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['complete -F _crashlab crashlab', 'oom-kill', 'oom-killed', 'raise-limit', 'start status']);
  }, 60_000);

  it.runIf(built && has('zsh'))('zsh: the script parses and defines _crashlab', () => {
    const dir = shimDir();
    const out = execFileSync('zsh', ['-c', 'source <(crashlab completion zsh) && whence -w _crashlab'], {
      env: { ...process.env, PATH: `${dir}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('_crashlab: function');
  }, 60_000);
});
