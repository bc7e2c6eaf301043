import type { AttemptReport } from '../report/build.js';
import { formatElapsed } from '../report/timeline.js';
import { renderScore } from './render.js';

const LATE = ' LATE';

/** The report as lines: header, timeline with elapsed times, the measures, the score. */
export function renderReport(report: AttemptReport): string[] {
  const who = report.learner ? ` by ${report.learner}` : '';
  const limit = report.limitMinutes !== null ? `, time limit ${report.limitMinutes} min` : '';
  const lines = [`${report.mode} attempt ${report.attempt}${who}: ${report.title}`, `  started ${report.startedAt}${limit}`, '', 'timeline'];
  for (const entry of report.timeline) {
    lines.push(`  +${formatElapsed(entry.elapsedSeconds).padEnd(7)} ${entry.detail}${entry.late ? LATE : ''}`);
  }
  lines.push('');
  const d = report.diagnosis;
  lines.push(
    `  time to diagnosis:    ${d ? `${formatElapsed(d.seconds)} (cause ${d.causeRight ? 'right' : 'wrong'})${d.late ? LATE : ''}` : 'no answer recorded'}`,
  );
  const f = report.passingFix;
  lines.push(`  time to passing fix:  ${f ? `${formatElapsed(f.seconds)}${f.late ? LATE : ''}` : 'no check passed'}`);
  lines.push(`  refused fixes tried:  ${report.refusedFixes.length > 0 ? report.refusedFixes.join(', ') : 'none'}`);
  if (report.mode === 'practice') lines.push(`  hints taken:          ${report.hintsTaken}`);
  lines.push('', 'score', ...renderScore(report.score));
  return lines;
}
