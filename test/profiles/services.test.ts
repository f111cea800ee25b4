// Service definitions map to profiles by their environment and arguments, never by a name or substring alone.
import { describe, expect, it } from 'vitest';
import { parseSystemdUnit, splitSystemdWords } from '../../src/profiles/services/systemd.js';
import { parseLaunchdPlist } from '../../src/profiles/services/launchd.js';
import { parseGatewayCmd } from '../../src/profiles/services/windows.js';
import { parseLock } from '../../src/profiles/locks.js';

describe('systemd units', () => {
  it('splits words with systemd quoting', () => {
    expect(splitSystemdWords(`"/usr/bin/node" '/opt/open claw/x.js' a\\ b "q\\"uote" plain`)).toEqual([
      '/usr/bin/node',
      '/opt/open claw/x.js',
      'a b',
      'q"uote',
      'plain',
    ]);
  });

  it('reads a unit as `openclaw gateway install` writes it', () => {
    const unit = [
      '[Unit]',
      'Description=OpenClaw Gateway (profile: rescue)',
      '',
      '[Service]',
      'ExecStart=/usr/bin/node /home/op/.npm-global/lib/node_modules/openclaw/dist/index.js gateway --port 19789',
      'Restart=always',
      'Environment=HOME=/home/op',
      'Environment=OPENCLAW_PROFILE=rescue',
      'Environment="OPENCLAW_STATE_DIR=/home/op/.openclaw rescue"',
      'Environment=OPENCLAW_SERVICE_MARKER=openclaw',
      'Environment=OPENCLAW_SERVICE_KIND=gateway',
      'Environment="NODE_OPTIONS=--max-old-space-size=512 100%%"',
    ].join('\n');
    expect(parseSystemdUnit('/home/op/.config/systemd/user/openclaw-gateway-rescue.service', unit)).toEqual({
      manager: 'systemd',
      name: 'openclaw-gateway-rescue.service',
      file: '/home/op/.config/systemd/user/openclaw-gateway-rescue.service',
      env: {
        HOME: '/home/op',
        OPENCLAW_PROFILE: 'rescue',
        OPENCLAW_STATE_DIR: '/home/op/.openclaw rescue',
        OPENCLAW_SERVICE_MARKER: 'openclaw',
        OPENCLAW_SERVICE_KIND: 'gateway',
        NODE_OPTIONS: '--max-old-space-size=512 100%',
      },
      args: ['/usr/bin/node', '/home/op/.npm-global/lib/node_modules/openclaw/dist/index.js', 'gateway', '--port', '19789'],
      legacy: false,
      nameProfile: 'rescue',
      portArg: 19789,
      profile: 'rescue',
      profileEvidence: 'OPENCLAW_PROFILE in its environment',
      isGateway: true,
    });
  });

  it('maps a hand-named unit by its environment, and a legacy clawdbot unit by its arguments', () => {
    const byEnv = parseSystemdUnit(
      '/u/my-bot.service',
      '[Service]\nExecStart=/usr/bin/openclaw gateway\nEnvironment=OPENCLAW_STATE_DIR=/home/op/.openclaw-ops\n',
    );
    expect([byEnv?.profile, byEnv?.profileEvidence, byEnv?.isGateway]).toEqual(['ops', 'OPENCLAW_STATE_DIR in its environment', true]);
    const legacy = parseSystemdUnit(
      '/u/clawdbot-gateway.service',
      '[Service]\nExecStart=/usr/bin/node /usr/lib/node_modules/clawdbot/dist/clawdbot.mjs gateway --port=18789\n',
    );
    expect([legacy?.legacy, legacy?.portArg]).toEqual([true, 18789]);
  });

  it('does not take a unit that merely mentions openclaw for a gateway', () => {
    const unit = parseSystemdUnit('/u/openclaw-autocommit.service', '[Service]\nExecStart=/usr/bin/git -C /home/op/.openclaw-main/workspace commit -am auto\n');
    expect(unit?.isGateway).toBe(false);
    const nodeHost = parseSystemdUnit(
      '/u/openclaw-node.service',
      '[Service]\nExecStart=/usr/bin/openclaw node run\nEnvironment=OPENCLAW_SERVICE_MARKER=openclaw OPENCLAW_SERVICE_KIND=node\n',
    );
    expect(nodeHost?.isGateway).toBe(false);
  });

  it('reads EnvironmentFile= as the glob 2026.9 writes: ?*()[]\\ escaped with a backslash', () => {
    // What writeSystemdUnit puts in a unit when a value (an API key exported at install) goes to gateway.systemd.env.
    const named: string[] = [];
    const service = parseSystemdUnit(
      "/home/o'brien (work)/.config/systemd/user/openclaw-gateway-rescue.service",
      [
        '[Service]',
        'ExecStart=/usr/bin/node /usr/lib/node_modules/openclaw/dist/index.js gateway --port 19789',
        "EnvironmentFile=-/home/o'brien \\(work\\)/.openclaw-rescue/gateway.systemd.env",
        'EnvironmentFile=-/srv/100%%/a\\\\b.env',
        'Environment=OPENCLAW_PROFILE=rescue',
      ].join('\n'),
      {
        readEnvFile: (file) => {
          named.push(file);
          return file.endsWith('gateway.systemd.env') ? { file, text: 'ANTHROPIC_API_KEY="sk-te\\$t \\"q\\""\n' } : null;
        },
      },
    );
    expect(named).toEqual(["/home/o'brien (work)/.openclaw-rescue/gateway.systemd.env", '/srv/100%/a\\b.env']);
    expect([service?.envFiles, service?.env.ANTHROPIC_API_KEY]).toEqual([["/home/o'brien (work)/.openclaw-rescue/gateway.systemd.env"], 'sk-te$t "q"']);
  });

  it('survives units with no ExecStart or broken quoting', () => {
    expect(parseSystemdUnit('/u/x.service', '[Unit]\nDescription=x\n')).toBeNull();
    expect(parseSystemdUnit('/u/x.service', '[Service]\nExecStart="unterminated --port 1\nEnvironment="A=b\n')?.args).toEqual(['unterminated --port 1']);
  });
});

