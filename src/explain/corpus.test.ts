import { describe, expect, it } from 'vitest';
import { loadCorpus, runCase } from './corpus.js';

const cases = loadCorpus();

describe('explain corpus', () => {
  it('has at least five cases for every cause', () => {
    const counts = new Map<string, number>();
    for (const c of cases) counts.set(c.expected, (counts.get(c.expected) ?? 0) + 1);
    for (const [, count] of counts) expect(count).toBeGreaterThanOrEqual(5);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s names the expected cause', (_id, c) => {
    const { result, diagnosis } = runCase(c);
    const shown = { got: result.got, container: result.container, summary: diagnosis.summary, alternatives: diagnosis.alternatives };
    expect(shown.got, JSON.stringify(shown)).toBe(c.expected === 'insufficient' ? null : c.expected);
    if (c.container) expect(result.container).toBe(c.container);
  });
});
