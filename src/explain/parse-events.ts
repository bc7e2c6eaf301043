import type { KubeEvent } from '../kube/wire.js';
import { emptyPod, emptyRecord, markSeen, type EventEvidence, type EvidenceRecord, type SourceKind } from './evidence.js';
import { toInt } from './text.js';

const EVENT_TYPES = /\b(Normal|Warning)\s+([A-Za-z][\w-]*)\b/;
const AGE = /^(?:<unknown>|<invalid>|[\d.]+[smhdy](?:[\d.]+[smhd])*)(?:\s*\(x(\d+)\s+over\s+[^)]*\))?(?=\s|$)/;
const FIELD_PATH = /spec\.(initContainers|containers|ephemeralContainers)\{([^}]+)\}/;
const HEADER_WORDS = /LAST SEEN|FIRST SEEN|LASTSEEN|FIRSTSEEN|FirstSeen|LastSeen|SubObjectPath|[A-Z][A-Za-z]*/g;

/** A column of an events table header, with where it starts. */
interface Column {
  name: string;
  start: number;
}

/** The container an event is about, from its field path or its wording. */
export function containerOfEvent(message: string, fieldPath?: string): string | undefined {
  const fromPath = fieldPath ? FIELD_PATH.exec(fieldPath)?.[2] : undefined;
  if (fromPath) return fromPath;
  const patterns = [
    /restarting failed container[= ]"?([a-z0-9][-a-z0-9.]*)"?(?:\s+in pod|\s+pod=|$)/i,
    /^Container "?([a-z0-9][-a-z0-9.]*)"? failed (?:liveness|startup) probe/i,
    /^(?:Stopping|Started|Created|Killing) container "?([a-z0-9][-a-z0-9.]*)"?/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/** Converts an Event object (core/v1 or events.k8s.io/v1) into evidence. */
export function eventToEvidence(event: KubeEvent, source: SourceKind): EventEvidence {
  const loose = event as KubeEvent & {
    note?: string;
    regarding?: KubeEvent['involvedObject'];
    deprecatedCount?: number;
    series?: { count?: number };
  };
  const object = event.involvedObject ?? loose.regarding;
  const message = (event.message ?? loose.note ?? '').trim();
  const reason = event.reason ?? '';
  const count = event.count ?? loose.series?.count ?? loose.deprecatedCount;
  const fieldPath = object?.fieldPath;
  const objectRef = object?.kind && object.name ? `${object.kind.toLowerCase()}/${object.name}` : '';
  return {
    type: event.type,
    reason,
    message,
    count,
    objectKind: object?.kind,
    objectName: object?.name,
    fieldPath,
    container: containerOfEvent(message, fieldPath),
    quote: { source, text: [event.type, reason, objectRef, message].filter(Boolean).join('  ') },
  };
}

/**
 * Reads event rows from any of the table layouts kubectl has printed:
 * `describe`'s Events section (Type Reason Age From Message, and the older
 * FirstSeen/LastSeen/Count/From/SubObjectPath form) and `get events`
 * (plain, -o wide, --all-namespaces, and the older LASTSEEN/FIRSTSEEN form).
 * Rows are sliced by the header's columns when the spacing survived,
 * otherwise read token by token.
 */
export function parseEventRows(lines: string[], source: SourceKind): EventEvidence[] {
  const events: EventEvidence[] = [];
  let columns: Column[] | undefined;
  for (const line of lines) {
    if (line.trim() === '' || /^\s*-{3,}(\s+-{2,})*\s*$/.test(line)) continue;
    const header = readHeader(line);
    if (header) {
      columns = header;
      continue;
    }
    const event = (columns && sliceRow(line, columns, source)) ?? tokenRow(line, columns, source);
    if (event) events.push(event);
    else if (events.length > 0 && (/^\s{6,}\S/.test(line) || wrapsMessage(events[events.length - 1]!.message, line))) appendContinuation(events[events.length - 1]!, line);
  }
  return events;
}

/** How the kubelet's probe and runtime messages go on after a terminal cut them at the window edge. */
const MESSAGE_TAIL = /^\s*(?:dial tcp\b|connect: |(?:\d{1,3}\.){3}\d{1,3}:\d+: (?:connect|i\/o)|net\/http: |context deadline exceeded|read tcp\b|i\/o timeout|EOF\s*$|HTTP probe failed|statuscode: |(?:executable )?file not found in \$PATH|found in \$PATH|runtime (?:create|start) failed|unable to start container process|unknown\s*$)/;

/**
 * A line that carries on the message of the event above it: the message was
 * cut mid-phrase (it ends with a colon, a comma or "dial tcp"), or the line
 * is a tail only the kubelet prints.
 */
export function wrapsMessage(previousMessage: string, line: string): boolean {
  if (/^\s*(?:Normal|Warning)\s/.test(line)) return false;
  return /(?:[:,(]|\bdial tcp|\bexec)\s*$/.test(previousMessage) || MESSAGE_TAIL.test(line);
}

/** A long describe message wraps onto indented lines. */
function appendContinuation(event: EventEvidence, line: string): void {
  event.message = `${event.message} ${line.trim()}`;
  event.quote = { ...event.quote, text: `${event.quote.text} ${line.trim()}` };
}

/**
 * A header names at least a reason and a message column; the type column is
 * missing from kubectl before 1.3 and from `-o custom-columns` tables.
 */
export function readHeader(line: string): Column[] | undefined {
  const text = line.trimEnd();
  if (!/\bREASON\b|\bReason\b/.test(text) || !/\b(?:MESSAGE|Message|MSG)\b/.test(text)) return undefined;
  if (!/\bTYPE\b|\bType\b/.test(text) && !/^\s*[A-Z][A-Za-z_.]*(?:\s+[A-Z][A-Za-z_.]*)*\s*$/.test(text)) return undefined;
  const columns: Column[] = [];
  for (const match of text.matchAll(HEADER_WORDS)) {
    const name = match[0].toUpperCase().replace(/\s+/g, '');
    columns.push({ name: name === 'MSG' ? 'MESSAGE' : name, start: match.index });
  }
  return columns;
}

/** Reasons that only ever come with a Warning, for tables that print no type column. */
const WARNING_REASONS = /^(?:Failed\w*|BackOff|Unhealthy|Evicted|OOMKilling|SystemOOM|NodeNotReady|Preempted|Preempting|InvalidDiskCapacity|ErrImageNeverPull|InspectFailed|NetworkNotReady|NotTriggerScaleUp|ProbeWarning)$/;

function inferType(reason: string): string {
  return WARNING_REASONS.test(reason) ? 'Warning' : 'Normal';
}

/** kubectl before 1.3 printed reasons in lower camel case ("failedScheduling"); later ones capitalise them. */
function normaliseReason(reason: string): string {
  const known: Record<string, string> = { backoff: 'BackOff', oomkilling: 'OOMKilling', failedsync: 'FailedSync' };
  return known[reason.toLowerCase()] ?? reason.charAt(0).toUpperCase() + reason.slice(1);
}

function sliceRow(line: string, columns: Column[], source: SourceKind): EventEvidence | undefined {
  for (const column of columns) {
    if (column.start > 0 && column.start < line.length && line[column.start - 1] !== ' ') return undefined;
  }
  const cells = new Map<string, string>();
  columns.forEach((column, i) => {
    const end = columns[i + 1]?.start ?? line.length;
    cells.set(column.name, line.slice(column.start, end).trim());
  });
  const hasType = columns.some((c) => c.name === 'TYPE');
  const rawReason = cells.get('REASON');
  if (!rawReason || /\s/.test(rawReason) || !/^[A-Za-z][\w-]*$/.test(rawReason)) return undefined;
  const reason = normaliseReason(rawReason);
  const type = hasType ? cells.get('TYPE') : inferType(reason);
  if (!type || !/^(Normal|Warning)$/.test(type)) return undefined;
  const message = cells.get('MESSAGE') ?? '';
  const age = cells.get('AGE') ?? cells.get('LASTSEEN') ?? '';
  const countText = cells.get('COUNT') ?? /\(x(\d+)/.exec(age)?.[1];
  const object = cells.get('OBJECT');
  const kind = cells.get('KIND');
  const name = cells.get('NAME');
  const fieldPath = cells.get('SUBOBJECT') ?? cells.get('SUBOBJECTPATH') ?? FIELD_PATH.exec(line)?.[0];
  return build(line, source, type, reason, message, toInt(countText), objectOf(object, kind, name), fieldPath);
}

/**
 * Rows of kubectl before 1.3 have no type column; the event source in braces
 * ({kubelet node-1}, {scheduler }) comes just before the sub-object path and
 * the reason.
 */
const BRACED_SOURCE_ROW = /\{(?:kubelet|scheduler|default-scheduler|controllermanager|[\w-]+-controller)\b[^}]*\}\s+(?:(spec\.\S+|implicitly required container \S+)\s+)?([A-Za-z][A-Za-z]+)\s+(.*)$/;

function bracedRow(line: string, source: SourceKind): EventEvidence | undefined {
  const match = BRACED_SOURCE_ROW.exec(line);
  if (!match || match.index === undefined) return undefined;
  const reason = normaliseReason(match[2]!);
  const count = toInt(/\s(\d+)\s+\{/.exec(line)?.[1]);
  return build(line, source, inferType(reason), reason, match[3]!.trim(), count, {}, match[1]?.startsWith('spec.') ? match[1] : undefined);
}

function tokenRow(line: string, columns: Column[] | undefined, source: SourceKind): EventEvidence | undefined {
  const match = EVENT_TYPES.exec(line);
  if (!match || match.index === undefined) return bracedRow(line, source);
  const before = line.slice(0, match.index).trim();
  // Rows start with an age, a namespace or a count, never with prose.
  if (before.split(/\s+/).length > 6) return undefined;
  let rest = line.slice(match.index + match[0].length).trim();
  const between = columns ? columnsBetween(columns, 'REASON', 'MESSAGE') : guessBetween(rest);
  let count = toInt(/\(x(\d+)\s+over/.exec(line)?.[1]);
  let object: { kind?: string; name?: string } = {};
  for (const name of between) {
    if (name === 'AGE' || name === 'LASTSEEN' || name === 'FIRSTSEEN') {
      const age = AGE.exec(rest);
      if (age) {
        count ??= toInt(age[1]);
        rest = rest.slice(age[0].length).trim();
      }
    } else if (name === 'FROM' || name === 'SOURCE') {
      rest = rest.replace(/^(\{[^}]*\}|[\w.-]+,\s*[\w.-]+|[\w.-]+)\s*/, '');
    } else if (name === 'OBJECT') {
      const token = /^(\S+)\s*/.exec(rest);
      if (token?.[1]?.includes('/')) {
        object = objectOf(token[1], undefined, undefined);
        rest = rest.slice(token[0].length);
      }
    } else if (name === 'SUBOBJECT') {
      rest = rest.replace(/^spec\.\S+\s*/, '');
    }
  }
  if (columns?.some((c) => c.name === 'COUNT') && count === undefined) count = toInt(/\s(\d+)\s+\S+\s*$/.exec(rest)?.[1]);
  if (!object.name) object = objectFromPrefix(before, columns);
  return build(line, source, match[1]!, match[2]!, rest.trim(), count, object, FIELD_PATH.exec(line)?.[0]);
}

function columnsBetween(columns: Column[], from: string, to: string): string[] {
  const names = columns.map((c) => c.name);
  const start = names.indexOf(from);
  const end = names.indexOf(to);
  return start >= 0 && end > start ? names.slice(start + 1, end) : [];
}

/** Without a header, a row is describe-style when an age follows the reason, get-style when an object does. */
function guessBetween(rest: string): string[] {
  if (AGE.test(rest)) return ['AGE', 'FROM'];
  if (/^[a-z]+\/\S+\s/.test(rest)) return ['OBJECT'];
  return [];
}

function objectFromPrefix(before: string, columns: Column[] | undefined): { kind?: string; name?: string } {
  const podRef = /\bpod\/(\S+)/.exec(before);
  if (podRef) return { kind: 'Pod', name: podRef[1] };
  if (columns?.some((c) => c.name === 'KIND')) {
    const named = /(\S+)\s+Pod\b/.exec(before);
    if (named?.[1]) return { kind: 'Pod', name: stripEventSuffix(named[1]) };
  }
  return {};
}

function objectOf(object: string | undefined, kind: string | undefined, name: string | undefined): { kind?: string; name?: string } {
  if (object) {
    const [k, ...rest] = object.split('/');
    if (rest.length > 0 && k) return { kind: capitalise(k), name: rest.join('/') };
  }
  if (kind && name) return { kind, name: stripEventSuffix(name) };
  return {};
}

function stripEventSuffix(name: string): string {
  return name.replace(/\.[0-9a-f]{12,}$/, '');
}

function capitalise(kind: string): string {
  const known: Record<string, string> = { pod: 'Pod', node: 'Node', replicaset: 'ReplicaSet', deployment: 'Deployment', job: 'Job' };
  return known[kind.toLowerCase()] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}

function build(
  line: string,
  source: SourceKind,
  type: string,
  reason: string,
  message: string,
  count: number | undefined,
  object: { kind?: string; name?: string },
  fieldPath: string | undefined,
): EventEvidence {
  return {
    type,
    reason,
    message,
    count,
    objectKind: object.kind,
    objectName: object.name,
    fieldPath: fieldPath || undefined,
    container: containerOfEvent(message, fieldPath),
    quote: { source, text: line.trim().replace(/\s{2,}/g, '  ') },
  };
}

/** Reads an events table (`kubectl get events`, any layout) into per-pod evidence. */
export function parseEventsTable(lines: string[]): EvidenceRecord {
  const record = emptyRecord();
  for (const event of parseEventRows(lines, 'events')) {
    const podName = event.objectKind === 'Pod' ? (event.objectName ?? '') : '';
    let pod = record.pods.find((p) => p.name === podName);
    if (!pod) {
      pod = emptyPod(podName);
      record.pods.push(pod);
    }
    pod.events.push(event);
    markSeen(pod, 'events');
  }
  return record;
}
