// Task Scheduler definitions as 2026.9.6 registers them: UTF-16 XML, its hidden .vbs launcher, its gateway.cmd, and what goes wrong.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTaskFile, parseTaskXml } from '../../../src/profiles/services/windows-task.js';
import { decodeWindowsText } from '../../../src/profiles/services/windows-text.js';
import { findServices } from '../../../src/profiles/services/index.js';
import { fixtureHome } from '../../support/runtime.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the `windows-task` sample home (task XML, gateway.vbs and gateway.cmd written by OpenClaw 2026.9.6's own builders). */
function windowsHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-task-'));
  temps.push(dir);
  fs.cpSync(fixtureHome('windows-task'), dir, { recursive: true });
  return dir;
}

const tasksDir = (home: string) => path.join(home, '.system-root', 'Windows', 'System32', 'Tasks');
const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

function taskXml(exec: string, settings = '<Enabled>true</Enabled>', uri = '\\OpenClaw Gateway (rescue)'): string {
  return `<?xml version="1.0" encoding="UTF-16"?>\r\n<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">\r\n  <RegistrationInfo>\r\n    <URI>${uri}</URI>\r\n  </RegistrationInfo>\r\n  <Settings>\r\n    ${settings}\r\n  </Settings>\r\n  <Actions Context="Author">\r\n    <Exec>\r\n${exec}\r\n    </Exec>\r\n  </Actions>\r\n</Task>\r\n`;
}

describe('task XML', () => {
  it('reads the UTF-16 LE file Task Scheduler stores for a 2026.9.6 task', () => {
    const file = path.join(tasksDir(fixtureHome('windows-task')), 'OpenClaw Gateway (rescue)');
    const data = fs.readFileSync(file);
    expect([data[0], data[1]]).toEqual([0xff, 0xfe]);
    expect(parseTaskXml(decodeWindowsText(data))).toEqual({
      uri: '\\OpenClaw Gateway (rescue)',
      command: 'C:\\Users\\bob\\.openclaw-rescue\\gateway.vbs',
      arguments: null,
      enabled: true,
    });
  });

  it('decodes XML entities in paths and ignores commented-out actions', () => {
    const xml = taskXml(
      '<!-- <Command>C:\\old\\.openclaw\\gateway.cmd</Command> -->\r\n<Command>C:\\Users\\Tom &amp; Jerry\\.openclaw-rescue\\gateway&#x2E;vbs</Command>\r\n<Arguments>&quot;a b&quot; &lt;x&gt; &#38;</Arguments>',
      '<Enabled>false</Enabled>',
    );
    expect(parseTaskXml(xml)).toEqual({
      uri: '\\OpenClaw Gateway (rescue)',
      command: 'C:\\Users\\Tom & Jerry\\.openclaw-rescue\\gateway.vbs',
      arguments: '"a b" <x> &',
      enabled: false,
    });
  });

  it('is null for text that is no task definition', () => {
    expect(parseTaskXml('garbage \u0000 <Tas')).toBeNull();
    expect(parseTaskXml('<?xml version="1.0"?><Other/>')).toBeNull();
  });
});

