import {
  emptyContainer,
  emptyPod,
  emptyRecord,
  fact,
  markSeen,
  type ContainerEvidence,
  type ContainerState,
  type EvidenceRecord,
  type PodEvidence,
  type ProbeEvidence,
  type ProbeKind,
  type Termination,
} from './evidence.js';
import { parseEventRows } from './parse-events.js';
import { indentOf, toInt } from './text.js';

const POD_KEYS = new Set([
  'Name', 'Namespace', 'Priority', 'Priority Class Name', 'Service Account', 'Node', 'Start Time', 'Labels',
  'Annotations', 'Status', 'Reason', 'Message', 'IP', 'IPs', 'Controlled By', 'NominatedNodeName',
  'Runtime Class Name', 'SeccompProfile',
]);
const SECTION_KEYS: Record<string, Section> = {
  'Init Containers': 'init',
  Containers: 'containers',
  'Ephemeral Containers': 'other',
  Conditions: 'conditions',
  Volumes: 'other',
  'QoS Class': 'other',
  'Node-Selectors': 'other',
  Tolerations: 'other',
  'Topology Spread Constraints': 'other',
  'Readiness Gates': 'other',
  Events: 'events',
};
const CONTAINER_KEYS = new Set([
  'Container ID', 'Image', 'Image ID', 'Port', 'Ports', 'Host Port', 'Host Ports', 'Command', 'Args', 'State',
  'Last State', 'Reason', 'Message', 'Exit Code', 'Signal', 'Started', 'Finished', 'Ready', 'Restart Count',
  'Limits', 'Requests', 'Liveness', 'Readiness', 'Startup', 'Environment', 'Environment Variables from', 'Mounts',
  'Devices', 'Restart Policy', 'Allocated Resources', 'Resources', 'Resize Policy', 'SeccompProfile',
]);
/** Keys that only ever describe a container, so seeing one outside a Containers section means a fragment. */
const CONTAINER_ONLY_KEYS = new Set(['Container ID', 'Image ID', 'State', 'Last State', 'Exit Code', 'Restart Count', 'Liveness', 'Readiness', 'Startup', 'Ports', 'Host Port', 'Host Ports']);
const WAITING_REASONS = /^(CrashLoopBackOff|ImagePullBackOff|ErrImagePull|CreateContainerConfigError|CreateContainerError|RunContainerError|ContainerCreating|PodInitializing|InvalidImageName|ErrImageNeverPull|ImageInspectError|RegistryUnavailable)$/;
/** Reasons a container reports, never a pod: a "Reason:" with one of these starts a container fragment. */
const CONTAINER_REASONS = /^(OOMKilled|Error|Completed|ContainerCannotRun|StartError|ContainerStatusUnknown|Signal|CrashLoopBackOff|ImagePullBackOff|ErrImagePull|ErrImageNeverPull|ImageInspectError|RegistryUnavailable|CreateContainerConfigError|CreateContainerError|RunContainerError|InvalidImageName)$/;
const STATE_KEYS = new Set(['Reason', 'Message', 'Exit Code', 'Signal', 'Started', 'Finished']);
const SPLITTABLE = /(?<!\bLast)\s+[/|,;]?\s*(?=(?:Last State|Restart Count|Exit Code|Reason|Signal|Started|Finished|Ready|State):)/g;

type Section = 'header' | 'init' | 'containers' | 'conditions' | 'other' | 'events';
type Block = 'none' | 'command' | 'env' | 'envFrom' | 'limits' | 'requests' | 'mounts' | 'list';
type StateTarget = { which: 'state' | 'lastState'; kind: ContainerState['kind']; quotes: string[]; term: Termination; waitingReason?: string; waitingMessage?: string; lastKey?: string };

/**
 * Reads `kubectl describe pod` text as people paste it: whole or in
 * fragments, with or without the header, with indentation kept, lost or
 * turned into tabs, and with several fields run together on one line.
 */
