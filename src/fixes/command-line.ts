// A fix command as an argument array, and the one place that quotes it for the shell it is printed for.
import type { Invocation } from '../model.js';

/** One command: what a future `fix --apply` would hand to execFile, and what the renderers print. */
export interface CommandLine {
  /** Program and arguments, unquoted. */
  readonly argv: readonly string[];
  /** Variables for this one command only (`NAME=value cmd` in a POSIX shell). */
  readonly env?: Readonly<Record<string, string>>;
  /** Append the command's stdout to this file (`>> file`): the one redirect fixes need. */
  readonly appendTo?: string;
  /** A POSIX tool or shell builtin (`mv`, `unset`) with no cmd.exe spelling: not printed for Windows. */
  readonly posixOnly?: boolean;
}

/** The host a command is printed for: its platform picks the shell, its uid fills launchd's `gui/<uid>` domain. */
export type CommandHost = Pick<Invocation, 'platform' | 'uid'>;

export type CommandShell = 'posix' | 'windows';

/** A value that cannot be put in a printed command safely, or a command this shell cannot spell: the caller prints a manual step instead. */
export class UnsafeCommandValue extends Error {
  override readonly name = 'UnsafeCommandValue';
  constructor(
    /** What the value is (`service name`, `profile name`, `argument`). */
    readonly what: string,
    readonly value: string,
    readonly reason: string,
  ) {
    super(`refusing ${what} ${JSON.stringify(value)} in a printed command: ${reason}`);
  }
}

export function shellFor(platform: NodeJS.Platform): CommandShell {
  return platform === 'win32' ? 'windows' : 'posix';
}

// Control characters can rewrite what the terminal shows (ESC sequences, CR), bidi controls reorder it
// ("Trojan Source"), zero-width ones hide text, line separators split it; lone surrogates cannot be
// encoded for the terminal at all.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\p{Surrogate}/u;

function assertVisible(what: string, value: string): void {
  if (INVISIBLE.test(value)) throw new UnsafeCommandValue(what, value, 'it holds control, bidi or unencodable characters');
}

// Characters no POSIX shell treats specially anywhere in a word. `~` (tilde expansion) and `=` (an
// assignment when it is the first word) are left out on purpose.
const POSIX_SAFE = /^[A-Za-z0-9_@%+:,./-]+$/;
// Words the shell parses as syntax in command position.
const POSIX_RESERVED = new Set([
  '!',
  '{',
  '}',
  '[[',
  ']]',
  'case',
  'coproc',
  'do',
  'done',
  'elif',
  'else',
  'esac',
  'fi',
  'for',
  'function',
  'if',
  'in',
  'select',
  'then',
  'time',
  'until',
  'while',
]);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Quotes one word for sh, bash and zsh: bare when every character is inert, else in single quotes. */
export function quotePosix(value: string): string {
  assertVisible('argument', value);
  return POSIX_SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function assertEnvName(name: string): string {
  if (!ENV_NAME.test(name)) throw new UnsafeCommandValue('environment variable name', name, 'names are letters, digits and "_", not starting with a digit');
  return name;
}

function assertProgram(cmd: CommandLine): string {
  const program = cmd.argv[0];
  if (program === undefined || program === '') throw new UnsafeCommandValue('program', program ?? '', 'a command needs a program');
  if (POSIX_RESERVED.has(program)) throw new UnsafeCommandValue('program', program, 'it is shell syntax, not a program');
  return program;
}

/** `NAME='value' program 'arg' >> 'file'`: every word quoted, nothing left for the shell to expand. */
export function renderPosix(cmd: CommandLine): string {
  assertProgram(cmd);
  const words: string[] = [];
  for (const [name, value] of Object.entries(cmd.env ?? {})) {
    assertEnvName(name);
    words.push(`${name}=${quotePosix(value)}`);
  }
  words.push(...cmd.argv.map(quotePosix));
  if (cmd.appendTo !== undefined) words.push('>>', quotePosix(cmd.appendTo));
  return words.join(' ');
}

// Windows output is cmd.exe syntax: schtasks is a cmd-era tool and OpenClaw's own task runs `gateway.cmd`.
// A value is double-quoted, and every character either cmd.exe or PowerShell expands or ends a string with
// inside double quotes is refused (PowerShell also ends strings at typographic double quotes), so a
// command pasted into either shell passes the same words.
const WINDOWS_SAFE = /^[A-Za-z0-9_.:\\/-]+$/;
const WINDOWS_REFUSED = /["%!$`\u201c\u201d\u201e]/;

/** Quotes one word for cmd.exe (and, by the refused set, for PowerShell too). */
export function quoteWindows(value: string): string {
  assertVisible('argument', value);
  if (value === '') throw new UnsafeCommandValue('argument', value, 'Windows PowerShell 5 drops empty arguments to programs');
  if (WINDOWS_REFUSED.test(value)) throw new UnsafeCommandValue('argument', value, 'cmd.exe or PowerShell would expand or split it even inside quotes');
  // Windows PowerShell drops a bare `--` before a program's arguments.
  if (WINDOWS_SAFE.test(value) && value !== '--') return value;
  // A backslash before the closing quote would escape it for the program's argument parser.
  if (value.endsWith('\\')) throw new UnsafeCommandValue('argument', value, 'a trailing backslash escapes the closing quote');
  return `"${value}"`;
}

/** `schtasks /Run /TN "OpenClaw Gateway (rescue)"`; refuses what cmd.exe cannot spell for one command alone. */
export function renderWindows(cmd: CommandLine): string {
  const program = assertProgram(cmd);
  if (cmd.posixOnly) throw new UnsafeCommandValue('program', program, 'a POSIX tool with no cmd.exe spelling');
  // cmd.exe has no per-command environment: `set` would stay in the session and steer later commands (OPENCLAW.md section 10).
  if (cmd.env && Object.keys(cmd.env).length > 0)
    throw new UnsafeCommandValue('environment', Object.keys(cmd.env).join(' '), 'cmd.exe cannot scope variables to one command');
  if (cmd.appendTo !== undefined) throw new UnsafeCommandValue('redirect', cmd.appendTo, 'printed for POSIX shells only');
  return cmd.argv.map(quoteWindows).join(' ');
}

/** Renders for the shell of `platform`: POSIX on Linux and macOS, cmd.exe on Windows. */
export function renderCommand(cmd: CommandLine, platform: NodeJS.Platform): string {
  return shellFor(platform) === 'windows' ? renderWindows(cmd) : renderPosix(cmd);
}
