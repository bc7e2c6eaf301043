import { $, which, type Duration, type ProcessOutput } from 'zx';

/**
 * The one preset every subprocess runs with: quiet, no throwing (callers read
 * exitCode and stderr), and a time limit. Arguments go through zx's template
 * quoting, never string concatenation.
 */
export function tool(timeout: Duration = '10m', env: NodeJS.ProcessEnv = process.env) {
  return $({ quiet: true, nothrow: true, timeout, env });
}

/** The path of an executable on PATH, or undefined. */
export async function findTool(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return (await which(name, { nothrow: true, path: env.PATH })) ?? undefined;
}

/** The last meaningful line of a failed process, for a one-line error. */
export function lastLine(output: ProcessOutput): string {
  const lines = `${output.stderr}\n${output.stdout}`.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? `exit code ${output.exitCode}`;
}
