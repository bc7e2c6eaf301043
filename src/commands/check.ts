import { collectSnapshot } from '../cluster/index.js';
import { WaitTimeoutError } from '../errors.js';
import { gradingKinds } from '../runner/grading-kinds.js';
import { countdown, pollUntil } from '../runner/poll.js';
import { stabilityWaitSeconds } from '../grading/stable-since.js';
import { rolloutPending } from '../runner/settle.js';
import { scoreAttempt } from '../scoring.js';
import type { Snapshot } from '../snapshot.js';
import { currentAttempt, recordStep, updateAttempt } from '../state.js';
import { publishProgress } from '../workshop/publish.js';
import { note, say } from '../ui/io.js';
import { renderMarkdown } from '../ui/markdown.js';
import { createProgress } from '../ui/progress.js';
import { renderScore, renderVerdict } from '../ui/render.js';
import { recordCheck } from '../runner/record.js';
import { verdictSummary } from '../grading/verdict.js';
import { envSeconds, printJson, type CommandContext } from './context.js';
import { warnIfLate } from './time-limit.js';

/** How long check waits for a rollout before judging what is there. */
const DEFAULT_SETTLE_SECONDS = 120;

/**
 * `crashlab check`: waits for the learner's rollout to settle, watches the
 * workload for the scenario's stability window, and has the grader judge the
 * two snapshots. Exit 0 only when the fix passed.
 */
export async function checkCommand(ctx: CommandContext, options: { json?: boolean }): Promise<number> {
  const { io } = ctx;
  const attempt = currentAttempt(io.env);
  const scenario = ctx.catalog.get(attempt.scenarioId);
  const cluster = ctx.connect(attempt.context);
  const progress = createProgress(io);

  const settleKinds = { kinds: ['pods', 'deployments'] as const, logs: 'none' as const };
  let settled: Snapshot | undefined;
  try {
    ({ value: settled } = await pollUntil<Snapshot>({
      probe: () => collectSnapshot(cluster, attempt.namespace, settleKinds),
      done: (s) => rolloutPending(s).length === 0,
      describe: (s, elapsed) => `waiting for the rollout to settle: ${rolloutPending(s).join('; ')} (${elapsed}s)`,
      timeoutMessage: () => 'rollout did not settle',
      timeoutSeconds: envSeconds(io.env, 'CRASHLAB_SETTLE_SECONDS', DEFAULT_SETTLE_SECONDS),
      progress,
      signal: io.signal,
    }));
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    note(io, 'the rollout has not settled; judging the workload as it stands');
  }

  // the settled pods are the start of the window: restart counts are compared against them
  const first = settled ?? (await collectSnapshot(cluster, attempt.namespace, settleKinds));
  const stability = envSeconds(io.env, 'CRASHLAB_STABILITY_SECONDS', scenario.stabilitySeconds);
  const live = first.pods.filter((p) => !p.metadata?.deletionTimestamp);
  const wait = Math.ceil(stabilityWaitSeconds(live, stability, Date.parse(first.takenAt)));
  await countdown(wait, 'watching that the restarts stay frozen', progress, io.signal);
  const last = await collectSnapshot(cluster, attempt.namespace, { kinds: gradingKinds(attempt.baseline), logs: 'previous' });

  const input = {
    // the grader measures the window against the one actually watched
    scenario: { ...scenario, stabilitySeconds: stability },
    params: attempt.params,
    namespace: attempt.namespace,
    baseline: attempt.baseline,
    first,
    last,
  };
  const verdict = ctx.catalog.grader(scenario.id)(input);
  recordCheck(io.env, attempt.checks.length + 1, input, verdict);
  const updated = updateAttempt((a) => {
    a.checks.push({ at: last.takenAt, passed: verdict.passed, incomplete: verdict.incomplete, refused: verdict.refused.map((r) => r.id) });
    for (const r of verdict.refused) if (!a.refusedSeen.includes(r.id)) a.refusedSeen.push(r.id);
    recordStep(a, { kind: 'check', at: last.takenAt, passed: verdict.passed, incomplete: verdict.incomplete, summary: verdictSummary(verdict), refused: verdict.refused.map((r) => r.id) });
  }, io.env);
  warnIfLate(io, updated, 'check', new Date(last.takenAt));
  await publishProgress(io, cluster, updated);
  const score = scoreAttempt(updated);
  const debrief = verdict.passed ? ctx.catalog.debrief(scenario) : undefined;

  if (options.json) {
    printJson(io, { verdict, score, requests: cluster.requests, debrief });
  } else {
    for (const line of renderVerdict(verdict)) say(io, line);
    say(io);
    for (const line of renderScore(score)) say(io, line);
    if (debrief) {
      say(io);
      say(io, await renderMarkdown(debrief, io));
      say(io);
      say(io, "remove the namespace with 'crashlab cleanup' when you are done");
    }
  }
  return verdict.passed ? 0 : 1;
}
