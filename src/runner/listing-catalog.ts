import { graderFor } from '../../graders/index.js';
import { packageRoot } from '../scenario/package-root.js';
import { readPrebuiltCatalog } from '../scenario/prebuilt.js';
import type { Catalog } from './catalog.js';

/**
 * A catalog for commands that only read scenario metadata (`list`), served
 * from the build's prebuilt catalog without loading the YAML parser or the
 * template engine. Undefined when the prebuilt catalog is missing or stale;
 * the caller then uses the packaged catalog.
 */
export function listingCatalog(root: string = packageRoot()): Catalog | undefined {
  const scenarios = readPrebuiltCatalog(root, (id) => graderFor(id) !== undefined);
  if (!scenarios) return undefined;
  const unavailable = (what: string) => (): never => {
    throw new Error(`the listing catalog cannot ${what}; use the packaged catalog`);
  };
  return {
    list: () => scenarios,
    get: (id) => scenarios.find((s) => s.id === id) ?? unavailable('name unknown scenarios')(),
    drawParams: unavailable('draw parameters'),
    renderWorkload: unavailable('render workloads'),
    renderStory: unavailable('render stories'),
    watchSignature: unavailable('watch signatures'),
    grader: unavailable('grade'),
    debrief: unavailable('read debriefs'),
  };
}
