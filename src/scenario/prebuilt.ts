/**
 * The scenario catalog as the build validated it, so `crashlab list` and
 * friends need neither the YAML parser nor a template render per scenario.
 *
 * The file carries a fingerprint of every input the loader reads (scenario
 * files, manifest templates, debrief presence); a scenario added or edited
 * after the build changes the fingerprint and the catalog is ignored, so the
 * full loader runs as before. This module stays light on purpose: it is on
 * the cold-start path.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestSources, scenarioIds } from './files.js';
import type { Scenario } from './types.js';

/** Where the build writes the catalog, relative to the package root. */
export const PREBUILT_CATALOG = join('dist', 'catalog.json');

interface PrebuiltFile {
  fingerprint: string;
  scenarios: Scenario[];
}

/** A digest of the scenario files and manifest templates under `root`. */
export function catalogFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const id of scenarioIds(root)) {
    hash.update(`scenario ${id}\0`).update(readFileSync(join(root, 'scenarios', `${id}.yaml`)));
    for (const { file, text } of manifestSources(id, root)) hash.update(`\0manifest ${file.slice(root.length)}\0`).update(text);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Writes the catalog of already validated `scenarios` for `root`. */
export function writePrebuiltCatalog(root: string, scenarios: Scenario[]): string {
  const file = join(root, PREBUILT_CATALOG);
  const body: PrebuiltFile = { fingerprint: catalogFingerprint(root), scenarios };
  writeFileSync(file, `${JSON.stringify(body)}\n`);
  return file;
}

/**
 * The prebuilt scenarios for `root`, or undefined when there is no catalog or
 * it no longer matches the files (then the caller loads them the slow way).
 * `registered` says whether a scenario id has a grader in this build.
 */
export function readPrebuiltCatalog(root: string, registered: (id: string) => boolean): Scenario[] | undefined {
  const file = join(root, PREBUILT_CATALOG);
  if (!existsSync(file)) return undefined;
  try {
    const body = JSON.parse(readFileSync(file, 'utf8')) as PrebuiltFile;
    if (!Array.isArray(body.scenarios) || body.fingerprint !== catalogFingerprint(root)) return undefined;
    const fresh = body.scenarios.every((s) => registered(s.id) && existsSync(join(root, s.debrief)));
    return fresh ? body.scenarios : undefined;
  } catch {
    return undefined;
  }
}
