import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCauseId, type CauseId } from '../causes.js';
import { repoRoot, runCase, tally, type CaseResult, type CauseAccuracy, type CorpusCase } from './corpus.js';

/**
 * The real-world evidence base: snippets people pasted into public issue
 * threads and Q&A, one file each under test/fixtures/real-world/cases/, with
 * a small header naming where it came from and the cause its thread confirmed:
 *
 *     source: https://github.com/owner/repo/issues/123
 *     cause: oom-killed
 *     ---
 *     <the pasted text, as pasted>
 */
export interface RealWorldCase extends CorpusCase {
  source: string;
  expected: CauseId;
  set: RealWorldSet;
}

/** Rules are tuned on one part only; accuracy is reported on the other, frozen part. */
export type RealWorldSet = 'tuning' | 'frozen';

/**
 * The fixed split rule, chosen before any rule was changed: the first eight
 * hex digits of the SHA-256 of the source URL, modulo 100; below 60 is
 * tuning, the rest is the frozen test set. Every snippet of one thread lands
 * on the same side, so a thread never leaks from one set into the other.
 */
export function splitOf(source: string): RealWorldSet {
  const bucket = Number.parseInt(createHash('sha256').update(source.trim()).digest('hex').slice(0, 8), 16) % 100;
  return bucket < 60 ? 'tuning' : 'frozen';
}

export interface ParsedSnippet {
  source: string;
  cause: CauseId;
  text: string;
}

/** Reads one snippet file: the header lines up to `---`, then the evidence as pasted. */
export function parseSnippet(raw: string, name = 'snippet'): ParsedSnippet {
  const end = raw.indexOf('\n---\n');
  if (end < 0) throw new Error(`${name}: no '---' line after the header`);
  const header = Object.fromEntries(
    raw
      .slice(0, end)
      .split('\n')
      .map((line) => /^(\w+):\s*(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!.trim()]),
  );
  const source = header.source;
  const cause = header.cause;
  if (!source || !/^https?:\/\//.test(source)) throw new Error(`${name}: the header names no source URL`);
  if (!cause || !isCauseId(cause)) throw new Error(`${name}: '${cause ?? ''}' is not a cause id`);
  return { source, cause, text: raw.slice(end + 5) };
}

export function realWorldDir(root = repoRoot()): string {
  return join(root, 'test/fixtures/real-world/cases');
}

/** Every real-world snippet, with the set the split rule puts it in. */
export function loadRealWorld(root = repoRoot()): RealWorldCase[] {
  const dir = realWorldDir(root);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const snippet = parseSnippet(readFileSync(join(dir, file), 'utf8'), file);
      const id = file.replace(/\.txt$/, '');
      return {
        id,
        expected: snippet.cause,
        source: snippet.source,
        set: splitOf(snippet.source),
        inputs: [{ kind: 'paste' as const, text: snippet.text, origin: id }],
      };
    });
}

/** Causes that are not crash loops at all: naming one of them wrongly (or wrongly missing one) is the costly lookalike mistake. */
export const LOOKALIKES: readonly CauseId[] = ['image-pull', 'create-config-error', 'unschedulable', 'evicted'];

export interface RealWorldReport {
  set: RealWorldSet;
  cases: CaseResult[];
  byCause: Record<string, CauseAccuracy>;
  accuracy: number;
  /** named a cause, and the wrong one */
  wrong: number;
  /** wrong where the expected or the named cause is a lookalike (Pending, image pull, config error, eviction) */
  wrongOnLookalikes: number;
}

/** Accuracy per cause on one side of the split. */
export function realWorldAccuracy(set: RealWorldSet, root = repoRoot()): RealWorldReport {
  const { cases, byCause, accuracy } = tally(
    loadRealWorld(root)
      .filter((c) => c.set === set)
      .map((c) => runCase(c).result),
  );
  const wrongCases = cases.filter((r) => !r.ok && r.got !== null);
  const lookalike = (c: string | null) => c !== null && (LOOKALIKES as readonly string[]).includes(c);
  return {
    set,
    cases,
    byCause,
    accuracy,
    wrong: wrongCases.length,
    wrongOnLookalikes: wrongCases.filter((r) => lookalike(r.expected) || lookalike(r.got)).length,
  };
}
