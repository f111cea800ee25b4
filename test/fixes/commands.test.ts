// Fix helpers with hostile names and values: the printed command keeps them inert, or the helper refuses.
import { describe, expect, it } from 'vitest';
import {
  addToEnvFile,
  chownToUser,
  configSet,
  configSetAt,
  configUnsetAt,
  copyConfig,
  disableService,
  fixOf,
  killProcess,
  listDir,
  moveBrowserCdpPort,
  moveGatewayPort,
  moveWorkspace,
  openclawAt,
  openclawAtCommand,
  openclawAtHint,
  openclawCommand,
  openclawFor,
  openclawHint,
  reinstallGatewayService,
  removeFile,
  renamePath,
  renderedCommands,
  replaceSymlinkWithCopy,
  replaceSymlinkWithDir,
  restartGateway,
  restartIfRunning,
  safeCommands,
  shellQuote,
  startService,
  unsetEnv,
  UnsafeCommandValue,
} from '../../src/fixes/commands.js';
import { serviceLine } from '../../src/fixes/command-lines.js';
import type { LiveModel } from '../../src/attribute/live.js';
import type { Profile, ServiceDefinition } from '../../src/model.js';

const linux = { platform: 'linux' as const, uid: 1000 };
const mac = { platform: 'darwin' as const, uid: 501 };
const windows = { platform: 'win32' as const, uid: 0 };

function service(manager: ServiceDefinition['manager'], name: string, extra: Partial<ServiceDefinition> = {}): ServiceDefinition {
  return {
    manager,
    name,
    file: `/x/${name}`,
    env: {},
    args: [],
    portArg: null,
    profile: 'rescue',
    profileEvidence: '',
    isGateway: true,
    legacy: false,
    ...extra,
  };
}

type Subject = Pick<Profile, 'name' | 'openclawName' | 'origin' | 'stateDir' | 'configPath' | 'services' | 'gatewayPort'>;

function profile(name: string, extra: Partial<Subject> = {}): Subject {
  return {
    name,
    openclawName: name,
    origin: { kind: 'own' },
    stateDir: `/home/op/.openclaw-${name}`,
    configPath: `/home/op/.openclaw-${name}/openclaw.json`,
    services: [],
    gatewayPort: { port: 19789, source: 'config', detail: '' },
    ...extra,
  };
}

const running = (name: string): LiveModel => ({ profiles: { [name]: { gateway: { state: 'running' } } } }) as unknown as LiveModel;

const refused = (build: () => unknown) => expect(build).toThrow(UnsafeCommandValue);

