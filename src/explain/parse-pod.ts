import { parseAllDocuments } from 'yaml';
import type { Container, ContainerStatus, KubeEvent, Pod } from '../kube/wire.js';
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
import { eventToEvidence } from './parse-events.js';

type Json = Record<string, unknown>;

/**
 * Reads `kubectl get pod -o json|yaml` output: one pod, a List of pods, a
 * multi-document YAML stream, or just a pod's `status:` section. Events in a
 * List are read as events; any other kind of object becomes a note, not a guess.
 * Returns undefined when the text is not JSON or YAML objects at all.
 */
export function parsePodObjects(text: string): EvidenceRecord | undefined {
  const objects = parseObjects(text)?.filter(isKubeLike);
  if (!objects || objects.length === 0) return undefined;
  return addAll(objects);
}

/** Container statuses printed on their own (`-o jsonpath='{.status.containerStatuses}'`) make one pod together. */
function addAll(objects: Json[]): EvidenceRecord {
  const record = emptyRecord();
  const statuses = objects.filter(looksLikeContainerStatus);
  if (statuses.length > 0) record.pods.push(podToEvidence({ status: { containerStatuses: statuses } } as Pod));
  for (const object of objects) if (!looksLikeContainerStatus(object)) addObject(record, object);
  return record;
}

/** Reads JSON only, and only when it parses as is: the fast path for saved API objects. */
export function parseJsonObjects(text: string): EvidenceRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const objects = (Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : []).filter(isKubeLike);
  if (objects.length === 0) return undefined;
  return addAll(objects);
}

function parseObjects(text: string): Json[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      return Array.isArray(value) ? value.filter(isObject) : isObject(value) ? [value] : undefined;
    } catch {
      // fall through: YAML is a superset of JSON and tolerates trailing junk less strictly
    }
  }
  // the YAML parser reports every stray line as an error object; their stack traces cost more than the parse
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const docs = parseAllDocuments(trimmed, { prettyErrors: false, uniqueKeys: false });
    if (!Array.isArray(docs)) return undefined;
    const values = docs.filter((d) => d.errors.length === 0).map((d) => d.toJS() as unknown);
    const objects = values.filter(isObject);
    return objects.length > 0 ? objects : undefined;
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** JSON log lines are objects too; only API objects (or a bare pod status) count here. */
function isKubeLike(object: Json): boolean {
  return ['kind', 'apiVersion', 'metadata', 'items'].some((k) => k in object) || looksLikePodStatus(object) || (isObject(object.status) && looksLikePodStatus(object.status)) || looksLikeContainerStatus(object);
}

