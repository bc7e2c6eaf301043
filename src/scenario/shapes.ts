import { drawParams } from './params.js';
import type { FixSpec, Scenario } from './types.js';

/**
 * Sub-shapes: a scenario may draw a `shape` parameter that changes how the
 * failure is built (not only names and numbers), so a repeat attempt is a new
 * puzzle. These helpers find seeds that draw a given shape.
 */

/** The sub-shapes a scenario can draw; one unnamed shape when it has none. */
export function shapesOf(scenario: Scenario): (string | undefined)[] {
  const spec = scenario.parameters.shape;
  return spec && 'choose' in spec ? [...new Set(spec.choose.map(String))] : [undefined];
}

/** The first seed at or after `from` whose drawn `shape` is `shape` (any seed when undefined). */
export function seedForShape(scenario: Scenario, shape: string | undefined, from = 1): number {
  for (let seed = from; seed < from + 10_000; seed++) {
    if (shape === undefined || String(drawParams(scenario.parameters, seed).shape) === shape) return seed;
  }
  throw new Error(`${scenario.id}: no seed draws shape '${shape}'`);
}

/** A seed for trying `fix`: its own shape when it names one, else the next shape in turn. */
export function seedForFix(scenario: Scenario, fix: FixSpec, turn: number, from = 1): number {
  const shapes = shapesOf(scenario);
  return seedForShape(scenario, fix.shape ?? shapes[turn % shapes.length], from);
}