export function parseDescribe(lines: string[]): EvidenceRecord {
  const record = emptyRecord();
  const workload = workloadOf(lines);
  if (workload) {
    // a controller's describe holds a pod template, not a pod: reading it as one would invent a healthy pod
    const warnings = parseEventRows(lines.slice(lines.findIndex((l) => /^\s*Events:/.test(l)) + 1 || lines.length), 'describe').filter((e) => e.type === 'Warning');
    const said = warnings.length > 0 ? `; its controller reports: ${warnings.map((e) => `${e.reason}: ${e.message}`).slice(-2).join(' | ')}` : '';
    record.notes.push({
      kind: 'not-a-pod',
      message: `this is kubectl describe of a ${workload}, not of a pod${said}. explain reads pods: kubectl get pods -l <its selector>, then kubectl describe pod <name> and kubectl logs <name> --previous`,
    });
    return record;
  }
  const parser = new DescribeReader();
  for (const line of expandRunTogether(lines)) parser.read(line);
  parser.finish();
  record.pods.push(...parser.pods);
  return record;
}

/** Keys only the describe of a controller prints, and the kind they belong to. */
const WORKLOAD_KEYS: [RegExp, string][] = [
  [/^(?:StrategyType|RollingUpdateStrategy|NewReplicaSet|OldReplicaSets|MinReadySeconds):/, 'Deployment'],
  [/^Replicas:\s+\d+ desired \|/, 'Deployment'],
  [/^Replicas:\s+\d+ current \/ \d+ desired/, 'ReplicaSet'],
  [/^(?:Parallelism|Completions|Completion Mode|Pods Statuses):/, 'Job'],
  [/^(?:Schedule|Concurrency Policy|Last Schedule Time|Active Jobs):/, 'CronJob'],
  [/^(?:Desired Number of Nodes Scheduled|Number of Nodes Scheduled with Up-to-date Pods):/, 'DaemonSet'],
  [/^(?:Update Strategy|Partition|Volume Claims):/, 'StatefulSet'],
];

function workloadOf(lines: string[]): string | undefined {
  if (!lines.some((l) => /^Pod Template:/.test(l))) return undefined;
  for (const line of lines) {
    for (const [pattern, kind] of WORKLOAD_KEYS) if (pattern.test(line)) return kind;
  }
  return 'workload';
}

/** "Last State: Terminated  Reason: OOMKilled  Exit Code: 137" becomes three lines. */
function expandRunTogether(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const key = keyOf(line)?.key;
    if (key && key !== 'Message' && (CONTAINER_KEYS.has(key) || key === 'Status')) {
      const indent = ' '.repeat(indentOf(line));
      const parts = line.trim().split(SPLITTABLE);
      out.push(...parts.map((p) => indent + p.replace(/\s*[/|,;]\s*$/, '')));
    } else {
      out.push(line);
    }
  }
  return out;
}

function keyOf(line: string): { key: string; value: string } | undefined {
  const match = /^\s*([A-Za-z][\w .-]*?):(?:\s+(.*)|\s*)$/.exec(line);
  if (!match) return undefined;
  return { key: match[1]!.trim(), value: (match[2] ?? '').trim() };
}

class DescribeReader {
  pods: PodEvidence[] = [];
  private pod = emptyPod();
  private section: Section = 'header';
  private container?: ContainerEvidence;
  private block: Block = 'none';
  private state?: StateTarget;
  private podKey?: string;
  private eventLines: string[] = [];
  private containerIndent?: number;

