import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/build.js';
import { formatElapsed, isLate, stepsOf } from '../../src/report/timeline.js';
import type { Attempt } from '../../src/state.js';
import { renderReport } from '../../src/ui/report.js';

const pass = { outcome: 'pass' as const, reason: 'right' };
const fail = { outcome: 'fail' as const, reason: 'wrong' };

/** An interview with a 10-minute limit: answered at 4m, a refused fix at 7m, a passing check at 12m (late). */
const interview: Attempt = {
  id: 'k3m9q2',
  scenarioId: 'memory-drill',
  seed: 1,
  params: {},
  namespace: 'crashlab-k3m9q2',
  context: 'kind-crashlab',
  startedAt: '2025-03-01T10:00:00.000Z',
  reproducedAt: '2025-03-01T10:00:40.000Z',
  baseline: [],
  hintsUsed: 0,
  refusedSeen: ['limit-removed'],
  diagnosis: { answeredAt: '2025-03-01T10:04:05.000Z', cause: 'oom-killed', evidence: ['OOMKilled'], remedy: 'raise-limit', judged: { cause: pass, evidence: pass, remedy: fail } },
  checks: [
    { at: '2025-03-01T10:07:00.000Z', passed: false, incomplete: false, refused: ['limit-removed'] },
    { at: '2025-03-01T10:12:00.000Z', passed: true, incomplete: false, refused: [] },
  ],
  interview: { minutes: 10 },
  steps: [
    { kind: 'start', at: '2025-03-01T10:00:00.000Z' },
    { kind: 'reproduced', at: '2025-03-01T10:00:40.000Z' },
    { kind: 'answer', at: '2025-03-01T10:04:05.000Z', recorded: true, outcomes: { cause: 'pass', evidence: 'pass', remedy: 'fail' } },
    { kind: 'check', at: '2025-03-01T10:07:00.000Z', passed: false, incomplete: false, summary: '1/2 criteria passed', refused: ['limit-removed'] },
    { kind: 'check', at: '2025-03-01T10:12:00.000Z', passed: true, incomplete: false, summary: '2/2 criteria passed', refused: [] },
    { kind: 'cleanup', at: '2025-03-01T10:13:00.000Z' },
  ],
};

describe('attempt timeline', () => {
  it('holds only interviews to a time limit, measured from the start', () => {
    expect(isLate(interview, '2025-03-01T10:09:59.000Z')).toBe(false);
    expect(isLate(interview, '2025-03-01T10:10:01.000Z')).toBe(true);
    const { interview: _limit, ...practice } = interview;
    expect(isLate(practice, '2025-03-01T23:00:00.000Z')).toBe(false);
  });

  it('rebuilds the steps of an attempt recorded before steps were kept, in time order', () => {
    const { steps: _steps, ...legacy } = interview;
    expect(stepsOf(legacy).map((s) => s.kind)).toEqual(['start', 'reproduced', 'answer', 'check', 'check']);
  });

  it('formats elapsed time as seconds, minutes or hours', () => {
    expect([formatElapsed(42), formatElapsed(65), formatElapsed(3720)]).toEqual(['42s', '1m05s', '1h02m']);
  });
});

describe('attempt report', () => {
  const report = buildReport(interview, 'The API that ran out of room');

  it('measures time to diagnosis and to the first passing fix from the start', () => {
    expect(report.diagnosis).toEqual({ seconds: 245, causeRight: true, late: false });
    expect(report.passingFix).toEqual({ seconds: 720, late: true });
    expect(report.refusedFixes).toEqual(['limit-removed']);
    expect(report.limitMinutes).toBe(10);
    expect(report.score.total).toBe(30 + 20 + 0 + 30 - 10);
  });

  it('marks only answers and checks after the limit as late', () => {
    expect(report.timeline.map((e) => [e.step, e.elapsedSeconds, e.late])).toEqual([
      ['start', 0, false],
      ['reproduced', 40, false],
      ['answer', 245, false],
      ['check', 420, false],
      ['check', 720, true],
      ['cleanup', 780, false],
    ]);
  });

  it('renders a timeline with elapsed times, the refused fix and the late check', () => {
    const text = renderReport(report).join('\n');
    expect(text).toContain('interview attempt k3m9q2: The API that ran out of room');
    expect(text).toContain('time limit 10 min');
    expect(text).toMatch(/\+4m05s\s+answered: cause pass, evidence pass, remedy fail\n/);
    expect(text).toMatch(/\+7m00s\s+check not fixed \(1\/2 criteria passed\); refused fix tried: limit-removed\n/);
    expect(text).toMatch(/\+12m00s\s+check PASSED \(2\/2 criteria passed\) LATE\n/);
    expect(text).toMatch(/time to diagnosis:\s+4m05s \(cause right\)\n/);
    expect(text).toMatch(/time to passing fix:\s+12m00s LATE\n/);
    expect(text).not.toContain('hints taken');
  });

  it('lists hints taken for a practice attempt and says what has not happened yet', () => {
    const practice: Attempt = {
      ...interview,
      interview: undefined,
      hintsUsed: 2,
      refusedSeen: [],
      diagnosis: undefined,
      checks: [],
      steps: [
        { kind: 'start', at: '2025-03-01T10:00:00.000Z' },
        { kind: 'hint', at: '2025-03-01T10:02:00.000Z', number: 1 },
        { kind: 'hint', at: '2025-03-01T10:03:00.000Z', number: 2 },
      ],
    };
    const r = buildReport(practice, 'title');
    expect(r.mode).toBe('practice');
    expect(r.diagnosis).toBeNull();
    const text = renderReport(r).join('\n');
    expect(text).toMatch(/\+3m00s\s+took hint 2\n/);
    expect(text).toMatch(/hints taken:\s+2\n/);
    expect(text).toMatch(/time to diagnosis:\s+no answer recorded/);
    expect(text).toMatch(/time to passing fix:\s+no check passed/);
    expect(text).not.toContain('LATE');
  });
});
