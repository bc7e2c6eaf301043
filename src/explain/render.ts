import { CAUSES } from '../causes.js';
import type { Diagnosis } from './engine.js';

/** The JSON form printed by `explain --json`. */
export function toJson(diagnosis: Diagnosis): Record<string, unknown> {
  return {
    pod: diagnosis.pod || undefined,
    namespace: diagnosis.namespace,
    cause: diagnosis.cause,
    confidence: diagnosis.confidence,
    container: diagnosis.container ?? null,
    initContainer: diagnosis.initContainer ?? false,
    summary: diagnosis.summary,
    evidence: diagnosis.evidence.map((q) => q.text),
    evidenceSources: diagnosis.evidence.map((q) => q.source),
    confirm: diagnosis.confirm,
    remedy: diagnosis.remedy ?? null,
    avoid: diagnosis.avoid,
    alternatives: diagnosis.alternatives,
    insufficient: diagnosis.insufficient ?? null,
    notes: diagnosis.notes,
  };
}

/** The human report: cause first, then the lines that decided it, then what to do. */
export function renderDiagnosis(d: Diagnosis): string {
  const out: string[] = [];
  const who = [d.namespace && d.pod ? `${d.namespace}/${d.pod}` : d.pod, d.container ? `${d.initContainer ? 'init container' : 'container'} "${d.container}"` : '']
    .filter(Boolean)
    .join(', ');
  if (d.cause) {
    out.push(`cause: ${d.cause} (${Math.round(d.confidence * 100)}% sure)${who ? ` — ${who}` : ''}`);
    out.push(`  ${CAUSES[d.cause]}`);
    if (d.summary) out.push(`  here: ${d.summary}`);
  } else {
    out.push(`not enough evidence to name a cause${who ? ` — ${who}` : ''}`);
    out.push(`  ${d.insufficient?.reason ?? d.summary}`);
  }
  for (const note of d.notes) out.push(`  note: ${note}`);
  if (d.evidence.length > 0) {
    out.push('', 'evidence:');
    for (const quote of d.evidence) out.push(`  ${quote.source.padEnd(8)} | ${quote.text}`);
  }
  if (d.cause) {
    out.push('', 'confirm with:');
    for (const command of d.confirm) out.push(`  $ ${command}`);
    out.push('', 'remedy:', `  ${d.remedy ?? ''}`);
    out.push('', 'would not help:');
    for (const reflex of d.avoid) out.push(`  - ${reflex}`);
  } else {
    out.push('', 'collect next:');
    for (const step of d.insufficient?.collect ?? []) out.push(`  $ ${step}`);
  }
  const thin = d.cause === null || d.confidence < 0.75;
  const runnerUp = d.cause ? d.alternatives[0] : undefined;
  if (thin && runnerUp) out.push('', `runner-up: ${runnerUp.cause} (${Math.round(runnerUp.confidence * 100)}%)`);
  if (!d.cause && d.alternatives.length > 0) {
    out.push('', `leaning: ${d.alternatives.map((a) => `${a.cause} ${Math.round(a.confidence * 100)}%`).join(', ')}`);
  }
  return out.join('\n');
}