describe('service commands', () => {
  it('refuses a unit name with a command substitution', () => {
    refused(() => startService(service('systemd', 'openclaw-gateway-$(touch${IFS}X).service'), linux));
    expect(fixOf(() => [startService(service('systemd', 'openclaw-gateway-$(touch${IFS}X).service'), linux)])).toEqual({});
  });

  it('refuses a launchd label with a command separator, and spells the gui domain with the known uid', () => {
    refused(() => restartGateway(profile('t', { services: [service('launchd', 'ai.openclaw.t;touch X')] }), mac));
    expect(restartGateway(profile('rescue', { services: [service('launchd', 'ai.openclaw.rescue')] }), mac)).toEqual([
      'launchctl kickstart -k gui/501/ai.openclaw.rescue',
    ]);
    expect(startService(service('launchd', 'ai.openclaw.rescue'), mac)).toBe('launchctl kickstart gui/501/ai.openclaw.rescue');
  });

  it('never prints a shell expansion for the launchd domain: without a uid it refuses', () => {
    refused(() => startService(service('launchd', 'ai.openclaw.rescue')));
  });

  it('prints OpenClaw task names for cmd.exe on Windows and for the POSIX shell elsewhere', () => {
    expect(startService(service('schtasks', 'OpenClaw Gateway (rescue)'), windows)).toBe('schtasks /Run /TN "OpenClaw Gateway (rescue)"');
    expect(startService(service('schtasks', 'OpenClaw Gateway (rescue)'))).toBe('schtasks /Run /TN "OpenClaw Gateway (rescue)"');
    expect(startService(service('schtasks', 'OpenClaw Gateway (rescue)'), linux)).toBe("schtasks /Run /TN 'OpenClaw Gateway (rescue)'");
    refused(() => startService(service('schtasks', 'OpenClaw Gateway (x) & calc'), windows));
    refused(() => startService(service('schtasks', 'OpenClaw Gateway %PATH%'), windows));
    refused(() => startService(service('schtasks', 'OpenClaw\\Gateway'), windows));
  });

  it('restarts a task through OpenClaw, not `schtasks /Run`: the task is IgnoreNew, so /Run would leave the old process running', () => {
    const task = service('schtasks', 'OpenClaw Gateway (rescue)', { profile: 'rescue' });
    expect(restartGateway(profile('rescue', { services: [task] }), windows)).toEqual(['openclaw --profile rescue gateway restart']);
    expect(startService(task, windows)).toBe('schtasks /Run /TN "OpenClaw Gateway (rescue)"');
  });

  it('disables an extra task with schtasks and moves a Startup launcher out of the Startup folder, next to the script it runs', () => {
    const startupDir = 'C:\\Users\\bob\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup';
    const launcher = service('startup', 'OpenClaw Gateway (rescue)', {
      file: `${startupDir}\\OpenClaw Gateway (rescue).vbs`,
      envFiles: ['C:\\Users\\bob\\.openclaw-rescue\\gateway.cmd'],
    });
    expect(disableService(service('schtasks', 'OpenClaw Gateway (rescue)'), windows)).toBe('schtasks /Change /TN "OpenClaw Gateway (rescue)" /Disable');
    expect(disableService(launcher, windows)).toBe(
      `move "${startupDir}\\OpenClaw Gateway (rescue).vbs" "C:\\Users\\bob\\.openclaw-rescue\\OpenClaw Gateway (rescue).vbs.disabled"`,
    );
    // Without a host, a Startup launcher is a Windows thing: cmd.exe syntax.
    expect(disableService(launcher)).toBe(disableService(launcher, windows));
    // A Windows home mounted here is fixed with this host's own tool.
    const mounted = service('startup', 'OpenClaw Gateway', { file: '/mnt/c/Startup/OpenClaw Gateway.cmd', envFiles: ['/mnt/c/.openclaw/gateway.cmd'] });
    expect(disableService(mounted, linux)).toBe("mv '/mnt/c/Startup/OpenClaw Gateway.cmd' '/mnt/c/.openclaw/OpenClaw Gateway.cmd.disabled'");
  });

  it('restarts a Startup launcher through OpenClaw, which stops its process and runs the script again', () => {
    const launcher = service('startup', 'OpenClaw Gateway (rescue)', { envFiles: ['C:\\s\\gateway.cmd'] });
    expect(restartGateway(profile('rescue', { services: [launcher] }), windows)).toEqual(['openclaw --profile rescue gateway restart']);
    expect(startService({ ...launcher, profile: 'default' }, windows)).toBe('openclaw gateway start');
    refused(() => startService({ ...launcher, profile: null }, windows));
  });

  it('refuses a Startup launcher it cannot spell or place: cmd.exe metacharacters, no separate script', () => {
    const envFiles = ['C:\\Users\\bob\\.openclaw\\gateway.cmd'];
    refused(() => disableService(service('startup', 'OpenClaw Gateway %PATH%', { file: 'C:\\S\\OpenClaw Gateway %PATH%.cmd', envFiles }), windows));
    refused(() => disableService(service('startup', 'OpenClaw Gateway', { file: 'C:\\S\\x!y\\OpenClaw Gateway.cmd', envFiles }), windows));
    refused(() => disableService(service('startup', 'claw & calc', { file: 'C:\\S\\claw & calc.cmd', envFiles }), windows));
    refused(() => disableService(service('startup', 'OpenClaw Gateway', { file: 'C:\\S\\OpenClaw Gateway.cmd' }), windows));
  });

  it('refuses whitespace, slashes, control characters and a leading dash in unit names and labels', () => {
    for (const name of ['openclaw gateway.service', 'a/b.service', 'a\nb.service', '-x.service', 'a\u001b[2Kb.service', ''])
      refused(() => serviceLine('start', { manager: 'systemd', name }));
    for (const name of ['ai.openclaw.x y', 'ai/openclaw', 'ai.openclaw.$HOME', '-ai']) refused(() => serviceLine('restart', { manager: 'launchd', name }, mac));
  });

  it('disables a hand-made service only when its name is safe; otherwise the whole fix is a manual step', () => {
    const subject = profile('rescue', { services: [service('systemd', 'openclaw-gateway-rescue.service'), service('systemd', 'rescue-$(id).service')] });
    refused(() => reinstallGatewayService(subject, linux));
    expect(safeCommands(() => reinstallGatewayService(subject, linux))).toEqual([]);
    const fine = profile('rescue', { services: [service('systemd', 'my-rescue.service')] });
    expect(reinstallGatewayService(fine, linux)).toEqual([
      'openclaw --profile rescue gateway install --force',
      'systemctl --user disable --now my-rescue.service',
      'systemctl --user restart openclaw-gateway-rescue.service',
    ]);
  });
});

