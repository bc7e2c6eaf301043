import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../scenario/package-root.js';
import { formatProblem, validatePath, VALIDATE_SEEDS } from '../scenario/validate.js';
import { say } from '../ui/io.js';
import { printJson, type CommandContext } from './context.js';

/** What `path` names: one scenario file, or every scenario under a root holding scenarios/. */
export function validateTarget(path: string | undefined, env: NodeJS.ProcessEnv): { root: string; file?: string } {
  if (path === undefined) return { root: env.CRASHLAB_ROOT || packageRoot() };
  const full = resolve(path);
  if (!existsSync(full)) throw new UsageError(`no such file or folder: ${path}`);
  if (statSync(full).isFile()) {
    if (!full.endsWith('.yaml') || basename(dirname(full)) !== 'scenarios') {
      throw new UsageError(`${path} is not a scenario file; scenario files are <root>/scenarios/<id>.yaml`);
    }
    return { root: dirname(dirname(full)), file: full };
  }
  if (existsSync(join(full, 'scenarios'))) return { root: full };
  if (basename(full) === 'scenarios') return { root: dirname(full) };
  throw new UsageError(`${path} holds no scenarios/ folder; pass a scenario file or a folder with scenarios/`);
}

/** `crashlab validate [path]`: exit 1 when any scenario has a problem, one line each. */
export function validateCommand(ctx: CommandContext, path: string | undefined, options: { json?: boolean }): number {
  const report = validatePath(validateTarget(path, ctx.io.env));
  if (options.json) {
    printJson(ctx.io, { ok: report.problems.length === 0, seeds: VALIDATE_SEEDS, files: report.files, problems: report.problems });
  } else {
    for (const problem of report.problems) say(ctx.io, formatProblem(problem));
    const files = `${report.files.length} scenario file${report.files.length === 1 ? '' : 's'}`;
    say(ctx.io, report.problems.length === 0 ? `${files} valid (templates rendered for ${VALIDATE_SEEDS} seeds)` : `${report.problems.length} problem(s) in ${files}`);
  }
  return report.problems.length === 0 ? 0 : 1;
}
