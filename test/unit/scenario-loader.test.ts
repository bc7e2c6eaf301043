import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadScenario, loadScenarios, scenarioIds } from '../../src/scenario/loader.js';
import { packageRoot } from '../../src/scenario/package-root.js';

const VALID = {
  title: 'Demo',
  cause: 'oom-killed',
  difficulty: 'beginner',
  minutes: 5,
  goals: ['read the last state'],
  story: 'users report 502s from {{serviceName}}',
  parameters: { serviceName: { choose: ['ledger', 'billing'] }, sizeMi: { int: { min: 64, max: 128, step: 32 } } },
  signature: { container: '{{serviceName}}', terminatedReason: 'OOMKilled', exitCode: 137 },
  evidence: ['last-state'],
  remedies: [
    { id: 'raise', text: 'raise the limit', correct: true },
    { id: 'delete', text: 'delete the pod', correct: false, why: 'same spec, same crash' },
  ],
  hints: ['look at the last state'],
  referenceFix: { description: 'raise it', commands: ['kubectl -n {{namespace}} set resources deployment/{{serviceName}} --limits=memory={{sizeMi}}Mi'] },
  refusedFixes: [{ description: 'delete the pod', refused: 'nothing-changed', commands: ['kubectl -n {{namespace}} delete pod -l app={{serviceName}}'] }],
  stabilitySeconds: 30,
};
const MANIFEST = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{json serviceName}}\ndata:\n  size: "{{sizeMi}}"\n';

let root: string;
const options = () => ({ root, graderIds: ['demo'] });
const file = () => join(root, 'scenarios', 'demo.yaml');
function write(doc: unknown): void {
  writeFileSync(file(), typeof doc === 'string' ? doc : stringify(doc));
}
function withChange(change: (doc: any) => void): unknown {
  const doc = structuredClone(VALID) as any;
  change(doc);
  return doc;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'crashlab-scenarios-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'crashlab' }));
  for (const dir of ['scenarios', 'manifests/demo', 'docs/scenarios']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'manifests/demo/10-config.yaml.hbs'), MANIFEST);
  writeFileSync(join(root, 'docs/scenarios/demo.md'), '# Demo\n');
  write(VALID);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('scenario loader', () => {
  it('loads a valid file into a typed Scenario whose id is the file name', () => {
    const scenario = loadScenario('demo', options());
    expect(scenario.id).toBe('demo');
    expect(scenario.cause).toBe('oom-killed');
    expect(scenario.parameters.sizeMi).toEqual({ int: { min: 64, max: 128, step: 32 } });
    expect(scenario.debrief).toBe('docs/scenarios/demo.md');
    expect(scenarioIds(options())).toEqual(['demo']);
  });

  it.each([
    ['title', (d: any) => delete d.title, /title: must be a non-empty string/],
    ['cause', (d: any) => (d.cause = 'gremlins'), /cause: 'gremlins' is not a known cause id/],
    ['difficulty', (d: any) => (d.difficulty = 'easy'), /difficulty: must be one of/],
    ['minutes', (d: any) => (d.minutes = -3), /minutes: must be a positive integer/],
    ['an unknown field', (d: any) => (d.titel = 'x'), /titel: unknown field/],
    ['a parameter kind', (d: any) => (d.parameters.sizeMi = { range: [1, 2] }), /parameters\.sizeMi: unknown kind 'range'/],
    ['an int range', (d: any) => (d.parameters.sizeMi = { int: { min: 9, max: 1 } }), /parameters\.sizeMi\.int: needs min <= max/],
    ['a parameter named namespace', (d: any) => (d.parameters.namespace = { choose: ['x'] }), /parameters\.namespace: 'namespace' is set by crashlab/],
    ['the signature', (d: any) => (d.signature = { container: 'x' }), /signature: needs at least one thing to match/],
    ['a signature field', (d: any) => (d.signature.exitcode = 1), /signature\.exitcode: unknown field/],
    ['evidence', (d: any) => (d.evidence = ['vibes']), /evidence\[0\]: 'vibes' is not one of/],
    ['a wrong remedy without why', (d: any) => delete d.remedies[1].why, /remedies\[1\]\.why: must be a non-empty string/],
    ['remedies with no correct choice', (d: any) => (d.remedies[0].correct = false, d.remedies[0].why = 'x'), /remedies: needs at least one correct choice/],
    ['a reference command', (d: any) => (d.referenceFix.commands = ['rm -rf /']), /referenceFix\.commands\[0\]: must start with kubectl/],
    ['a refused id', (d: any) => (d.refusedFixes[0].refused = 'reboot-node'), /refusedFixes\[0\]\.refused: 'reboot-node' is not in the refused-fix catalogue/],
    ['a placeholder typo', (d: any) => (d.story = 'users report 502s from {{serviceNme}}'), /story: .*serviceNme/],
    ['stabilitySeconds', (d: any) => (d.stabilitySeconds = '30s'), /stabilitySeconds: must be a positive integer/],
    ['the debrief path', (d: any) => (d.debrief = 'docs/nowhere.md'), /debrief: docs\/nowhere\.md does not exist/],
  ])('names the file and the field when %s is malformed', (_what, change, message) => {
    write(withChange(change));
    let error: unknown;
    try {
      loadScenario('demo', options());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('ScenarioFileError');
    expect((error as Error).message).toContain(file());
    expect((error as Error).message).toMatch(message);
  });

  it('names the file when the YAML does not parse', () => {
    write('title: [unclosed\n');
    expect(() => loadScenario('demo', options())).toThrow(new RegExp(`${file()}: \\(yaml\\)`));
  });

  it('refuses a scenario with no grader, no manifests or no debrief', () => {
    expect(() => loadScenario('demo', { root, graderIds: [] })).toThrow(/no grader registered for 'demo'/);
    rmSync(join(root, 'manifests/demo/10-config.yaml.hbs'));
    expect(() => loadScenario('demo', options())).toThrow(/manifests\/demo\/ must exist/);
  });

  it('reports a manifest template that references an unknown parameter', () => {
    writeFileSync(join(root, 'manifests/demo/20-more.yaml.hbs'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{nope}}\n');
    expect(() => loadScenario('demo', options())).toThrow(/\(manifests\): .*nope/);
  });

  it('answers an unknown id with UnknownScenarioError listing the known ones', () => {
    expect(() => loadScenario('nope', options())).toThrow(/no scenario 'nope'; known: demo/);
  });

  it('finds the package root from any directory inside it', () => {
    const real = packageRoot();
    expect(packageRoot(join(real, 'src', 'scenario'))).toBe(real);
    expect(packageRoot(join(real, 'dist', 'src', 'scenario'))).toBe(real);
    expect(loadScenarios().length).toBeGreaterThanOrEqual(6);
    expect(parse(stringify(VALID))).toEqual(VALID);
  });
});