describe('openclaw commands', () => {
  it('refuses a profile name OpenClaw would reject', () => {
    for (const name of ['x;touch${IFS}X', 'env:rescue', 'rescue@openclaw-gateway-$(id).service', '-rf', 'a b', '']) {
      refused(() => configSet({ name }, 'gateway.port', 19789));
      refused(() => openclawCommand({ name }, ['status']));
    }
    expect(configSet({ name: 'Rescue_2' }, 'gateway.port', 19789)).toBe('openclaw --profile Rescue_2 config set gateway.port 19789');
  });

  it('keeps prose readable: a refused name shows as a placeholder, never as itself', () => {
    expect(openclawFor({ name: 'x;touch X' })).toBe('openclaw --profile <profile>');
    expect(openclawHint({ name: 'env:rescue' }, ['status'])).toBe('openclaw --profile <profile> status');
    expect(openclawFor({ name: 'default' })).toBe('openclaw');
    expect(openclawFor({ name: 'dev' })).toBe('openclaw --dev');
  });

  it('refuses config keys built from a hostile browser profile name', () => {
    const subject = profile('rescue');
    refused(() => moveBrowserCdpPort(subject, 'c$(touch${IFS}X)', 19800, []));
    refused(() => moveBrowserCdpPort(subject, 'Work', 19800, []));
    refused(() => moveBrowserCdpPort(subject, 'a.b', 19800, []));
    refused(() => configUnsetAt(subject, 'browser.profiles.c;id.cdpUrl'));
    refused(() => configSetAt(subject, 'channels.telegram.accounts.$(id).botToken', 'x'));
    expect(moveBrowserCdpPort(subject, 'work-2', 19800, ['browser.profiles.work-2.cdpUrl'])).toEqual([
      'openclaw --profile rescue config unset browser.profiles.work-2.cdpUrl',
      'openclaw --profile rescue config set browser.profiles.work-2.cdpPort 19800',
    ]);
  });

  it('quotes hostile values so they are inert', () => {
    const subject = profile('rescue');
    expect(configSetAt(subject, 'logging.file', "/tmp/$(touch X)/it's.log")).toBe(
      "openclaw --profile rescue config set logging.file '/tmp/$(touch X)/it'\\''s.log'",
    );
    expect(configSetAt(subject, 'channels.telegram.botToken', '<new-telegram-credential>')).toBe(
      "openclaw --profile rescue config set channels.telegram.botToken '<new-telegram-credential>'",
    );
    refused(() => configSetAt(subject, 'logging.file', '/tmp/a\u001b[2Kb'));
  });

  it('spells out state dir and config path, quoted, when --profile would reach other files', () => {
    const moved = profile('rescue', { stateDir: '/srv/$(touch X)', configPath: '/srv/$(touch X)/openclaw.json' });
    expect(openclawAt(moved)).toBe("OPENCLAW_STATE_DIR='/srv/$(touch X)' OPENCLAW_CONFIG_PATH='/srv/$(touch X)/openclaw.json' openclaw");
    expect(openclawAtCommand(moved, ['config', 'validate'])).toBe(
      "OPENCLAW_STATE_DIR='/srv/$(touch X)' OPENCLAW_CONFIG_PATH='/srv/$(touch X)/openclaw.json' openclaw config validate",
    );
    refused(() => openclawAtCommand(moved, ['config', 'validate'], windows));
    expect(openclawAtHint(moved, ['config', 'validate'], windows)).toBe('openclaw --profile <profile> config validate');
    // A discovery-made name never reaches --profile: its own files are spelled out instead.
    expect(openclawAtCommand(profile('env:rescue', { stateDir: '/home/op/.openclaw' }), ['status'])).toBe(
      'OPENCLAW_STATE_DIR=/home/op/.openclaw OPENCLAW_CONFIG_PATH=/home/op/.openclaw-env:rescue/openclaw.json openclaw status',
    );
  });

  it("restarts a running gateway by hand with the profile's own files, or through its service", () => {
    const moved = profile('rescue', { stateDir: '/srv/r s', configPath: '/srv/r s/openclaw.json' });
    expect(restartIfRunning(moved, running('rescue'))).toEqual([
      "OPENCLAW_STATE_DIR='/srv/r s' OPENCLAW_CONFIG_PATH='/srv/r s/openclaw.json' openclaw gateway restart",
    ]);
    expect(restartIfRunning(profile('rescue', { services: [service('launchd', 'ai.openclaw.rescue')] }), running('rescue'), mac)).toEqual([
      'launchctl kickstart -k gui/501/ai.openclaw.rescue',
    ]);
    expect(restartIfRunning(moved, running('other'))).toEqual([]);
  });

  it('moves a gateway port and rewrites the service --port', () => {
    const subject = profile('rescue', { services: [service('systemd', 'openclaw-gateway-rescue.service', { portArg: 19789 })] });
    expect(moveGatewayPort(subject, 20909, linux)).toEqual([
      'openclaw --profile rescue config set gateway.port 20909',
      'openclaw --profile rescue gateway install --force --port 20909',
      'systemctl --user restart openclaw-gateway-rescue.service',
    ]);
    refused(() => moveGatewayPort(subject, 70000, linux));
  });
});

