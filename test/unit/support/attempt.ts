import type { Attempt } from '../../../src/state.js';

/** A plausible attempt for tests; `id` also names its namespace. */
export function fakeAttempt(overrides: Partial<Attempt> = {}): Attempt {
  const id = overrides.id ?? 'k3x9qa';
  return {
    id,
    scenarioId: 'memory-drill',
    seed: 7,
    params: {},
    namespace: `crashlab-${id}`,
    context: 'kind-crashlab',
    startedAt: '2025-01-01T00:00:00.000Z',
    baseline: [],
    hintsUsed: 0,
    refusedSeen: [],
    checks: [],
    ...overrides,
  };
}
