import type { Snapshot } from '../snapshot.js';
import type { Grader, KubeObject, Params, Scenario } from '../scenario/types.js';

/** Whether live state shows the scenario's failure, and if not, what is still missing. */
export interface SignatureResult {
  matched: boolean;
  /** what did not match yet; for logs and tests, never shown while the learner waits */
  missing: string[];
}

/**
 * What the runner needs from the scenario side, behind one seam so commands
 * can be exercised with a scenario root of their own.
 */
export interface Catalog {
  /** every scenario, validated; a malformed file is a ScenarioFileError */
  list(): Scenario[];
  /** one scenario; UnknownScenarioError when there is none by that id */
  get(id: string): Scenario;
  drawParams(scenario: Scenario, seed: number): Params;
  renderWorkload(scenario: Scenario, params: Params, namespace: string): KubeObject[];
  renderStory(scenario: Scenario, params: Params): string;
  /**
   * A watcher judging successive snapshots of one wait against the
   * signature; it remembers earlier polls for fields matched "at any poll".
   */
  watchSignature(scenario: Scenario, params: Params): (snapshot: Snapshot) => SignatureResult;
  grader(id: string): Grader;
  /** the debrief text, or undefined when the file is missing */
  debrief(scenario: Scenario): string | undefined;
}