describe('file and shell commands', () => {
  it('quotes hostile paths and refuses ones read as options', () => {
    expect(renamePath('/home/op/.openclaw-a;b', '/home/op/.openclaw-a-b')).toBe("mv '/home/op/.openclaw-a;b' /home/op/.openclaw-a-b");
    expect(removeFile('/tmp/$(touch X).lock')).toBe("rm '/tmp/$(touch X).lock'");
    expect(copyConfig('/a/`id`.json', '/b/c.json')).toBe("cp -n '/a/`id`.json' /b/c.json");
    // A replaced link is moved aside, never removed: `mv` renames the link itself, not what it points at.
    expect(replaceSymlinkWithDir('/home/op/.openclaw-x y', '2026-11-29T17:04:05.123Z')).toEqual([
      "mv '/home/op/.openclaw-x y' '/home/op/.openclaw-x y.link-20261129T170405'",
      "mkdir -m 700 '/home/op/.openclaw-x y'",
    ]);
    expect(replaceSymlinkWithCopy('/l', '/t|u', '2026-11-29T17:04:05Z')).toEqual(['mv /l /l.link-20261129T170405', "cp '/t|u' /l"]);
    refused(() => replaceSymlinkWithDir('/l', 'yesterday'));
    expect(listDir('/d/~x')).toBe("ls -ld '/d/~x'");
    expect(chownToUser('/home/op/.openclaw rescue', 1000)).toBe("sudo chown -R 1000 '/home/op/.openclaw rescue'");
    refused(() => renamePath('-rf', '/x'));
    refused(() => removeFile(''));
    refused(() => chownToUser('/x', -1));
  });

  it('copies a workspace with its hostile path quoted', () => {
    expect(moveWorkspace(profile('rescue'), 'agents.defaults.workspace', '/w/new $(id)', '/w/old;x', running('x'))).toEqual([
      "mkdir -p '/w/new $(id)'",
      "cp -a '/w/old;x/.' '/w/new $(id)/'",
      "openclaw --profile rescue config set agents.defaults.workspace '/w/new $(id)'",
    ]);
    refused(() => moveWorkspace(profile('rescue'), 'agents.entries.a;b.workspace', '/w', null, running('x')));
  });

  it('kills one real pid only', () => {
    expect(killProcess(4100)).toBe('kill 4100');
    for (const pid of [0, 1, -1, 1.5, Number.NaN]) refused(() => killProcess(pid));
  });

  it('unsets and appends only valid variable names', () => {
    expect(unsetEnv('OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR')).toBe('unset OPENCLAW_PROFILE OPENCLAW_STATE_DIR');
    refused(() => unsetEnv('A;touch X'));
    refused(() => unsetEnv('PATH=x'));
    expect(addToEnvFile('/home/op/.openclaw-$(id)', 'TELEGRAM_TOKEN')).toBe("echo 'TELEGRAM_TOKEN=<value>' >> '/home/op/.openclaw-$(id)/.env'");
    refused(() => addToEnvFile('/s', 'X;Y'));
  });

  it('refuses POSIX tools, env prefixes and redirects on Windows rather than printing them for cmd.exe', () => {
    refused(() => renamePath('C:\\a', 'C:\\b', windows));
    refused(() => addToEnvFile('C:\\s', 'A', windows));
    refused(() => killProcess(4100, windows));
    expect(configSet({ name: 'rescue' }, 'gateway.port', 1, windows)).toBe('openclaw --profile rescue config set gateway.port 1');
  });

  it('keeps shellQuote for old callers, now refusing what a terminal would hide', () => {
    expect(shellQuote('~/x')).toBe("'~/x'");
    expect(shellQuote('a=b')).toBe("'a=b'");
    refused(() => shellQuote('a\rb'));
  });
});

describe('safe fixes', () => {
  it('turns a refusal into no fix and rethrows anything else', () => {
    expect(fixOf(() => ['x'])).toEqual({ fix: { commands: ['x'] } });
    expect(fixOf(() => [])).toEqual({});
    expect(() =>
      fixOf(() => {
        throw new TypeError('bug');
      }),
    ).toThrow(TypeError);
  });

  it('returns argv and text together for a future fix --apply', () => {
    const lines = [serviceLine('restart', { manager: 'launchd', name: 'ai.openclaw.rescue' }, mac)];
    expect(renderedCommands(lines, mac)).toEqual([
      { line: { argv: ['launchctl', 'kickstart', '-k', 'gui/501/ai.openclaw.rescue'] }, text: 'launchctl kickstart -k gui/501/ai.openclaw.rescue' },
    ]);
  });
});
