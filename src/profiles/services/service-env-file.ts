// A LaunchAgent's `<stateDir>/service-env/<label>.env`: shell assignments its wrapper sources with /bin/sh.

/** The value of one assignment as sh reads it: '...' is literal, "..." knows \" \\ \$ \` escapes, \x quotes x; unquoted blanks end it. */
function shValue(raw: string): string {
  let value = '';
  let index = 0;
  while (index < raw.length && !/[ \t]/.test(raw[index]!)) {
    const char = raw[index]!;
    if (char === "'") {
      const end = raw.indexOf("'", index + 1);
      value += raw.slice(index + 1, end === -1 ? raw.length : end);
      index = end === -1 ? raw.length : end + 1;
    } else if (char === '"') {
      index += 1;
      while (index < raw.length && raw[index] !== '"') {
        if (raw[index] === '\\' && '"\\$`'.includes(raw[index + 1] ?? '')) index += 1;
        value += raw[index] ?? '';
        index += 1;
      }
      index += 1;
    } else if (char === '\\' && index + 1 < raw.length) {
      value += raw[index + 1];
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }
  return value;
}

/**
 * `export KEY=value` lines (export optional). 2026.9 writes every value in single quotes with a ' as '\''
 * (`export HOME='/Users/o'\''brien'`): sh quoting, not systemd's, so a backslash in '...' stays a backslash.
 */
export function parseServiceEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const assignment = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (assignment) env[assignment[1]!] = shValue(assignment[2]!);
  }
  return env;
}
