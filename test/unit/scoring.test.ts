import { describe, expect, it } from 'vitest';
import { POINTS, scoreAttempt } from '../../src/scoring.js';
import { fakeAttempt } from './support/attempt.js';

const base = fakeAttempt({ id: 'a1b2c3', seed: 1 });

const pass = { outcome: 'pass' as const, reason: 'right' };
const fail = { outcome: 'fail' as const, reason: 'wrong' };

describe('scoring', () => {
  it('gives full marks for a right diagnosis and a passing check', () => {
    const score = scoreAttempt({
      ...base,
      diagnosis: { answeredAt: 'now', cause: 'oom-killed', evidence: ['OOMKilled 137'], remedy: 'raise', judged: { cause: pass, evidence: pass, remedy: pass } },
      checks: [{ at: 't', passed: true, incomplete: false, refused: [] }],
    });
    expect(score.total).toBe(100);
    expect(score.max).toBe(100);
    expect(score.lines.every((l) => !l.pending)).toBe(true);
  });

  it('scores each part on its own, with the reason it was judged', () => {
    const score = scoreAttempt({
      ...base,
      diagnosis: { answeredAt: 'now', cause: 'app-error', evidence: [], judged: { cause: fail, evidence: pass, remedy: fail } },
    });
    expect(score.lines.find((l) => l.part === 'cause')).toMatchObject({ points: 0, reason: 'wrong' });
    expect(score.lines.find((l) => l.part === 'evidence')).toMatchObject({ points: POINTS.evidence });
    expect(score.lines.find((l) => l.part === 'fix')).toMatchObject({ points: 0, pending: true });
    expect(score.total).toBe(POINTS.evidence);
  });

  it('charges for each hint and each distinct refused fix', () => {
    const score = scoreAttempt({
      ...base,
      hintsUsed: 2,
      refusedSeen: ['limit-removed', 'probe-removed'],
      diagnosis: { answeredAt: 'now', cause: 'oom-killed', evidence: [], judged: { cause: pass, evidence: pass, remedy: pass } },
      checks: [{ at: 't', passed: true, incomplete: false, refused: [] }],
    });
    expect(score.total).toBe(100 - 2 * POINTS.hint - 2 * POINTS.refusedFix);
    expect(score.lines.find((l) => l.part === 'refused-fixes')?.reason).toContain('limit-removed, probe-removed');
  });

  it('never goes below zero', () => {
    expect(scoreAttempt({ ...base, hintsUsed: 9, refusedSeen: ['a', 'b', 'c'] }).total).toBe(0);
  });

  it('reports an incomplete check as pending, not as failed', () => {
    const score = scoreAttempt({ ...base, checks: [{ at: 't', passed: false, incomplete: true, refused: [] }] });
    expect(score.lines.find((l) => l.part === 'fix')).toMatchObject({ pending: true, reason: expect.stringContaining('could not measure') });
  });
});
