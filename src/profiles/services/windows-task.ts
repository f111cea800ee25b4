// Windows Task Scheduler tasks as stored in `%WINDIR%\System32\Tasks\<name>`: the XML OpenClaw registers with `schtasks /Create /XML`.
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { buildService } from './identity.js';
import { followLaunch } from './windows-launch.js';
import { scriptProfileOf, splitCmdWords, taskNameProfile } from './windows.js';

export interface TaskXml {
  /** The task's path in the library (`\OpenClaw Gateway (rescue)`), which Task Scheduler adds when it stores a task. */
  uri: string | null;
  /** The first `<Exec>` action: program and arguments. */
  command: string | null;
  arguments: string | null;
  /** `<Settings><Enabled>`: false after `schtasks /Change /Disable`; null when absent (Task Scheduler's default is enabled). */
  enabled: boolean | null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(value: string): string {
  return value
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name] ?? entity;
    })
    .trim();
}

/** The content of the first `<name>` element in `xml`, or null. */
function element(xml: string, name: string): string | null {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return match ? match[1]! : null;
}

/** Reads a task definition; null when the text is not one (no `<Task>` element). */
export function parseTaskXml(text: string): TaskXml | null {
  const xml = text.replace(/<!--[\s\S]*?-->/g, '');
  const task = element(xml, 'Task');
  if (task === null) return null;
  const uri = element(element(task, 'RegistrationInfo') ?? '', 'URI');
  const exec = element(element(task, 'Actions') ?? '', 'Exec') ?? '';
  const command = element(exec, 'Command');
  const args = element(exec, 'Arguments');
  const enabled = element(element(task, 'Settings') ?? '', 'Enabled');
  return {
    uri: uri === null ? null : xmlText(uri),
    command: command === null ? null : xmlText(command),
    arguments: args === null ? null : xmlText(args),
    enabled: enabled === null ? null : xmlText(enabled).toLowerCase() !== 'false',
  };
}

/** The launcher or script a task runs: its program when that is one (OpenClaw's tasks), else one named in its arguments (`wscript.exe "x.vbs"`). */
function launchedScript(command: string, args: readonly string[]): string | null {
  if (/\.(cmd|bat|vbs)$/i.test(command)) return command;
  return args.find((arg) => /\.(cmd|bat|vbs)$/i.test(arg)) ?? null;
}

export interface ParsedTask {
  /** Null when the file is not a task definition. */
  service: ServiceDefinition | null;
  /** Why the task could not be followed to a gateway script, in words. */
  problem: string | null;
}

/**
 * A task as a service: its name and file are the task's, its environment and arguments those of the
 * gateway script it runs (through the hidden `gateway.vbs` launcher when there is one).
 */
export function parseTaskFile(file: string, text: string, home: string): ParsedTask {
  const xml = parseTaskXml(text);
  if (xml === null) return { service: null, problem: `${file} is not a task definition (no <Task> element)` };
  const name = xml.uri?.replace(/^\\/, '') || path.basename(file);
  const base = { manager: 'schtasks' as const, name, file, legacy: false };
  const enabled = xml.enabled === null ? {} : { enabled: xml.enabled };
  if (xml.command === null)
    return { service: { ...buildService({ ...base, env: {}, args: [] }, taskNameProfile(name)), ...enabled }, problem: 'it runs no program' };
  const words = splitCmdWords(xml.arguments ?? '');
  const script = launchedScript(xml.command, words);
  if (script === null)
    return { service: { ...buildService({ ...base, env: {}, args: [xml.command, ...words] }, taskNameProfile(name)), ...enabled }, problem: null };
  const launch = followLaunch(script, home);
  if (!launch.ok) return { service: { ...buildService({ ...base, env: {}, args: [] }, taskNameProfile(name)), ...enabled }, problem: launch.problem };
  const service = buildService(
    { ...base, env: launch.env, args: launch.args, envFiles: [launch.script] },
    taskNameProfile(name),
    scriptProfileOf(launch.script),
  );
  return { service: { ...service, ...enabled }, problem: null };
}
