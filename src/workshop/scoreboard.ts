import type { Namespace } from '../kube/wire.js';
import { PROGRESS_ANNOTATIONS } from './annotations.js';

/** One learner's line on the scoreboard; null where the namespace has published nothing yet. */
export interface ScoreboardRow {
  learner: string | null;
  namespace: string;
  ageSeconds: number | null;
  diagnosed: boolean | null;
  fixed: boolean | null;
  score: number | null;
}

function yesNo(value: string | undefined): boolean | null {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return null;
}

function scoreOf(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : null;
}

/** Scoreboard rows from crashlab namespaces: highest score first, then by learner name. */
export function scoreboardRows(namespaces: Namespace[], now: Date): ScoreboardRow[] {
  const rows = namespaces.map((ns): ScoreboardRow => {
    const a = ns.metadata?.annotations ?? {};
    const created = ns.metadata?.creationTimestamp ? Date.parse(ns.metadata.creationTimestamp) : NaN;
    return {
      learner: a[PROGRESS_ANNOTATIONS.learner] || null,
      namespace: ns.metadata?.name ?? '',
      ageSeconds: Number.isFinite(created) ? Math.max(0, Math.floor((now.getTime() - created) / 1000)) : null,
      diagnosed: yesNo(a[PROGRESS_ANNOTATIONS.diagnosed]),
      fixed: yesNo(a[PROGRESS_ANNOTATIONS.fixed]),
      score: scoreOf(a[PROGRESS_ANNOTATIONS.score]),
    };
  });
  return rows.sort(
    (x, y) => (y.score ?? -1) - (x.score ?? -1) || (x.learner ?? '\uffff').localeCompare(y.learner ?? '\uffff') || x.namespace.localeCompare(y.namespace),
  );
}

/** Age as kubectl prints it: 45s, 12m, 3h, 2d. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
