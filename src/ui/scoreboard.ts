import { formatAge, type ScoreboardRow } from '../workshop/scoreboard.js';

const HEADERS = ['LEARNER', 'NAMESPACE', 'AGE', 'DIAGNOSED', 'FIXED', 'SCORE'];

function flag(value: boolean | null): string {
  return value === null ? '-' : value ? 'yes' : 'no';
}

/** The scoreboard as a kubectl-style table, columns padded to their widest cell. */
export function renderScoreboard(rows: ScoreboardRow[]): string[] {
  if (rows.length === 0) return ['no crashlab namespaces on this cluster yet'];
  const cells = rows.map((r) => [r.learner ?? '-', r.namespace, formatAge(r.ageSeconds), flag(r.diagnosed), flag(r.fixed), r.score === null ? '-' : String(r.score)]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]! + 3))).join('');
  return [line(HEADERS), ...cells.map(line)];
}
