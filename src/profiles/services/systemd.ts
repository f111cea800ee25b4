// systemd user units: ExecStart and Environment parsed with systemd's quoting rules.
import type { ServiceDefinition } from '../../model.js';
import { buildService } from './identity.js';

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

export function parseSystemdUnit(file: string, text: string): ServiceDefinition | null {
  let section = '';
  let execStart: string | null = null;
  const env: Record<string, string> = {};
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
  return buildService({ manager: 'systemd', name, file, env, args, legacy: name.startsWith('clawdbot') }, nameProfileOf(name));
}
