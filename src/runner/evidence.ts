import type { ContainerStatus, KubeEvent, Pod } from '../kube/wire.js';
import type { JudgedAnswer } from '../state.js';
import { resolveSignature } from '../scenario/signature.js';
import type { EvidenceKind, Params, Scenario } from '../scenario/types.js';
import type { Snapshot } from '../snapshot.js';

/** One fact read from the live cluster that a learner could cite. */
export interface LiveFact {
  kind: EvidenceKind;
  /** how the fact reads, as offered in the interactive prompt */
  text: string;
  /** a free-text answer cites this fact when it contains all of these (case-insensitive) */
  required: string[];
  /** ...and at least `minOptional` of these */
  optional: string[];
  minOptional: number;
  /** true: real, but not the fact that decides this scenario */
  weak?: boolean;
}

/** Reasons every crash loop shows; citing them tells no cause from another. */
const GENERIC_EVENT_REASONS = new Set(['BackOff', 'Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing', 'SuccessfulCreate', 'ScalingReplicaSet']);

/** The scenario's failing container for this attempt, as 'name' or 'init:name'. */
export function failingContainer(scenario: Scenario, params: Params): string {
  const resolved = resolveSignature(scenario.signature, params);
  return `${resolved.init ? 'init:' : ''}${resolved.container}`;
}

/** Splits 'init:migrate' into the init-container flag and the name. */
export function parseContainerRef(ref: string): { init: boolean; name: string } {
  return ref.startsWith('init:') ? { init: true, name: ref.slice(5) } : { init: false, name: ref };
}

function statusesOf(pod: Pod, ref: string): ContainerStatus[] {
  const { init, name } = parseContainerRef(ref);
  const list = init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses;
  return (list ?? []).filter((s) => s.name === name);
}

function messageWords(message: string): string[] {
  const words = message.match(/[A-Za-z][A-Za-z-]{3,}/g) ?? [];
  return [...new Set(words.map((w) => w.toLowerCase()))];
}

function eventFact(event: KubeEvent): LiveFact {
  const reason = event.reason ?? '';
  const message = (event.message ?? '').trim();
  const words = messageWords(message);
  return {
    kind: 'event',
    text: `Event ${reason}: ${message}`,
    required: [reason],
    optional: words,
    minOptional: Math.min(words.length, Math.max(1, Math.ceil(words.length / 2))),
  };
}

function logLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length >= 6);
}

/**
 * The facts the live snapshot offers about the scenario's failing container:
 * its last termination, its waiting reason, the telling events on its pods
 * and the lines its crashed instance logged. Pure; the caller reads the cluster.
 */
export function liveFacts(snapshot: Snapshot, containerRef: string): LiveFact[] {
  const facts: LiveFact[] = [];
  const seen = new Set<string>();
  const add = (fact: LiveFact) => {
    if (seen.has(fact.text)) return;
    seen.add(fact.text);
    facts.push(fact);
  };
  const podNames = new Set<string>();
  for (const pod of snapshot.pods) {
    const podName = pod.metadata?.name ?? '';
    podNames.add(podName);
    for (const status of statusesOf(pod, containerRef)) {
      const terminated = status.lastState?.terminated ?? status.state?.terminated;
      if (terminated?.reason !== undefined || terminated?.exitCode !== undefined) {
        const reason = terminated.reason ?? '';
        const code = String(terminated.exitCode);
        add({
          kind: 'last-state',
          text: `Last State: Terminated, Reason: ${reason || '(none)'}, Exit Code: ${code}`,
          required: [reason, code].filter(Boolean),
          optional: [],
          minOptional: 0,
        });
      }
      const waiting = status.state?.waiting?.reason;
      if (waiting) add({ kind: 'waiting-reason', text: `State: Waiting, Reason: ${waiting}`, required: [waiting], optional: [], minOptional: 0 });
      const log = snapshot.previousLogs[`${podName}/${status.name}`];
      for (const line of log ? logLines(log).slice(-3).reverse() : []) {
        add({ kind: 'previous-log', text: `Previous log: ${line}`, required: [line], optional: [], minOptional: 0 });
      }
    }
  }
  for (const event of snapshot.events) {
    if (event.involvedObject?.kind !== 'Pod' || !podNames.has(event.involvedObject.name ?? '')) continue;
    if (!event.reason || GENERIC_EVENT_REASONS.has(event.reason)) continue;
    add(eventFact(event));
  }
  return facts;
}

