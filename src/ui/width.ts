/** A stream that may be a terminal of some width (process.stdout and process.stderr are). */
export interface SizedStream {
  isTTY?: boolean;
  columns?: number;
}

/**
 * The width to fit output to: the terminal's columns, or undefined when the
 * stream is a pipe or a file, which get whole lines.
 */
export function terminalColumns(stream: SizedStream): number | undefined {
  return stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : undefined;
}

/** Cuts a line to `columns` characters, marking the cut with an ellipsis. */
export function truncateLine(line: string, columns: number | undefined): string {
  if (columns === undefined || line.length <= columns) return line;
  if (columns <= 1) return line.slice(0, Math.max(columns, 0));
  return `${line.slice(0, columns - 1)}…`;
}

/**
 * Wraps each line of `text` at spaces so none is longer than `columns`;
 * continuation lines keep the line's indentation plus two spaces. A word
 * longer than the width stays whole (a command or URL is better copied intact
 * than cut). Undefined columns leave the text as it is.
 */
export function wrapText(text: string, columns: number | undefined): string {
  if (columns === undefined) return text;
  return text
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n');
}

function wrapLine(line: string, columns: number): string {
  if (line.length <= columns) return line;
  const indent = /^\s*/.exec(line)![0];
  const hanging = `${indent}  `.slice(0, Math.max(0, Math.floor(columns / 2)));
  const words = line.slice(indent.length).split(/ +/);
  const out: string[] = [];
  let current = indent;
  let fresh = true;
  for (const word of words) {
    if (!fresh && current.length + 1 + word.length > columns) {
      out.push(current);
      current = hanging + word;
    } else {
      current = fresh ? current + word : `${current} ${word}`;
    }
    fresh = false;
  }
  out.push(current);
  return out.join('\n');
}
