/**
 * Expected failures. Each carries a `name` callers can test and a message that
 * tells the learner what to do next. cli.ts is the only place that turns them
 * into exit codes; anything not listed here is a bug and still gets one line.
 */
export class CrashlabError extends Error {
  /** process exit code cli.ts uses for this failure */
  readonly exitCode: number = 1;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ClusterUnreachableError extends CrashlabError {
  constructor(
    readonly server: string,
    readonly detail?: string,
    advice = "try 'crashlab doctor' or 'crashlab cluster create'",
  ) {
    super(`cannot reach ${server}${detail ? ` (${detail})` : ''}; is the cluster running? ${advice}`);
  }
}

/** What to do when the cluster an attempt lives on is gone for good. */
export const FORGET_ADVICE = "if it is gone for good, 'crashlab cleanup --forget' drops the attempt from this machine";

export class KubeconfigError extends CrashlabError {}

export class UnknownScenarioError extends CrashlabError {
  constructor(
    readonly id: string,
    known: string[],
  ) {
    super(
      `no scenario '${id}'${known.length ? `; known: ${known.join(', ')}` : ''}; 'crashlab list' shows them all`,
    );
  }
}

export class ScenarioFileError extends CrashlabError {}

export class NoAttemptError extends CrashlabError {
  constructor() {
    super("no attempt in progress; start one with 'crashlab start <scenario>' ('crashlab list' shows the scenarios)");
  }
}

export class AttemptInProgressError extends CrashlabError {
  constructor(namespace: string) {
    super(
      `an attempt is already in progress in namespace ${namespace}; finish it or remove it with 'crashlab cleanup' before starting another; if its cluster is gone for good, 'crashlab cleanup --forget' drops the attempt from this machine`,
    );
  }
}

export class PermissionError extends CrashlabError {}

/** A write aimed at a namespace crashlab did not create. */
export class ForeignNamespaceError extends CrashlabError {
  constructor(
    readonly namespace: string,
    why: string,
  ) {
    super(`refusing to write to namespace '${namespace}': ${why}; crashlab only changes namespaces it created`);
  }
}

export class WaitTimeoutError extends CrashlabError {}

export class UsageError extends CrashlabError {
  override readonly exitCode: number = 2;
}

/** A prompt needed an answer but stdin is not a terminal and no flag gave it. */
export class MissingAnswerError extends UsageError {}

export class NotConfirmedError extends CrashlabError {}

export class ToolMissingError extends CrashlabError {}

/** Ctrl-C in a prompt or at a wait. */
export class CancelledError extends CrashlabError {
  override readonly exitCode: number = 130;
  constructor() {
    super('cancelled');
  }
}

/**
 * Maps any thrown value to one line for stderr and an exit code. The line reads
 * like kubectl's (`error: ...`); the class name stays on the error for callers.
 */
export function describeFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof CancelledError) return { line: 'cancelled', exitCode: error.exitCode };
  if (error instanceof CrashlabError) return { line: `error: ${error.message}`, exitCode: error.exitCode };
  if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) {
    return { line: 'cancelled', exitCode: 130 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { line: `error: ${message.split('\n')[0]}`, exitCode: 1 };
}

/** A hint asked for in interview practice, where there are none. */
export class HintsOffError extends CrashlabError {
  constructor() {
    super("hints are off in interview practice; read the cluster instead (kubectl describe, kubectl logs --previous), and 'crashlab report' shows your timeline so far");
  }
}
