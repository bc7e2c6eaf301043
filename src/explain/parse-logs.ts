import { emptyContainer, emptyPod, emptyRecord, fact, markSeen, type EvidenceRecord, type LogEvidence, type PodEvidence } from './evidence.js';

/** kubectl's own complaints, which say something about the container but are not its output. */
const KUBECTL_NOISE = /^(?:Error from server|error: (?:container|a container name|the server|unable)|unable to retrieve container logs|Defaulted container|failed to try resolving symlinks|Unable to connect to the server)/;
const PREFIXED = /^\[pod\/([^/\]]+)\/([^\]]+)\]\s?(.*)$/;
/** `kubectl logs` refusing because the container never started says why: its waiting reason. */
const WAITING_TO_START = /container "([^"]+)" in pod "([^"]+)" is waiting to start:\s*(.+?)\s*$/;
const DEFAULTED = /^Defaulted container "([^"]+)" out of:/;
/** Dashboards and CLIs print a waiting container as "Reason: message"; only kubelet reasons count. */
const REASON_LINE = /^(ImagePullBackOff|ErrImagePull|InvalidImageName|ErrImageNeverPull|CreateContainerConfigError|CreateContainerError|RunContainerError): (.+)$/;

/**
 * Reads `kubectl logs` output (usually `--previous`). Lines written with
 * `--prefix` name their pod and container; otherwise the caller says which
 * container, when it knows. kubectl's own error lines are not log lines, but
 * those that name a container's waiting reason become its state.
 */
