import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenarios, manifestSources, renderWorkload } from '../../src/scenario/loader.js';
import { drawParams, mulberry32 } from '../../src/scenario/params.js';
import { renderManifests, renderTemplate } from '../../src/scenario/render.js';
import type { KubeObject } from '../../src/scenario/types.js';

const scenarios = loadScenarios();
const SEEDS = [1, 7, 42, 1234, 99999, 2 ** 31];
const NAMESPACE = 'lab-q7m2';
/** Words that would hand the learner the answer if a name, label or comment carried them. */
const CAUSE_WORDS = ['oom', 'probe', 'secret', 'entrypoint', 'mismatch', 'init-fail', 'broken', 'crash', 'liveness', 'missing', 'failure', 'bad-', 'kill'];

function revealingStrings(object: KubeObject): string[] {
  const meta = object.metadata;
  const out = [meta.name, ...Object.entries(meta.labels ?? {}).flat(), ...Object.entries(meta.annotations ?? {}).flat()];
  const template = (object as any).spec?.template;
  if (template) {
    out.push(...Object.entries(template.metadata?.labels ?? {}).flat() as string[]);
    out.push(...Object.entries(template.metadata?.annotations ?? {}).flat() as string[]);
    for (const c of [...(template.spec.containers ?? []), ...(template.spec.initContainers ?? [])]) out.push(c.name);
    for (const v of template.spec.volumes ?? []) out.push(v.name);
  }
  const selector = (object as any).spec?.selector;
  if (selector) out.push(...(JSON.stringify(selector).match(/"[^"]*"/g) ?? []));
  return out;
}

describe('rendering', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s: no name, label, annotation or comment gives the answer away', (id, scenario) => {
    const words = [...new Set([...CAUSE_WORDS, ...id.split('-'), ...scenario.cause.split('-')])];
    for (const seed of SEEDS) {
      const objects = renderWorkload(scenario, drawParams(scenario.parameters, seed), NAMESPACE);
      for (const text of objects.flatMap(revealingStrings)) {
        for (const word of words) expect(text.toLowerCase(), `seed ${seed}`).not.toContain(word);
      }
    }
    const comments = manifestSources(id).flatMap(({ text }) => [...text.matchAll(/(^|\s)#.*$|\{\{!.*?\}\}/gm)].map((m) => m[0]));
    for (const comment of comments) for (const word of words) expect(comment.toLowerCase()).not.toContain(word);
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: every object lands in the attempt namespace and uses busybox:1.36 if-not-present', (_id, scenario) => {
    for (const object of renderWorkload(scenario, drawParams(scenario.parameters, 3), NAMESPACE)) {
      expect(object.metadata.namespace).toBe(NAMESPACE);
      for (const c of [...((object as any).spec?.template?.spec?.containers ?? []), ...((object as any).spec?.template?.spec?.initContainers ?? [])]) {
        expect(c.image).toBe('busybox:1.36');
        expect(c.imagePullPolicy).toBe('IfNotPresent');
      }
    }
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: same seed renders the same objects; different seeds vary them', (_id, scenario) => {
    const render = (seed: number) => stringify(renderWorkload(scenario, drawParams(scenario.parameters, seed), NAMESPACE));
    expect(render(42)).toBe(render(42));
    expect(new Set(SEEDS.map(render)).size).toBeGreaterThan(3);
  });

  it('varies service names, ports and sizes across seeds', () => {
    const oom = scenarios.find((s) => s.id === 'oom-kill')!;
    const drawn = SEEDS.map((seed) => drawParams(oom.parameters, seed));
    for (const key of ['serviceName', 'port', 'footprintMi', 'limitMi']) {
      expect(new Set(drawn.map((p) => p[key])).size, key).toBeGreaterThan(1);
    }
    for (const p of drawn) expect(Number(p.limitMi)).toBeLessThan(Number(p.footprintMi));
  });

  it('fails on a placeholder naming a parameter that was not drawn', () => {
    expect(() => renderTemplate('name: {{serviceNme}}', { serviceName: 'ledger' })).toThrow(/serviceNme/);
  });

  it('json quotes values that would otherwise change the YAML', () => {
    const [object] = renderManifests(
      [{ file: 'cm.yaml.hbs', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{json tricky}}\n  b: {{json yes}}\n' }],
      { tricky: 'on: [1, 2] # not a comment', yes: 'yes' },
      NAMESPACE,
    );
    expect((object as any).data).toEqual({ a: 'on: [1, 2] # not a comment', b: 'yes' });
  });

  it('parses several documents per template and skips empty ones', () => {
    const text = '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n';
    const objects = renderManifests([{ file: 'two.yaml.hbs', text }], {}, NAMESPACE);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}/${o.metadata.namespace}`)).toEqual([`ConfigMap/a/${NAMESPACE}`, `Service/b/${NAMESPACE}`]);
  });

  it('names the template when its output is not a Kubernetes object', () => {
    expect(() => renderManifests([{ file: 'bad.yaml.hbs', text: 'kind: Pod\n' }], {}, NAMESPACE)).toThrow(/bad\.yaml\.hbs.*apiVersion/);
    expect(() => renderManifests([{ file: 'worse.yaml.hbs', text: 'a: [1,\n' }], {}, NAMESPACE)).toThrow(/worse\.yaml\.hbs/);
  });
});

describe('seeded parameters', () => {
  it('mulberry32 repeats for a seed and differs between seeds', () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    const c = mulberry32(6);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws ints on the step grid, picks from choices and derives from earlier params', () => {
    const specs = {
      size: { int: { min: 64, max: 256, step: 64 } },
      name: { choose: ['ledger', 'billing'] },
      double: { derive: '{{mul size 2}}' },
      label: { derive: '{{name}}-{{size}}' },
    };
    for (let seed = 0; seed < 50; seed++) {
      const p = drawParams(specs, seed);
      expect([64, 128, 192, 256]).toContain(p.size);
      expect(['ledger', 'billing']).toContain(p.name);
      expect(p.double).toBe(Number(p.size) * 2);
      expect(p.label).toBe(`${p.name}-${p.size}`);
    }
  });
});
