import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CauseId } from './causes.js';
import { CrashlabError, NoAttemptError } from './errors.js';
import type { Outcome } from './grading/verdict.js';
import type { KubeObject, Params } from './scenario/types.js';

/** How one part of the diagnosis was judged when it was answered. */
export interface JudgedAnswer {
  outcome: Outcome;
  /** one sentence: why */
  reason: string;
}

/** The learner's diagnosis as first given; later answers do not replace it. */
export interface Diagnosis {
  answeredAt: string;
  cause: CauseId;
  evidence: string[];
  remedy?: string;
  judged: { cause: JudgedAnswer; evidence: JudgedAnswer; remedy: JudgedAnswer };
}

/** The outcome of one `check`. */
export interface CheckRecord {
  at: string;
  passed: boolean;
  incomplete: boolean;
  refused: string[];
}

/**
 * One step the learner took, as it happened. The report's timeline is these,
 * in order; answers and checks keep only what the report needs.
 */
export type AttemptStep =
  | { kind: 'start'; at: string }
  | { kind: 'reproduced'; at: string }
  | { kind: 'hint'; at: string; number: number }
  | { kind: 'answer'; at: string; recorded: boolean; outcomes: { cause: Outcome; evidence: Outcome; remedy: Outcome } }
  | { kind: 'check'; at: string; passed: boolean; incomplete: boolean; summary: string; refused: string[] }
  | { kind: 'reset'; at: string }
  | { kind: 'cleanup'; at: string };

/**
 * One attempt at one scenario. This is the only place the scenario id is
 * written down: the cluster only ever sees the attempt id.
 */
export interface Attempt {
  id: string;
  scenarioId: string;
  seed: number;
  params: Params;
  namespace: string;
  context: string;
  startedAt: string;
  /** set once the failure was seen in live pod state */
  reproducedAt?: string;
  /** the objects as applied, for reset and for graders */
  baseline: KubeObject[];
  hintsUsed: number;
  /** ids of refused fixes any check has found, each counted once */
  refusedSeen: string[];
  diagnosis?: Diagnosis;
  checks: CheckRecord[];
  /** set for interview practice: no hints, and a time limit the report holds answers and checks to */
  interview?: { minutes: number };
  /** the learner's name in a workshop, published on the namespace for the scoreboard */
  learner?: string;
  /** started with --random: the scenario stays unnamed until the attempt is judged */
  blind?: boolean;
  /** every step in order; absent in attempts recorded before steps were kept */
  steps?: AttemptStep[];
}

export interface CrashlabState {
  version: 1;
  attempt?: Attempt;
  /** the attempt most recently cleaned up, kept so its report can still be read */
  lastAttempt?: Attempt;
  /** non-local contexts the learner agreed crashlab may write to */
  confirmedContexts: string[];
  /** scenarios of earlier attempts whose answer was judged, so `list` may show their triage row */
  judgedScenarios?: string[];
}

const EMPTY: CrashlabState = { version: 1, confirmedContexts: [] };

/** Where state lives: CRASHLAB_STATE_DIR, else $XDG_CONFIG_HOME/crashlab, else ~/.config/crashlab. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CRASHLAB_STATE_DIR) return env.CRASHLAB_STATE_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'crashlab');
}

export function stateFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'state.json');
}

/** Reads the state; a missing file is an empty state, a damaged one an error naming the file. */
export function readState(env: NodeJS.ProcessEnv = process.env): CrashlabState {
  const file = stateFile(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY);
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as CrashlabState;
    if (parsed.version !== 1) throw new Error(`unknown version ${String(parsed.version)}`);
    return { ...structuredClone(EMPTY), ...parsed };
  } catch (error) {
    throw new CrashlabError(`state file ${file} is damaged (${(error as Error).message}); delete it and start again`);
  }
}

/**
 * Writes the whole state atomically: a temp file in the same directory, then
 * rename, so a reader in another terminal sees the old state or the new one,
 * never half of either.
 */
export function writeState(state: CrashlabState, env: NodeJS.ProcessEnv = process.env): void {
  const dir = stateDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = stateFile(env);
  const temp = join(dir, `.state-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Re-reads the state, applies `change` and writes it back. Reading right
 * before writing keeps what another terminal wrote in the meantime.
 */
export function updateState(change: (state: CrashlabState) => void, env: NodeJS.ProcessEnv = process.env): CrashlabState {
  const state = readState(env);
  change(state);
  writeState(state, env);
  return state;
}

/** The attempt in progress, or NoAttemptError. */
export function currentAttempt(env: NodeJS.ProcessEnv = process.env): Attempt {
  const attempt = readState(env).attempt;
  if (!attempt) throw new NoAttemptError();
  return attempt;
}

/** Changes the attempt in progress; NoAttemptError when there is none. */
export function updateAttempt(change: (attempt: Attempt) => void, env: NodeJS.ProcessEnv = process.env): Attempt {
  let updated: Attempt | undefined;
  updateState((state) => {
    if (!state.attempt) throw new NoAttemptError();
    change(state.attempt);
    updated = state.attempt;
  }, env);
  return updated!;
}

/** Adds a step to the attempt's timeline. */
export function recordStep(attempt: Attempt, step: AttemptStep): void {
  (attempt.steps ??= []).push(step);
}

/** The attempt in progress, else the one last cleaned up, else NoAttemptError. */
export function reportableAttempt(env: NodeJS.ProcessEnv = process.env): Attempt {
  const state = readState(env);
  const attempt = state.attempt ?? state.lastAttempt;
  if (!attempt) throw new NoAttemptError();
  return attempt;
}

/** A short random attempt id: lowercase, DNS-safe, meaningless. */
export function newAttemptId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(6);
  let id = alphabet[bytes[0]! % 26]!;
  for (let i = 1; i < 6; i += 1) id += alphabet[bytes[i]! % alphabet.length];
  return id;
}