  read(line: string): void {
    if (line.trim() === '') return;
    const kv = keyOf(line);
    if (kv && kv.key === 'Name' && indentOf(line) === 0 && this.section !== 'header') this.startPod();
    if (this.section === 'events' && !(kv && (SECTION_KEYS[kv.key] || POD_KEYS.has(kv.key)) && indentOf(line) === 0 && kv.key !== 'Events')) {
      this.eventLines.push(line);
      return;
    }
    if (this.section === 'events' && kv && POD_KEYS.has(kv.key)) this.section = 'header';
    if (kv && SECTION_KEYS[kv.key] !== undefined && (indentOf(line) === 0 || !this.inContainers())) {
      this.enterSection(SECTION_KEYS[kv.key]!, kv.value);
      return;
    }
    if (this.section === 'conditions') return this.readCondition(line);
    if (this.section === 'other') return;
    const containerFragment =
      kv && (CONTAINER_ONLY_KEYS.has(kv.key) || (kv.key === 'Reason' && CONTAINER_REASONS.test(kv.value)));
    if (containerFragment && !this.inContainers()) {
      this.section = 'containers';
    }
    if (this.inContainers() && kv && indentOf(line) === 0 && ['Status', 'Node', 'Namespace', 'Name', 'Controlled By'].includes(kv.key) && !this.state) {
      return this.readPodKey(kv.key, kv.value, line);
    }
    if (this.inContainers()) return this.readContainerLine(line, kv);
    if (kv && POD_KEYS.has(kv.key)) return this.readPodKey(kv.key, kv.value, line);
    if (this.podKey === 'Message' && this.pod.message && !kv) {
      this.pod.message.value += ` ${line.trim()}`;
    }
  }

  finish(): void {
    this.closeState();
    if (this.eventLines.length > 0) {
      this.pod.events.push(...parseEventRows(this.eventLines, 'describe'));
    }
    if (this.pod.seen.length > 0 || this.pod.containers.length > 0 || this.pod.events.length > 0 || this.pod.name) {
      this.pods.push(this.pod);
    }
  }

  private startPod(): void {
    this.finish();
    this.pod = emptyPod();
    this.section = 'header';
    this.container = undefined;
    this.block = 'none';
    this.state = undefined;
    this.eventLines = [];
    this.containerIndent = undefined;
  }

  private inContainers(): boolean {
    return this.section === 'init' || this.section === 'containers';
  }

  private enterSection(section: Section, value: string): void {
    this.closeState();
    this.section = section;
    this.container = undefined;
    this.block = 'none';
    if (section === 'events') markSeen(this.pod, 'events');
    if (section === 'events' && value && value !== '<none>') this.eventLines.push(value);
  }

  private readPodKey(key: string, value: string, line: string): void {
    this.podKey = key;
    switch (key) {
      case 'Name':
        this.pod.name = value;
        break;
      case 'Namespace':
        this.pod.namespace = value;
        break;
      case 'Node':
        if (value && value !== '<none>' && value.split('/')[0]) {
          this.pod.node = fact(value.split('/')[0]!, 'describe', line);
          markSeen(this.pod, 'node');
        }
        break;
      case 'Status':
        this.pod.phase = fact(value.split(/\s/)[0]!, 'describe', line);
        markSeen(this.pod, 'phase');
        break;
      case 'Reason':
        this.pod.reason = fact(value, 'describe', line);
        break;
      case 'Message':
        this.pod.message = fact(value, 'describe', line);
        break;
      case 'Controlled By':
        this.pod.ownerKind = value.split('/')[0];
        break;
    }
  }

  private readCondition(line: string): void {
    const match = /^\s*([A-Za-z]+)\s+(True|False|Unknown)\b\s*(.*)$/.exec(line);
    if (!match) return;
    const [, type, status, rest] = match;
    this.pod.conditions.push(fact({ type: type!, status: status!, reason: rest?.trim() || undefined }, 'describe', line));
  }

  private readContainerLine(line: string, kv: { key: string; value: string } | undefined): void {
    if (kv && kv.value === '' && this.isContainerName(line, kv.key)) {
      this.closeState();
      this.containerIndent = indentOf(line);
      this.container = this.findOrAddContainer(kv.key);
      this.block = 'none';
      return;
    }
    const container = this.container ?? (this.container = this.findOrAddContainer(''));
    if (!this.state && kv && (kv.key === 'Exit Code' || kv.key === 'Signal' || kv.key === 'Reason')) {
      this.openImplicitState(kv.key, kv.value, line);
    }
    if (this.state && kv && STATE_KEYS.has(kv.key)) {
      return this.readStateKey(kv.key, kv.value, line);
    }
    if (this.state && !kv && this.state.lastKey === 'Message') return this.appendStateMessage(line);
    if (this.state && kv && !CONTAINER_KEYS.has(kv.key) && this.state.lastKey === 'Message') return this.appendStateMessage(line);
    if (kv && CONTAINER_KEYS.has(kv.key)) {
      this.closeState();
      return this.readContainerKey(container, kv.key, kv.value, line);
    }
    this.readBlockLine(container, line, kv);
  }

