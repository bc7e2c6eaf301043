import { seedForFix, seedForShape, shapesOf } from '../../src/scenario/shapes.js';
import type { FixSpec, Scenario } from '../../src/scenario/types.js';

/**
 * One attempt of the e2e suite. Every trial gets its own attempt and
 * namespace, so trials of all scenarios run side by side.
 */
export type Trial =
  /** the broken state of one sub-shape: signature, captured output, live explain, untouched check, reset, reference fix */
  | { kind: 'base'; scenario: Scenario; seed: number; shape: string | undefined; label: string }
  /** a legitimate alternative remedy: must pass */
  | { kind: 'accepted'; scenario: Scenario; seed: number; fix: FixSpec; label: string }
  /** a catalogued reflex: must be refused with its catalogue id */
  | { kind: 'refused'; scenario: Scenario; seed: number; fix: FixSpec; expected: string; label: string }
  /** an uncatalogued silencer: a grader criterion (or refused id) must fail it */
  | { kind: 'silencer'; scenario: Scenario; seed: number; fix: FixSpec; expected: string; label: string };

/** Seeds per scenario start far apart, so trials of one scenario draw different names and numbers. */
const seedBase = (index: number) => 1000 + index * 1000;

export function trialsOf(scenario: Scenario, index: number): Trial[] {
  const from = seedBase(index);
  const trials: Trial[] = shapesOf(scenario).map((shape, i) => ({
    kind: 'base',
    scenario,
    shape,
    seed: seedForShape(scenario, shape, from + i * 50),
    label: shape === undefined ? 'reference-fix' : i === 0 ? 'reference-fix' : `reference-fix.${shape}`,
  }));
  let turn = 0;
  const seed = (fix: FixSpec) => seedForFix(scenario, fix, turn, from + 200 + 10 * turn++);
  scenario.acceptedFixes.forEach((fix, i) => trials.push({ kind: 'accepted', scenario, fix, seed: seed(fix), label: `accepted-${i + 1}` }));
  for (const fix of scenario.refusedFixes) trials.push({ kind: 'refused', scenario, fix, expected: fix.refused, seed: seed(fix), label: `refused-${fix.refused}` });
  for (const fix of scenario.silencers) trials.push({ kind: 'silencer', scenario, fix, expected: fix.fails, seed: seed(fix), label: `silencer-${fix.fails}` });
  return uniqueLabels(trials);
}

/** A second trial with the same label gets `.2`, `.3`: labels name the fixture files. */
function uniqueLabels(trials: Trial[]): Trial[] {
  const seen = new Map<string, number>();
  return trials.map((t) => {
    const n = (seen.get(t.label) ?? 0) + 1;
    seen.set(t.label, n);
    return n === 1 ? t : { ...t, label: `${t.label}.${n}` };
  });
}

/** Where a base trial's kubectl output is kept: the first shape at the top, the others below shapes/. */
export function captureDir(trial: Trial & { kind: 'base' }): string {
  return trial.label === 'reference-fix' ? trial.scenario.id : `${trial.scenario.id}/shapes/${trial.shape}`;
}