describe('a task as a service', () => {
  it('follows the hidden gateway.vbs launcher to gateway.cmd and takes its environment and arguments', () => {
    const home = windowsHome();
    const file = path.join(tasksDir(home), 'OpenClaw Gateway (rescue)');
    const { service, problem } = parseTaskFile(file, decodeWindowsText(fs.readFileSync(file)), home);
    expect(problem).toBeNull();
    expect(service).toMatchObject({
      manager: 'schtasks',
      name: 'OpenClaw Gateway (rescue)',
      file,
      nameProfile: 'rescue',
      profile: 'rescue',
      isGateway: true,
      portArg: 19789,
      enabled: true,
      envFiles: [path.join(home, '.openclaw-rescue', 'gateway.cmd')],
      env: {
        OPENCLAW_STATE_DIR: 'C:\\Users\\bob\\.openclaw-rescue',
        OPENCLAW_WINDOWS_TASK_NAME: 'OpenClaw Gateway (rescue)',
        OPENCLAW_SERVICE_KIND: 'gateway',
      },
    });
    // `< NUL` and the supervisor flag belong to the script, not to the gateway's own arguments.
    expect(service?.args).toEqual([
      'C:\\Program Files\\nodejs\\node.exe',
      '--max-old-space-size=4096',
      'C:\\Users\\bob\\AppData\\Roaming\\npm\\node_modules\\openclaw\\dist\\index.js',
      'gateway',
      '--port',
      '19789',
    ]);
  });

  it('runs a gateway.cmd named in the task directly, or through wscript.exe in its arguments', () => {
    const home = windowsHome();
    for (const exec of [
      '<Command>C:\\Users\\bob\\.openclaw-rescue\\gateway.cmd</Command>',
      '<Command>C:\\Windows\\System32\\wscript.exe</Command>\r\n<Arguments>//B "C:\\Users\\bob\\.openclaw-rescue\\gateway.vbs"</Arguments>',
    ]) {
      const { service, problem } = parseTaskFile('/t/x', taskXml(exec), home);
      expect([problem, service?.isGateway, service?.profile, service?.envFiles]).toEqual([
        null,
        true,
        'rescue',
        [path.join(home, '.openclaw-rescue', 'gateway.cmd')],
      ]);
    }
  });

  it('says which script is missing instead of making a gateway of the task name', () => {
    const home = windowsHome();
    fs.rmSync(path.join(home, '.openclaw-rescue', 'gateway.cmd'));
    const file = path.join(tasksDir(home), 'OpenClaw Gateway (rescue)');
    const { service, problem } = parseTaskFile(file, decodeWindowsText(fs.readFileSync(file)), home);
    expect([service?.name, service?.isGateway]).toEqual(['OpenClaw Gateway (rescue)', false]);
    expect(problem).toBe(`it runs C:\\Users\\bob\\.openclaw-rescue\\gateway.cmd, but ${path.join(home, '.openclaw-rescue', 'gateway.cmd')} is missing`);
  });

  it("leaves another account's gateway to that account: a launch path that exists outside this home", () => {
    const home = windowsHome();
    const other = path.join(home, '..', `${path.basename(home)}-alice`);
    temps.push(other);
    fs.cpSync(path.join(home, '.openclaw-rescue'), path.join(other, '.openclaw-rescue'), { recursive: true });
    const { service, problem } = parseTaskFile('/t/x', taskXml(`<Command>${other}/.openclaw-rescue/gateway.cmd</Command>`), home);
    expect([service?.isGateway, problem]).toEqual([false, `it runs ${other}/.openclaw-rescue/gateway.cmd, outside this home (another account's gateway)`]);
  });

  it('reads a task that runs node itself as a gateway by its arguments', () => {
    const exec =
      '<Command>C:\\Program Files\\nodejs\\node.exe</Command>\r\n<Arguments>"C:\\Users\\bob\\AppData\\Roaming\\npm\\node_modules\\openclaw\\dist\\index.js" gateway --port 19789</Arguments>';
    const { service } = parseTaskFile('/t/x', taskXml(exec), windowsHome());
    expect([service?.isGateway, service?.portArg, service?.profile]).toEqual([true, 19789, 'rescue']);
  });
});

describe('the task store on a host', () => {
  it('counts a task and the gateway.cmd it runs once, as the task', () => {
    const home = windowsHome();
    const found = findServices(home, { serviceHome: home, systemRoot: path.join(home, '.system-root') });
    expect(found.services.map((service) => [service.manager, service.name, service.profile])).toEqual([
      ['schtasks', 'OpenClaw Gateway', 'default'],
      ['schtasks', 'OpenClaw Gateway (rescue)', 'rescue'],
    ]);
    expect(found.notes).toEqual([]);
  });

  it('keeps gateway.cmd as the service when no task is found for it (the store cannot be listed, as for a user who is no administrator)', () => {
    const home = windowsHome();
    const found = findServices(home, { serviceHome: home, systemRoot: path.join(home, 'no-such-root') });
    expect(found.services.map((service) => [service.manager, service.name, service.file])).toEqual([
      ['schtasks', 'OpenClaw Gateway', path.join(home, '.openclaw', 'gateway.cmd')],
      ['schtasks', 'OpenClaw Gateway (rescue)', path.join(home, '.openclaw-rescue', 'gateway.cmd')],
    ]);
  });

  it('notes a garbage or oversized OpenClaw task and says nothing of other vendors’ tasks', () => {
    const home = windowsHome();
    fs.writeFileSync(path.join(tasksDir(home), 'OpenClaw Gateway (rescue)'), utf16('\u0000garbage'));
    fs.writeFileSync(path.join(tasksDir(home), 'OpenClaw Gateway'), Buffer.alloc(256 * 1024 + 1, 0x41));
    fs.writeFileSync(path.join(tasksDir(home), 'GoogleUpdateTaskMachineCore'), 'garbage');
    fs.writeFileSync(
      path.join(tasksDir(home), 'Vendor Updater'),
      utf16(taskXml('<Command>C:\\Program Files\\Vendor\\update.cmd</Command>', '', '\\Vendor Updater')),
    );
    const found = findServices(home, { serviceHome: home, systemRoot: path.join(home, '.system-root') });
    expect(found.notes.map((note) => note.message)).toEqual([
      `${path.join(tasksDir(home), 'OpenClaw Gateway')} is larger than 256 KiB; not read`,
      `OpenClaw Gateway (rescue): ${path.join(tasksDir(home), 'OpenClaw Gateway (rescue)')} is not a task definition (no <Task> element)`,
    ]);
    // Unread tasks refer to no script: both gateway.cmd scripts stand for their tasks again.
    expect(found.services.map((service) => service.file)).toEqual([
      path.join(home, '.openclaw', 'gateway.cmd'),
      path.join(home, '.openclaw-rescue', 'gateway.cmd'),
    ]);
  });
});