  private isContainerName(line: string, key: string): boolean {
    if (CONTAINER_KEYS.has(key) || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(key)) return false;
    if (['cpu', 'memory', 'ephemeral-storage'].includes(key) || key.startsWith('hugepages-')) return false;
    const indent = indentOf(line);
    if (this.containerIndent !== undefined) return indent === this.containerIndent;
    return indent <= 4 && (indent > 0 || this.block === 'none' || this.block === 'mounts');
  }

  private findOrAddContainer(name: string): ContainerEvidence {
    const isInit = this.section === 'init';
    const existing = this.pod.containers.find((c) => c.name === name && c.isInit === isInit);
    if (existing) return existing;
    const container = emptyContainer(name, isInit);
    this.pod.containers.push(container);
    return container;
  }

  private readContainerKey(container: ContainerEvidence, key: string, value: string, line: string): void {
    this.block = 'none';
    switch (key) {
      case 'Image':
        container.image = value;
        break;
      case 'Port':
      case 'Ports':
        for (const m of value.matchAll(/(\d+)\/(?:TCP|UDP|SCTP)(?:\s*\(([^)]+)\))?/g)) {
          if (m[1] !== '0') container.ports.push(fact({ port: Number(m[1]), name: m[2] }, 'describe', line));
        }
        break;
      case 'Command':
      case 'Args':
        this.block = 'command';
        if (value) (container.command ??= []).push(value);
        break;
      case 'State':
      case 'Last State':
        this.openState(key === 'State' ? 'state' : 'lastState', value, line);
        break;
      case 'Ready':
        container.ready = /^true$/i.test(value);
        break;
      case 'Restart Count': {
        const count = toInt(value);
        if (count !== undefined) container.restartCount = fact(count, 'describe', line);
        markSeen(this.pod, 'containerStatus');
        break;
      }
      case 'Limits':
        this.block = 'limits';
        break;
      case 'Requests':
        this.block = 'requests';
        break;
      case 'Liveness':
      case 'Readiness':
      case 'Startup': {
        const probe = parseProbe(key.toLowerCase() as ProbeKind, value);
        if (probe) container.probes.push(fact(probe, 'describe', line));
        markSeen(this.pod, 'spec');
        break;
      }
      case 'Environment':
        this.block = value === '<none>' ? 'none' : 'env';
        markSeen(this.pod, 'spec');
        break;
      case 'Environment Variables from':
        this.block = 'envFrom';
        break;
      case 'Mounts':
        this.block = 'mounts';
        break;
      default:
        this.block = 'list';
    }
  }

  private readBlockLine(container: ContainerEvidence, line: string, kv: { key: string; value: string } | undefined): void {
    const text = line.trim();
    switch (this.block) {
      case 'command':
        (container.command ??= []).push(text);
        break;
      case 'limits':
        if (kv) container.limits[kv.key] = kv.value;
        break;
      case 'env': {
        const env = /^([A-Za-z_][\w.-]*):\s*(.*)$/.exec(text);
        if (!env) break;
        container.envNames.push(env[1]!);
        const ref = /<set to the key '[^']*' (in secret|of config map) '([^']+)'>/.exec(env[2] ?? '');
        if (ref) addRef(container, `${ref[1] === 'in secret' ? 'secret' : 'configmap'}/${ref[2]}`);
        break;
      }
      case 'envFrom': {
        const from = /^(\S+)\s+(Secret|ConfigMap)\b/.exec(text);
        if (from) addRef(container, `${from[2] === 'Secret' ? 'secret' : 'configmap'}/${from[1]}`);
        break;
      }
    }
  }

  private openState(which: 'state' | 'lastState', value: string, line: string): void {
    const kind = /^waiting/i.test(value) ? 'waiting' : /^running/i.test(value) ? 'running' : /^terminated/i.test(value) ? 'terminated' : undefined;
    if (!kind) return;
    this.state = { which, kind, quotes: [line], term: {} };
    markSeen(this.pod, 'containerStatus');
  }

  /** A fragment that starts at "Reason:" or "Exit Code:" speaks of a termination unless it names a waiting reason. */
  private openImplicitState(key: string, value: string, line: string): void {
    const waiting = key === 'Reason' && WAITING_REASONS.test(value);
    this.state = waiting
      ? { which: 'state', kind: 'waiting', quotes: [], term: {} }
      : { which: 'lastState', kind: 'terminated', quotes: [], term: {} };
    markSeen(this.pod, 'containerStatus');
    void line;
  }

  private readStateKey(key: string, value: string, line: string): void {
    const state = this.state!;
    state.lastKey = key;
    state.quotes.push(line);
    switch (key) {
      case 'Reason':
        if (state.kind === 'waiting') state.waitingReason = value;
        else state.term.reason = value;
        break;
      case 'Message':
        if (state.kind === 'waiting') state.waitingMessage = value;
        else state.term.message = value;
        break;
      case 'Exit Code':
        state.term.exitCode = toInt(value);
        break;
      case 'Signal':
        state.term.signal = toInt(value);
        break;
      case 'Started':
        state.term.startedAt = value;
        break;
      case 'Finished':
        state.term.finishedAt = value;
        break;
    }
  }

  private appendStateMessage(line: string): void {
    const state = this.state!;
    state.quotes.push(line);
    if (state.kind === 'waiting') state.waitingMessage = `${state.waitingMessage ?? ''}\n${line.trim()}`;
    else state.term.message = `${state.term.message ?? ''}\n${line.trim()}`;
  }

  private closeState(): void {
    const state = this.state;
    const container = this.container;
    this.state = undefined;
    if (!state || !container) return;
    const quotes = state.quotes.filter((q) => !/^\s*(Started|Finished):/.test(q));
    if (state.which === 'lastState') {
      if (state.kind === 'terminated') container.lastState = fact(state.term, 'describe', ...quotes);
      return;
    }
    const value: ContainerState =
      state.kind === 'waiting'
        ? { kind: 'waiting', reason: state.waitingReason, message: state.waitingMessage }
        : state.kind === 'running'
          ? { kind: 'running', startedAt: state.term.startedAt }
          : { kind: 'terminated', ...state.term };
    container.state = fact(value, 'describe', ...quotes);
  }
}