export function parseLogs(lines: string[], container?: string, previous?: boolean): EvidenceRecord {
  const record = emptyRecord();
  const groups = new Map<string, LogEvidence & { pod: string }>();
  let defaulted: string | undefined;
  for (const raw of lines) {
    const text = raw.trim();
    if (text === '') continue;
    if (GO_MAP_STATE.test(text)) {
      readGoMap(record, text, container);
      continue;
    }
    if (readDockerExit(record, text, container)) continue;
    if (KUBECTL_NOISE.test(text) || REASON_LINE.test(text)) {
      defaulted = DEFAULTED.exec(text)?.[1] ?? defaulted;
      readWaiting(record, text, container);
      continue;
    }
    const prefixed = PREFIXED.exec(raw);
    const pod = prefixed?.[1] ?? '';
    const name = prefixed?.[2] ?? container ?? defaulted;
    const key = `${pod}/${name ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { pod, container: name, previous, lines: [] };
      groups.set(key, group);
    }
    group.lines.push((prefixed?.[3] ?? raw).trimEnd());
  }
  for (const group of groups.values()) {
    const pod = podNamed(record, group.pod);
    pod.logs.push({ container: group.container, previous: group.previous, lines: group.lines });
    markSeen(pod, 'logs');
  }
  return record;
}

function readWaiting(record: EvidenceRecord, line: string, container: string | undefined): void {
  const waiting = WAITING_TO_START.exec(line);
  const reasonLine = REASON_LINE.exec(line);
  if (!waiting && !reasonLine) return;
  const reason = waiting ? waitingReason(waiting[3]!) : reasonLine![1]!;
  const pod = podNamed(record, waiting?.[2] ?? '');
  const name = waiting?.[1] ?? container ?? '';
  let target = pod.containers.find((c) => c.name === name);
  if (!target) {
    target = emptyContainer(name, false);
    pod.containers.push(target);
  }
  target.state ??= fact({ kind: 'waiting', reason, message: reasonLine?.[2] }, 'logs', line);
  markSeen(pod, 'containerStatus');
}

/**
 * Docker and Compose report a container's end in their own words, and a
 * restart policy as a state: "web_1 exited with code 0", "Exited (0) 5
 * seconds ago", "Restarting (0) 3 seconds ago". They are the runtime's record
 * of the exit, kept apart from what the app printed.
 */
const COMPOSE_EXIT = /^(?:\S+\s+\|\s+)?([\w.-]+?)(?:[_-]\d+)? exited with code (\d+)\b/;
const DOCKER_EXITED = /\b(Exited|Restarting) \((\d+)\) (?:\d+|an?|About an?) \w+ ago\b/;
// a `docker compose ps` row, whose columns are set apart by runs of spaces
const COMPOSE_RESTARTING = /^\s*([\w.-]+?)(?:[_-]\d+)?\s{2,}\S.*\s{2,}(Restarting)\s*$/;

/** The OpenShift web console prints a container's states as "Waiting (CrashLoopBackOff)" and "Terminated at <time> (Completed)". */
const CONSOLE_WAITING = /^Waiting \((CrashLoopBackOff|\w+Error|ImagePullBackOff|ErrImagePull)\)$/;
const CONSOLE_TERMINATED = /^Terminated at .{6,40}? \((Completed|Error|OOMKilled|ContainerCannotRun)\)$/;

function readConsoleState(record: EvidenceRecord, line: string, container: string | undefined): boolean {
  const waiting = CONSOLE_WAITING.exec(line);
  const terminated = waiting ? undefined : CONSOLE_TERMINATED.exec(line);
  if (!waiting && !terminated) return false;
  const target = containerIn(podNamed(record, ''), container ?? '');
  if (waiting) target.state ??= fact({ kind: 'waiting', reason: waiting[1] }, 'logs', line);
  else target.lastState ??= fact({ reason: terminated![1], exitCode: terminated![1] === 'Completed' ? 0 : undefined }, 'logs', line);
  markSeen(podNamed(record, ''), 'containerStatus');
  return true;
}

function containerIn(pod: PodEvidence, name: string) {
  let target = pod.containers.find((c) => c.name === name);
  if (!target) {
    target = emptyContainer(name, false);
    pod.containers.push(target);
  }
  return target;
}

function readDockerExit(record: EvidenceRecord, line: string, container: string | undefined): boolean {
  if (readConsoleState(record, line, container)) return true;
  const compose = COMPOSE_EXIT.exec(line);
  const docker = compose ? undefined : DOCKER_EXITED.exec(line);
  const restarting = compose || docker ? undefined : COMPOSE_RESTARTING.exec(line);
  if (!compose && !docker && !restarting) return false;
  const pod = podNamed(record, '');
  const target = containerIn(pod, container ?? '');
  const code = compose?.[2] ?? docker?.[2];
  if (code !== undefined) target.lastState ??= fact({ reason: undefined, exitCode: Number(code) }, 'logs', line);
  if (docker?.[1] === 'Restarting' || restarting) target.restartCount ??= fact(1, 'logs', line);
  markSeen(pod, 'containerStatus');
  return true;
}

/**
 * `-o go-template` and older `-o jsonpath` print a container state as a Go
 * map: "LastState: map[terminated:map[exitCode:137 reason:OOMKilled ...]]".
 */
const GO_MAP_STATE = /\bmap\[(?:terminated|waiting):map\[/;
const GO_MAP_KEY = /(\w+):((?:(?!\s\w+:|\]).)*)/g;

function readGoMap(record: EvidenceRecord, line: string, container: string | undefined): void {
  const pod = podNamed(record, '');
  const target = pod.containers.find((c) => c.name === (container ?? '')) ?? emptyContainer(container ?? '', false);
  if (!pod.containers.includes(target)) pod.containers.push(target);
  const last = /^(?:Last ?State|lastState)\b/i.test(line);
  for (const block of line.matchAll(/\b(terminated|waiting):map\[([^\]]*)\]/g)) {
    const fields = new Map([...block[2]!.matchAll(GO_MAP_KEY)].map((m) => [m[1]!, m[2]!.trim()]));
    if (block[1] === 'waiting') {
      target.state ??= fact({ kind: 'waiting', reason: fields.get('reason'), message: fields.get('message') }, 'logs', line);
      continue;
    }
    const exitCode = fields.has('exitCode') ? Number(fields.get('exitCode')) : undefined;
    const term = { reason: fields.get('reason'), exitCode, message: fields.get('message'), signal: fields.has('signal') ? Number(fields.get('signal')) : undefined };
    if (last) target.lastState ??= fact(term, 'logs', line);
    else target.state ??= fact({ kind: 'terminated', ...term }, 'logs', line);
  }
  markSeen(pod, 'containerStatus');
}

/** Older kubectl words the reason ("trying and failing to pull image"); newer ones print it as is. */
function waitingReason(text: string): string {
  if (/trying and failing to pull image|image can't be pulled|ImagePullBackOff|ErrImagePull/i.test(text)) return 'ImagePullBackOff';
  return text.split(/\s/)[0]!;
}

function podNamed(record: EvidenceRecord, name: string): PodEvidence {
  let pod = record.pods.find((p) => p.name === name);
  if (!pod) {
    pod = emptyPod(name);
    record.pods.push(pod);
  }
  return pod;
}
