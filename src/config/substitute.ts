// `${VAR}` substitution in config string values, as OpenClaw does it (2026.9.6): a missing or empty
// variable keeps the literal `${VAR}` and is reported, `$${VAR}` escapes to a literal `${VAR}`.

const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

// A 2 MiB config can hold 500k references to one variable, and a variable can hold 128 KiB
// (Linux MAX_ARG_STRLEN): without a bound the expanded config alone could need gigabytes.
export const MAX_SUBSTITUTED_CHARS = 16 * 1024 * 1024;

/** One missing variable, however often it is referenced: 200k references are one problem, not 200k. */
interface MissingVariable {
  name: string;
  /** Dotted config path of the first value that referenced it. */
  path: string;
  /** How many references in all. */
  count: number;
}

export interface Substituted {
  value: unknown;
  missing: MissingVariable[];
  /**
   * Every string value that took text from the environment, with the variables it took: such a
   * value may be a secret (`${OPENCLAW_GATEWAY_TOKEN}`) and must never be echoed in a message.
   */
  substituted: Map<string, string[]>;
}

/** The expansion outgrew MAX_SUBSTITUTED_CHARS. */
export class SubstitutionError extends Error {}

interface Run {
  env: Readonly<Record<string, string | undefined>>;
  missing: Map<string, MissingVariable>;
  substituted: Map<string, string[]>;
  /** Characters produced so far by expansions, against MAX_SUBSTITUTED_CHARS. */
  expanded: number;
}

function substituteString(value: string, configPath: string, run: Run): string {
  if (!value.includes('$')) return value;
  let result = '';
  const used = new Set<string>();
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    if (char !== '$') {
      result += char;
      continue;
    }
    const escaped = value[index + 1] === '$' && value[index + 2] === '{';
    const start = escaped ? index + 3 : value[index + 1] === '{' ? index + 2 : -1;
    const end = start === -1 ? -1 : value.indexOf('}', start);
    const name = end === -1 ? '' : value.slice(start, end);
    if (!ENV_VAR_NAME.test(name)) {
      result += char;
      continue;
    }
    const resolved = run.env[name];
    if (escaped || resolved === undefined || resolved === '') {
      if (!escaped) {
        const seen = run.missing.get(name);
        if (seen) seen.count += 1;
        else run.missing.set(name, { name, path: configPath, count: 1 });
      }
      result += `\${${name}}`;
    } else {
      run.expanded += resolved.length;
      if (run.expanded > MAX_SUBSTITUTED_CHARS) {
        throw new SubstitutionError(
          `\${VAR} substitution expands the config past ${MAX_SUBSTITUTED_CHARS / 1024 / 1024} MiB (at ${configPath}, \${${name}}); clawdoc stops expanding it`,
        );
      }
      used.add(name);
      result += resolved;
    }
    index = end;
  }
  if (used.size > 0) run.substituted.set(result, [...new Set([...(run.substituted.get(result) ?? []), ...used])]);
  return result;
}

function substituteAny(value: unknown, configPath: string, run: Run): unknown {
  if (typeof value === 'string') return substituteString(value, configPath, run);
  if (Array.isArray(value)) return value.map((item, index) => substituteAny(item, `${configPath}[${index}]`, run));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) result[key] = substituteAny(child, configPath ? `${configPath}.${key}` : key, run);
    return result;
  }
  return value;
}

/** Throws SubstitutionError when the expansion grows past MAX_SUBSTITUTED_CHARS. */
export function substituteEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): Substituted {
  const run: Run = { env, missing: new Map(), substituted: new Map(), expanded: 0 };
  const substituted = substituteAny(value, '', run);
  return { value: substituted, missing: [...run.missing.values()], substituted: run.substituted };
}
