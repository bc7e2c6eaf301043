import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/causes.js';
import type { Namespace } from '../../src/kube/wire.js';
import type { Attempt } from '../../src/state.js';
import { renderScoreboard } from '../../src/ui/scoreboard.js';
import { progressAnnotations } from '../../src/workshop/annotations.js';
import { scoreboardRows } from '../../src/workshop/scoreboard.js';
import { oomScenario } from './support/stub-catalog.js';

const pass = { outcome: 'pass' as const, reason: 'right' };

const attempt: Attempt = {
  id: 'p4x7z1',
  scenarioId: oomScenario.id,
  seed: 1,
  params: {},
  namespace: 'crashlab-p4x7z1',
  context: 'kind-crashlab',
  startedAt: '2025-03-01T10:00:00.000Z',
  baseline: [],
  hintsUsed: 1,
  refusedSeen: [],
  diagnosis: { answeredAt: '2025-03-01T10:04:00.000Z', cause: oomScenario.cause, evidence: ['OOMKilled'], remedy: 'raise-limit', judged: { cause: pass, evidence: pass, remedy: pass } },
  checks: [{ at: '2025-03-01T10:08:00.000Z', passed: true, incomplete: false, refused: [] }],
  learner: 'ada',
};

function ns(name: string, created: string, annotations?: Record<string, string>): Namespace {
  return { metadata: { name, creationTimestamp: created, annotations } };
}

describe('progress annotations', () => {
  const now = new Date('2025-03-01T10:08:30.000Z');

  it('carry learner, score, diagnosed, fixed and when', () => {
    expect(progressAnnotations(attempt, 'ada', now)).toEqual({
      'crashlab.dev/learner': 'ada',
      'crashlab.dev/score': '95',
      'crashlab.dev/diagnosed': 'yes',
      'crashlab.dev/fixed': 'yes',
      'crashlab.dev/updated-at': '2025-03-01T10:08:30.000Z',
    });
  });

  it('never name the scenario, its cause or the answers, in keys or values', () => {
    const published = Object.entries(progressAnnotations(attempt, 'ada', now)).flat().join('\n').toLowerCase();
    for (const secret of [oomScenario.id, oomScenario.cause, CAUSES[oomScenario.cause], 'oom', 'raise-limit', oomScenario.title]) {
      expect(published).not.toContain(secret.toLowerCase());
    }
  });

  it('say no until the cause is right and a check has passed', () => {
    const fresh = { ...attempt, diagnosis: undefined, checks: [], hintsUsed: 0 };
    expect(progressAnnotations(fresh, 'ada', now)).toMatchObject({ 'crashlab.dev/score': '0', 'crashlab.dev/diagnosed': 'no', 'crashlab.dev/fixed': 'no' });
  });
});

describe('scoreboard', () => {
  const now = new Date('2025-03-01T11:00:00.000Z');
  const namespaces = [
    ns('crashlab-aaaaaa', '2025-03-01T10:30:00Z', { 'crashlab.dev/learner': 'bob', 'crashlab.dev/score': '50', 'crashlab.dev/diagnosed': 'yes', 'crashlab.dev/fixed': 'no' }),
    ns('crashlab-bbbbbb', '2025-03-01T10:59:15Z'),
    ns('crashlab-cccccc', '2025-03-01T10:00:00Z', { 'crashlab.dev/learner': 'ada', 'crashlab.dev/score': '95', 'crashlab.dev/diagnosed': 'yes', 'crashlab.dev/fixed': 'yes' }),
    ns('crashlab-dddddd', '2025-03-01T10:40:00Z', { 'crashlab.dev/learner': 'cy', 'crashlab.dev/score': '50', 'crashlab.dev/diagnosed': 'no', 'crashlab.dev/fixed': 'no' }),
  ];

  it('sorts by score, then by learner, with unpublished namespaces last', () => {
    const rows = scoreboardRows(namespaces, now);
    expect(rows.map((r) => [r.learner, r.score])).toEqual([
      ['ada', 95],
      ['bob', 50],
      ['cy', 50],
      [null, null],
    ]);
    expect(rows[0]).toEqual({ learner: 'ada', namespace: 'crashlab-cccccc', ageSeconds: 3600, diagnosed: true, fixed: true, score: 95 });
    expect(rows[3]).toMatchObject({ namespace: 'crashlab-bbbbbb', ageSeconds: 45, diagnosed: null, fixed: null });
  });

  it('renders an aligned table with kubectl-style ages and dashes for what is unknown', () => {
    expect(renderScoreboard(scoreboardRows(namespaces, now))).toEqual([
      'LEARNER   NAMESPACE         AGE   DIAGNOSED   FIXED   SCORE',
      'ada       crashlab-cccccc   60m   yes         yes     95',
      'bob       crashlab-aaaaaa   30m   yes         no      50',
      'cy        crashlab-dddddd   20m   no          no      50',
      '-         crashlab-bbbbbb   45s   -           -       -',
    ]);
  });

  it('says so when there are no crashlab namespaces', () => {
    expect(renderScoreboard([])).toEqual(['no crashlab namespaces on this cluster yet']);
  });
});
