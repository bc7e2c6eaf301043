import type { CauseId } from '../causes.js';
import type { Verdict } from '../grading/verdict.js';
import type { Snapshot } from '../snapshot.js';

export type Difficulty = 'beginner' | 'intermediate' | 'advanced';

/** A parameter drawn per attempt from a seeded RNG, so answers cannot be memorised. */
export type ParameterSpec =
  | { int: { min: number; max: number; step?: number } }
  | { choose: (string | number)[] }
  /** a handlebars expression over parameters drawn before this one */
  | { derive: string };

export type ParamValue = string | number;
export type Params = Record<string, ParamValue>;

/**
 * What `start` waits for: the failure as the live pod state shows it. Every
 * field given must match on the same pod; strings are exact except where
 * noted. Values may use {{param}} placeholders; a field whose placeholder
 * renders to an empty string is not checked (so one seed's variant can skip it).
 */
export interface SignatureSpec {
  /** container name, or 'init:<name>' for an init container */
  container: string;
  /** lastState.terminated.reason, e.g. OOMKilled, Error, StartError, Completed */
  terminatedReason?: string;
  /** lastState.terminated.exitCode; a string is a template rendering to a number */
  exitCode?: number | string;
  /** a substring of lastState.terminated.message (runc's start error lives here) */
  terminatedMessage?: string;
  /** state.waiting.reason now or at any poll, e.g. CrashLoopBackOff, CreateContainerConfigError */
  waitingReason?: string;
  /** an event on the pod: exact reason, message substring */
  event?: { reason: string; message: string };
  /** a substring of the previous (crashed) instance's log */
  previousLog?: string;
  /** minimum restartCount of the container */
  minRestarts?: number;
}

/** A kubectl-level change, used for reference fixes and refused fixes. {{namespace}} and params are available. */
export interface FixSpec {
  /** what an expert would say they are doing */
  description: string;
  /** shell commands, each starting with `kubectl` */
  commands: string[];
  /** only for attempts whose `shape` parameter drew this value (the commands fit that sub-shape alone) */
  shape?: string;
}

export interface RefusedFixSpec extends FixSpec {
  /** id in the shared refused-fix catalogue the grader must report */
  refused: string;
}

/**
 * A change that makes the pod look healthy while removing what the workload
 * needs (its limits, its probes, its dependency check, its secret's secrecy).
 * No catalogue entry names it; the grader's own criteria must fail it.
 */
export interface SilencerSpec extends FixSpec {
  /** the criterion id (or refused-fix id) the grader reports for it */
  fails: string;
}

export interface RemedyChoice {
  id: string;
  text: string;
  correct: boolean;
  /** for wrong choices: why the reflex fails */
  why?: string;
}

export type EvidenceKind = 'last-state' | 'event' | 'previous-log' | 'waiting-reason';

export interface Scenario {
  id: string;
  title: string;
  cause: CauseId;
  difficulty: Difficulty;
  minutes: number;
  goals: string[];
  /** the situation as a user meets it; handlebars over params */
  story: string;
  parameters: Record<string, ParameterSpec>;
  signature: SignatureSpec;
  /** which kinds of evidence decide this scenario (checked against live values) */
  evidence: EvidenceKind[];
  remedies: RemedyChoice[];
  hints: string[];
  referenceFix: FixSpec;
  /** other legitimate remedies: each must pass like the reference fix */
  acceptedFixes: FixSpec[];
  refusedFixes: RefusedFixSpec[];
  /** uncatalogued silencers the grader must fail by behaviour */
  silencers: SilencerSpec[];
  /** how long restarts must stay frozen for check to pass, seconds */
  stabilitySeconds: number;
  /** path of the debrief, relative to the package root */
  debrief: string;
}

/** The broken workload as crashlab rendered and applied it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface GradeInput {
  scenario: Scenario;
  params: Params;
  namespace: string;
  /** the objects as first applied: what "unchanged" and "removed" are measured against */
  baseline: KubeObject[];
  /** live state at the start of the stability window */
  first: Snapshot;
  /** live state at its end; restarts must not have moved in between */
  last: Snapshot;
}

export type Grader = (input: GradeInput) => Verdict;
