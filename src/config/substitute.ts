// `${VAR}` substitution in config string values, as OpenClaw does it (2026.9.6): a missing or empty
// variable keeps the literal `${VAR}` and is reported, `$${VAR}` escapes to a literal `${VAR}`.

const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

export interface MissingVariable {
  name: string;
  /** Dotted config path of the value that referenced it. */
  path: string;
}

export interface Substituted {
  value: unknown;
  missing: MissingVariable[];
}

function substituteString(value: string, env: Readonly<Record<string, string | undefined>>, configPath: string, missing: MissingVariable[]): string {
  if (!value.includes('$')) return value;
  let result = '';
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
    const resolved = env[name];
    if (escaped || resolved === undefined || resolved === '') {
      if (!escaped) missing.push({ name, path: configPath });
      result += `\${${name}}`;
    } else {
      result += resolved;
    }
    index = end;
  }
  return result;
}

function substituteAny(value: unknown, env: Readonly<Record<string, string | undefined>>, configPath: string, missing: MissingVariable[]): unknown {
  if (typeof value === 'string') return substituteString(value, env, configPath, missing);
  if (Array.isArray(value)) return value.map((item, index) => substituteAny(item, env, `${configPath}[${index}]`, missing));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) result[key] = substituteAny(child, env, configPath ? `${configPath}.${key}` : key, missing);
    return result;
  }
  return value;
}

export function substituteEnv(value: unknown, env: Readonly<Record<string, string | undefined>>): Substituted {
  const missing: MissingVariable[] = [];
  return { value: substituteAny(value, env, '', missing), missing };
}
