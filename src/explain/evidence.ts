/**
 * The normalised evidence record every parser produces and the engine reads.
 * Each fact keeps the line(s) it was read from, so a verdict can quote them,
 * and each pod lists which kinds of fields were actually seen, so the engine
 * can tell "absent" from "not shown".
 */

/** Where a quoted line came from. */
export type SourceKind = 'pod' | 'describe' | 'events' | 'logs' | 'get-pods';

export interface Quote {
  source: SourceKind;
  text: string;
}

export interface Fact<T> {
  value: T;
  quotes: Quote[];
}

export interface Termination {
  reason?: string;
  exitCode?: number;
  signal?: number;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

export type ContainerState =
  | { kind: 'waiting'; reason?: string; message?: string }
  | { kind: 'running'; startedAt?: string }
  | ({ kind: 'terminated' } & Termination);

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeEvidence {
  kind: ProbeKind;
  handler: 'http' | 'tcp' | 'exec' | 'grpc' | 'unknown';
  /** a number, or a port name to resolve against the container's ports */
  port?: number | string;
  path?: string;
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface PortEvidence {
  port: number;
  name?: string;
}

export interface ContainerEvidence {
  name: string;
  isInit: boolean;
  image?: string;
  command?: string[];
  ready?: boolean;
  restartCount?: Fact<number>;
  state?: Fact<ContainerState>;
  lastState?: Fact<Termination>;
  probes: Fact<ProbeEvidence>[];
  ports: Fact<PortEvidence>[];
  envNames: string[];
  /** Secrets and ConfigMaps the container refers to, as `secret/name` or `configmap/name` */
  configRefs: string[];
  limits: Record<string, string>;
}

export interface EventEvidence {
  type?: string;
  reason: string;
  message: string;
  count?: number;
  objectKind?: string;
  objectName?: string;
  fieldPath?: string;
  /** container named by the field path (spec.containers{app}) or the message */
  container?: string;
  quote: Quote;
}

export interface LogEvidence {
  container?: string;
  /** true for `logs --previous`, false for the current instance, undefined when unknown */
  previous?: boolean;
  lines: string[];
}

export interface ConditionEvidence {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** What kinds of evidence a pod record actually holds. */
export type SeenField =
  | 'spec'
  | 'containerStatus'
  | 'phase'
  | 'events'
  | 'logs'
  | 'statusColumn'
  | 'node';

export interface PodEvidence {
  /** empty when the source did not name the pod */
  name: string;
  namespace?: string;
  node?: Fact<string>;
  phase?: Fact<string>;
  reason?: Fact<string>;
  message?: Fact<string>;
  /** STATUS column values from `kubectl get pods`, oldest first (watch lines give several) */
  statusColumn: Fact<string>[];
  /** RESTARTS column from `kubectl get pods`, the latest seen */
  restartsColumn?: number;
  /** READY column from `kubectl get pods`, e.g. "0/2" */
  readyColumn?: string;
  restartPolicy?: string;
  ownerKind?: string;
  conditions: Fact<ConditionEvidence>[];
  containers: ContainerEvidence[];
  events: EventEvidence[];
  logs: LogEvidence[];
  serviceTargetPorts: Fact<number | string>[];
  seen: SeenField[];
}

/** Something the input held that is not a pod, said plainly (a Deployment, junk, nothing). */
export interface InputNote {
  kind: 'not-a-pod' | 'empty' | 'binary' | 'unrecognised' | 'truncated';
  message: string;
}

export interface EvidenceRecord {
  pods: PodEvidence[];
  notes: InputNote[];
}

export function emptyPod(name = ''): PodEvidence {
  return {
    name,
    statusColumn: [],
    conditions: [],
    containers: [],
    events: [],
    logs: [],
    serviceTargetPorts: [],
    seen: [],
  };
}

export function emptyContainer(name: string, isInit: boolean): ContainerEvidence {
  return { name, isInit, probes: [], ports: [], envNames: [], configRefs: [], limits: {} };
}

export function emptyRecord(): EvidenceRecord {
  return { pods: [], notes: [] };
}

export function fact<T>(value: T, source: SourceKind, ...texts: string[]): Fact<T> {
  return { value, quotes: texts.filter((t) => t.trim() !== '').map((text) => ({ source, text: text.trim() })) };
}

export function markSeen(pod: PodEvidence, ...fields: SeenField[]): void {
  for (const field of fields) if (!pod.seen.includes(field)) pod.seen.push(field);
}

export function hasSeen(pod: PodEvidence, field: SeenField): boolean {
  return pod.seen.includes(field);
}
