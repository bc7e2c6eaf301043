/**
 * Makes pasted text readable by the line parsers: no ANSI colours, no CR,
 * no BOM, tabs widened to a column gap, and the quoting that chat and issue
 * trackers add (markdown fences, "> " prefixes) taken off.
 */
export function cleanText(raw: string): string {
  const text = raw
    .replace(/^\uFEFF/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/\u00a0/g, ' ');
  const lines = text
    .split('\n')
    .flatMap(unescapeLine)
    .filter((line) => !/^\s*(```|~~~)/.test(line) && !MARKDOWN_ONLY.test(line))
    .map(unwrapLine);
  const quoted = lines.filter((l) => l.trim() !== '');
  const allQuoted = quoted.length > 0 && quoted.every((l) => /^\s*>( |$)/.test(l));
  return (allQuoted ? lines.map((l) => l.replace(/^\s*> ?/, '')) : lines).join('\n');
}

/**
 * Output that went through a JSON string once (a log shipper, an escaped
 * paste) shows its line breaks as a literal \n. A line that is not itself a
 * JSON object is split there again.
 */
function unescapeLine(line: string): string[] {
  if (!line.includes('\\n') || /^\s*\{.*\}\s*$/.test(line)) return [line];
  // a \n that ends a JSON string value ("...\n","stream") stays
  const parts = line.split(/\\n(?!"\s*[,}])/);
  if (parts.length < 2) return [line];
  return parts.map((part) => part.replace(/\\t/g, '    ').replace(/\\"/g, '"'));
}

/** Lines a chat or tracker adds around output: "**Output:**", "### Logs", a lone backtick. */
const MARKDOWN_ONLY = /^\s*(?:(?:\*\*|__)[^*_]{1,60}(?:\*\*|__):?\s*|#{2,6}\s+\S.{0,60}|`)\s*$/;

/**
 * Takes off what wraps one line of output: bold or inline-code markers around
 * a command, an unbalanced backtick left by inline code that spans lines, and
 * the box borders of terminal UIs (│ ... │).
 */
function unwrapLine(line: string): string {
  let out = line;
  const bold = /^(\s*)(?:\*\*|__)(.+?)(?:\*\*|__)\s*$/.exec(out);
  if (bold && /(?:kubectl|\boc)\s/.test(bold[2]!)) out = bold[1]! + bold[2]!;
  const code = /^(\s*)`([^`]+)`\s*$/.exec(out);
  if (code) out = code[1]! + code[2]!;
  if ((out.match(/`/g)?.length ?? 0) % 2 === 1) out = out.replace(/^(\s*)`(?!`)/, '$1').replace(/(?<!`)`\s*$/, '');
  const boxed = /^\s*[│┃|]\s(.*?)(?:\s[│┃|])?\s*$/.exec(out);
  if (boxed && /[│┃]/.test(out)) out = boxed[1]!.trimEnd();
  return out;
}

/** True when the input is mostly bytes no kubectl output would contain. */
export function looksBinary(raw: string): boolean {
  if (raw.length === 0) return false;
  const sample = raw.slice(0, 4096);
  let odd = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 27)) odd++;
  }
  return odd / sample.length > 0.1;
}

/** Splits into lines, keeping their indentation. */
export function toLines(text: string): string[] {
  return text.split('\n');
}

export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Parses an integer, or undefined when the text is not one. */
export function toInt(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = /^-?\d+/.exec(text.trim());
  return match ? Number.parseInt(match[0], 10) : undefined;
}
