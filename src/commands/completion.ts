/**
 * Shell completion. `crashlab completion bash|zsh` prints a script that asks
 * `crashlab __complete -- <words>` for candidates on every Tab, so scenario,
 * cause and remedy ids are always those of the installed version.
 */
import type { Command } from 'commander';
import { CAUSE_IDS } from '../causes.js';
import { UsageError } from '../errors.js';
import { readState } from '../state.js';
import type { CommandContext } from './context.js';

export const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

/** Option values crashlab can name, by long option. */
function optionValues(ctx: CommandContext, long: string): string[] | undefined {
  if (long === '--cause') return [...CAUSE_IDS];
  if (long === '--remedy') return remedyIds(ctx);
  return undefined;
}

/** The remedies of the attempt in progress, else of every scenario. */
function remedyIds(ctx: CommandContext): string[] {
  let scenarios = ctx.catalog.list();
  try {
    const current = readState(ctx.io.env).attempt?.scenarioId;
    if (current) scenarios = scenarios.filter((s) => s.id === current);
  } catch {
    // a damaged state file: offer every scenario's remedies
  }
  return [...new Set(scenarios.flatMap((s) => s.remedies.map((r) => r.id)))].sort();
}

const visible = (command: Command): Command[] => command.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);

/** Candidates for the last word of `words` (the words after the program name). */
export function completions(ctx: CommandContext, program: Command, words: string[]): string[] {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  let command = program;
  let positionals = 0;
  for (let i = 0; i < before.length; i++) {
    const word = before[i]!;
    if (word.startsWith('-')) {
      const option = command.options.find((o) => o.long === word || o.short === word);
      if (option && (option.required || option.optional)) i++; // skip its value
      continue;
    }
    const sub = command.commands.find((c) => c.name() === word);
    if (sub && positionals === 0) command = sub;
    else positionals++;
  }
  const previous = before.at(-1);
  const option = previous?.startsWith('-') ? command.options.find((o) => o.long === previous || o.short === previous) : undefined;
  let candidates: string[];
  if (option && (option.required || option.optional)) {
    candidates = optionValues(ctx, option.long ?? '') ?? [];
  } else if (current.startsWith('-')) {
    candidates = [...command.options.filter((o) => !o.hidden).map((o) => o.long ?? ''), '--help'].filter(Boolean);
  } else if (command.commands.length > 0 && positionals === 0) {
    candidates = visible(command).map((c) => c.name());
  } else if (command.name() === 'start' && positionals === 0) {
    candidates = ctx.catalog.list().map((s) => s.id);
  } else if (command.name() === 'completion' && positionals === 0) {
    candidates = [...SHELLS];
  } else {
    candidates = [];
  }
  return candidates.filter((c) => c.startsWith(current));
}

export function completeCommand(ctx: CommandContext, program: Command, words: string[]): number {
  for (const c of completions(ctx, program, words)) ctx.io.stdout.write(`${c}\n`);
  return 0;
}

/** The script for `shell`; `name` is the command it completes. */
export function completionScript(shell: string): string {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`no completion for '${shell}'; choose one of ${SHELLS.join(', ')}`);
  return (shell as Shell) === 'bash' ? BASH : ZSH;
}

const BASH = `# crashlab completion for bash; load it with
#   source <(crashlab completion bash)
# or save it as ~/.local/share/bash-completion/completions/crashlab
_crashlab() {
  local IFS=$'\\n'
  COMPREPLY=($(crashlab __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -F _crashlab crashlab
`;

const ZSH = `#compdef crashlab
# crashlab completion for zsh; load it with
#   source <(crashlab completion zsh)
# or save it as _crashlab in a folder on $fpath
_crashlab() {
  local -a candidates
  candidates=(\${(f)"$(crashlab __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)"})
  compadd -a candidates
}
if (( $+functions[compdef] )); then
  compdef _crashlab crashlab
fi
`;

export function completionCommand(ctx: CommandContext, shell: string): number {
  ctx.io.stdout.write(completionScript(shell));
  return 0;
}
