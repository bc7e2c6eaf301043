import { emptyRecord, type EvidenceRecord } from './evidence.js';
import { readLoose } from './loose.js';
import { mergeRecords } from './merge.js';
import { parseDescribe } from './parse-describe.js';
import { parseEventsTable } from './parse-events.js';
import { parseGetPods } from './parse-get-pods.js';
import { parseLogs } from './parse-logs.js';
import { parseJsonObjects, parsePodObjects } from './parse-pod.js';
import { segmentPaste, type Segment } from './paste.js';
import { cleanText, looksBinary, toLines } from './text.js';

/** What a piece of text is said to be; `paste` means "work it out". */
export type InputKind = 'pod' | 'describe' | 'events' | 'logs' | 'get' | 'paste';

/** One piece of offline evidence, e.g. the contents of `--describe FILE`. */
export interface ExplainInput {
  kind: InputKind;
  text: string;
  /** for logs: the container they came from, when known */
  container?: string;
  /** for logs: whether they are `--previous` logs */
  previous?: boolean;
  /** where the text came from, for messages */
  origin?: string;
}

/** Reads every input with its parser and merges the results into one evidence record. */
export function readInputs(inputs: ExplainInput[]): EvidenceRecord {
  return mergeRecords(inputs.map(readInput));
}

/**
 * The most text one input is read from. kubectl output that explains a crash
 * fits in far less; beyond this the head (describe, status) and the tail (the
 * last log lines) are what matter, and reading more only lets noise in.
 */
export const MAX_INPUT_CHARS = 2 * 1024 * 1024;

function readInput(input: ExplainInput): EvidenceRecord {
  const origin = input.origin ?? input.kind;
  if (looksBinary(input.text)) {
    return noted('binary', `${origin} is binary data, not kubectl output; paste the text of kubectl describe pod, kubectl get pod -o yaml or kubectl logs --previous`);
  }
  const capped = capInput(input.text);
  const record = readText({ ...input, text: capped.text }, origin);
  if (capped.cut) {
    record.notes.push({
      kind: 'truncated',
      message: `${origin} is ${megabytes(input.text.length)}; explain read only its first and last ${megabytes(MAX_INPUT_CHARS / 2)} (the middle was skipped)`,
    });
  }
  return record;
}

/** A JSON document is read whole by a real parser, so it may be larger; cutting it would only break it. */
export const MAX_JSON_CHARS = 64 * 1024 * 1024;

/** Keeps the head and the tail of an oversized input, cut at line breaks. */
export function capInput(text: string): { text: string; cut: boolean } {
  if (text.length <= MAX_INPUT_CHARS) return { text, cut: false };
  if (text.length <= MAX_JSON_CHARS && /^\s*[{[]/.test(text.slice(0, 1024)) && /[}\]]\s*$/.test(text.slice(-1024))) return { text, cut: false };
  const half = MAX_INPUT_CHARS / 2;
  const headEnd = text.lastIndexOf('\n', half);
  const tailStart = text.indexOf('\n', text.length - half);
  const head = text.slice(0, headEnd > 0 ? headEnd : half);
  const tail = text.slice(tailStart > 0 ? tailStart + 1 : text.length - half);
  return { text: `${head}\n${tail}`, cut: true };
}

function megabytes(chars: number): string {
  return `${(chars / (1024 * 1024)).toFixed(1)} MB`;
}

function readText(input: ExplainInput, origin: string): EvidenceRecord {
  // saved JSON (kubectl get pods -o json, a List of thousands) needs no cleaning: parse it as it is
  if (/^\s*[{[]/.test(input.text.slice(0, 64)) && input.kind !== 'logs') {
    const parsed = parseJsonObjects(input.text);
    if (parsed) return parsed;
  }
  const text = cleanText(input.text);
  if (text.trim() === '') return noted('empty', `${origin} is empty`);
  const lines = toLines(text);
  switch (input.kind) {
    case 'pod':
      return parsePodObjects(text) ?? readPaste(lines, origin);
    case 'describe':
      return parseDescribe(lines);
    case 'events':
      return parsePodObjects(text) ?? parseEventsTable(lines);
    case 'logs':
      return parseLogs(lines, input.container, input.previous ?? true);
    case 'get':
      return parseGetPods(lines);
    case 'paste':
      return readPaste(lines, origin);
  }
}

function readPaste(lines: string[], origin: string): EvidenceRecord {
  const joined = lines.join('\n');
  const whole = mayBeObjects(joined) ? parsePodObjects(joined) : undefined;
  if (whole) return whole;
  const records = segmentPaste(lines).map(readSegment);
  const merged = mergeRecords(records);
  if (merged.pods.length === 0 && merged.notes.length === 0) {
    merged.notes.push({ kind: 'unrecognised', message: `${origin} holds no kubectl output explain can read` });
  }
  return merged;
}

/**
 * Whether a whole paste could be one YAML or JSON document. A YAML parser
 * reads almost anything as a scalar, slowly, so text that opens with neither
 * JSON nor the top-level keys of an API object is left to the line readers.
 */
function mayBeObjects(text: string): boolean {
  const head = text.slice(0, 65536);
  return /^\s*(?:\{\s*(?:"|$)|\[\s*(?:[{"]|$))/.test(head) || /^[ \t]*(?:- )?(?:apiVersion|kind|metadata|items|status|spec|containerStatuses|initContainerStatuses|lastState|state|phase):/m.test(head);
}

function readSegment(segment: Segment): EvidenceRecord {
  const record = parseSegment(segment);
  if (segment.pod) for (const pod of record.pods) if (pod.name === '') pod.name = segment.pod;
  return record;
}

function parseSegment(segment: Segment): EvidenceRecord {
  switch (segment.kind) {
    case 'describe':
      return withLooseMessages(parseDescribe(segment.lines), segment.lines);
    case 'get-pods':
      return parseGetPods(segment.lines);
    case 'events':
      return parseEventsTable(segment.lines);
    case 'objects':
      return parsePodObjects(segment.lines.join('\n')) ?? readLogLines(segment.lines, segment.container, segment.previous);
    case 'logs':
      return readLogLines(segment.lines, segment.container, segment.previous);
    case 'ignore':
      return emptyRecord();
  }
}

/** Text no structured parser claimed: status fragments and Kubernetes messages first, the rest is the app's output. */
function readLogLines(lines: string[], container: string | undefined, previous: boolean | undefined): EvidenceRecord {
  const loose = readLoose(lines, container);
  if (loose.record.pods.length === 0) return parseLogs(lines, container, previous);
  // what kubectl's own lines say about a container (a Go-map state, a waiting reason) wins over words
  return mergeRecords([parseLogs(loose.rest, container, previous), loose.record]);
}

/**
 * A describe of something other than a pod (an Event, a Node) can still
 * carry the message that matters; when the describe parser found no state
 * and no events, the lines are read one by one.
 */
function withLooseMessages(record: EvidenceRecord, lines: string[]): EvidenceRecord {
  const known = record.pods.some((p) => p.events.length > 0 || p.containers.some((c) => c.state || c.lastState));
  if (known) return record;
  const loose = readLoose(lines.map((l) => l.replace(/^\s*Message:\s+/, '')));
  return loose.record.pods.length > 0 ? mergeRecords([record, loose.record]) : record;
}

function noted(kind: 'binary' | 'empty', message: string): EvidenceRecord {
  const record = emptyRecord();
  record.notes.push({ kind, message });
  return record;
}
