// Word wrapping for text reports, so they read at 80 columns.

export const REPORT_WIDTH = 80;

/** Wraps `text` to `width` columns, every line prefixed with `indent`; long words (paths) stay whole. */
export function wrap(text: string, indent: string, width = REPORT_WIDTH, firstIndent = indent): string {
  const lines: string[] = [];
  let line = firstIndent;
  let lineHasWord = false;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      lineHasWord = false;
    }
    line += lineHasWord ? ` ${word}` : word;
    lineHasWord = true;
  }
  lines.push(line);
  return lines.join('\n');
}
