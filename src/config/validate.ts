// Type checks of the config keys clawdoc reads: a wrong value is a problem with its key, never a crash.
import type { Problem } from '../model.js';
import { isSecretName } from '../redact.js';

// A 2 MiB config can hold 100k browser profiles with a wrong cdpPort: list a few, count the rest.
const MAX_LISTED_PROBLEMS = 20;

const BIND_MODES = ['loopback', 'lan', 'tailnet', 'auto', 'custom'];

/** The value at a dotted path (`gateway.auth.token`), or undefined. */
export function getPath(config: Record<string, unknown> | null | undefined, dotted: string): unknown {
  let current: unknown = config ?? undefined;
  for (const key of dotted.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** String values that came from `${VAR}`, with their variables (LoadedConfig.substituted). */
type SubstitutedValues = ReadonlyMap<string, readonly string[]>;

function describe(value: unknown, key: string, substituted: SubstitutedValues): string {
  // A value from the environment is often a credential put in the wrong key: name its source, never its text.
  const from = typeof value === 'string' ? substituted.get(value) : undefined;
  if (from) return `the value of ${from.map((name) => `\${${name}}`).join(', ')} (not shown)`;
  if ((typeof value === 'string' || typeof value === 'number') && key.split('.').some(isSecretName))
    return `a ${typeof value} (not shown: the key holds a secret)`;
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

type Rule = (value: unknown) => string | null;

const port: Rule = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? null : 'must be a whole number from 1 to 65535';
const gatewayPort: Rule = (value) => {
  // 2026.9.6 `config validate`: `gateway.port: Invalid input: expected number, received string`; the CLI then refuses
  // `config set` on the file and resolves the port as if the key were absent (the profile's hash or 18789).
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value))
    return `is a string, not a number: OpenClaw rejects the config ("expected number, received string") and ignores the key; write it without quotes (${value.trim()})`;
  return port(value);
};
const text: Rule = (value) => (typeof value === 'string' ? null : 'must be a string');
const flag: Rule = (value) => (typeof value === 'boolean' ? null : 'must be true or false');
const object: Rule = (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? null : 'must be an object');
const bindMode: Rule = (value) => (typeof value === 'string' && BIND_MODES.includes(value) ? null : `must be one of ${BIND_MODES.join(', ')}`);
// Hides credentials in a URL before saying it is wrong; an unparsable URL is not echoed at all.
const url: Rule = (value) => {
  if (typeof value !== 'string') return 'must be a URL string';
  try {
    new URL(value);
    return null;
  } catch {
    return 'must be a URL such as http://127.0.0.1:9222';
  }
};

const RULES: ReadonlyArray<[string, Rule]> = [
  ['gateway', object],
  ['gateway.port', gatewayPort],
  ['gateway.bind', bindMode],
  ['mcp.apps.sandboxPort', port],
  ['canvasHost.port', port],
  ['browser', object],
  ['browser.enabled', flag],
  ['browser.cdpUrl', url],
  ['browser.profiles', object],
  ['agents.defaults.workspace', text],
  ['agents.entries', object],
  ['session.store', text],
  ['logging.file', text],
];

export function validateConfigValues(config: Record<string, unknown>, file: string, substituted: SubstitutedValues = new Map()): Problem[] {
  const problem = (problemFile: string, key: string, value: unknown, reason: string, shown = true): Problem => ({
    severity: 'error',
    file: problemFile,
    path: key,
    message: `${key} ${reason}${shown ? `, not ${describe(value, key, substituted)}` : ''}`,
  });
  const problems: Problem[] = [];
  for (const [key, rule] of RULES) {
    const value = getPath(config, key);
    if (value === undefined) continue;
    const reason = rule(value);
    if (reason) problems.push(problem(file, key, value, reason, rule !== url));
  }
  const profiles = getPath(config, 'browser.profiles');
  if (profiles && typeof profiles === 'object' && !Array.isArray(profiles)) {
    for (const [name, entry] of Object.entries(profiles)) {
      for (const [field, rule] of [
        ['cdpPort', port],
        ['cdpUrl', url],
        ['driver', text],
        ['userDataDir', text],
      ] as const) {
        const value = getPath(entry as Record<string, unknown>, field);
        const reason = value === undefined ? null : rule(value);
        if (reason) problems.push(problem(file, `browser.profiles.${name}.${field}`, value, reason, rule !== url));
      }
    }
  }
  const entries = getPath(config, 'agents.entries');
  if (entries && typeof entries === 'object' && !Array.isArray(entries)) {
    for (const [id, entry] of Object.entries(entries)) {
      const value = getPath(entry as Record<string, unknown>, 'workspace');
      if (value !== undefined && typeof value !== 'string') problems.push(problem(file, `agents.entries.${id}.workspace`, value, 'must be a string'));
    }
  }
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    {
      severity: 'error',
      file,
      message: `and ${problems.length - MAX_LISTED_PROBLEMS} more keys with wrong values (the first ${MAX_LISTED_PROBLEMS} are listed)`,
    },
  ];
}
