// Who runs what: only gateway-running units are services of a profile, stray dirs are not profiles, env files and scopes are read, a symlinked state dir keeps its own locks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveHost } from '../../src/pipeline.js';
import { discoverProfiles } from '../../src/profiles/discover.js';
import { parseSystemdUnit } from '../../src/profiles/services/systemd.js';
import { parseLaunchdPlist } from '../../src/profiles/services/launchd.js';
import type { Invocation } from '../../src/model.js';
import { fixtureHome, runCli } from '../support/runtime.js';
import { moveAside, replaceSymlinkWithDir } from '../../src/fixes/commands.js';

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-who-'));
  temps.push(dir);
  return dir;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function invocationOf(home: string, extra: Partial<Invocation> = {}): Invocation {
  return { home, env: {}, selectedProfile: null, uid: 1000, tmpDir: path.join(home, 'no-tmp'), platform: 'linux', ...extra };
}

const unit = (execStart: string, env = '') => `[Service]\nExecStart=${execStart}\n${env}`;

describe('what runs a gateway', () => {
  it.each([
    ['/usr/bin/openclaw gateway health --port 18789', 'Environment=OPENCLAW_PROFILE=main'],
    ['/usr/bin/node /usr/lib/node_modules/openclaw/dist/index.js --profile rescue gateway status --json', 'Environment=OPENCLAW_SERVICE_MARKER=openclaw'],
    ['/usr/bin/node /usr/lib/node_modules/openclaw/dist/index.js node run --port 18789', 'Environment=OPENCLAW_SERVICE_MARKER=openclaw'],
    ['/usr/bin/openclaw --profile main browser start', 'Environment=OPENCLAW_PROFILE=main'],
    ['/bin/sh -c "openclaw gateway health || systemctl --user restart openclaw-gateway"', 'Environment=OPENCLAW_PROFILE=main'],
  ])('%s only talks to a gateway', (execStart, env) => {
    expect(parseSystemdUnit('/u/watch.service', unit(execStart, env))?.isGateway).toBe(false);
  });

  it.each([
    ['/usr/bin/openclaw gateway --port 18789', false],
    ['/usr/bin/openclaw --profile rescue gateway run --port 19789', false],
    ['/usr/bin/node /home/op/.npm-global/lib/node_modules/clawdbot/dist/index.js gateway --port 18789', true],
    ['/usr/bin/clawdbot gateway', true],
  ])('%s runs a gateway', (execStart, legacy) => {
    const service = parseSystemdUnit('/u/gw.service', unit(execStart));
    expect([service?.isGateway, service?.legacy]).toEqual([true, legacy]);
  });

  it('makes no profile of units that only talk to a gateway', () => {
    const built = resolveHost(invocationOf(fixtureHome('talks-to-gateway-units')), { layout: '2026.9' });
    expect(built.profiles.map((profile) => [profile.name, profile.services.length])).toEqual([['main', 0]]);
  });
});