function looksLikeContainerStatus(object: Json): boolean {
  return typeof object.name === 'string' && (isObject(object.state) || isObject(object.lastState)) && ('restartCount' in object || 'ready' in object || 'containerID' in object);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addObject(record: EvidenceRecord, object: Json): void {
  const kind = typeof object.kind === 'string' ? object.kind : undefined;
  if (Array.isArray(object.items)) {
    for (const item of object.items) if (isObject(item)) addObject(record, item);
    return;
  }
  if (kind === 'Pod' || (!kind && looksLikePod(object))) {
    record.pods.push(podToEvidence(object as Pod));
    return;
  }
  if (kind === 'Event') {
    const event = eventToEvidence(object as KubeEvent, 'pod');
    const pod = emptyPod(event.objectKind === 'Pod' ? (event.objectName ?? '') : '');
    pod.events.push(event);
    markSeen(pod, 'events');
    record.pods.push(pod);
    return;
  }
  if (!kind && isObject(object.status) && looksLikePodStatus(object.status)) {
    record.pods.push(podToEvidence({ status: object.status } as Pod));
    return;
  }
  if (!kind && looksLikePodStatus(object)) {
    record.pods.push(podToEvidence({ status: object } as Pod));
    return;
  }
  const name = isObject(object.metadata) && typeof object.metadata.name === 'string' ? ` "${object.metadata.name}"` : '';
  record.notes.push({
    kind: 'not-a-pod',
    message: kind
      ? `found a ${kind}${name}, not a pod: explain reads a pod's status, so pass one of its pods (kubectl get pods -l <selector>, then kubectl get pod <name> -o yaml)`
      : 'found a YAML/JSON object that is not a pod',
  });
}

function looksLikePod(object: Json): boolean {
  return isObject(object.spec) && Array.isArray(object.spec.containers) && (isObject(object.status) || isObject(object.metadata));
}

function looksLikePodStatus(object: Json): boolean {
  return Array.isArray(object.containerStatuses) || Array.isArray(object.initContainerStatuses) || typeof object.phase === 'string';
}

/** Converts one pod in wire form into evidence. Used for files and for live snapshots alike. */
export function podToEvidence(pod: Pod): PodEvidence {
  const evidence = emptyPod(pod.metadata?.name ?? '');
  evidence.namespace = pod.metadata?.namespace;
  evidence.ownerKind = pod.metadata?.ownerReferences?.[0]?.kind;
  const spec = pod.spec;
  const status = pod.status;
  if (spec) {
    markSeen(evidence, 'spec');
    evidence.restartPolicy = spec.restartPolicy;
    if (spec.nodeName) {
      evidence.node = fact(spec.nodeName, 'pod', `nodeName: ${spec.nodeName}`);
      markSeen(evidence, 'node');
    }
    for (const c of spec.initContainers ?? []) evidence.containers.push(containerFromSpec(c, true));
    for (const c of spec.containers ?? []) evidence.containers.push(containerFromSpec(c, false));
  }
  if (!status) return evidence;
  if (status.phase) {
    evidence.phase = fact(status.phase, 'pod', `phase: ${status.phase}`);
    markSeen(evidence, 'phase');
  }
  if (status.reason) evidence.reason = fact(status.reason, 'pod', `reason: ${status.reason}`);
  if (status.message) evidence.message = fact(status.message, 'pod', `message: ${status.message}`);
  for (const condition of status.conditions ?? []) {
    const line = `condition ${condition.type}=${condition.status}${condition.reason ? ` reason: ${condition.reason}` : ''}${condition.message ? ` message: ${condition.message}` : ''}`;
    evidence.conditions.push(
      fact({ type: condition.type, status: condition.status, reason: condition.reason, message: condition.message }, 'pod', line),
    );
  }
  const statuses: [ContainerStatus[] | undefined, boolean][] = [
    [status.initContainerStatuses, true],
    [status.containerStatuses, false],
  ];
  for (const [list, isInit] of statuses) {
    for (const cs of list ?? []) {
      markSeen(evidence, 'containerStatus');
      let container = evidence.containers.find((c) => c.name === cs.name && c.isInit === isInit);
      if (!container) {
        container = emptyContainer(cs.name, isInit);
        evidence.containers.push(container);
      }
      applyStatus(container, cs);
    }
  }
  return evidence;
}

function containerFromSpec(spec: Container, isInit: boolean): ContainerEvidence {
  const container = emptyContainer(spec.name, isInit);
  container.image = spec.image;
  if (spec.command || spec.args) container.command = [...(spec.command ?? []), ...(spec.args ?? [])];
  for (const port of spec.ports ?? []) {
    container.ports.push(fact({ port: port.containerPort, name: port.name }, 'pod', `containerPort: ${port.containerPort}${port.name ? ` (${port.name})` : ''}`));
  }
  const probes: [ProbeKind, Container['livenessProbe']][] = [
    ['liveness', spec.livenessProbe],
    ['readiness', spec.readinessProbe],
    ['startup', spec.startupProbe],
  ];
  for (const [kind, probe] of probes) {
    if (!probe) continue;
    const evidence: ProbeEvidence = {
      kind,
      handler: probe.httpGet ? 'http' : probe.tcpSocket ? 'tcp' : probe.exec ? 'exec' : probe.grpc ? 'grpc' : 'unknown',
      port: normalisePort(probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port),
      path: probe.httpGet?.path,
      initialDelaySeconds: probe.initialDelaySeconds,
      timeoutSeconds: probe.timeoutSeconds,
      periodSeconds: probe.periodSeconds,
      failureThreshold: probe.failureThreshold,
    };
    container.probes.push(fact(evidence, 'pod', `${kind}Probe: ${describeProbe(evidence)}`));
  }
  for (const env of spec.env ?? []) {
    container.envNames.push(env.name);
    const secret = env.valueFrom?.secretKeyRef?.name;
    const configMap = env.valueFrom?.configMapKeyRef?.name;
    if (secret) addRef(container, `secret/${secret}`);
    if (configMap) addRef(container, `configmap/${configMap}`);
  }
  for (const source of spec.envFrom ?? []) {
    if (source.secretRef?.name) addRef(container, `secret/${source.secretRef.name}`);
    if (source.configMapRef?.name) addRef(container, `configmap/${source.configMapRef.name}`);
  }
  for (const [key, value] of Object.entries(spec.resources?.limits ?? {})) container.limits[key] = String(value);
  return container;
}

function addRef(container: ContainerEvidence, ref: string): void {
  if (!container.configRefs.includes(ref)) container.configRefs.push(ref);
}

function normalisePort(port: unknown): number | string | undefined {
  if (typeof port === 'number') return port;
  if (typeof port === 'string') return /^\d+$/.test(port) ? Number(port) : port;
  return undefined;
}

export function describeProbe(probe: ProbeEvidence): string {
  const target =
    probe.handler === 'http'
      ? `http-get :${probe.port ?? '?'}${probe.path ?? ''}`
      : probe.handler === 'tcp'
        ? `tcp-socket :${probe.port ?? '?'}`
        : probe.handler;
  const timing = [
    probe.initialDelaySeconds !== undefined ? `delay=${probe.initialDelaySeconds}s` : '',
    probe.timeoutSeconds !== undefined ? `timeout=${probe.timeoutSeconds}s` : '',
    probe.periodSeconds !== undefined ? `period=${probe.periodSeconds}s` : '',
    probe.failureThreshold !== undefined ? `#failure=${probe.failureThreshold}` : '',
  ].filter(Boolean);
  return [target, ...timing].join(' ');
}

function applyStatus(container: ContainerEvidence, cs: ContainerStatus): void {
  container.image ??= cs.image;
  container.ready = cs.ready;
  container.restartCount = fact(cs.restartCount, 'pod', `${cs.name}: restartCount: ${cs.restartCount}`);
  const state = stateOf(cs.state);
  if (state) container.state = fact(state, 'pod', `${cs.name}: state: ${stateLine(state)}`);
  const last = cs.lastState?.terminated;
  if (last) {
    const termination = terminationOf(last);
    container.lastState = fact(termination, 'pod', `${cs.name}: lastState: ${stateLine({ kind: 'terminated', ...termination })}`);
  }
}

type WireState = ContainerStatus['state'];

function stateOf(state: WireState): ContainerState | undefined {
  if (!state) return undefined;
  if (state.waiting) return { kind: 'waiting', reason: state.waiting.reason, message: state.waiting.message };
  if (state.terminated) return { kind: 'terminated', ...terminationOf(state.terminated) };
  if (state.running) return { kind: 'running', startedAt: state.running.startedAt };
  return undefined;
}

function terminationOf(t: NonNullable<NonNullable<WireState>['terminated']>): Termination {
  return {
    reason: t.reason,
    exitCode: t.exitCode,
    signal: t.signal || undefined,
    message: t.message,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
  };
}

function stateLine(state: ContainerState): string {
  switch (state.kind) {
    case 'waiting':
      return `waiting reason=${state.reason ?? ''}${state.message ? ` message="${state.message}"` : ''}`;
    case 'running':
      return 'running';
    case 'terminated':
      return `terminated reason=${state.reason ?? ''} exitCode=${state.exitCode ?? '?'}${state.signal ? ` signal=${state.signal}` : ''}${state.message ? ` message="${state.message.trim().split('\n').slice(-3).join(' | ')}"` : ''}`;
  }
}
