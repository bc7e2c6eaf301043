import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CAUSE_IDS, type CauseId } from '../causes.js';
import { diagnose, type Diagnosis } from './engine.js';
import { readInputs, type ExplainInput } from './inputs.js';

/** What a corpus case should come out as: a cause, or "insufficient". */
export type Expected = CauseId | 'insufficient';

export interface CorpusCase {
  id: string;
  expected: Expected;
  container?: string;
  inputs: ExplainInput[];
}

export interface CaseResult {
  id: string;
  expected: Expected;
  got: CauseId | null;
  confidence: number;
  container?: string;
  expectedContainer?: string;
  ok: boolean;
}

export interface CauseAccuracy {
  total: number;
  correct: number;
  /** said "insufficient" instead of naming the expected cause */
  insufficient: number;
  /** named a different cause: the costly mistake */
  wrong: number;
}

export interface CorpusReport {
  cases: CaseResult[];
  byCause: Record<string, CauseAccuracy>;
  accuracy: number;
}

/** The checkout this module lives in, whether it runs from src/ or from the compiled dist/src/. */
const REPO_ROOT = findRoot(fileURLToPath(new URL('.', import.meta.url)));

export function repoRoot(): string {
  return REPO_ROOT;
}

function findRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test'))) return dir;
    dir = join(dir, '..');
  }
  return join(start, '../..');
}

/** The cause a scenario teaches, read from its scenario file's `cause:` line. */
function scenarioCause(root: string, scenario: string): CauseId | undefined {
  const file = join(root, 'scenarios', `${scenario}.yaml`);
  if (!existsSync(file)) return undefined;
  const cause = /^cause:\s*([a-z0-9-]+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
  return cause && (CAUSE_IDS as string[]).includes(cause) ? (cause as CauseId) : undefined;
}

const CAPTURED_FILES: [string, ExplainInput['kind']][] = [
  ['pod.json', 'pod'],
  ['pod.yaml', 'pod'],
  ['describe.txt', 'describe'],
  ['events.txt', 'events'],
  ['events.json', 'events'],
  ['previous.log', 'logs'],
  ['get.txt', 'get'],
];

/**
 * Loads the hand-written corpus (test/fixtures/explain/<cause>/<case>.*, each
 * file read as a paste) and, when present, the fixtures captured from real
 * runs (test/fixtures/captured/<scenario>/).
 */
export function loadCorpus(root = REPO_ROOT): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const corpus = join(root, 'test/fixtures/explain');
  const containers = readContainers(join(corpus, 'containers.json'));
  for (const dir of listDirs(corpus)) {
    const expected = dir as Expected;
    if (expected !== 'insufficient' && !CAUSE_IDS.includes(expected)) continue;
    for (const file of readdirSync(join(corpus, dir)).sort()) {
      const id = `${dir}/${file}`;
      const text = readFileSync(join(corpus, dir, file), 'latin1');
      cases.push({ id, expected, container: containers[id], inputs: [{ kind: 'paste', text: decode(text), origin: id }] });
    }
  }
  const captured = join(root, 'test/fixtures/captured');
  for (const scenario of listDirs(captured)) {
    const expected = scenarioCause(root, scenario);
    if (!expected) continue;
    // the first sub-shape is kept at the top, the others below shapes/<shape>/
    const shapes = join(captured, scenario, 'shapes');
    const dirs = [join(captured, scenario), ...listDirs(shapes).map((shape) => join(shapes, shape))];
    for (const dir of dirs) {
      const inputs: ExplainInput[] = [];
      for (const [file, kind] of CAPTURED_FILES) {
        const path = join(dir, file);
        if (existsSync(path)) inputs.push({ kind, text: readFileSync(path, 'utf8'), origin: relative(root, path), previous: kind === 'logs' ? true : undefined });
      }
      if (inputs.length > 0) cases.push({ id: relative(join(root, 'test/fixtures'), dir), expected, inputs });
    }
  }
  return cases;
}

/** Runs one case through the parsers and the engine. */
export function runCase(c: CorpusCase): { diagnosis: Diagnosis; result: CaseResult } {
  const diagnosis = diagnose(readInputs(c.inputs));
  const got = diagnosis.cause;
  const causeOk = c.expected === 'insufficient' ? got === null : got === c.expected;
  const containerOk = !c.container || diagnosis.container === c.container;
  return {
    diagnosis,
    result: {
      id: c.id,
      expected: c.expected,
      got,
      confidence: diagnosis.confidence,
      container: diagnosis.container,
      expectedContainer: c.container,
      ok: causeOk && containerOk,
    },
  };
}

/** Accuracy per cause over the whole corpus, for the benchmark and the tests. */
export function corpusAccuracy(root = REPO_ROOT): CorpusReport {
  return tally(loadCorpus(root).map((c) => runCase(c).result));
}

/** Right, insufficient and wrong per expected cause, and the share of right answers. */
export function tally(cases: CaseResult[]): CorpusReport {
  const byCause: Record<string, CauseAccuracy> = {};
  for (const r of cases) {
    const entry = (byCause[r.expected] ??= { total: 0, correct: 0, insufficient: 0, wrong: 0 });
    entry.total++;
    if (r.ok) entry.correct++;
    else if (r.got === null) entry.insufficient++;
    else entry.wrong++;
  }
  const correct = cases.filter((r) => r.ok).length;
  return { cases, byCause, accuracy: cases.length ? correct / cases.length : 0 };
}

function listDirs(path: string): string[] {
  if (!existsSync(path)) return [];
  return readdirSync(path).filter((name) => statSync(join(path, name)).isDirectory()).sort();
}

function readContainers(path: string): Record<string, string> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}

/** Text files are UTF-8; anything that is not stays as read, so binary junk reaches the parsers as junk. */
function decode(latin1: string): string {
  const bytes = Buffer.from(latin1, 'latin1');
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? latin1 : utf8;
}
