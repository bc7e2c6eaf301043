import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRADERS } from '../../graders/index.js';
import { loadScenarios } from '../../src/scenario/loader.js';
import { packageRoot } from '../../src/scenario/package-root.js';

const root = packageRoot();
const names = (dir: string, suffix: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => (suffix === '/' ? e.isDirectory() : e.isFile() && e.name.endsWith(suffix)))
    .map((e) => (suffix === '/' ? e.name : basename(e.name, suffix)))
    .sort();

describe('scenario homes', () => {
  it('scenarios/, manifests/, graders/ and docs/scenarios/ hold the same set of ids', () => {
    const scenarios = names('scenarios', '.yaml');
    expect(scenarios.length).toBeGreaterThanOrEqual(6);
    expect(names('manifests', '/')).toEqual(scenarios);
    expect(Object.keys(GRADERS).sort()).toEqual(scenarios);
    expect(names('graders', '.ts').filter((n) => n !== 'index' && !n.endsWith('.test'))).toEqual(scenarios);
    expect(names('docs/scenarios', '.md')).toEqual(scenarios);
  });

  it('every scenario file loads and validates against its cross-links', () => {
    const loaded = loadScenarios();
    expect(loaded.map((s) => s.id)).toEqual(names('scenarios', '.yaml'));
    for (const s of loaded) expect(s.debrief).toBe(`docs/scenarios/${s.id}.md`);
  });
});
