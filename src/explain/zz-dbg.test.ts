import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readInputs } from '/work/main/src/explain/inputs.js';
import { segmentPaste } from '/work/main/src/explain/paste.js';
import { cleanText } from '/work/main/src/explain/text.js';
import { diagnose } from '/work/main/src/explain/engine.js';
it('dbg', () => {
  const f = process.env.F!;
  const text = readFileSync(f, 'utf8');
  console.log(JSON.stringify(segmentPaste(cleanText(text).split('\n')).map(s => ({kind: s.kind, n: s.lines.length, first: s.lines[0]})), null, 1));
  const rec = readInputs([{ kind: 'paste', text }]);
  console.log(JSON.stringify(rec, null, 1).slice(0, Number(process.env.N ?? 3000)));
  console.log(JSON.stringify(diagnose(rec), null, 1));
});
