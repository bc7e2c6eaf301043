/**
 * Markdown (debriefs, hints) for the terminal: headings, code blocks and
 * emphasis styled by marked-terminal on a colour terminal; the Markdown text
 * itself, unchanged, under NO_COLOR, TERM=dumb or when stdout is not a
 * terminal (a pipe or a file gets no escape codes, and Markdown already reads
 * as plain text). FORCE_COLOR styles a pipe too.
 */
import type { CliIo } from './io.js';

/** Whether output to `io.stdout` gets terminal styling. */
export function styled(io: CliIo): boolean {
  const { env } = io;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true && env.TERM !== 'dumb';
}

/** `text` ready to print to `io.stdout`, without a trailing newline. */
export async function renderMarkdown(text: string, io: CliIo): Promise<string> {
  if (!styled(io)) return text.trimEnd();
  const [{ Marked }, { markedTerminal }, { default: chalk }] = await Promise.all([import('marked'), import('marked-terminal'), import('chalk')]);
  // chalk guesses from the process; the decision above is the one that counts
  if (chalk.level === 0) chalk.level = 1;
  const width = Math.min((io.stdout as { columns?: number }).columns ?? 80, 100);
  const marked = new Marked(markedTerminal({ width, reflowText: true, tab: 2 }), {
    // a tight list item's text carries inline tokens (bold, code) that marked-terminal would print raw
    renderer: {
      text(token) {
        return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : false;
      },
    },
  });
  return (await marked.parse(text)).trimEnd();
}
