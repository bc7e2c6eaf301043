import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Ids of every scenario file under `root`/scenarios, sorted. */
export function scenarioIds(root: string): string[] {
  return readdirSync(join(root, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

/** The manifest templates of a scenario, in file-name order. */
export function manifestSources(id: string, root: string): { file: string; text: string }[] {
  const dir = join(root, 'manifests', id);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml.hbs'))
    .sort()
    .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
}
