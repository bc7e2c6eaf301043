import { applyObjects, createAttemptNamespace, namespaceForAttempt, preflight } from '../cluster/index.js';
import { AttemptInProgressError, CancelledError, CrashlabError, UsageError } from '../errors.js';
import { assertNoGiveaways } from '../runner/leaks.js';
import { waitForFailure } from '../runner/reproduce.js';
import { BLIND_TITLE, judgedScenarioIds, pickBlind } from '../runner/visibility.js';
import { randomSeed } from '../scenario/params.js';
import type { Scenario } from '../scenario/types.js';
import { newAttemptId, readState, recordStep, updateAttempt, updateState, type Attempt } from '../state.js';
import { PROGRESS_ANNOTATIONS } from '../workshop/annotations.js';
import { publishProgress } from '../workshop/publish.js';
import { note, say } from '../ui/io.js';
import { createProgress } from '../ui/progress.js';
import { ensureContextConfirmed } from './confirm-context.js';
import { envSeconds, printJson, type CommandContext } from './context.js';
import { diagnoseCommand } from './diagnose.js';

export interface StartOptions {
  context?: string;
  seed?: string;
  prompt?: boolean;
  yes?: boolean;
  json?: boolean;
  timeout?: string;
  /** interview practice: no hints, answers and checks held to a time limit */
  interview?: boolean;
  /** the limit in minutes; the scenario's own estimate by default */
  minutes?: string;
  /** a workshop learner's name, published for the facilitator's scoreboard */
  learner?: string;
  /** a blind drill: the scenario is picked for the learner and named only once judged */
  random?: boolean;
}

/** Default wait for the failure to show: several kubelet back-off rounds. */
const DEFAULT_REPRODUCE_SECONDS = 300;

