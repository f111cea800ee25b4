// Startup-folder launchers as 2026.9.6 writes them when schtasks is refused (.cmd, hidden .vbs), hand-made ones, and their text encodings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStartupEntry, startupDirOf } from '../../../src/profiles/services/windows-startup.js';
import { vbsLaunchTarget } from '../../../src/profiles/services/windows-launch.js';
import { cmdLaunchTarget, readGatewayScript, splitCmdWords } from '../../../src/profiles/services/windows.js';
import { decodeWindowsText } from '../../../src/profiles/services/windows-text.js';
import { findServices } from '../../../src/profiles/services/index.js';
import { fixtureHome } from '../../support/runtime.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function copyOf(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-startup-'));
  temps.push(dir);
  fs.cpSync(fixtureHome(name), dir, { recursive: true });
  return dir;
}

const SCRIPT = 'C:\\Users\\bob\\.openclaw-rescue\\gateway.cmd';
// The texts of 2026.9.6's buildStartupLauncherScript and buildHiddenLauncherScript for rescue.
const CMD_LAUNCHER = `@echo off\r\nrem OpenClaw Gateway (profile: rescue)\r\nstart "" /min C:\\Windows\\System32\\cmd.exe /d /c ${SCRIPT}\r\n`;
const VBS_LAUNCHER = `' OpenClaw Gateway (profile: rescue)\r\nSet shell = CreateObject("WScript.Shell")\r\nshell.Environment("Process")("OPENCLAW_WINDOWS_TASK_HIDDEN_LAUNCHER") = "wscript"\r\nWScript.Quit shell.Run("""${SCRIPT}""", 0, True)\r\n`;

