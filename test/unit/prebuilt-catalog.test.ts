import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPrebuiltCatalog, writePrebuiltCatalog } from '../../src/scenario/prebuilt.js';
import type { Scenario } from '../../src/scenario/types.js';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

function root(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crashlab-prebuilt-'));
  roots.push(dir);
  for (const sub of ['scenarios', 'manifests/demo', 'docs/scenarios', 'dist']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'scenarios/demo.yaml'), 'title: Demo\n');
  writeFileSync(join(dir, 'manifests/demo/10-deployment.yaml.hbs'), 'kind: Deployment\n');
  writeFileSync(join(dir, 'docs/scenarios/demo.md'), '# Demo\n');
  return dir;
}

const demo = { id: 'demo', title: 'Demo', debrief: 'docs/scenarios/demo.md' } as Scenario;
const registered = () => true;

describe('prebuilt scenario catalog', () => {
  it('serves the scenarios while the files are as built', () => {
    const dir = root();
    writePrebuiltCatalog(dir, [demo]);
    expect(readPrebuiltCatalog(dir, registered)?.map((s) => s.title)).toEqual(['Demo']);
  });

  it.each([
    ['a scenario file edited', (dir: string) => writeFileSync(join(dir, 'scenarios/demo.yaml'), 'title: Changed\n')],
    ['a scenario added', (dir: string) => writeFileSync(join(dir, 'scenarios/other.yaml'), 'title: Other\n')],
    ['a manifest template edited', (dir: string) => writeFileSync(join(dir, 'manifests/demo/10-deployment.yaml.hbs'), 'kind: Pod\n')],
    ['a manifest template added', (dir: string) => writeFileSync(join(dir, 'manifests/demo/20-service.yaml.hbs'), 'kind: Service\n')],
    ['the debrief removed', (dir: string) => rmSync(join(dir, 'docs/scenarios/demo.md'))],
    ['the catalog unreadable', (dir: string) => writeFileSync(join(dir, 'dist/catalog.json'), '{not json')],
  ])('is ignored after %s', (_what, change) => {
    const dir = root();
    writePrebuiltCatalog(dir, [demo]);
    change(dir);
    expect(readPrebuiltCatalog(dir, registered)).toBeUndefined();
  });

  it('is ignored when a scenario has no grader in this build, or when there is none', () => {
    const dir = root();
    expect(readPrebuiltCatalog(dir, registered)).toBeUndefined();
    writePrebuiltCatalog(dir, [demo]);
    expect(readPrebuiltCatalog(dir, () => false)).toBeUndefined();
  });
});
