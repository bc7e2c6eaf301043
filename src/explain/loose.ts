import { emptyContainer, emptyPod, emptyRecord, fact, markSeen, type ContainerEvidence, type EventEvidence, type EvidenceRecord, type PodEvidence, type Termination } from './evidence.js';
import { BAD_COMMAND, matchesAny } from './signals.js';
import { indentOf, toInt } from './text.js';

/**
 * The tolerant line reader: what the structured parsers could not place.
 * People paste single lines of kubectl output, scheduler and kubelet messages
 * copied out of a dashboard, kernel log lines, and fragments of a pod's YAML
 * whose indentation was lost on the way. Each line is read on its own against
 * the messages Kubernetes itself prints, and status keys are read in order of
 * appearance instead of by indentation. What is recognised leaves the log
 * lines, so the app's output is not read twice.
 */
export interface LooseReading {
  record: EvidenceRecord;
  /** the lines that were not recognised: still the app's own output */
  rest: string[];
}

interface MessageKind {
  reason: string;
  type: 'Warning' | 'Normal';
  pattern: RegExp;
}

/** Messages the scheduler, kubelet, runtime and kernel print, with the event reason they travel under. */
const MESSAGES: MessageKind[] = [
  {
    reason: 'FailedScheduling',
    type: 'Warning',
    pattern: /\b\d+\/\d+ nodes are available\b|\bNo nodes are available that match\b|\bfailed to fit in any node\b|\bfit failure on node\b|\bpod has unbound (?:immediate )?PersistentVolumeClaims\b|\bFailed for reason PodFitsResources\b|\bnode\(s\) (?:had untolerated taint|had taint|didn't match (?:Pod's )?node (?:affinity|selector))|Preemption is not helpful for scheduling/,
  },
  {
    reason: 'Failed',
    type: 'Warning',
    pattern: /\bFailed to pull image\b|\bBack-?off pulling image\b|\bErrImagePull\b|\bImagePullBackOff\b|\bimage pull failed for\b|\bpull access denied\b|\bmanifest unknown\b|\btrying and failing to pull image\b|\bTag \S+ not found\b/,
  },
  {
    reason: 'Evicted',
    type: 'Warning',
    pattern: /\bThe node was low on resource: |\bThe node had condition: \[(?:Memory|Disk|PID)Pressure\]/,
  },
  {
    reason: 'FailedMount',
    type: 'Warning',
    pattern: /\bMountVolume\.SetUp failed for volume "[^"]+" : (?:secrets?|configmaps?) "[^"]+" not found/,
  },
  {
    reason: 'Failed',
    type: 'Warning',
    pattern: /\bCreateContainerConfigError\b|\b(?:Error: )(?:secrets?|configmaps?) "[^"]+" not found|\bcouldn't find key \S+ in (?:Secret|ConfigMap)\b/,
  },
  { reason: 'Killing', type: 'Normal', pattern: /\bContainer \S+ failed (?:liveness|startup) probe, will be restarted/ },
  { reason: 'Unhealthy', type: 'Warning', pattern: /\b(?:Liveness|Readiness|Startup) probe (?:failed|errored)\b/ },
  { reason: 'OOMKilling', type: 'Warning', pattern: /\bMemory cgroup out of memory: Kill(?:ed)? process\b|\binvoked oom-killer\b|\boom_kill_process\b|"reason":\s*"OOMKilling"/ },
  { reason: 'Shutdown', type: 'Warning', pattern: /\bPod was terminated in response to (?:imminent )?node shutdown\b|\bNode is shutting, evicting pods\b/ },
];

/** A runtime's refusal to start a process, printed by the kubelet or the runtime, not by the app. */
const RUNTIME_REFUSAL = /\b(?:RunContainerError|StartError|ContainerCannotRun|OCI runtime (?:create|start) failed|starting container process caused|failed to start container|container_linux\.go:\d+|standard_init_linux\.go:\d+|Cannot start container)\b/;

/** kubectl's own refusals, which the logs parser turns into a container state. */
const KUBECTL_OWN = /is waiting to start:|^Defaulted container|^Error from server \(BadRequest\)/;