describe('launcher text', () => {
  it('finds the script a Startup .cmd starts, quoted or not', () => {
    expect(cmdLaunchTarget(CMD_LAUNCHER)).toBe(SCRIPT);
    expect(cmdLaunchTarget('start "" /min "C:\\Windows\\System32\\cmd.exe" /d /c "C:\\Users\\Bo b\\.openclaw\\gateway.cmd"')).toBe(
      'C:\\Users\\Bo b\\.openclaw\\gateway.cmd',
    );
    expect(cmdLaunchTarget('@echo off\r\n"C:\\node.exe" openclaw.mjs gateway --port 1\r\n')).toBeNull();
  });

  it('finds the script a hidden .vbs runs, and nothing in a .vbs that runs none', () => {
    expect(vbsLaunchTarget(VBS_LAUNCHER)).toBe(SCRIPT);
    expect(vbsLaunchTarget('CreateObject("WScript.Shell").Run "notepad", 0')).toBeNull();
  });

  it('splits cmd.exe command lines: quotes, \\" inside them, %% and ^!, and a redirection ends the command', () => {
    expect(splitCmdWords('"C:\\Program Files\\node.exe" "a \\"b\\"" 50%% x^!y gateway --port 1 < NUL')).toEqual([
      'C:\\Program Files\\node.exe',
      'a "b"',
      '50%',
      'x!y',
      'gateway',
      '--port',
      '1',
    ]);
    expect(splitCmdWords('node gateway --port 1 >> "C:\\log.txt" 2>&1')).toEqual(['node', 'gateway', '--port', '1']);
  });

  it("agrees with OpenClaw 2026.9.6's own parser on a script its buildTaskScript rendered (quotes, %, !, ^, ;)", () => {
    // Rendered by buildTaskScript; the expected words are parseCmdScriptCommandLine's, less the supervisor flag.
    const script =
      '@echo off\r\nrem OpenClaw Gateway (profile: r)\r\nset "OPENCLAW_SERVICE_KIND=gateway"\r\nset "A=50%%^!^"q^"^^"\r\nset "OPENCLAW_STATE_DIR=C:\\Users\\Bob Smith\\.openclaw-r"\r\n"C:\\Program Files\\nodejs\\node.exe" "C:\\Users\\Bob O\\"Neil\\x.js" gateway --port 19789 "50%%" "a^!b" semi;colon "x^y" --task-supervisor < NUL\r\n';
    expect(readGatewayScript(script)).toEqual({
      env: { OPENCLAW_SERVICE_KIND: 'gateway', A: '50%!"q"^', OPENCLAW_STATE_DIR: 'C:\\Users\\Bob Smith\\.openclaw-r' },
      args: ['C:\\Program Files\\nodejs\\node.exe', 'C:\\Users\\Bob O"Neil\\x.js', 'gateway', '--port', '19789', '50%', 'a!b', 'semi;colon', 'x^y'],
    });
    expect(
      cmdLaunchTarget('@echo off\r\nrem d\r\nstart "" /min C:\\Windows\\System32\\cmd.exe /d /c "C:\\Users\\Bob Smith\\.openclaw-r\\gateway.cmd"\r\n'),
    ).toBe('C:\\Users\\Bob Smith\\.openclaw-r\\gateway.cmd');
  });

  it("reads set lines with OpenClaw's escaping and drops the task supervisor flag", () => {
    const script = readGatewayScript(
      '@echo off\r\nrem x\r\ncd /d "C:\\gateway"\r\nset "A=50%%^!^"q^"^^"\r\nset B=plain value \r\nset "EMPTY="\r\nnode openclaw.mjs gateway --port 2 --task-supervisor < NUL\r\n',
    );
    expect(script).toEqual({ env: { A: '50%!"q"^', B: 'plain value', EMPTY: '' }, args: ['node', 'openclaw.mjs', 'gateway', '--port', '2'] });
  });

  it('decodes UTF-16 LE with a BOM, UTF-8 with a BOM, and a code page marked by OpenClaw', () => {
    expect(decodeWindowsText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Set é', 'utf16le')]))).toBe('Set é');
    expect(decodeWindowsText(Buffer.from('\ufeffset A=é', 'utf8'))).toBe('set A=é');
    const marked = Buffer.concat([
      Buffer.from('@chcp 1252 >nul\r\n@rem openclaw-launcher-encoding=windows-1252\r\nset "A=C:\\Users\\'),
      Buffer.from([0xe9]),
      Buffer.from('\\"\r\n'),
    ]);
    expect(decodeWindowsText(marked)).toBe('set "A=C:\\Users\\é\\"\r\n');
    // An OEM code page TextDecoder lacks keeps every ASCII byte.
    const oem = Buffer.concat([
      Buffer.from('@chcp 437 >nul\r\n@rem openclaw-launcher-encoding=cp437\r\nset "A=C:\\'),
      Buffer.from([0x82]),
      Buffer.from('"\r\n'),
    ]);
    expect(decodeWindowsText(oem)).toBe('set "A=C:\\\u0082"\r\n');
    expect(decodeWindowsText(Buffer.from('plain'))).toBe('plain');
  });
});

describe('a Startup launcher as a service', () => {
  const entry = (home: string, name: string) => path.join(startupDirOf(home), name);

  it('reads the .cmd launcher of the fixture as a service of rescue named for its task', () => {
    const home = copyOf('windows-task-startup-duplicate');
    const file = entry(home, 'OpenClaw Gateway (rescue).cmd');
    const { service, problem } = parseStartupEntry(file, decodeWindowsText(fs.readFileSync(file)), home);
    expect(problem).toBeNull();
    expect(service).toMatchObject({
      manager: 'startup',
      name: 'OpenClaw Gateway (rescue)',
      file,
      nameProfile: 'rescue',
      profile: 'rescue',
      isGateway: true,
      portArg: 19789,
      envFiles: [path.join(home, '.openclaw-rescue', 'gateway.cmd')],
    });
  });

  it('reads the hidden .vbs launcher the same way', () => {
    const home = copyOf('windows-task-startup-duplicate');
    const { service } = parseStartupEntry(entry(home, 'OpenClaw Gateway (rescue).vbs'), VBS_LAUNCHER, home);
    expect([service.manager, service.name, service.profile, service.envFiles]).toEqual([
      'startup',
      'OpenClaw Gateway (rescue)',
      'rescue',
      [path.join(home, '.openclaw-rescue', 'gateway.cmd')],
    ]);
  });

  it('takes a hand-made launcher that runs the gateway itself as its own script', () => {
    const { service } = parseStartupEntry('/s/claw.bat', '@echo off\r\nset "OPENCLAW_PROFILE=ops"\r\nopenclaw gateway --port 55291\r\n', '/nohome');
    expect([service.name, service.profile, service.portArg, service.isGateway, service.envFiles]).toEqual(['claw', 'ops', 55291, true, undefined]);
  });

  it('says what a launcher runs when its script is missing', () => {
    const home = copyOf('windows-task-startup-duplicate');
    fs.rmSync(path.join(home, '.openclaw-rescue', 'gateway.cmd'));
    const { service, problem } = parseStartupEntry(entry(home, 'x.cmd'), CMD_LAUNCHER, home);
    expect([service.isGateway, problem]).toEqual([false, `it runs ${SCRIPT}, but ${path.join(home, '.openclaw-rescue', 'gateway.cmd')} is missing`]);
  });

  it('finds launchers in the Startup folder and leaves shortcuts and other files alone', () => {
    const home = copyOf('windows-task-startup-duplicate');
    fs.writeFileSync(entry(home, 'Spotify.lnk'), 'L\u0000\u0000\u0000');
    fs.writeFileSync(entry(home, 'desktop.ini'), '[.ShellClassInfo]');
    fs.writeFileSync(entry(home, 'Backup.cmd'), '@echo off\r\nrobocopy C:\\a D:\\b\r\n');
    const found = findServices(home, { serviceHome: home, systemRoot: path.join(home, '.system-root') });
    expect(found.services.map((service) => [service.manager, service.name])).toEqual([
      ['schtasks', 'OpenClaw Gateway'],
      ['schtasks', 'OpenClaw Gateway (rescue)'],
      ['startup', 'OpenClaw Gateway (rescue)'],
    ]);
    expect(found.notes).toEqual([]);
  });
});
