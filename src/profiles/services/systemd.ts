// systemd user units: ExecStart and Environment parsed with systemd's quoting rules.
import type { ServiceDefinition } from '../../model.js';
import { buildService } from './identity.js';

/** Reads a file a service names for its environment; null when it is missing or unreadable. */
export type EnvFileReader = (file: string) => { file: string; text: string } | null;

export interface UnitOptions {
  scope?: 'user' | 'system';
  readEnvFile?: EnvFileReader;
}

/** `KEY=value` lines of a systemd EnvironmentFile (quotes dropped, comments skipped). */
function parseEnvFileLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    const value = line.slice(eq + 1).trim();
    const words = splitSystemdWords(value);
    env[key] = words.length === 1 && /^["']/.test(value) ? words[0]! : value;
  }
  return env;
}

/** Splits a systemd value into words: "double" and 'single' quotes, backslash escapes. */
export function splitSystemdWords(value: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    if (char === '\\' && index + 1 < value.length) {
      const next = value[index + 1]!;
      const escapes: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '"': '"', "'": "'", ' ': ' ' };
      word += escapes[next] ?? next;
      inWord = true;
      index += 1;
    } else if (quote) {
      if (char === quote) quote = null;
      else word += char;
    } else if ((char === '"' || char === "'") && !inWord) {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Joins `\`-continued lines and drops comments. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (pending === '' && /^\s*[#;]/.test(line)) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending) lines.push(pending);
  return lines;
}

function nameProfileOf(unit: string): string | null {
  const match = /^(?:openclaw|clawdbot)-gateway(?:-(.+))?\.service$/.exec(unit);
  if (!match) return null;
  return match[1] ?? 'default';
}

export function parseSystemdUnit(file: string, text: string, options: UnitOptions = {}): ServiceDefinition | null {
  let section = '';
  let execStart: string | null = null;
  const env: Record<string, string> = {};
  const envFileNames: string[] = [];
  for (const line of logicalLines(text)) {
    const trimmed = line.trim();
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      section = header[1]!;
      continue;
    }
    if (section !== 'Service') continue;
    const assignment = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(trimmed);
    if (!assignment) continue;
    const [, key, value] = assignment as unknown as [string, string, string];
    if (key === 'ExecStart' && value !== '') execStart = value;
    // The path is a glob: 2026.9 escapes ?*()[]\ in it with a backslash (`op's \(home\)`), which glob(3) takes back.
    if (key === 'EnvironmentFile' && value !== '') envFileNames.push(value.replace(/^-/, '').replace(/%%/g, '%').replace(/\\(.)/g, '$1'));
    if (key === 'Environment') {
      for (const word of splitSystemdWords(value)) {
        const eq = word.indexOf('=');
        if (eq > 0) env[word.slice(0, eq)] = word.slice(eq + 1).replace(/%%/g, '%');
      }
    }
  }
  if (execStart === null) return null;
  // ExecStart prefixes (-, @, +, !, :) change how systemd runs it, not what it runs.
  const args = splitSystemdWords(execStart.replace(/^[-@+!:]+/, '')).map((arg) => arg.replace(/%%/g, '%'));
  const name = file.split('/').pop() ?? file;
  const envFiles: string[] = [];
  // systemd applies EnvironmentFile= over Environment= (systemd.exec(5)), so the files win.
  for (const envFile of envFileNames) {
    const read = options.readEnvFile?.(envFile) ?? null;
    if (!read) continue;
    envFiles.push(read.file);
    Object.assign(env, parseEnvFileLines(read.text));
  }
  return buildService(
    {
      manager: 'systemd',
      name,
      file,
      env,
      args,
      legacy: name.startsWith('clawdbot'),
      ...(options.scope === 'system' ? { scope: 'system' as const } : {}),
      ...(envFiles.length > 0 ? { envFiles } : {}),
    },
    nameProfileOf(name),
  );
}
