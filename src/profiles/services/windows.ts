// Windows gateway scripts: the `<stateDir>/gateway.cmd` a task or Startup-folder entry runs, and what it sets and runs.
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { buildService } from './identity.js';
import { profileFromStateDirName } from '../names.js';

/** What a gateway script sets (`set "KEY=value"`) and the command line it runs. */
export interface GatewayScript {
  env: Record<string, string>;
  args: string[];
}

// OpenClaw 2026.9 appends this to the gateway's arguments in its scripts; it marks the task supervisor, not the gateway's own options.
const TASK_SUPERVISOR_FLAG = '--task-supervisor';

/** Undoes OpenClaw's cmd escaping of a quoted `set` (`^^`, `^"`, `^!`, `%%`; renderCmdSetAssignment, 2026.9). */
function unescapeSet(value: string): string {
  return value.replace(/\^([\^"!])|%%/g, (match, escaped: string | undefined) => escaped ?? '%');
}

/**
 * Splits a cmd.exe command line into words: double quotes group, `\"` is a literal quote, other backslashes
 * are path separators. A redirection (`< NUL`, `> log 2>&1`) ends the command; `%%` and `^!` are unescaped.
 */
export function splitCmdWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    if (char === '\\' && line[index + 1] === '"') {
      word += '"';
      inWord = true;
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && /\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (!quoted && !inWord && (char === '<' || char === '>' || (/\d/.test(char) && line[index + 1] === '>'))) {
      break;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words.map((arg) => arg.replace(/%%/g, '%').replace(/\^!/g, '!'));
}

/** The lines of a script that run something: no blank lines, `@echo`, `rem` or `::` comments, code page or working dir (`cd /d`) lines. */
function commandLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^(@?echo\b|@?rem\b|::|@?chcp\b|@?cd\s+\/d\s)/i.test(line));
}

export function readGatewayScript(text: string): GatewayScript {
  const env: Record<string, string> = {};
  let args: string[] = [];
  for (const line of commandLines(text)) {
    const assignment = /^set\s+(?:"([^=]+)=(.*)"|([^=]+)=(.*))$/i.exec(line);
    if (assignment) {
      const [quotedKey, quotedValue, key, value] = assignment.slice(1);
      if (quotedKey !== undefined) env[unescapeSet(quotedKey.trim())] = unescapeSet(quotedValue!);
      else env[key!.trim()] = value!.trim();
      continue;
    }
    if (args.length === 0 && /\bgateway\b/.test(line)) args = splitCmdWords(line).filter((arg) => arg !== TASK_SUPERVISOR_FLAG);
  }
  return { env, args };
}

/** The script a Startup-folder `.cmd` launcher starts (`start "" /min cmd.exe /d /c "<script>"`, 2026.9), or null when it runs nothing else. */
export function cmdLaunchTarget(text: string): string | null {
  for (const line of commandLines(text)) {
    const words = splitCmdWords(line);
    if (words[0]?.toLowerCase() !== 'start') continue;
    const at = words.findIndex((word) => /^\/[ck]$/i.test(word));
    const target = at === -1 ? words.at(-1) : words[at + 1];
    if (target && /\.(cmd|bat|vbs)$/i.test(target)) return target;
  }
  return null;
}

/** `OpenClaw Gateway (rescue)` → rescue, `OpenClaw Gateway` → default; null for other names. */
export function taskNameProfile(name: string): string | null {
  const match = /^OpenClaw Gateway(?: \((.+)\))?$/.exec(name);
  return match ? (match[1] ?? 'default') : null;
}

/** A `gateway.cmd` no task or Startup entry was found for: the script stands for the task that runs it. */
export function parseGatewayCmd(file: string, text: string, stateDirProfile: string | null): ServiceDefinition | null {
  const { env, args } = readGatewayScript(text);
  if (args.length === 0) return null;
  // 2026.9 writes the task's own name into the script (OPENCLAW_WINDOWS_TASK_NAME); older scripts are named for their state dir.
  const name =
    env.OPENCLAW_WINDOWS_TASK_NAME?.trim() || (stateDirProfile && stateDirProfile !== 'default' ? `OpenClaw Gateway (${stateDirProfile})` : 'OpenClaw Gateway');
  return buildService({ manager: 'schtasks', name, file: path.resolve(file), env, args, legacy: false }, taskNameProfile(name), stateDirProfile);
}

/** The profile whose state dir holds a script (`~/.openclaw-rescue/gateway.cmd` → rescue), or null. */
export function scriptProfileOf(script: string): string | null {
  return profileFromStateDirName(path.basename(path.dirname(script)));
}