describe('launchd plists', () => {
  it('reads label, arguments and environment', () => {
    const plist = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>Label</key><string>ai.openclaw.rescue</string>
  <key>ProgramArguments</key><array><string>/opt/homebrew/bin/node</string><string>/opt/homebrew/lib/node_modules/openclaw/dist/index.js</string><string>gateway</string><string>--port</string><string>19789</string></array>
  <key>EnvironmentVariables</key><dict><key>OPENCLAW_PROFILE</key><string>rescue</string><key>NOTE</key><string>a &amp; b</string></dict>
  <key>RunAtLoad</key><true/>
</dict></plist>`;
    expect(parseLaunchdPlist('/L/ai.openclaw.rescue.plist', plist)).toMatchObject({
      manager: 'launchd',
      name: 'ai.openclaw.rescue',
      env: { OPENCLAW_PROFILE: 'rescue', NOTE: 'a & b' },
      portArg: 19789,
      profile: 'rescue',
      isGateway: true,
    });
  });

  it('maps the hand-made ai.openclaw.gateway.rescue label by name only when nothing else says', () => {
    const plist =
      '<plist><dict><key>Label</key><string>ai.openclaw.gateway.rescue</string><key>ProgramArguments</key><array><string>openclaw</string><string>gateway</string></array></dict></plist>';
    expect(parseLaunchdPlist('/L/x.plist', plist)).toMatchObject({
      profile: 'rescue',
      profileEvidence: 'its name (no OPENCLAW_PROFILE, OPENCLAW_STATE_DIR or --profile)',
    });
    expect(parseLaunchdPlist('/L/x.plist', '<plist><dict><key>Label</key></dict>')).toBeNull();
  });

  it("reads the service-env file with sh quoting, as its wrapper sources it ('\\'' is a quote, a backslash in '...' stays)", () => {
    const envFile = "/Users/o'brien/.openclaw-rescue/service-env/ai.openclaw.rescue.env";
    const plist = `<plist><dict><key>Label</key><string>ai.openclaw.rescue</string><key>ProgramArguments</key><array>
      <string>/bin/sh</string><string>/Users/o'brien/.openclaw-rescue/service-env/ai.openclaw.rescue-env-wrapper.sh</string><string>${envFile}</string>
      <string>/opt/homebrew/bin/node</string><string>/opt/homebrew/lib/node_modules/openclaw/dist/index.js</string><string>gateway</string><string>--port</string><string>19789</string>
    </array></dict></plist>`;
    // As 2026.9.6's buildLaunchAgentEnvironmentFile writes it (sorted keys, every value single-quoted), plus hand-edited lines.
    const text = [
      '# Generated by OpenClaw. Do not edit while the gateway service is installed.',
      "export HOME='/Users/o'\\''brien'",
      "export NODE_OPTIONS=''",
      "export OPENCLAW_PROFILE='rescue'",
      "export OPENCLAW_STATE_DIR='/Users/o'\\''brien/.openclaw-rescue'",
      "export PROXY_NOTE='a\\b $HOME'",
      'export QUOTED="say \\"hi\\" \\$5"',
      'PLAIN=x\\ y # trailing comment',
    ].join('\n');
    const service = parseLaunchdPlist(`/Users/o'brien/Library/LaunchAgents/ai.openclaw.rescue.plist`, plist, (file) =>
      file === envFile ? { file, text } : null,
    );
    expect(service?.env).toEqual({
      HOME: "/Users/o'brien",
      NODE_OPTIONS: '',
      OPENCLAW_PROFILE: 'rescue',
      OPENCLAW_STATE_DIR: "/Users/o'brien/.openclaw-rescue",
      PROXY_NOTE: 'a\\b $HOME',
      QUOTED: 'say "hi" $5',
      PLAIN: 'x y',
    });
    expect([service?.profile, service?.portArg, service?.envFiles]).toEqual(['rescue', 19789, [envFile]]);
  });
});

