import type { CauseId } from '../../causes.js';
import type {
  ContainerEvidence,
  EventEvidence,
  EvidenceRecord,
  Fact,
  PodEvidence,
  Quote,
  Termination,
} from '../evidence.js';

/** What a rule is given: one pod, the container in focus, and what was read about both. */
export interface RuleContext {
  record: EvidenceRecord;
  pod: PodEvidence;
  container?: ContainerEvidence;
  /** events about this pod that are not about some other container */
  events: EventEvidence[];
  /** log lines of the focus container, previous instance preferred */
  logs: string[];
  /** the container the logs or events name, when no container status named one */
  logContainer?: string;
  /** the focus container's last termination, or its current one */
  termination?: Fact<Termination>;
}

/** One possible cause with how sure the rule is and the lines that made it so. */
export interface Candidate {
  cause: CauseId;
  confidence: number;
  container?: string;
  evidence: Quote[];
  /** one sentence on what the evidence shows, in the product's words */
  detail: string;
}

/** A rule reads the context and proposes zero or more causes. */
export type Rule = (ctx: RuleContext) => Candidate[];

export function candidate(cause: CauseId, confidence: number, detail: string, evidence: Quote[], container?: string): Candidate {
  return { cause, confidence, detail, evidence, container };
}

export function logQuote(line: string): Quote {
  return { source: 'logs', text: line };
}