describe('where a service keeps its environment', () => {
  it('reads EnvironmentFile= (over Environment=) and names the file', () => {
    const dir = tempDir();
    write(path.join(dir, 'rescue.env'), '# comment\nOPENCLAW_PROFILE=rescue\nOPENCLAW_STATE_DIR="/home/op/.openclaw-rescue"\n');
    const service = parseSystemdUnit(
      '/u/openclaw-gateway-rescue.service',
      unit(
        '/usr/bin/openclaw gateway --port 19789',
        `Environment=OPENCLAW_PROFILE=main\nEnvironmentFile=-${dir}/rescue.env\nEnvironmentFile=-${dir}/missing.env`,
      ),
      { readEnvFile: (file) => (fs.existsSync(file) ? { file, text: fs.readFileSync(file, 'utf8') } : null) },
    );
    expect([service?.profile, service?.env.OPENCLAW_STATE_DIR, service?.envFiles]).toEqual(['rescue', '/home/op/.openclaw-rescue', [`${dir}/rescue.env`]]);
  });

  it("fills ${VAR} from its unit's EnvironmentFile, over <stateDir>/.env: the gateway's process environment wins, as in OpenClaw", () => {
    const home = tempDir();
    const stateDir = path.join(home, '.openclaw-main');
    write(
      path.join(stateDir, 'openclaw.json'),
      '{ gateway: { port: 18789, auth: { token: "${GW_TOKEN}" } }, logging: { file: "${LOG_DIR}/gw.log" }, session: { store: "${SESSIONS}" } }',
    );
    write(path.join(stateDir, '.env'), 'LOG_DIR=/from/dotenv\nSESSIONS=/from/dotenv/sessions.json\n');
    // Where 2026.9.6's `gateway install` puts it, named as it writes it (`EnvironmentFile=-<stateDir>/gateway.systemd.env`).
    write(path.join(stateDir, 'gateway.systemd.env'), 'GW_TOKEN=from-unit\nLOG_DIR=/from/unit\n');
    write(
      path.join(home, '.config/systemd/user/openclaw-gateway-main.service'),
      unit('/usr/bin/openclaw gateway --port 18789', `Environment=OPENCLAW_PROFILE=main\nEnvironmentFile=-${stateDir}/gateway.systemd.env`),
    );
    const [main] = resolveHost(invocationOf(home), { layout: '2026.9' }).profiles;
    expect(main!.problems).toEqual([]);
    expect([main!.logFile, main!.sessionStore, main!.hasGatewayToken]).toEqual(['/from/unit/gw.log', '/from/dotenv/sessions.json', true]);
  });

  it('fills ${VAR} only from a unit that starts the gateway: not from a disabled one', () => {
    const home = tempDir();
    const stateDir = path.join(home, '.openclaw-main');
    write(path.join(stateDir, 'openclaw.json'), '{ gateway: { port: 18789, auth: { token: "${GW_TOKEN}" } } }');
    const units = path.join(home, '.config/systemd/user');
    write(path.join(units, 'openclaw-gateway-main.service'), unit('/usr/bin/openclaw gateway --port 18789', 'Environment=OPENCLAW_PROFILE=main GW_TOKEN=t'));
    fs.mkdirSync(path.join(units, 'default.target.wants'));
    const disabled = resolveHost(invocationOf(home), { layout: '2026.9' }).profiles[0]!;
    expect([disabled.hasGatewayToken, disabled.problems.map((problem) => problem.message).join()]).toEqual([true, expect.stringContaining('GW_TOKEN')]);
    fs.symlinkSync(path.join(units, 'openclaw-gateway-main.service'), path.join(units, 'default.target.wants/openclaw-gateway-main.service'));
    const enabled = resolveHost(invocationOf(home), { layout: '2026.9' }).profiles[0]!;
    expect(enabled.problems).toEqual([]);
  });

  it('maps a LaunchAgent by its service-env file, not its label (no false default profile)', () => {
    const built = resolveHost(invocationOf(fixtureHome('launchd-service-env')), { layout: '2026.9' });
    expect(built.profiles.map((profile) => [profile.name, profile.services.map((service) => service.name), profile.gatewayPort.port])).toEqual([
      ['main', ['ai.openclaw.gateway'], 18789],
      ['rescue', ['ai.openclaw.rescue'], 19789],
    ]);
    const plist = fs.readFileSync(path.join(fixtureHome('launchd-service-env'), 'Library/LaunchAgents/ai.openclaw.rescue.plist'), 'utf8');
    expect(parseLaunchdPlist('/L/ai.openclaw.rescue.plist', plist)?.env).toEqual({});
  });

  it('reads system-scope units under systemRoot and disables them through the system manager', async () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    write(path.join(home, '.openclaw-rescue/openclaw.json'), '{ gateway: { port: 19789 } }');
    write(
      path.join(root, 'etc/systemd/system/openclaw-gateway-rescue.service'),
      unit('/usr/bin/openclaw gateway --port 19789', 'Environment=OPENCLAW_PROFILE=rescue'),
    );
    write(
      path.join(home, '.config/systemd/user/openclaw-gateway-rescue.service'),
      unit('/usr/bin/openclaw gateway --port 19789', 'Environment=OPENCLAW_PROFILE=rescue'),
    );
    const built = resolveHost(invocationOf(home, { systemRoot: root }), { layout: '2026.9' });
    expect(built.profiles[0]?.services.map((service) => [service.file.slice(root.length), service.scope ?? 'user'])).toEqual([
      ['/home/.config/systemd/user/openclaw-gateway-rescue.service', 'user'],
      ['/etc/systemd/system/openclaw-gateway-rescue.service', 'system'],
    ]);
    write(
      path.join(root, 'etc/systemd/system/openclaw-gateway-bob.service'),
      unit('/usr/bin/openclaw gateway --port 20789', 'Environment=OPENCLAW_PROFILE=bob HOME=/home/bob'),
    );
    const withBob = resolveHost(invocationOf(home, { systemRoot: root }), { layout: '2026.9' });
    expect([withBob.profiles.map((profile) => profile.name), withBob.notes.map((note) => note.message)]).toEqual([
      ['rescue'],
      ['openclaw-gateway-bob.service runs a gateway for /home/bob, not this home'],
    ]);
    const { disableService } = await import('../../src/fixes/commands.js');
    expect(disableService(built.profiles[0]!.services[1]!)).toBe('sudo systemctl disable --now openclaw-gateway-rescue.service');
  });

  it("looks services up under the OS user's home when OPENCLAW_HOME moves <home>", () => {
    const root = tempDir();
    const osHome = path.join(root, 'os-home');
    const openclawHome = path.join(root, 'oc-home');
    write(path.join(openclawHome, '.openclaw-rescue/openclaw.json'), '{}');
    write(
      path.join(osHome, '.config/systemd/user/openclaw-gateway-rescue.service'),
      unit('/usr/bin/openclaw gateway --port 19789', `Environment=OPENCLAW_STATE_DIR=${openclawHome}/.openclaw-rescue`),
    );
    const discovery = discoverProfiles(invocationOf(openclawHome, { env: { OPENCLAW_HOME: openclawHome, HOME: osHome } }));
    expect(discovery.profiles.map((profile) => [profile.name, profile.services.length])).toEqual([['rescue', 1]]);
  });
});