/**
 * When the signature names its event (say Unhealthy with "Liveness probe
 * failed"), only that event decides, and citing it means quoting that part:
 * a readiness failure carries the same reason and nearly the same words.
 */
function sharpenEvent(fact: LiveFact, scenario: Scenario, params: Params): LiveFact {
  const event = resolveSignature(scenario.signature, params).event;
  if (fact.kind !== 'event' || !event?.message) return fact;
  if (!fact.text.includes(event.message)) return { ...fact, weak: true };
  return { ...fact, required: [...fact.required, event.message] };
}

/** True when the free-text answer cites the fact. */
export function cites(answer: string, fact: LiveFact): boolean {
  const text = answer.toLowerCase();
  if (fact.kind === 'last-state') {
    const [reason, code] = [fact.required[0] ?? '', fact.required[1] ?? ''];
    const codeCited = code === '' || new RegExp(`(^|\\D)${code}(\\D|$)`).test(text);
    return text.includes(reason.toLowerCase()) && codeCited;
  }
  if (fact.kind === 'previous-log') {
    const line = (fact.required[0] ?? '').toLowerCase();
    const quoted = text.replace(/^previous log:\s*/, '').trim();
    // a fragment counts when it is long enough to be that line and not any line
    return text.includes(line) || (quoted.length >= Math.min(20, line.length) && line.includes(quoted));
  }
  if (!fact.required.every((r) => text.includes(r.toLowerCase()))) return false;
  return fact.optional.filter((w) => text.includes(w)).length >= fact.minOptional;
}

/**
 * Judges the learner's evidence against facts read from the cluster now. It
 * passes when some answer cites a live fact of a kind the scenario counts as
 * decisive; a true but non-decisive fact, or a claim the cluster does not
 * show, fails with a reason. No live facts at all is unmeasured.
 */
export function judgeEvidence(scenario: Scenario, params: Params, snapshot: Snapshot, answers: string[]): JudgedAnswer {
  const facts = liveFacts(snapshot, failingContainer(scenario, params)).map((fact) => sharpenEvent(fact, scenario, params));
  // in the scenario's order of preference, so the reason names the best one
  const decisive = scenario.evidence.flatMap((kind) => facts.filter((f) => f.kind === kind && !f.weak));
  if (decisive.length === 0) {
    return { outcome: 'unmeasured', reason: 'the cluster shows no decisive evidence right now (pods restarting or gone); answer again in a moment' };
  }
  if (answers.length === 0) return { outcome: 'fail', reason: `no evidence given; the decisive evidence was: ${decisive[0]!.text}` };
  const hit = decisive.find((fact) => answers.some((answer) => cites(answer, fact)));
  if (hit) return { outcome: 'pass', reason: `the live cluster shows it: ${hit.text}` };
  const trueButWeak = facts.find((fact) => answers.some((answer) => cites(answer, fact)));
  if (trueButWeak) {
    return {
      outcome: 'fail',
      reason: `true (${trueButWeak.text}) but it does not tell this cause from the others; decisive was: ${decisive[0]!.text}`,
    };
  }
  return { outcome: 'fail', reason: `the live cluster does not show that; decisive was: ${decisive[0]!.text}` };
}

/** Plausible-sounding but non-decisive observations offered beside the live facts. */
export function distractors(snapshot: Snapshot): string[] {
  const restarts = Math.max(0, ...snapshot.pods.flatMap((p) => (p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0)));
  return [
    'The STATUS column in kubectl get pods says CrashLoopBackOff',
    `The RESTARTS column keeps climbing (${restarts} so far)`,
    'The pod shows READY 0/1',
  ];
}