function parseSeed(raw: string | undefined): number {
  if (raw === undefined) return randomSeed();
  const seed = Number(raw);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got '${raw}'`);
  return seed;
}

function parseMinutes(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const minutes = Number(raw);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) throw new UsageError(`--minutes must be a number of minutes from 1 to 1440, got '${raw}'`);
  return minutes;
}

/** Names show on a shared scoreboard: short, one line, printable. */
function parseLearner(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = raw.trim();
  if (name === '' || name.length > 64 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new UsageError(`--learner must be a name of 1 to 64 printable characters, got '${raw}'`);
  }
  return name;
}

/** The scenario of a blind start; the attempt in progress is checked first, so nothing is picked for nothing. */
function pickScenario(ctx: CommandContext, seed: number): Scenario {
  const state = readState(ctx.io.env);
  if (state.attempt) throw new AttemptInProgressError(state.attempt.namespace);
  const picked = pickBlind(ctx.catalog.list(), judgedScenarioIds(state), seed);
  if (!picked) throw new UsageError('no scenarios installed to pick from');
  return picked;
}

/** Makes an error say how to remove what was already deployed. */
function withCleanupHint(error: unknown, namespace: string): unknown {
  if (error instanceof CrashlabError && error.message.includes('crashlab cleanup')) return error;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const wrapped = new CrashlabError(`${message}; namespace ${namespace} was already created: remove it with 'crashlab cleanup'`);
  wrapped.name = error instanceof Error ? error.name : 'CrashlabError';
  return wrapped;
}

/**
 * `crashlab start <id>`: preflight, a fresh namespace, the broken workload,
 * then a wait until its failure shows in live pod state. The attempt is
 * recorded before anything is applied, so a failure halfway can be cleaned up.
 */
export async function startCommand(ctx: CommandContext, id: string | undefined, options: StartOptions): Promise<number> {
  const { io } = ctx;
  if (id !== undefined && options.random) throw new UsageError('--random picks the scenario for you; leave out the id');
  if (id === undefined && !options.random) throw new UsageError("start needs a scenario id ('crashlab list' shows them), or --random for a blind drill");
  const seed = parseSeed(options.seed);
  const blind = options.random === true;
  const scenario = blind ? pickScenario(ctx, seed) : ctx.catalog.get(id!);
  if (options.minutes !== undefined && !options.interview) throw new UsageError('--minutes sets the time limit of --interview; add --interview');
  const interview = options.interview ? { minutes: parseMinutes(options.minutes, scenario.minutes) } : undefined;
  const learner = parseLearner(options.learner);
  const existing = readState(io.env).attempt;
  if (existing) throw new AttemptInProgressError(existing.namespace);

  const cluster = ctx.connect(options.context);
  note(io, `checking cluster ${cluster.context} (${cluster.server})...`);
  await preflight(cluster);
  await ensureContextConfirmed(ctx, cluster, options.yes);

  const params = ctx.catalog.drawParams(scenario, seed);
  const attemptId = newAttemptId();
  const namespace = namespaceForAttempt(attemptId);
  const baseline = ctx.catalog.renderWorkload(scenario, params, namespace);
  assertNoGiveaways(baseline, scenario);

  await createAttemptNamespace(cluster, attemptId, learner ? { [PROGRESS_ANNOTATIONS.learner]: learner } : undefined);
  const startedAt = new Date().toISOString();
  const attempt: Attempt = {
    id: attemptId,
    scenarioId: scenario.id,
    seed,
    params,
    namespace,
    context: cluster.context,
    startedAt,
    baseline,
    hintsUsed: 0,
    refusedSeen: [],
    checks: [],
    ...(interview && { interview }),
    ...(learner && { learner }),
    ...(blind && { blind }),
    steps: [{ kind: 'start', at: startedAt }],
  };
  updateState((state) => {
    state.attempt = attempt;
  }, io.env);

  let elapsedSeconds: number;
  try {
    note(io, `deploying into namespace ${namespace}...`);
    await applyObjects(cluster, namespace, baseline);
    const timeoutSeconds = options.timeout !== undefined ? Number(options.timeout) : envSeconds(io.env, 'CRASHLAB_START_TIMEOUT_SECONDS', DEFAULT_REPRODUCE_SECONDS);
    ({ elapsedSeconds } = await waitForFailure({
      cluster,
      namespace,
      scenario,
      params,
      catalog: ctx.catalog,
      progress: createProgress(io),
      timeoutSeconds,
      signal: io.signal,
    }));
  } catch (error) {
    if (error instanceof CancelledError) {
      note(io, `namespace ${namespace} stays as it is: 'crashlab reset' redeploys it, 'crashlab cleanup' removes it`);
      throw error;
    }
    throw withCleanupHint(error, namespace);
  }
  const reproduced = updateAttempt((a) => {
    a.reproducedAt = new Date().toISOString();
    recordStep(a, { kind: 'reproduced', at: a.reproducedAt });
  }, io.env);
  await publishProgress(io, cluster, reproduced);

  const story = ctx.catalog.renderStory(scenario, params);
  if (options.json) {
    printJson(io, { attempt: attemptId, scenario: blind ? null : scenario.id, blind, namespace, interview: interview ?? null, learner: learner ?? null, context: cluster.context, seed, story, reproducedAfterSeconds: elapsedSeconds, requests: cluster.requests });
    return 0;
  }
  say(io);
  say(io, story);
  say(io);
  say(io, `  namespace: ${namespace}   (context ${cluster.context})`);
  say(io, `  look:      kubectl -n ${namespace} get pods`);
  if (blind) say(io, `  blind:     ${BLIND_TITLE}`);
  if (interview) say(io, `  interview: time limit ${interview.minutes} min from the start, no hints; 'crashlab report' shows the timeline`);
  if (learner) say(io, `  learner:   ${learner} (progress shows on 'crashlab scoreboard')`);
  say(io);
  if (options.prompt === false || !ctx.prompter.interactive) {
    say(io, "when you know what is wrong: 'crashlab diagnose' (or 'crashlab answer --cause ...'), then fix it with kubectl and run 'crashlab check'");
    return 0;
  }
  return diagnoseCommand(ctx, {});
}