describe('dirs that are not profiles', () => {
  it('classifies -openclaw, -chrome, a case twin and a ~/.openclaw of leftovers, and checks none of them as a profile', () => {
    const home = fixtureHome('stray-dirs');
    const built = resolveHost(invocationOf(home), { layout: '2026.9' });
    expect(built.profiles.map((profile) => profile.name)).toEqual(['main', 'rescue']);
    expect(built.strayDirs?.map((stray) => [path.relative(home, stray.path), stray.kind, stray.holds])).toEqual([
      ['.openclaw', 'leaked-into-default', ['tmp', 'workspace-rescue']],
      ['.openclaw-Rescue', 'stray', ['browser']],
      ['.openclaw-chrome', 'stray', ['browser']],
      ['.openclaw-openclaw', 'stray', ['tmp']],
    ]);
  });
});

describe('what the fixes move aside', () => {
  it('is no profile and no discovery finding: neither a stray dir nor a replaced link comes back as `.openclaw-<name>`', () => {
    const home = tempDir();
    write(path.join(home, '.openclaw-main', 'openclaw.json'), '{}');
    const takenAt = '2026-11-29T17:04:05.000Z';
    const stray = path.join(home, '.openclaw-chrome');
    const link = path.join(home, '.openclaw-rescue');
    const [strayMove] = moveAside(stray, takenAt, { owner: null, profiles: [], realPaths: {} }).split(' ').slice(-1);
    const [linkMove] = replaceSymlinkWithDir(link, takenAt)[0]!.split(' ').slice(-1);
    fs.mkdirSync(strayMove!);
    fs.symlinkSync(path.join(home, '.openclaw-main'), linkMove!);
    const discovery = discoverProfiles(invocationOf(home));
    expect(discovery.profiles.map((profile) => profile.name)).toEqual(['main']);
    expect(discovery.notes).toEqual([]);
    expect(discovery.strayDirs).toEqual([]);
  });
});

