import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/scenario/package-root.js';
import { formatProblem, Schemas, validatePath } from '../../src/scenario/validate.js';

const ROOT = packageRoot();
const schemas = new Schemas(ROOT);
const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A scenario root holding a copy of oom-kill, changed by `edit` (paths relative to the root). */
function brokenRoot(edit: (root: string, change: (path: string, from: string | RegExp, to: string) => void) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'crashlab-validate-'));
  roots.push(root);
  for (const part of ['scenarios/oom-kill.yaml', 'manifests/oom-kill', 'docs/scenarios/oom-kill.md']) {
    mkdirSync(join(root, part, '..'), { recursive: true });
    cpSync(join(ROOT, part), join(root, part), { recursive: true });
  }
  edit(root, (path, from, to) => {
    const file = join(root, path);
    const text = readFileSync(file, 'utf8');
    const changed = text.replace(from, to);
    if (changed === text) throw new Error(`test setup: ${String(from)} not in ${path}`);
    writeFileSync(file, changed);
  });
  return root;
}

const SCENARIO = 'scenarios/oom-kill.yaml';
const DEPLOYMENT = 'manifests/oom-kill/10-deployment.yaml.hbs';

describe('crashlab validate', () => {
  it(`passes every packaged scenario, each template rendered for 20 seeds and checked against Kubernetes`, () => {
    const report = validatePath({ root: ROOT }, { schemas });
    expect(report.problems.map((p) => formatProblem(p))).toEqual([]);
    expect(report.files.length).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it.each<[string, Parameters<typeof brokenRoot>[0], RegExp]>([
    ['YAML syntax', (_r, c) => c(SCENARIO, 'title: A cache that does not fit', 'title: [A cache'), /^scenarios\/oom-kill\.yaml:\d+:\d+: \(yaml\): /],
    ['an unknown field', (_r, c) => c(SCENARIO, 'minutes: 10', 'minutes: 10\nminuts: 12'), /^scenarios\/oom-kill\.yaml:5:1: minuts: unknown field$/],
    ['a wrong type', (_r, c) => c(SCENARIO, 'minutes: 10', 'minutes: ten'), /^scenarios\/oom-kill\.yaml:4:1: minutes: must be integer$/],
    ['a missing field', (_r, c) => c(SCENARIO, /stabilitySeconds: \d+\n/, ''), /^scenarios\/oom-kill\.yaml:1:1: \(top level\): must have required property 'stabilitySeconds'$/],
    ['a value outside the list', (_r, c) => c(SCENARIO, 'difficulty: beginner', 'difficulty: easy'), /^scenarios\/oom-kill\.yaml:3:1: difficulty: must be one of "beginner", "intermediate", "advanced"$/],
    ['an unknown cause id', (_r, c) => c(SCENARIO, 'cause: oom-killed', 'cause: oom-kiled'), /^scenarios\/oom-kill\.yaml:2:1: cause: 'oom-kiled' is not a known cause id/],
    ['a refused fix outside the catalogue', (_r, c) => c(SCENARIO, 'refused: nothing-changed', 'refused: nothing-at-all'), /^scenarios\/oom-kill\.yaml:70:5: refusedFixes\[2\]\.refused: 'nothing-at-all' is not in the refused-fix catalogue$/],
    ['no grader registered', (r) => renameSync(join(r, SCENARIO), join(r, 'scenarios/oom-kill-2.yaml')), /^scenarios\/oom-kill-2\.yaml:1:1: \(id\): no grader registered for 'oom-kill-2'/],
    ['no debrief', (r) => rmSync(join(r, 'docs/scenarios/oom-kill.md')), /^scenarios\/oom-kill\.yaml:1:1: debrief: docs\/scenarios\/oom-kill\.md does not exist$/],
    ['no manifests', (r) => rmSync(join(r, 'manifests/oom-kill'), { recursive: true }), /^scenarios\/oom-kill\.yaml:1:1: \(id\): manifests\/oom-kill\/ must exist/],
    ['a hint naming a missing parameter', (_r, c) => c(SCENARIO, 'Exit 137 is 128 + 9', 'Exit {{exitCde}} is 128 + 9'), /^scenarios\/oom-kill\.yaml:\d+:\d+: hints\[1\]: \{\{exitCde\}\} names no parameter \(seed 1\)$/],
    ['a manifest naming a missing parameter', (_r, c) => c(DEPLOYMENT, 'containerPort: {{port}}', 'containerPort: {{prot}}'), /^manifests\/oom-kill\/10-deployment\.yaml\.hbs:33:32: \(template\): \{\{prot\}\} names no parameter \(seed 1\)$/],
    ['a manifest field Kubernetes does not know', (_r, c) => c(DEPLOYMENT, 'imagePullPolicy: IfNotPresent', 'imagePullPolcy: IfNotPresent'), /^manifests\/oom-kill\/10-deployment\.yaml\.hbs:21:11: Deployment spec\.template\.spec\.containers\[0\]\.imagePullPolcy: unknown field \(Kubernetes v1\.34\.4\) \(seed 1\)$/],
    ['a manifest value of the wrong type', (_r, c) => c(DEPLOYMENT, 'replicas: 1', 'replicas: one'), /^manifests\/oom-kill\/10-deployment\.yaml\.hbs:8:3: Deployment spec\.replicas: must be integer/],
    ['a kind scenarios may not use', (_r, c) => c(DEPLOYMENT, 'kind: Deployment', 'kind: Deploymnet'), /^manifests\/oom-kill\/10-deployment\.yaml\.hbs:1:1: kind: apps\/v1 Deploymnet is not a kind scenarios may use/],
    ['a mistake only some seeds reach', (_r, c) => c(DEPLOYMENT, '"/{{healthPath}}"', '"/{{#if (eq healthPath "ping")}}{{pong}}{{/if}}"'), /^manifests\/oom-kill\/10-deployment\.yaml\.hbs:41:\d+: \(template\): \{\{pong\}\} names no parameter \(seed \d+\)$/],
  ])('catches %s in one line with file and line', (_what, edit, expected) => {
    const root = brokenRoot(edit);
    const problems = validatePath({ root }, { schemas }).problems.map((p) => formatProblem(p, root));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
    expect(problems[0]).not.toContain('\n');
  });
});
