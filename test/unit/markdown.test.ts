import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/scenario/package-root.js';
import { renderMarkdown, styled } from '../../src/ui/markdown.js';
import { memoryIo } from './support/memory-io.js';

const debrief = readFileSync(join(packageRoot(), 'docs/scenarios/oom-kill.md'), 'utf8');
const tty = (env: NodeJS.ProcessEnv) => {
  const io = memoryIo(env);
  return { ...io, stdout: Object.assign(io.stdout, { isTTY: true, columns: 80 }) };
};
const ESC = '\u001b[';

describe('Markdown for the terminal', () => {
  it.each<[string, NodeJS.ProcessEnv, boolean, boolean]>([
    ['a terminal', {}, true, true],
    ['a pipe', {}, false, false],
    ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, false],
    ['an empty NO_COLOR', { NO_COLOR: '' }, true, true],
    ['TERM=dumb', { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR on a pipe', { FORCE_COLOR: '1' }, false, true],
    ['NO_COLOR over FORCE_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, true, false],
  ])('%s: styled is right', (_what, env, isTTY, expected) => {
    expect(styled(isTTY ? tty(env) : memoryIo(env))).toBe(expected);
  });

  it('prints the Markdown itself, with no escape codes, when not styled', async () => {
    const out = await renderMarkdown(debrief, memoryIo({}));
    expect(out).toBe(debrief.trimEnd());
    expect(out).not.toContain(ESC);
  });

  it('styles headings, code and emphasis on a colour terminal', async () => {
    const out = await renderMarkdown(debrief, tty({ FORCE_COLOR: '1' }));
    expect(out).toContain(ESC);
    const plain = out.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toContain('The signature');
    expect(plain).not.toContain('**Delete the pod**');
    expect(plain).toContain('Delete the pod');
    expect(plain).toContain('kubectl set resources deployment/<name>');
    expect(plain).not.toContain('`kubectl describe pod <pod>`');
  }, 30_000);
});