describe('a state dir symlinked to another profile', () => {
  it("leaves main's lock to main, and no printed command touches main's real files", async () => {
    const home = fixtureHome('symlinked-state-dir');
    const built = resolveHost(invocationOf(home), { layout: '2026.9' });
    expect(built.profiles.map((profile) => [profile.name, profile.locks.length])).toEqual([
      ['main', 1],
      ['rescue', 0],
    ]);
    const run = await runCli(['--home', home, '--layout', '2026.9', 'doctor', '--all-profiles', '--json'], { env: { PATH: '/usr/bin:/bin', HOME: home } });
    const report = JSON.parse(run.stdout) as { findings: Array<{ profile: string | null; fix?: { commands: string[] } }> };
    const commands = report.findings.filter((finding) => finding.profile === 'rescue').flatMap((finding) => finding.fix?.commands ?? []);
    const main = path.join(home, '.openclaw-main');
    const rescue = path.join(home, '.openclaw-rescue');
    // Only the link itself may be replaced; nothing under it (that is main's dir) and nothing of main's by name.
    expect(commands.filter((command) => command.includes(main) || command.includes(`${rescue}/`) || /config (set|unset)/.test(command))).toEqual([]);
    expect(commands.filter((command) => /^(rm|cp)\b/.test(command))).toEqual([]);
    // The link is moved aside (never removed), then rescue gets a dir of its own.
    expect(commands).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^mv ${rescue} ${rescue}\\.link-\\d{8}T\\d{6}$`)), `mkdir -m 700 ${rescue}`]),
    );
  });
});

describe('port and release per profile', () => {
  it("does not let a unit named for rescue, attached to main by its state dir, override main's port", () => {
    const built = resolveHost(invocationOf(fixtureHome('service-state-dir-split')), { layout: '2026.9' });
    expect(built.profiles.map((profile) => `${profile.name} ${profile.gatewayPort.port} ${profile.gatewayPort.source}`)).toEqual([
      'main 18789 config',
      'rescue 19789 config',
    ]);
  });

  it('takes the host release from the CLI on PATH, not from a stale unit of an old install', () => {
    const root = tempDir();
    const install = (prefix: string, version: string) => {
      write(path.join(prefix, 'lib/node_modules/openclaw/package.json'), JSON.stringify({ name: 'openclaw', version }));
      write(path.join(prefix, 'lib/node_modules/openclaw/openclaw.mjs'), '');
      return path.join(prefix, 'lib/node_modules/openclaw');
    };
    const current = install(path.join(root, 'current'), '2026.9.6');
    const old = install(path.join(root, 'old'), '2026.1.12');
    fs.mkdirSync(path.join(root, 'bin'));
    fs.symlinkSync(path.join(current, 'openclaw.mjs'), path.join(root, 'bin/openclaw'));
    const home = path.join(root, 'home');
    write(path.join(home, '.openclaw-main/openclaw.json'), '{ gateway: { port: 18789 } }');
    write(path.join(home, '.openclaw-rescue/openclaw.json'), '{ gateway: { port: 19789 } }');
    write(
      path.join(home, '.config/systemd/user/openclaw-gateway-rescue.service'),
      unit(`/usr/bin/node ${old}/dist/index.js gateway --port 19789`, 'Environment=OPENCLAW_PROFILE=rescue'),
    );
    const built = resolveHost(invocationOf(home, { env: { PATH: path.join(root, 'bin') } }), { layout: null });
    expect([built.release?.version, built.cliRelease?.version, built.layout.version]).toEqual(['2026.9.6', '2026.9.6', '2026.9']);
    const rescue = built.profiles.find((profile) => profile.name === 'rescue')!;
    expect([rescue.services[0]?.release?.version, rescue.plan.some((entry) => entry.role === 'canvas')]).toEqual(['2026.1.12', true]);
    const main = built.profiles.find((profile) => profile.name === 'main')!;
    expect(main.plan.some((entry) => entry.role === 'canvas')).toBe(false);
  });
});

describe('Windows task scripts', () => {
  it('reads a gateway.cmd as OpenClaw 2026.9.6 renders it (its own builder): task name, profile, port', async () => {
    const { parseGatewayCmd } = await import('../../src/profiles/services/windows.js');
    const script = [
      '@echo off',
      'rem OpenClaw Gateway (rescue)',
      'set "TMPDIR=/tmp"',
      'set "NODE_OPTIONS="',
      'set "OPENCLAW_PROFILE=rescue"',
      'set "OPENCLAW_GATEWAY_PORT=19789"',
      'set "OPENCLAW_SYSTEMD_UNIT=openclaw-gateway-rescue.service"',
      'set "OPENCLAW_WINDOWS_TASK_NAME=OpenClaw Gateway (rescue)"',
      'set "OPENCLAW_SERVICE_MARKER=openclaw"',
      'set "OPENCLAW_SERVICE_KIND=gateway"',
      '"C:\\Program Files\\nodejs\\node.exe" C:\\Users\\op\\AppData\\Roaming\\npm\\node_modules\\openclaw\\dist\\index.js gateway --port 19789 --task-supervisor < NUL',
    ].join('\r\n');
    const service = parseGatewayCmd('/home/op/.openclaw-rescue/gateway.cmd', script, 'rescue');
    expect([service?.name, service?.profile, service?.nameProfile, service?.portArg, service?.isGateway]).toEqual([
      'OpenClaw Gateway (rescue)',
      'rescue',
      'rescue',
      19789,
      true,
    ]);
  });
});

describe('wrapper scripts', () => {
  it("follow OpenClaw's own rule when no entry point is in sight: the service marker, kind gateway or none", () => {
    expect(parseSystemdUnit('/u/a.service', unit('/home/op/bin/run-gw.sh', 'Environment=OPENCLAW_SERVICE_MARKER=openclaw'))?.isGateway).toBe(true);
    expect(
      parseSystemdUnit('/u/b.service', unit('/home/op/bin/run-node.sh', 'Environment=OPENCLAW_SERVICE_MARKER=openclaw OPENCLAW_SERVICE_KIND=node'))?.isGateway,
    ).toBe(false);
    expect(parseSystemdUnit('/u/c.service', unit('/home/op/bin/backup.sh', 'Environment=OPENCLAW_PROFILE=main'))?.isGateway).toBe(false);
  });
});

describe('Windows tasks and Startup launchers', () => {
  /** A copy of a Windows sample home; its `.system-root` holds the task store. */
  function windowsHome(name: string): string {
    const dir = path.join(tempDir(), 'home');
    fs.cpSync(fixtureHome(name), dir, { recursive: true });
    return dir;
  }
  const taskFile = (home: string, name: string) => path.join(home, '.system-root', 'Windows', 'System32', 'Tasks', name);
  const rewriteTask = (home: string, name: string, edit: (xml: string) => string) => {
    const xml = fs.readFileSync(taskFile(home, name)).subarray(2).toString('utf16le');
    fs.writeFileSync(taskFile(home, name), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(edit(xml), 'utf16le')]));
  };
  async function doctor(home: string): Promise<Array<{ checkId: string; profile: string | null; fix?: { commands: string[] } }>> {
    const run = await runCli(['--home', home, '--layout', '2026.9', 'doctor', '--all-profiles', '--json'], {
      env: { PATH: '/usr/bin:/bin', HOME: home },
      systemRoot: path.join(home, '.system-root'),
    });
    return (JSON.parse(run.stdout) as { findings: Array<{ checkId: string; profile: string | null; fix?: { commands: string[] } }> }).findings.filter(
      (finding) => finding.checkId.startsWith('services/'),
    );
  }

  it("maps a task named for rescue that runs the default profile's script to the default profile, and says so", async () => {
    const home = windowsHome('windows-task');
    rewriteTask(home, 'OpenClaw Gateway (rescue)', (xml) => xml.replace('.openclaw-rescue\\gateway.vbs', '.openclaw\\gateway.vbs'));
    const built = resolveHost(invocationOf(home, { systemRoot: path.join(home, '.system-root') }), { layout: '2026.9' });
    expect(built.profiles.map((profile) => [profile.name, profile.services.map((service) => service.name)])).toEqual([
      ['default', ['OpenClaw Gateway', 'OpenClaw Gateway (rescue)']],
      ['rescue', []],
    ]);
    const findings = await doctor(home);
    expect(findings.map((finding) => `${finding.checkId}@${finding.profile}`)).toEqual([
      'services/duplicate-supervisor@default',
      'services/profile-mismatch@default',
    ]);
    // The extra supervisor is the misnamed task; the default profile's own task stays.
    expect(findings[0]!.fix?.commands).toEqual(["schtasks /Change /TN 'OpenClaw Gateway (rescue)' /Disable"]);
  });

  it('counts a disabled task as starting nothing', async () => {
    const home = windowsHome('windows-task');
    rewriteTask(home, 'OpenClaw Gateway (rescue)', (xml) =>
      xml
        .replace('.openclaw-rescue\\gateway.vbs', '.openclaw\\gateway.vbs')
        .replace('<Enabled>true</Enabled>\n    <Hidden>', '<Enabled>false</Enabled>\n    <Hidden>'),
    );
    expect(await doctor(home)).toEqual([]);
  });

  it('moves the extra Startup launcher aside, never the task, and is quiet once it is moved', async () => {
    const home = windowsHome('windows-task-startup-duplicate');
    const [finding] = await doctor(home);
    const launcher = path.join(home, 'AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Startup/OpenClaw Gateway (rescue).cmd');
    const aside = path.join(home, '.openclaw-rescue', 'OpenClaw Gateway (rescue).cmd.disabled');
    expect(finding?.fix?.commands).toEqual([`mv '${launcher}' '${aside}'`]);
    fs.renameSync(launcher, aside);
    expect(await doctor(home)).toEqual([]);
    expect(fs.existsSync(aside)).toBe(true);
  });
});
