import { wrapsMessage } from './parse-events.js';
import { GET_PODS_HEADER } from './parse-get-pods.js';
import { indentOf } from './text.js';

/** The kind of kubectl output a stretch of pasted text is. */
export type SegmentKind = 'describe' | 'get-pods' | 'events' | 'logs' | 'objects' | 'ignore';

export interface Segment {
  kind: SegmentKind;
  lines: string[];
  /** the pod the command named, when a command introduced the segment */
  pod?: string;
  container?: string;
  previous?: boolean;
}

/** A kubectl command, after whatever prompt the shell printed (`$`, `#`, `user@host:~$`, `host:dir user$`, `PS C:\>`, `[12:01] $`). */
const COMMAND = /^\s*(?:[$#%>]\s*|[-=]{2,}\s*|PS [^>]*>\s*|[^\s$#%>]*[@:\]][^$#%>]{0,80}?[$#%>]\s*|\S+@\S+\s+(?:[~/]\S*\s+)?)?(?:sudo\s+)?(?:\S*\/)?(?:kubectl(?:\.sh)?|k|oc|microk8s kubectl|microk8s\.kubectl|minikube kubectl --|k3s kubectl)\s+(\S.*)$/;
const EVENTS_HEADER = /^\s*(NAMESPACE\s+)?(LAST SEEN|LASTSEEN)\s+.*\bTYPE\b.*\bREASON\b|^\s*Type\s+Reason\s+Age\s+From\s+Message|^\s*FirstSeen\s+LastSeen|^\s*(?:[A-Z][A-Z_.]*\s+)*REASON\s+(?:[A-Z][A-Z_.]*\s+)*(?:MESSAGE|MSG)\s*$/;
const EVENT_ROW = /\b(Normal|Warning)\s+[A-Za-z][\w-]*\b/;
const DESCRIBE_START = /^\s*(Name:\s+\S|(Init Containers|Containers|Conditions|Events):\s*$|(Last State|State):\s+(Waiting|Running|Terminated)\b|Exit Code:\s+\d+|Restart Count:\s+\d+|Container ID:\s|Status:\s+(Pending|Running|Succeeded|Failed|Unknown|Terminating)\b|Reason:\s+[A-Z]\w+\s*$|Ports?:\s+\d+\/(?:TCP|UDP|SCTP)\b|(?:Liveness|Readiness|Startup):\s+(?:http-get|tcp-socket|exec|grpc)\s)/;
const DESCRIBE_EVENT_ROW = /^\s*(Normal|Warning)\s+[A-Za-z]+\s+(<unknown>|<invalid>|\d+[smhd]\S*)(\s+\(x\d+ over \S+\))?\s+\S/;
const GET_EVENT_ROW = /^\s*(\S+\s+)?\S+\s+(Normal|Warning)\s+[A-Za-z]+\s+[a-z]+\/\S+\s/;
/** Event rows of kubectl before 1.8: ages or dates, a count, then the source in braces or a Type column. */
const OLD_EVENT_ROW = /\{(?:kubelet|scheduler|default-scheduler|controllermanager)\b[^}]*\}\s+\S|^\s*(?:<?[\w.,:-]+>?\s+){2,6}(?:Normal|Warning)\s+[A-Z][a-z]+[A-Za-z]*\s+\S/;
/** A `kubectl get pods` row whose header was not pasted, recognised by its READY and STATUS columns. */
const GET_POD_ROW = /^\s*(?:\S+\s+)?\S+\s+\d+\/\d+\s+(?:Running|Pending|CrashLoopBackOff|Error|Completed|OOMKilled|Evicted|Terminating|Unknown|ContainerCreating|PodInitializing|ImagePullBackOff|ErrImagePull|InvalidImageName|CreateContainerConfigError|CreateContainerError|RunContainerError|StartError|ContainerCannotRun|ContainerStatusUnknown|Init:\S+)\s+\d+/;
/** Lines that only a log starts with: timestamps, levels, JSON, stack traces. */
const LOG_LINE = /^(\d{4}[-/]\d\d[-/]\d\d|\[\d{4}-|time="|level=|ts=|\{"|[IWEF]\d{4} \d\d:|Traceback|panic:|Exception in|\s*at [\w$.]+\(|[\w.]+(Error|Exception):|=> |> )/;
const DESCRIBE_KEY = /^\s*[A-Za-z][\w .-]*:(\s|$)/;

/**
 * Splits a paste of mixed kubectl output into its parts. A shell prompt with
 * a kubectl command names the kind of what follows; otherwise each part is
 * recognised by its header or shape, and anything unrecognised is log text.
 */
export function segmentPaste(lines: string[]): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | undefined;
  let explicit = false;
  let inDescribeEvents = false;
  let braceDepth = 0;
  let previousBlank = false;

  const start = (segment: Segment, fromCommand: boolean) => {
    current = segment;
    segments.push(segment);
    explicit = fromCommand;
    inDescribeEvents = false;
    braceDepth = 0;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const blank = line.trim() === '';
    const command = COMMAND.exec(line);
    if (command) {
      start(segmentForCommand(command[1]!), true);
    } else if (current?.kind === 'objects' && (explicit || braceDepth > 0 || isYamlLine(line, current))) {
      current.lines.push(line);
      braceDepth += countBraces(line);
    } else {
      const detected = blank ? undefined : detectStart(line, lines[i + 1]);
      const describeEvents = current?.kind === 'describe' && inDescribeEvents && detected === 'events';
      const strong = detected !== undefined && detected !== current?.kind && !describeEvents;
      const newPod = detected === 'describe' && current?.kind === 'describe' && /^Name:/.test(line);
      if ((strong && !(explicit && current?.kind === 'logs' && detected === 'objects')) || newPod) {
        start({ kind: detected, lines: [] }, false);
      } else if (current && !(explicit && (current.kind === 'logs' || current.kind === 'ignore')) && !blank && !continues(current, line, inDescribeEvents, previousBlank)) {
        if (current.kind !== 'logs') start({ kind: 'logs', lines: [] }, false);
      } else if (!current) {
        start({ kind: 'logs', lines: [] }, false);
      }
      const segment = current!;
      segment.lines.push(line);
      if (segment.kind === 'objects') braceDepth += countBraces(line);
      if (segment.kind === 'describe' && /^\s*Events:/.test(line)) inDescribeEvents = true;
      // people paste the events first and the rest of the describe after them
      else if (segment.kind === 'describe' && inDescribeEvents && indentOf(line) === 0 && DESCRIBE_KEY.test(line) && !EVENT_ROW.test(line)) inDescribeEvents = false;
    }
    previousBlank = blank;
  }
  return segments.filter((s) => s.kind !== 'ignore' && s.lines.some((l) => l.trim() !== ''));
}

/** YAML goes on while lines are indented, keys or list items. */
function isYamlLine(line: string, segment: Segment): boolean {
  const first = segment.lines.find((l) => l.trim() !== '');
  if (first === undefined || /^\s*[{[]/.test(first)) return false;
  return line.trim() === '' || indentOf(line) > 0 || /^[\w.-]+:(\s|$)/.test(line) || /^- /.test(line) || line === '---';
}

/** The first argument that is not a flag or a flag's value: the pod a logs/describe/get command names. */
function podArgument(args: string): string | undefined {
  const tokens = args.split('|')[0]!.trim().split(/\s+/).slice(1);
  const withValue = new Set(['-n', '--namespace', '-c', '--container', '-o', '--output', '-l', '--selector', '--context', '--tail', '--since', '-f', '--field-selector', '--sort-by']);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.startsWith('-')) {
      if (withValue.has(token) && token !== '-f') i++;
      continue;
    }
    if (/^(po|pod|pods|ev|events?)$/.test(token)) continue;
    return token.replace(/^(?:pod|pods|po)\//, '');
  }
  return undefined;
}

function segmentForCommand(raw: string): Segment {
  const args = raw.replace(/^(?:(?:-n|--namespace|--context|--kubeconfig|-s|--server)(?:[= ](?!-)\S+)?\s+|-n[\w.-]+\s+|--[\w-]+=\S+\s+)*/, '');
  const segment = segmentKind(args);
  if (segment.kind === 'logs' || segment.kind === 'describe' || segment.kind === 'objects') segment.pod = podArgument(args);
  return segment;
}

function segmentKind(args: string): Segment {
  const container = /(?:^|\s)(?:-c|--container)[= ](\S+)/.exec(args)?.[1];
  // jsonpath and go-template print pieces of the object: JSON when they print a map or a list, text otherwise
  const structured = /(?:^|\s)(?:-o|--output)[= ]?(json|yaml|jsonpath|go-template)\b/.test(args);
  if (/^logs?\b/.test(args)) {
    return { kind: 'logs', lines: [], container, previous: /(?:^|\s)(--previous|-p)\b/.test(args) };
  }
  if (/^describe\s+(po|pod|pods)\b/.test(args) || /^describe\s+\S*pod\//.test(args)) return { kind: 'describe', lines: [] };
  if (/^describe\b/.test(args)) return { kind: 'ignore', lines: [] };
  if (/^get\s+(ev|events?)(\.\S+)?\b/.test(args)) return { kind: structured ? 'objects' : 'events', lines: [] };
  if (/^get\s+(po|pods?)\b/.test(args) || /^get\s+pod\//.test(args)) return { kind: structured ? 'objects' : 'get-pods', lines: [] };
  return { kind: 'ignore', lines: [] };
}

function detectStart(line: string, next: string | undefined): SegmentKind | undefined {
  if (GET_PODS_HEADER.test(line)) return 'get-pods';
  if (EVENTS_HEADER.test(line) && !/^\s*Type\s+Reason/.test(line)) return 'events';
  if (/^\s*Name:\s+\S/.test(line)) return next === undefined || /^\s*(Namespace|Priority|Service Account|Node|Selector|Parallelism|Replicas|CreationTimestamp):/.test(next) ? 'describe' : undefined;
  if (/^(?:Pod Template:\s*$|Pods Statuses?:\s|Replicas:\s+\d)/.test(line)) return 'describe';
  if (DESCRIBE_START.test(line) || /^\s*Type\s+Reason\s+Age\s+From\s+Message/.test(line)) return 'describe';
  if (DESCRIBE_EVENT_ROW.test(line) || GET_EVENT_ROW.test(line) || OLD_EVENT_ROW.test(line)) return 'events';
  if (GET_POD_ROW.test(line)) return 'get-pods';
  if (/^\s*(\{|\[)\s*$/.test(line) || /^\s*\{\s*"/.test(line)) return 'objects';
  if (/^(apiVersion|kind):\s*\S/.test(line)) return 'objects';
  return undefined;
}

function continues(segment: Segment, line: string, inDescribeEvents: boolean, afterBlank: boolean): boolean {
  if (detectStart(line, undefined) === segment.kind) return true;
  switch (segment.kind) {
    case 'get-pods':
      return /^\S+\s+(\S+\s+)?\d+\/\d+\s+\S+\s+\d+/.test(line.trim());
    case 'events':
      if (wrapsPrevious(segment, line)) return true;
      if (EVENT_ROW.test(line) || OLD_EVENT_ROW.test(line) || /^\s*-{3,}/.test(line) || indentOf(line) >= 6) return true;
      // custom-columns tables have no type column to recognise a row by; their columns are enough
      return segment.lines.some((l) => EVENTS_HEADER.test(l) && !/\bTYPE\b|\bType\b/.test(l)) && /\S\s{2,}\S/.test(line);
    case 'describe':
      if (inDescribeEvents && wrapsPrevious(segment, line)) return true;
      if (LOG_LINE.test(line)) return false;
      return looksDescribe(line, inDescribeEvents) || (!inDescribeEvents && !afterBlank && !segment.lines.some((l) => indentOf(l) > 0));
    case 'logs':
    case 'ignore':
      return true;
    case 'objects':
      return true;
  }
}

/** An event message the terminal wrapped: its tail stays with the event, not the app's output. */
function wrapsPrevious(segment: Segment, line: string): boolean {
  const lines = segment.lines;
  let row = lines.length - 1;
  while (row >= 0 && row >= lines.length - 4 && !EVENT_ROW.test(lines[row]!)) row--;
  return row >= 0 && EVENT_ROW.test(lines[row]!) && wrapsMessage(lines.at(-1)!, line);
}

function looksDescribe(line: string, inEvents: boolean): boolean {
  if (inEvents) return EVENT_ROW.test(line) || OLD_EVENT_ROW.test(line) || /^\s*-{3,}/.test(line) || /^\s*Type\s+Reason/.test(line) || indentOf(line) >= 6;
  return DESCRIBE_KEY.test(line) || indentOf(line) > 0;
}

function countBraces(line: string): number {
  let depth = 0;
  for (const ch of line.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
  }
  return depth;
}
