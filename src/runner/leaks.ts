import { ScenarioFileError } from '../errors.js';
import type { KubeObject, Scenario } from '../scenario/types.js';

/**
 * Refuses a rendered workload whose names, labels or annotations give the
 * scenario or its cause away: `kubectl get -o yaml` must not answer the quiz.
 */
export function assertNoGiveaways(objects: KubeObject[], scenario: Scenario): void {
  const secrets = [scenario.id, scenario.cause].map((s) => s.toLowerCase());
  for (const object of objects) {
    const where = `${object.kind}/${object.metadata.name}`;
    const places: [string, string][] = [['name', object.metadata.name]];
    for (const [field, map] of [
      ['label', object.metadata.labels],
      ['annotation', object.metadata.annotations],
    ] as const) {
      for (const [key, value] of Object.entries(map ?? {})) places.push([`${field} ${key}`, `${key}=${value}`]);
    }
    for (const [place, text] of places) {
      const hit = secrets.find((s) => text.toLowerCase().includes(s));
      if (hit) {
        throw new ScenarioFileError(
          `manifests/${scenario.id}: ${where} ${place} contains '${hit}', which gives the answer away; rename it`,
        );
      }
    }
  }
}
