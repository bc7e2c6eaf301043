import { CAUSE_IDS, CAUSES, type CauseId } from '../causes.js';
import { collectSnapshot } from '../cluster/index.js';
import { judgeCause, judgeRemedy, parseCause } from '../runner/diagnosis.js';
import { distractors, failingContainer, judgeEvidence, liveFacts } from '../runner/evidence.js';
import { mulberry32 } from '../scenario/params.js';
import { scoreAttempt } from '../scoring.js';
import { currentAttempt, recordStep, updateAttempt, type Diagnosis } from '../state.js';
import { publishProgress } from '../workshop/publish.js';
import { say } from '../ui/io.js';
import { renderJudged, renderScore } from '../ui/render.js';
import { printJson, type CommandContext } from './context.js';
import { warnIfLate } from './time-limit.js';

export interface DiagnoseOptions {
  cause?: string;
  evidence?: string[];
  remedy?: string;
  json?: boolean;
  /** false for `answer`: never prompt, judge what the flags gave */
  ask?: boolean;
}

/** The same order for the same attempt, a different one for the next. */
function shuffled<T>(items: T[], seed: number): T[] {
  const next = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function report(ctx: CommandContext, diagnosis: Diagnosis, json: boolean | undefined, repeated: boolean): number {
  const attempt = currentAttempt(ctx.io.env);
  const score = scoreAttempt(attempt);
  const { judged } = diagnosis;
  const allPass = [judged.cause, judged.evidence, judged.remedy].every((j) => j.outcome === 'pass');
  if (json) {
    printJson(ctx.io, { diagnosis, alreadyAnswered: repeated, score });
    return allPass ? 0 : 1;
  }
  if (repeated) say(ctx.io, `already answered at ${diagnosis.answeredAt}; the first answer is the one scored:`);
  say(ctx.io, renderJudged('cause', judged.cause));
  say(ctx.io, renderJudged('evidence', judged.evidence));
  say(ctx.io, renderJudged('remedy', judged.remedy));
  say(ctx.io);
  for (const line of renderScore(score)) say(ctx.io, line);
  say(ctx.io);
  say(ctx.io, `now fix it in namespace ${attempt.namespace} with kubectl, then run 'crashlab check'`);
  return allPass ? 0 : 1;
}

/**
 * `crashlab diagnose` and `crashlab answer`: cause, decisive evidence and
 * remedy. Evidence is judged against what the cluster shows at this moment,
 * so it has to be read off the live pods, not remembered.
 */
export async function diagnoseCommand(ctx: CommandContext, options: DiagnoseOptions): Promise<number> {
  const { io, prompter } = ctx;
  const attempt = currentAttempt(io.env);
  if (attempt.diagnosis) return report(ctx, attempt.diagnosis, options.json, true);
  const scenario = ctx.catalog.get(attempt.scenarioId);
  const ask = options.ask !== false;

  const cause: CauseId = await prompter.select({
    message: 'What makes it crash?',
    flag: options.cause !== undefined ? parseCause(options.cause) : undefined,
    flagName: '--cause <id>',
    // shuffled per attempt, so the first option is never a standing hint
    choices: shuffled(CAUSE_IDS, attempt.seed + 2).map((id) => ({ value: id, name: CAUSES[id] })),
  });

  const cluster = ctx.connect(attempt.context);
  const snapshot = await collectSnapshot(cluster, attempt.namespace, { kinds: ['pods', 'events'], logs: 'previous' });

  let evidence = options.evidence ?? [];
  if (evidence.length === 0 && ask && prompter.interactive) {
    const facts = liveFacts(snapshot, failingContainer(scenario, attempt.params)).map((f) => f.text);
    const options = shuffled([...facts, ...distractors(snapshot)], attempt.seed);
    const picked = await prompter.select({
      message: 'Which observation decides it?',
      flagName: '--evidence <text>',
      choices: options.map((text) => ({ value: text, name: text })),
    });
    evidence = [picked];
  }

  let remedy = options.remedy;
  if (remedy === undefined && ask && prompter.interactive) {
    remedy = await prompter.select({
      message: 'What is the right remedy?',
      flagName: '--remedy <id>',
      choices: shuffled(scenario.remedies, attempt.seed + 1).map((r) => ({ value: r.id, name: r.text })),
    });
  }

  const judged = {
    cause: judgeCause(scenario, cause),
    evidence: judgeEvidence(scenario, attempt.params, snapshot, evidence),
    remedy: judgeRemedy(scenario, remedy),
  };
  const diagnosis: Diagnosis = { answeredAt: new Date().toISOString(), cause, evidence, remedy, judged };
  const recorded = judged.evidence.outcome !== 'unmeasured';
  warnIfLate(io, attempt, 'answer', new Date(diagnosis.answeredAt));
  const updated = updateAttempt((a) => {
    const outcomes = { cause: judged.cause.outcome, evidence: judged.evidence.outcome, remedy: judged.remedy.outcome };
    recordStep(a, { kind: 'answer', at: diagnosis.answeredAt, recorded, outcomes });
    if (recorded) a.diagnosis ??= diagnosis;
  }, io.env);
  await publishProgress(io, cluster, updated);
  if (!recorded) {
    if (options.json) printJson(io, { diagnosis, recorded: false });
    else {
      say(io, renderJudged('evidence', judged.evidence));
      say(io, 'nothing recorded; answer again once the pods show their state');
    }
    return 1;
  }
  return report(ctx, diagnosis, options.json, false);
}