/** Reads one line as a Kubernetes message, or not. */
export function messageEvent(line: string): EventEvidence | undefined {
  const text = line.trim();
  if (text === '' || text.length > 4000 || KUBECTL_OWN.test(text)) return undefined;
  for (const kind of MESSAGES) {
    if (kind.pattern.test(text)) return synthetic(kind.reason, kind.type, text);
  }
  if (RUNTIME_REFUSAL.test(text) && matchesAny(text, BAD_COMMAND)) return synthetic('Failed', 'Warning', text);
  return undefined;
}

function synthetic(reason: string, type: 'Warning' | 'Normal', text: string): EventEvidence {
  const container = /\bContainer (\S+) failed (?:liveness|startup) probe/.exec(text)?.[1] ?? /spec\.containers\{([^}]+)\}/.exec(text)?.[1];
  return { type, reason, message: text, container, quote: { source: 'events', text } };
}

/** Keys of a container or pod status, as YAML (exitCode) or as describe prints them (Exit Code). */
const STATUS_KEY = /^\s*(?:[-*>]\s+)?(?:#\s*)?(?:[-{]\s*)?"?(lastState|last ?State|state|waiting|terminated|running|exit ?Code|reason|message|signal|phase|restart ?Count|container ?Statuses|init ?Container ?Statuses|conditions|type|status|name|ready)"?\s*:\s*(.*?)\s*$/i;
/** Keys whose presence says a fragment is a pod status, not prose that happens to have a colon. */
const TELLING = /^(laststate|terminated|waiting|exitcode|restartcount|containerstatuses|initcontainerstatuses|conditions)$/;
const KUBE_REASON = /^(OOMKilled|OOM ?Killed|Error|Completed|CrashLoopBackOff|ContainerCannotRun|StartError|RunContainerError|CreateContainerConfigError|CreateContainerError|ImagePullBackOff|ErrImagePull|Evicted|Unschedulable|Shutdown|Terminated|NodeShutdown|TerminationByKubelet|ContainersNotReady|DeadlineExceeded)$/;

type Mode = { target: 'state' | 'last'; kind?: 'waiting' | 'terminated' | 'running' };

interface Draft {
  container: ContainerEvidence;
  state?: { kind: 'waiting' | 'terminated' | 'running'; fields: Termination & { reason?: string; message?: string }; lines: string[] };
  last?: { fields: Termination; lines: string[] };
}

/**
 * Reads status keys in the order they come, whatever their indentation:
 * `lastState:` then `terminated:` then `exitCode: 137` belong together even
 * when the paste shifted every line. Folded (`>-`) and block (`|`) values are
 * joined. Returns undefined when the lines hold fewer than two telling keys.
 */
export function readStatusFragment(lines: string[]): { pod: PodEvidence; used: Set<number> } | undefined {
  const keyed = lines.map((line) => STATUS_KEY.exec(line));
  const telling = keyed.filter((m) => m && TELLING.test(norm(m[1]!))).length;
  const reasons = keyed.filter((m) => m && norm(m[1]!) === 'reason' && KUBE_REASON.test(unquote(m[2]!))).length;
  if (telling + reasons < 2) return undefined;

  const pod = emptyPod();
  const used = new Set<number>();
  const drafts: Draft[] = [];
  let draft: Draft | undefined;
  let mode: Mode | undefined;
  let isInit = false;
  let condition: { type: string; status?: string; reason?: string; message?: string; lines: string[] } | undefined;
  const conditions: NonNullable<typeof condition>[] = [];

  const current = (): Draft => {
    if (!draft) {
      draft = { container: emptyContainer('', isInit) };
      drafts.push(draft);
    }
    return draft;
  };

  let inConditions = false;
  for (let i = 0; i < lines.length; i++) {
    const match = keyed[i];
    // in a conditions list every "- " starts an item, whatever key it opens with
    if (inConditions && /^\s*-\s/.test(lines[i]!)) {
      condition = { type: '', lines: [] };
      conditions.push(condition);
    }
    // in a container list every "- key:" item is the next container
    else if (/^\s*(?:>\s*)?-\s+"?[\w]+"?\s*:/.test(lines[i]!)) {
      draft = undefined;
      mode = undefined;
    }
    if (!match) continue;
    const key = norm(match[1]!);
    let value = unquote(match[2]!);
    const line = lines[i]!;
    if (/^[>|][-+]?$/.test(value)) {
      // a folded or block scalar: the lines below that are not keys themselves
      const parts: string[] = [];
      const base = indentOf(line);
      while (i + 1 < lines.length && !keyed[i + 1] && lines[i + 1]!.trim() !== '' && indentOf(lines[i + 1]!) >= base) {
        parts.push(lines[++i]!.trim());
        used.add(i);
      }
      value = parts.join(value.startsWith('|') ? '\n' : ' ');
    }
    used.add(i);

    if (key === 'containerstatuses' || key === 'initcontainerstatuses') {
      isInit = key === 'initcontainerstatuses';
      draft = undefined;
      mode = undefined;
      condition = undefined;
      continue;
    }
    if (key === 'conditions') {
      mode = undefined;
      inConditions = true;
      continue;
    }
    if (inConditions && condition && (key === 'type' || key === 'status' || key === 'reason' || key === 'message')) {
      condition[key] = value;
      condition.lines.push(line.trim());
      continue;
    }
    inConditions = false;
    condition = undefined;
    switch (key) {
      case 'name':
        // kubectl sorts keys, so a container's name sits between its lastState and its state
        if (value !== '' && draft?.container.name) {
          draft = { container: emptyContainer(value, isInit) };
          drafts.push(draft);
          mode = undefined;
        } else if (value !== '') current().container.name = value;
        break;
      case 'restartcount': {
        const n = toInt(value);
        if (n !== undefined) current().container.restartCount = fact(n, 'pod', line);
        break;
      }
      case 'ready':
        if (/^(true|false)$/i.test(value)) current().container.ready = value.toLowerCase() === 'true';
        break;
      case 'laststate':
      case 'state': {
        mode = { target: key === 'laststate' ? 'last' : 'state' };
        const kind = value.toLowerCase();
        if (kind === 'waiting' || kind === 'terminated' || kind === 'running') openKind(current(), mode, kind, line);
        break;
      }
      case 'waiting':
      case 'terminated':
      case 'running':
        mode = { target: mode?.target ?? 'state' };
        openKind(current(), mode, key, line);
        break;
      case 'phase':
        if (value) pod.phase = fact(value, 'pod', line);
        break;
      case 'exitcode':
      case 'signal':
      case 'reason':
      case 'message': {
        const fields = mode?.kind ? fieldsOf(current(), mode) : undefined;
        if (!fields) {
          if (key === 'reason' && value) pod.reason = fact(value, 'pod', line);
          if (key === 'message' && value) pod.message = fact(value, 'pod', `message: ${value}`);
          break;
        }
        if (key === 'exitcode' || key === 'signal') {
          const n = toInt(value);
          if (n !== undefined) fields.fields[key === 'exitcode' ? 'exitCode' : 'signal'] = n;
        } else if (value) fields.fields[key] = value;
        fields.lines.push(line.trim());
        break;
      }
    }
  }

  for (const d of drafts) {
    const c = d.container;
    if (d.state) {
      const { kind, fields, lines: quoted } = d.state;
      c.state = fact(kind === 'terminated' ? { kind, ...fields } : kind === 'waiting' ? { kind, reason: fields.reason, message: fields.message } : { kind }, 'pod', ...quoted);
    }
    if (d.last && (d.last.fields.exitCode !== undefined || d.last.fields.reason)) c.lastState = fact(d.last.fields, 'pod', ...d.last.lines);
    if (c.state || c.lastState || c.restartCount) {
      pod.containers.push(c);
      markSeen(pod, 'containerStatus');
    }
  }
  for (const c of conditions.filter((c) => c.type !== '')) {
    pod.conditions.push(fact({ type: c.type, status: c.status ?? '', reason: c.reason, message: c.message }, 'pod', ...c.lines));
  }
  if (pod.phase) markSeen(pod, 'phase');
  if (pod.containers.length === 0 && !pod.phase && !pod.reason && pod.conditions.length === 0) return undefined;
  return { pod, used };
}

function openKind(draft: Draft, mode: Mode, kind: 'waiting' | 'terminated' | 'running', line: string): void {
  mode.kind = kind;
  if (mode.target === 'last') draft.last ??= { fields: {}, lines: [line.trim()] };
  else draft.state ??= { kind, fields: {}, lines: [line.trim()] };
}

function fieldsOf(draft: Draft, mode: Mode): { fields: Termination; lines: string[] } | undefined {
  return mode.target === 'last' ? draft.last : draft.state;
}

function norm(key: string): string {
  return key.replace(/\s+/g, '').toLowerCase();
}

/** A value as YAML or JSON writes it: quotes, a trailing comma and an opening brace or bracket dropped. */
function unquote(value: string): string {
  return value.replace(/\s*,$/, '').replace(/^[{[]$/, '').replace(/^(['"])(.*)\1$/, '$2').trim();
}

/** An exit code said in words: docker ps, compose, supervisors and people all print it differently. */
const EXIT_TEXT = /\b(?:exit(?:ed|s|ing)? (?:with )?(?:status |code |exit code )?:?\s*|Exited \(|exit ?code[=:]\s*|exit status code:?\s*|was sent code |exited on signal )(\d{1,3})\b/i;

/** The last exit code a line states in words, as a termination without a structured record behind it. */
function exitFromText(lines: string[]): { exitCode: number; line: string } | undefined {
  let fromEnd = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.trim() !== '') fromEnd++;
    if (/\bmap\[/.test(line)) continue;
    const match = EXIT_TEXT.exec(line);
    if (!match) continue;
    const n = Number(match[1]);
    // "exited on signal 11" names the signal; the shell's convention adds 128
    const exitCode = /on signal/i.test(match[0]) ? 128 + n : n;
    // a success is only the end of the story when it is how the output ends
    if ((exitCode > 0 || fromEnd <= 3) && exitCode < 256) return { exitCode, line: line.trim() };
  }
  return undefined;
}

/** One member of a JSON object on a line of its own: `"lastState":{"terminated":{...}},` */
const JSON_MEMBER = /^\s*"(?:lastState|state|containerStatuses|initContainerStatuses|status|conditions)"\s*:\s*[{[].*[}\]]\s*,?\s*$/;

/** Writes a one-line JSON member out as indented key lines, which the status reader takes in order. */
function expandJsonMember(line: string): string[] {
  if (!JSON_MEMBER.test(line)) return [line];
  let value: unknown;
  try {
    value = JSON.parse(`{${line.trim().replace(/,$/, '')}}`);
  } catch {
    return [line];
  }
  const out: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    const pad = '  '.repeat(depth);
    if (Array.isArray(node)) {
      for (const item of node) {
        const first = out.length;
        walk(item, depth + 1);
        // a list item opens with "- " on its first key, as YAML writes it
        if (out.length > first) out[first] = `${pad}- ${out[first]!.trimStart()}`;
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (typeof child === 'object' && child !== null) {
          out.push(`${pad}${key}:`);
          walk(child, depth + 1);
        } else out.push(`${pad}${key}: ${String(child)}`);
      }
    }
  };
  walk(value, 0);
  return out;
}

/**
 * Reads the lines a structured parser left as log text: status fragments
 * first, then single Kubernetes messages. Returns what it found and the lines
 * it did not use, which stay the app's output.
 */
export function readLoose(input: string[], container?: string): LooseReading {
  const record = emptyRecord();
  const lines = input.some((l) => JSON_MEMBER.test(l)) ? input.flatMap(expandJsonMember) : input;
  const fragment = readStatusFragment(lines);
  let rest = fragment ? lines.filter((_, i) => !fragment.used.has(i)) : lines;
  const pod = fragment?.pod ?? emptyPod();
  const events: EventEvidence[] = [];
  rest = rest.filter((line) => {
    const event = messageEvent(line);
    if (!event) return true;
    if (container && !event.container) event.container = container;
    events.push(event);
    return false;
  });
  if (events.length > 0) {
    pod.events.push(...events);
    markSeen(pod, 'events');
  }
  const exit = pod.containers.some((c) => c.state || c.lastState) ? undefined : exitFromText(rest);
  if (exit) {
    const target = pod.containers[0] ?? emptyContainer(container ?? '', false);
    if (!pod.containers.includes(target)) pod.containers.push(target);
    target.lastState = fact({ exitCode: exit.exitCode }, 'logs', exit.line);
    markSeen(pod, 'containerStatus');
  }
  if (fragment || events.length > 0 || exit) record.pods.push(pod);
  return { record, rest };
}
