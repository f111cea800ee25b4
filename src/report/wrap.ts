// Word wrapping for text reports, so they read at 80 columns.

export const REPORT_WIDTH = 80;

/** Words packed into lines of at most `width` columns; `breakMark` ends every line that continues on the next. */
function packWords(words: readonly string[], firstIndent: string, indent: string, width: number, breakMark = ''): string {
  const lines: string[] = [];
  let line = firstIndent;
  let lineHasWord = false;
  for (const word of words) {
    if (lineHasWord && line.length + 1 + word.length + breakMark.length > width) {
      lines.push(`${line}${breakMark}`);
      line = indent;
      lineHasWord = false;
    }
    line += lineHasWord ? ` ${word}` : word;
    lineHasWord = true;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Wraps `text` to `width` columns, every line prefixed with `indent`; long words (paths) stay whole. */
export function wrap(text: string, indent: string, width = REPORT_WIDTH, firstIndent = indent): string {
  return packWords(text.split(/\s+/).filter(Boolean), firstIndent, indent, width);
}

/** The words of a POSIX shell command line, quoted words kept whole, so it can break between them. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | null = null;
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index]!;
    if (quote === null && char === ' ') {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    if (quote === null && (char === "'" || char === '"')) quote = char;
    else if (char === quote && !(quote === '"' && command[index - 1] === '\\')) quote = null;
    word += char;
  }
  if (word !== '') words.push(word);
  return words;
}

/**
 * A command that fits `width` when printed after `prefix`, else broken between words with a trailing
 * ` \` so it still pastes as one command; a single word longer than the line stays whole.
 */
export function wrapCommand(command: string, prefix: string, indent: string, width = REPORT_WIDTH): string {
  if (prefix.length + command.length <= width) return `${prefix}${command}`;
  return packWords(shellWords(command), prefix, indent, width, ' \\');
}
