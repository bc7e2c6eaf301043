import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { graderFor } from '../../graders/index.js';
import type { Verdict } from '../../src/grading/verdict.js';
import type { RecordedCheck } from '../../src/runner/record.js';
import { loadScenario } from '../../src/scenario/loader.js';

// Checks judged on a real kubelet by the e2e suite, replayed through today's graders.
const CAPTURED = join(import.meta.dirname, '..', 'fixtures', 'captured');

const cases = (existsSync(CAPTURED) ? readdirSync(CAPTURED) : []).flatMap((scenarioId) => {
  const dir = join(CAPTURED, scenarioId, 'checks');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((file) => ({
    scenarioId,
    label: file.replace(/\.json$/, ''),
    record: JSON.parse(readFileSync(join(dir, file), 'utf8')) as RecordedCheck,
  }));
});

function replay(record: RecordedCheck) {
  const scenario = loadScenario(record.scenarioId);
  const { stabilitySeconds, ...input } = record.input;
  const grader = graderFor(record.scenarioId);
  if (!grader) throw new Error(`no grader for ${record.scenarioId}`);
  return grader({ ...input, scenario: { ...scenario, stabilitySeconds } });
}

describe('graders on checks recorded from a real cluster', () => {
  test('every scenario has recorded checks', () => {
    const scenarios = new Set(cases.map((c) => c.scenarioId));
    expect([...scenarios].sort()).toEqual(readdirSync(join(import.meta.dirname, '..', '..', 'scenarios')).map((f) => f.replace(/\.yaml$/, '')).sort());
  });

  test.each(cases.map((c) => [`${c.scenarioId} ${c.label}`, c] as const))('%s', (_name, { label, record }) => {
    const verdict = replay(record);
    // labels: reference-fix[.shape], accepted-N, untouched[.shape], refused-<id>[.N], silencer-<id>[.N]
    const kind = label.split('.')[0]!;
    if (kind === 'reference-fix' || kind.startsWith('accepted-')) {
      expect(verdict.criteria.filter((c) => c.outcome !== 'pass')).toEqual([]);
      expect(verdict.passed).toBe(true);
    } else if (kind === 'untouched') {
      expect(verdict.passed).toBe(false);
      expect(verdict.criteria.some((c) => c.outcome === 'fail') || verdict.refused.length > 0).toBe(true);
    } else if (kind.startsWith('silencer-')) {
      expect(verdict.passed).toBe(false);
      const named = [...verdict.criteria.filter((c) => c.outcome === 'fail').map((c) => c.id), ...verdict.refused.map((r) => r.id)];
      expect(named).toContain(kind.replace(/^silencer-/, ''));
    } else {
      expect(verdict.passed).toBe(false);
      expect(verdict.refused.map((r) => r.id)).toContain(kind.replace(/^refused-/, ''));
    }
    // same input, same judgement as on the day it was recorded (wording may improve since)
    const judgement = (v: Verdict) => ({
      passed: v.passed,
      incomplete: v.incomplete,
      criteria: v.criteria.map((c) => `${c.id}: ${c.outcome}`),
      refused: v.refused.map((r) => r.id),
    });
    expect(judgement(verdict)).toEqual(judgement(record.verdict));
  });
});
