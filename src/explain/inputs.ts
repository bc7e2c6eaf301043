import { emptyRecord, type EvidenceRecord } from './evidence.js';
import { readLoose } from './loose.js';
import { mergeRecords } from './merge.js';
import { parseDescribe } from './parse-describe.js';
import { parseEventsTable } from './parse-events.js';
import { parseGetPods } from './parse-get-pods.js';
import { parseLogs } from './parse-logs.js';
import { parsePodObjects } from './parse-pod.js';
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

function readInput(input: ExplainInput): EvidenceRecord {
  const origin = input.origin ?? input.kind;
  if (looksBinary(input.text)) {
    return noted('binary', `${origin} is binary data, not kubectl output; paste the text of kubectl describe pod, kubectl get pod -o yaml or kubectl logs --previous`);
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
  const whole = parsePodObjects(lines.join('\n'));
  if (whole) return whole;
  const records = segmentPaste(lines).map(readSegment);
  const merged = mergeRecords(records);
  if (merged.pods.length === 0 && merged.notes.length === 0) {
    merged.notes.push({ kind: 'unrecognised', message: `${origin} holds no kubectl output explain can read` });
  }
  return merged;
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