function addRef(container: ContainerEvidence, ref: string): void {
  if (!container.configRefs.includes(ref)) container.configRefs.push(ref);
}

/** Reads describe's probe summary, e.g. "http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3". */
export function parseProbe(kind: ProbeKind, text: string): ProbeEvidence | undefined {
  if (!text) return undefined;
  const handler = /^http-get/.test(text) ? 'http' : /^tcp-socket/.test(text) ? 'tcp' : /^exec/.test(text) ? 'exec' : /^grpc/.test(text) ? 'grpc' : 'unknown';
  const target = /^(?:http-get\s+https?:\/\/[^:/\s]*:([\w-]+)(\/\S*)?|tcp-socket\s+[^:\s]*:([\w-]+)|grpc\s+\S*:(\d+))/.exec(text);
  const portText = target?.[1] ?? target?.[3] ?? target?.[4];
  const seconds = (name: string) => toInt(new RegExp(`\\b${name}=(\\d+)`).exec(text)?.[1]);
  return {
    kind,
    handler,
    port: portText === undefined ? undefined : /^\d+$/.test(portText) ? Number(portText) : portText,
    path: target?.[2],
    initialDelaySeconds: seconds('delay'),
    timeoutSeconds: seconds('timeout'),
    periodSeconds: seconds('period'),
    failureThreshold: toInt(/#failure=(\d+)/.exec(text)?.[1]),
  };
}