describe('Windows gateway.cmd', () => {
  it('reads set lines and the gateway command', () => {
    const script =
      '@echo off\r\nset "OPENCLAW_PROFILE=rescue"\r\nset OPENCLAW_GATEWAY_PORT=19789\r\n"C:\\Program Files\\nodejs\\node.exe" "C:\\Users\\op\\AppData\\Roaming\\npm\\node_modules\\openclaw\\dist\\index.js" gateway --port 19789\r\n';
    expect(parseGatewayCmd('/h/.openclaw-rescue/gateway.cmd', script, 'rescue')).toMatchObject({
      manager: 'schtasks',
      name: 'OpenClaw Gateway (rescue)',
      env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_GATEWAY_PORT: '19789' },
      portArg: 19789,
      isGateway: true,
    });
  });
});

describe('lock files', () => {
  it('reads a real 2026.9.6 payload padded with whitespace', () => {
    const text = `${JSON.stringify({ pid: 9557, ownerId: 'x', cronOwnerProjection: 'dynamic-default-v1', createdAt: '2026-11-25T03:04:52.698Z', configPath: '/h/.openclaw-main/openclaw.json', stateDir: '/h/.openclaw-main', port: 18789, startTime: 450941 }, null, 2)}\n\t \t\t  `;
    expect(parseLock('/f', 'state', 'state-dir', text)).toEqual({
      file: '/f',
      kind: 'state',
      location: 'state-dir',
      pid: 9557,
      port: 18789,
      configPath: '/h/.openclaw-main/openclaw.json',
      stateDir: '/h/.openclaw-main',
      createdAt: '2026-11-25T03:04:52.698Z',
      role: null,
      problem: null,
    });
  });

  it.each([
    ['', 'the lock file is empty'],
    ['{"pid":', 'the lock file is not valid JSON (truncated or garbage)'],
    ['[1,2]', 'the lock file does not hold a JSON object'],
    ['{"pid":-4}', 'the lock file names no valid pid'],
  ])('%j is unreadable: %s', (text, problem) => {
    expect(parseLock('/f', 'config', 'tmpdir', text)).toMatchObject({ pid: null, problem });
  });
});
