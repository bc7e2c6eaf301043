import { describe, expect, it } from 'vitest';
import { commandProblems, simpleCommands } from '../../src/scenario/busybox-compat.js';
import { loadScenarios, renderWorkload } from '../../src/scenario/loader.js';
import { drawParams } from '../../src/scenario/params.js';

const scenarios = loadScenarios();

function commandsOf(objects: ReturnType<typeof renderWorkload>): string[][] {
  return objects.flatMap((o) => {
    const spec = (o as any).spec?.template?.spec;
    if (!spec) return [];
    return [...(spec.initContainers ?? []), ...spec.containers].flatMap((c: any) => [
      [...(c.command ?? []), ...(c.args ?? [])],
      ...[c.livenessProbe, c.readinessProbe, c.startupProbe].filter((p) => p?.exec).map((p) => p.exec.command),
    ]);
  });
}

describe('busybox compatibility', () => {
  it.each(scenarios.map((s) => [s.id, s] as const))('%s: every command uses only applets and options both busybox builds share', (_id, scenario) => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const params = drawParams(scenario.parameters, seed);
      // The missing program is the point of the bad-command scenario.
      const deliberate = new Set([params.missingProgram, `/usr/local/bin/${params.missingProgram}`].map(String));
      for (const argv of commandsOf(renderWorkload(scenario, params, 'ns'))) {
        expect(commandProblems(argv).filter((p) => !deliberate.has(p.program))).toEqual([]);
      }
    }
  });

  it('rejects nc -z, wget -T, size suffixes on head and programs busybox lacks', () => {
    const problems = commandProblems(['sh', '-c', 'nc -z db 5432; wget -T 2 -q http://x; head -c 96M /dev/zero; curl http://x']);
    expect(problems.map((p) => p.program)).toEqual(['nc', 'wget', 'head', 'curl']);
  });

  it('checks the program behind timeout and ignores keywords, assignments and redirections', () => {
    expect(simpleCommands('i=0; while [ $i -lt 3 ]; do if printf "x" | timeout 2 nc db 1 >/dev/null 2>&1; then exit 0; fi; i=$((i+1)); done')).toEqual([
      ['[', '$i', '-lt', '3', ']'],
      ['printf', '""'],
      ['timeout', '2', 'nc', 'db', '1'],
    ]);
    expect(commandProblems(['sh', '-c', 'timeout 2 curl x'])).toEqual([{ program: 'curl', problem: 'not an applet both busybox builds ship' }]);
  });
});
