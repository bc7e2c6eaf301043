/**
 * What a scenario's shell may use. Scenarios run on busybox:1.36 (upstream)
 * and on Debian's busybox 1.35 (the local test cluster's image); the two
 * ship different applets and options, so only what both handle is allowed.
 */

/** applet -> options that must not be used (and why) */
export const BUSYBOX_APPLETS: Record<string, Record<string, string>> = {
  sh: {},
  httpd: {},
  nc: { '-z': 'Debian busybox nc has no -z; pipe a request into `nc host port` instead' },
  wget: { '-T': 'segfaults on Debian busybox; wrap the call in `timeout` instead' },
  sleep: {},
  head: {},
  tail: {},
  cat: {},
  echo: {},
  env: {},
  test: {},
  '[': {},
  timeout: {},
  printf: {},
  date: {},
  true: {},
  false: {},
  kill: {},
  ls: {},
  mkdir: {},
  mkfifo: {},
  seq: {},
};

/** Shell words that come before a command (`then nc ...`, `exec httpd ...`). */
const PREFIX_WORDS = new Set(['if', 'then', 'else', 'elif', 'while', 'until', 'do', 'exec', '{', '!']);
/** Shell words that make the whole simple command a shell matter, not a program. */
const SHELL_COMMANDS = new Set([
  'fi', 'done', 'esac', 'for', 'case', '}', 'exit', 'trap', 'set', 'export', 'cd', 'read', 'shift', 'return', 'break', 'continue', ':',
]);

/** `head -c 96M` is rejected by Debian's busybox: sizes must be plain byte counts. */
const SIZE_SUFFIX = /^\d+[kKmMgG]$/;

export interface CompatProblem {
  program: string;
  problem: string;
}

/** The problems with one container command (command + args as Kubernetes runs them). */
export function commandProblems(argv: string[]): CompatProblem[] {
  if (argv.length === 0) return [];
  const [first, flag, script] = argv;
  if ((first === 'sh' || first === '/bin/sh') && flag === '-c' && script !== undefined) return scriptProblems(script);
  return simpleCommandProblems(argv);
}

/** The problems in a `sh -c` script. */
export function scriptProblems(script: string): CompatProblem[] {
  return simpleCommands(script).flatMap(simpleCommandProblems);
}

function simpleCommandProblems(words: string[]): CompatProblem[] {
  const program = words[0];
  if (program === undefined) return [];
  const name = program.replace(/^\/(usr\/)?bin\//, '');
  const banned = BUSYBOX_APPLETS[name];
  if (banned === undefined) return [{ program, problem: 'not an applet both busybox builds ship' }];
  const problems: CompatProblem[] = [];
  for (const word of words.slice(1)) {
    const why = banned[word];
    if (why) problems.push({ program, problem: `${word}: ${why}` });
    if (name === 'head' && SIZE_SUFFIX.test(word)) problems.push({ program, problem: `${word}: use a plain byte count` });
  }
  if (name === 'timeout' || name === 'env') problems.push(...simpleCommandProblems(words.slice(name === 'timeout' ? 2 : 1)));
  return problems;
}

/**
 * Splits a script into simple commands (lists of words), dropping shell
 * keywords, builtins and variable assignments. Good enough for the short
 * scripts scenarios use; not a shell parser.
 */
export function simpleCommands(script: string): string[][] {
  const withoutQuoted = script
    .replace(/'[^']*'/g, "''")
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\$\(\([^)]*\)\)/g, '0')
    .replace(/\d*>&\d/g, '');
  const out: string[][] = [];
  for (const piece of withoutQuoted.split(/;|\|\||&&|\||\n|\(|\)|`|\$\(|&/)) {
    const words = piece.trim().split(/\s+/).filter(Boolean);
    while (words.length > 0 && (PREFIX_WORDS.has(words[0]!) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || /^\d*[<>]/.test(words[0]!))) {
      // A bare `>` takes the next word as its target.
      if (/^\d*[<>]+$/.test(words.shift()!)) words.shift();
    }
    if (words[0] !== undefined && SHELL_COMMANDS.has(words[0])) continue;
    const kept = words.filter((w, i) => !/^\d*[<>]/.test(w) && !(i > 0 && /^\d*[<>]/.test(words[i - 1]!)));
    if (kept.length > 0) out.push(kept);
  }
  return out;
}
