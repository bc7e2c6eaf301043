import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graderFor } from '../../graders/index.js';
import { ScenarioFileError } from '../errors.js';
import { loadScenario, loadScenarios, renderStory, renderWorkload } from '../scenario/loader.js';
import { packageRoot } from '../scenario/package-root.js';
import { readPrebuiltCatalog } from '../scenario/prebuilt.js';
import { drawParams } from '../scenario/params.js';
import { SignatureWatch } from '../scenario/signature.js';
import type { Catalog } from './catalog.js';

/**
 * The scenarios shipped in the package (or under `root`): the loader,
 * renderer, signature matcher and grader registry behind the Catalog seam.
 * Scenarios come from the build's catalog while it matches the files, else
 * from the loader.
 */
export function packagedCatalog(root: string = packageRoot()): Catalog {
  const options = { root };
  const prebuilt = readPrebuiltCatalog(root, (id) => graderFor(id) !== undefined);
  return {
    list: () => prebuilt ?? loadScenarios(options),
    get: (id) => prebuilt?.find((s) => s.id === id) ?? loadScenario(id, options),
    drawParams: (scenario, seed) => drawParams(scenario.parameters, seed),
    renderWorkload: (scenario, params, namespace) => renderWorkload(scenario, params, namespace, root),
    renderStory: (scenario, params) => renderStory(scenario, params),
    watchSignature(scenario, params) {
      const watch = new SignatureWatch(scenario.signature, params);
      return (snapshot) => {
        const match = watch.observe(snapshot);
        return { matched: match.matched, missing: match.checks.filter((c) => !c.ok).map((c) => `${c.field}: ${c.observed}`) };
      };
    },
    grader(id) {
      const grader = graderFor(id);
      if (!grader) throw new ScenarioFileError(`no grader registered for '${id}' in graders/index.ts`);
      return grader;
    },
    debrief(scenario) {
      const file = join(root, scenario.debrief);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
  };
}
