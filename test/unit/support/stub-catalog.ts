import { UnknownScenarioError } from '../../../src/errors.js';
import { verdictOf } from '../../../src/grading/verdict.js';
import type { Catalog } from '../../../src/runner/catalog.js';
import type { Scenario } from '../../../src/scenario/types.js';

/** A small but complete scenario: an OOM kill on container "api". */
export const oomScenario: Scenario = {
  id: 'memory-drill',
  title: 'The API that ran out of room',
  cause: 'oom-killed',
  difficulty: 'beginner',
  minutes: 10,
  goals: ['read lastState'],
  story: 'Users report 502s from the checkout API.',
  parameters: {},
  signature: { container: 'api', terminatedReason: 'OOMKilled', exitCode: 137 },
  evidence: ['last-state'],
  remedies: [
    { id: 'raise-limit', text: 'Raise the memory limit to fit the working set', correct: true },
    { id: 'delete-pod', text: 'Delete the pod', correct: false, why: 'the new pod hits the same limit' },
  ],
  hints: ['Look at the last state of the container.', 'Exit code 137 means SIGKILL.'],
  referenceFix: { description: 'raise the limit', commands: ['kubectl -n {{namespace}} set resources deploy/api --limits=memory=256Mi'] },
  acceptedFixes: [],
  refusedFixes: [],
  silencers: [],
  stabilitySeconds: 30,
  debrief: 'docs/scenarios/memory-drill.md',
};

/** A Catalog over fixed scenarios; the cluster side is never reached through it. */
export function stubCatalog(scenarios: Scenario[] = [oomScenario]): Catalog {
  const get = (id: string) => {
    const s = scenarios.find((x) => x.id === id);
    if (!s) throw new UnknownScenarioError(id, scenarios.map((x) => x.id));
    return s;
  };
  return {
    list: () => scenarios,
    get,
    drawParams: () => ({}),
    renderWorkload: () => [],
    renderStory: (s) => s.story,
    watchSignature: () => () => ({ matched: false, missing: [] }),
    grader: () => () => verdictOf([], []),
    debrief: () => undefined,
  };
}
