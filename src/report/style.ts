// Colour for text reports: one chalk instance per run, level 0 unless a TTY wants colour.
import { Chalk, type ChalkInstance } from 'chalk';

export interface ColourChoice {
  noColor: boolean;
  json: boolean;
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/** chalk ignores NO_COLOR, so clawdoc reads it: NO_COLOR, --no-color, --json or a pipe give plain text. */
export function makeChalk(choice: ColourChoice): ChalkInstance {
  const off = choice.noColor || choice.json || !choice.isTTY || Boolean(choice.env.NO_COLOR);
  const forced = choice.env.FORCE_COLOR !== undefined && choice.env.FORCE_COLOR !== '0';
  return new Chalk({ level: off && !(forced && !choice.json && !choice.noColor && !choice.env.NO_COLOR) ? 0 : 1 });
}

/** A path under the inspected home, shown as `~/...` so reports stay short and comparable. */
export function displayPath(file: string | null, home: string): string {
  if (file === null) return '-';
  if (file === home) return '~';
  // Every path under the home inside the text (a detail may name one mid-sentence), not only a leading one.
  return file.split(`${home}/`).join('~/');
}
