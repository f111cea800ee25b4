// Broken inputs: each gives a clear finding for the profile it breaks, never a crash, and leaves the other profile's results unchanged.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './support/runtime.js';
import { doctorSchemaErrors } from './support/schema.js';

interface Outcome {
  exitCode: number;
  /** `checkId|severity|message fragment` of every finding about rescue, besides gateway/not-running. */
  rescue: string[];
}

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) {
    execFileSync('chmod', ['-R', 'u+rwX', home]);
    fs.rmSync(home, { recursive: true, force: true });
  }
});

function homeWithMain(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-bad-'));
  homes.push(home);
  fs.mkdirSync(path.join(home, '.openclaw-main'));
  fs.writeFileSync(path.join(home, '.openclaw-main', 'openclaw.json'), '{ gateway: { port: 18789 } }\n');
  return home;
}

interface Run {
  exitCode: number;
  stdout: string;
  report: { profiles: Array<{ name: string }>; findings: Array<{ checkId: string; severity: string; profile: string | null; message: string }> };
  stderr: string;
}

async function doctor(home: string, env: Record<string, string> = {}): Promise<Run> {
  const run = await runCli(['--home', home, '--layout', '2026.9', 'doctor', '--all-profiles', '--json'], {
    env: { PATH: '/usr/bin:/bin', HOME: home, ...env },
  });
  const report = JSON.parse(run.stdout) as Run['report'];
  expect(doctorSchemaErrors(report)).toEqual([]);
  return { exitCode: run.exitCode, report, stderr: run.stderr, stdout: run.stdout };
}

/** What the healthy main profile looks like: it must come out the same next to every broken rescue. */
async function mainBaseline(): Promise<unknown> {
  const run = await doctor(homeWithMain());
  return mainOf(run);
}

function mainOf(run: Run): unknown {
  const profile = run.report.profiles.find((candidate) => candidate.name === 'main') as Record<string, unknown>;
  const { stateDir: _stateDir, configPath: _configPath, gatewayPortDetail: _detail, workspace: _workspace, workspaces: _workspaces, ...rest } = profile;
  return { profile: rest, findings: run.report.findings.filter((finding) => finding.profile === 'main').map((finding) => finding.checkId) };
}

function rescueFindings(run: Run, home: string): string[] {
  return run.report.findings
    .filter((finding) => finding.checkId !== 'gateway/not-running' && finding.profile !== 'main')
    .map((finding) => `${finding.checkId}|${finding.severity}|${finding.message.split(home).join('~')}`);
}

function expectOutcome(run: Run, home: string, expected: Outcome): void {
  expect(run.exitCode).toBe(expected.exitCode);
  const actual = rescueFindings(run, home);
  expect(actual, actual.join('\n')).toHaveLength(expected.rescue.length);
  expected.rescue.forEach((fragment, index) => {
    const [checkId, severity, message] = fragment.split('|');
    expect(actual[index]).toContain(`${checkId}|${severity}|`);
    expect(actual[index]).toContain(message);
  });
}

const FALLBACK = 'ports/hash-default|warning|rescue has no gateway.port: its port 23532';
const invalid = (message: string) => `config/invalid|error|${message}`;

// fixtures/bad/<case>/ is the rescue profile's state dir.
const CORPUS: Record<string, Outcome> = {
  'bind-unknown': { exitCode: 1, rescue: [invalid('gateway.bind must be one of loopback, lan, tailnet, auto, custom, not "everywhere"')] },
  'browser-enabled-string': { exitCode: 1, rescue: [invalid('browser.enabled must be true or false, not "yes"')] },
  'cdp-port-string': { exitCode: 1, rescue: [invalid('browser.profiles.work.cdpPort must be a whole number from 1 to 65535, not "9222"')] },
  'cdp-url-garbage': { exitCode: 1, rescue: [invalid('browser.cdpUrl must be a URL such as http://127.0.0.1:9222')] },
  'deep-nesting': { exitCode: 0, rescue: [] },
  'empty-file': { exitCode: 1, rescue: [invalid('~/.openclaw-rescue/openclaw.json is empty'), FALLBACK] },
  'env-var-bad-name': { exitCode: 0, rescue: [] },
  'gateway-not-object': { exitCode: 1, rescue: [invalid('gateway must be an object, not "19789"'), FALLBACK] },
  'include-absolute-escape': {
    exitCode: 1,
    rescue: [invalid('/etc/hostname (included from ~/.openclaw-rescue/openclaw.json) lies outside the config dir'), FALLBACK],
  },
  'include-array-of-non-strings': { exitCode: 1, rescue: [invalid('$include must be a path or an array of paths'), FALLBACK] },
  'include-broken': { exitCode: 1, rescue: [invalid("JSON5 syntax error: invalid character '}' (~/.openclaw-rescue/part.json5:1:34)"), FALLBACK] },
  'include-cycle': {
    exitCode: 1,
    rescue: [
      invalid('include cycle: ~/.openclaw-rescue/openclaw.json -> ~/.openclaw-rescue/a.json5 -> ~/.openclaw-rescue/b.json5 -> ~/.openclaw-rescue/a.json5'),
      FALLBACK,
    ],
  },
  'include-depth-11': { exitCode: 1, rescue: [invalid('includes nest deeper than 10 levels at ./d11.json5'), FALLBACK] },
  'include-fan-out-10': {
    exitCode: 1,
    rescue: [
      invalid(
        'the $include tree loads more than 200 files (stopped at ./l10.json5, included from ~/.openclaw-rescue/l9.json5); OpenClaw limits only include depth (10) and file size (2 MiB)',
      ),
      FALLBACK,
    ],
  },
  'include-escape': {
    exitCode: 1,
    rescue: [invalid('../.openclaw-main/openclaw.json (included from ~/.openclaw-rescue/openclaw.json) lies outside the config dir'), FALLBACK],
  },
  'include-missing': {
    exitCode: 1,
    rescue: [invalid('cannot read ~/.openclaw-rescue/nope.json5: does not exist (included from ~/.openclaw-rescue/openclaw.json)'), FALLBACK],
  },
  'include-not-string': { exitCode: 1, rescue: [invalid('$include must be a path or an array of paths'), FALLBACK] },
  'include-self': { exitCode: 1, rescue: [invalid('include cycle: ~/.openclaw-rescue/openclaw.json -> ~/.openclaw-rescue/openclaw.json'), FALLBACK] },
  'json5-bad-token': { exitCode: 1, rescue: [invalid("JSON5 syntax error: invalid character '~' (~/.openclaw-rescue/openclaw.json:3:36)"), FALLBACK] },
  'json5-extra-brace': { exitCode: 1, rescue: [invalid("JSON5 syntax error: invalid character '}' (~/.openclaw-rescue/openclaw.json:1:30)"), FALLBACK] },
  'json5-missing-brace': { exitCode: 1, rescue: [invalid('JSON5 syntax error: invalid end of input (~/.openclaw-rescue/openclaw.json:2:1)'), FALLBACK] },
  'json5-missing-comma': { exitCode: 1, rescue: [invalid("JSON5 syntax error: invalid character 'b' (~/.openclaw-rescue/openclaw.json:3:3)"), FALLBACK] },
  'json5-unterminated-comment': { exitCode: 1, rescue: [invalid('JSON5 syntax error: invalid end of input (~/.openclaw-rescue/openclaw.json:2:1)'), FALLBACK] },
  'json5-unterminated-string': { exitCode: 1, rescue: [invalid("JSON5 syntax error: invalid character '\\n' (~/.openclaw-rescue/openclaw.json:2)"), FALLBACK] },
  'legacy-name-broken': { exitCode: 1, rescue: [invalid('JSON5 syntax error: invalid end of input (~/.openclaw-rescue/clawdbot.json:2:1)'), FALLBACK] },
  'lock-dead-pid': {
    exitCode: 0,
    rescue: ["gateway/stale-lock|warning|rescue's lock ~/.openclaw-rescue/tmp/openclaw-1000/gateway.state.lock is stale: pid 999999999 is not running"],
  },
  'lock-garbage': { exitCode: 0, rescue: ['gateway/stale-lock|warning|is unreadable: the lock file is not valid JSON (truncated or garbage)'] },
  'lock-pid-string': { exitCode: 0, rescue: ['gateway/stale-lock|warning|is unreadable: the lock file names no valid pid'] },
  'lock-truncated': { exitCode: 0, rescue: ['gateway/stale-lock|warning|is unreadable: the lock file is not valid JSON (truncated or garbage)'] },
  'missing-env-var': {
    exitCode: 0,
    rescue: ['config/invalid|warning|Missing env var "CLAWDOC_BAD_MISSING_TOKEN" - feature using this value will be unavailable'],
  },
  'missing-env-var-repeated': {
    exitCode: 0,
    rescue: [
      'config/invalid|warning|Missing env var "CLAWDOC_BAD_MISSING_TOKEN" - feature using this value will be unavailable (referenced 4 times, first at gateway.auth.token)',
    ],
  },
  'port-fraction': { exitCode: 1, rescue: [invalid('gateway.port must be a whole number from 1 to 65535, not 1.5')] },
  'port-negative': { exitCode: 1, rescue: [invalid('gateway.port must be a whole number from 1 to 65535, not -1')] },
  'port-string': { exitCode: 1, rescue: [invalid('gateway.port must be a whole number from 1 to 65535, not "abc"')] },
  'port-too-big': { exitCode: 1, rescue: [invalid('gateway.port must be a whole number from 1 to 65535, not 70000')] },
  'port-zero': { exitCode: 1, rescue: [invalid('gateway.port must be a whole number from 1 to 65535, not 0')] },
  'secret-key-literal': {
    exitCode: 1,
    rescue: [invalid('browser.profiles.apiKeyed.cdpPort must be a whole number from 1 to 65535, not a string (not shown: the key holds a secret)')],
  },
  'top-level-array': { exitCode: 1, rescue: [invalid('must hold a JSON5 object ({ ... }), not an array'), FALLBACK] },
  'top-level-null': { exitCode: 1, rescue: [invalid('must hold a JSON5 object ({ ... }), not null'), FALLBACK] },
  'top-level-number': { exitCode: 1, rescue: [invalid('must hold a JSON5 object ({ ... }), not number'), FALLBACK] },
  'truncated-json': { exitCode: 1, rescue: [invalid("JSON5 syntax error: invalid character '\\n' (~/.openclaw-rescue/openclaw.json:2)"), FALLBACK] },
  'unknown-keys': { exitCode: 0, rescue: [] },
  'utf8-bom': { exitCode: 0, rescue: [] },
  'whitespace-only': { exitCode: 1, rescue: [invalid('~/.openclaw-rescue/openclaw.json is empty'), FALLBACK] },
  'workspace-number': { exitCode: 1, rescue: [invalid('agents.defaults.workspace must be a string, not 42')] },
};

describe('fixtures/bad: one broken rescue next to a healthy main', () => {
  it('has a test for every case in the corpus, and at least 40 cases', () => {
    expect(fs.readdirSync(path.join(ROOT, 'fixtures/bad')).sort()).toEqual(Object.keys(CORPUS).sort());
    expect(Object.keys(CORPUS).length).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.entries(CORPUS))('%s', async (name, expected) => {
    const baseline = await mainBaseline();
    const home = homeWithMain();
    fs.cpSync(path.join(ROOT, 'fixtures/bad', name), path.join(home, '.openclaw-rescue'), { recursive: true });
    const run = await doctor(home);
    expectOutcome(run, home, expected);
    expect(mainOf(run)).toEqual(baseline);
  });
});

/** A file of the home: parent dirs made, text written. */
function put(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function fifo(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
}

function link(target: string, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
}

const unitsOf = (home: string) => path.join(home, '.config', 'systemd', 'user');
const RESCUE_CONFIG = '{ gateway: { port: 19789 } }';
/** A gateway unit for rescue with extra `Environment=` lines. */
function rescueUnit(dir: string, ...environment: string[]): string {
  return [
    '[Service]',
    'ExecStart=/usr/bin/openclaw gateway',
    `Environment=OPENCLAW_PROFILE=rescue OPENCLAW_STATE_DIR=${dir}`,
    ...environment.map((line) => `Environment=${line}`),
    '',
  ].join('\n');
}
const SECRET = 'tok-5f0c1d2e3a4b5c6d7e8f9a0b1c2d3e4f';
const notRegular = (kind: string) => invalid(`~/.openclaw-rescue/openclaw.json is ${kind}, not a regular file; a config must be a regular file`);

/**
 * Cases that need permissions, links, devices, FIFOs, sizes or counts a checked-in fixture cannot hold.
 * `build` may return environment variables for the run.
 */
const GENERATED: Array<[string, (rescueDir: string, home: string) => Record<string, string> | void, Outcome]> = [
  [
    'a binary config',
    (dir) => fs.writeFileSync(path.join(dir, 'openclaw.json'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2])),
    { exitCode: 1, rescue: [invalid('is a binary file, not JSON5'), FALLBACK] },
  ],
  [
    'a config that is a directory',
    (dir) => fs.mkdirSync(path.join(dir, 'openclaw.json')),
    { exitCode: 1, rescue: [invalid('is a directory, not a config file'), FALLBACK] },
  ],
  [
    'a symlink loop as config',
    (dir) => fs.symlinkSync(path.join(dir, 'openclaw.json'), path.join(dir, 'openclaw.json')),
    { exitCode: 1, rescue: [invalid('symlink loop'), FALLBACK] },
  ],
  [
    'a dangling symlink as config',
    (dir) => fs.symlinkSync(path.join(dir, 'gone.json'), path.join(dir, 'openclaw.json')),
    { exitCode: 1, rescue: [invalid('is a symlink to a file that does not exist'), FALLBACK] },
  ],
  [
    'a 3 MiB include',
    (dir) => {
      fs.writeFileSync(path.join(dir, 'openclaw.json'), '{ $include: "./big.json5", gateway: { port: 19789 } }');
      fs.writeFileSync(path.join(dir, 'big.json5'), `{ pad: "${'x'.repeat(3 * 1024 * 1024)}" }`);
    },
    { exitCode: 1, rescue: [invalid('big.json5 is larger than 2 MiB; OpenClaw refuses includes over 2 MiB'), FALLBACK] },
  ],
  ['/dev/zero as config', (dir) => link('/dev/zero', path.join(dir, 'openclaw.json')), { exitCode: 1, rescue: [notRegular('a character device'), FALLBACK] }],
  ['a FIFO as config', (dir) => fifo(path.join(dir, 'openclaw.json')), { exitCode: 1, rescue: [notRegular('a FIFO (named pipe)'), FALLBACK] }],
  [
    'a FIFO as include',
    (dir) => {
      put(path.join(dir, 'openclaw.json'), '{ $include: "./pipe.json5", gateway: { port: 19789 } }');
      fifo(path.join(dir, 'pipe.json5'));
    },
    {
      exitCode: 1,
      rescue: [
        invalid(
          '~/.openclaw-rescue/pipe.json5 is a FIFO (named pipe), not a regular file; a config must be a regular file (included from ~/.openclaw-rescue/openclaw.json)',
        ),
        FALLBACK,
      ],
    },
  ],
  [
    'a config over 2 MiB',
    (dir) => put(path.join(dir, 'openclaw.json'), `{ gateway: { port: 19789 }, pad: "${'x'.repeat(2 * 1024 * 1024)}" }`),
    {
      exitCode: 1,
      rescue: [
        invalid('~/.openclaw-rescue/openclaw.json is larger than 2 MiB; clawdoc reads no config over 2 MiB, the limit OpenClaw sets for includes'),
        FALLBACK,
      ],
    },
  ],
  [
    "OPENCLAW_CONFIG_PATH=/dev/zero in a unit's Environment=",
    (dir, home) => {
      put(path.join(dir, 'openclaw.json'), RESCUE_CONFIG);
      put(path.join(unitsOf(home), 'openclaw-gateway-rescue.service'), rescueUnit(dir, 'OPENCLAW_CONFIG_PATH=/dev/zero'));
    },
    { exitCode: 1, rescue: [invalid('/dev/zero is a character device, not a regular file; a config must be a regular file'), FALLBACK] },
  ],
  [
    '500k references to one missing variable',
    (dir) => put(path.join(dir, 'openclaw.json'), `{ gateway: { port: 19789 }, pad: "${'${X}'.repeat(500_000)}" }`),
    {
      exitCode: 0,
      rescue: ['config/invalid|warning|Missing env var "X" - feature using this value will be unavailable (referenced 500000 times, first at pad)'],
    },
  ],
  [
    'a gateway token from Environment= in a port field',
    (dir, home) => {
      put(path.join(dir, 'openclaw.json'), '{ gateway: { port: "${OPENCLAW_GATEWAY_TOKEN}" } }');
      put(path.join(unitsOf(home), 'openclaw-gateway-rescue.service'), rescueUnit(dir, `OPENCLAW_GATEWAY_TOKEN=${SECRET}`));
    },
    { exitCode: 1, rescue: [invalid('gateway.port must be a whole number from 1 to 65535, not the value of ${OPENCLAW_GATEWAY_TOKEN} (not shown)')] },
  ],
  [
    'a FIFO, a huge file and /dev/zero as lock files',
    (dir) => {
      put(path.join(dir, 'openclaw.json'), RESCUE_CONFIG);
      const locks = path.join(dir, 'tmp', 'openclaw-1000');
      fifo(path.join(locks, 'gateway.state.lock'));
      put(path.join(locks, 'gateway.0123abcd.lock'), `{"pid":1,${' '.repeat(100 * 1024)}}`);
      link('/dev/zero', path.join(locks, 'gateway.fedc4321.lock'));
    },
    {
      exitCode: 0,
      rescue: [
        'gateway/stale-lock|warning|gateway.0123abcd.lock is unreadable: the lock file is larger than 64 KiB: too large to be a gateway lock',
        'gateway/stale-lock|warning|gateway.fedc4321.lock is unreadable: the lock path is a character device, not a regular file',
        'gateway/stale-lock|warning|gateway.state.lock is unreadable: the lock path is a FIFO (named pipe), not a regular file',
      ],
    },
  ],
  [
    'a FIFO, a huge file and /dev/zero as unit files, a FIFO plist and gateway.cmd',
    (dir, home) => {
      put(path.join(dir, 'openclaw.json'), RESCUE_CONFIG);
      fifo(path.join(unitsOf(home), 'openclaw-gateway-rescue.service'));
      put(path.join(unitsOf(home), 'openclaw-gateway-big.service'), `${rescueUnit(dir)}#${'x'.repeat(300 * 1024)}\n`);
      link('/dev/zero', path.join(unitsOf(home), 'openclaw-gateway-zero.service'));
      // `systemctl --user mask`: routine for other units, nothing to report.
      link('/dev/null', path.join(unitsOf(home), 'tracker.service'));
      link('/dev/null', path.join(unitsOf(home), 'openclaw-gateway-masked.service'));
      fifo(path.join(home, 'Library', 'LaunchAgents', 'ai.openclaw.rescue.plist'));
      fifo(path.join(dir, 'gateway.cmd'));
    },
    {
      exitCode: 0,
      rescue: [
        'profiles/discovery|warning|~/.config/systemd/user/openclaw-gateway-big.service is larger than 256 KiB; not read',
        'profiles/discovery|warning|~/.config/systemd/user/openclaw-gateway-masked.service is masked (a link to /dev/null); not read',
        'profiles/discovery|warning|~/.config/systemd/user/openclaw-gateway-rescue.service is a FIFO (named pipe), not a regular file; not read',
        'profiles/discovery|warning|~/.config/systemd/user/openclaw-gateway-zero.service is a character device, not a regular file; not read',
        'profiles/discovery|warning|~/.openclaw-rescue/gateway.cmd is a FIFO (named pipe), not a regular file; not read',
        'profiles/discovery|warning|~/Library/LaunchAgents/ai.openclaw.rescue.plist is a FIFO (named pipe), not a regular file; not read',
      ],
    },
  ],
  [
    'a lock whose pid is another running process',
    (dir) => {
      fs.writeFileSync(path.join(dir, 'openclaw.json'), '{ gateway: { port: 19789 } }');
      fs.mkdirSync(path.join(dir, 'tmp', 'openclaw-1000'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'tmp', 'openclaw-1000', 'gateway.state.lock'),
        JSON.stringify({ pid: 1, createdAt: '2026-11-25T00:00:00Z', configPath: path.join(dir, 'openclaw.json'), port: 19789 }),
      );
    },
    { exitCode: 0, rescue: ['gateway/stale-lock|warning|gateway.state.lock is stale: pid 1 is'] },
  ],
  [
    'a systemd unit with odd quoting',
    (dir, home) => {
      fs.writeFileSync(path.join(dir, 'openclaw.json'), '{ gateway: { port: 19789 } }');
      const units = path.join(home, '.config', 'systemd', 'user');
      fs.mkdirSync(units, { recursive: true });
      fs.writeFileSync(
        path.join(units, 'openclaw-gateway-rescue.service'),
        [
          '[Service]',
          `ExecStart=-"/usr/bin/node" '/opt/open claw/node_modules/openclaw/dist/index.js' gateway \\`,
          '  --port=19789 "unterminated',
          `Environment="OPENCLAW_PROFILE=rescue" 'OPENCLAW_STATE_DIR=${dir}' BROKEN`,
          'Environment=',
          '',
        ].join('\n'),
      );
    },
    { exitCode: 0, rescue: ["config/start-gate|warning|rescue's gateway will refuse to start: its config has no gateway.mode"] },
  ],
];

describe('generated broken inputs', () => {
  it.each(GENERATED)('%s', async (_name, build, expected) => {
    const baseline = await mainBaseline();
    const home = homeWithMain();
    const rescueDir = path.join(home, '.openclaw-rescue');
    fs.mkdirSync(rescueDir);
    const env = build(rescueDir, home) ?? {};
    const run = await doctor(home, env);
    expectOutcome(run, home, expected);
    expect(mainOf(run)).toEqual(baseline);
    // No case may print a secret anywhere in the report.
    expect(run.stdout).not.toContain(SECRET.slice(4, 20));
  });

  it('a state dir that is a file, and dirs whose names are not profiles, are reported, not skipped', async () => {
    const home = homeWithMain();
    fs.writeFileSync(path.join(home, '.openclaw-rescue'), 'not a dir');
    fs.mkdirSync(path.join(home, '.openclaw-bad name!'));
    fs.mkdirSync(path.join(home, `.openclaw-${'x'.repeat(65)}`));
    const run = await doctor(home);
    expect(run.report.profiles.map((profile) => profile.name)).toEqual(['main']);
    expect(run.report.findings.filter((finding) => finding.checkId === 'profiles/discovery').map((finding) => finding.message.split(home).join('~'))).toEqual([
      '"bad name!" is not a valid OpenClaw profile name: use 1-64 letters, digits, "_" or "-", starting with a letter or digit; OpenClaw cannot select this dir with --profile',
      `"${'x'.repeat(65)}" is not a valid OpenClaw profile name: use 1-64 letters, digits, "_" or "-", starting with a letter or digit; OpenClaw cannot select this dir with --profile`,
      '~/.openclaw-rescue looks like a state dir but is not a directory',
    ]);
    expect(run.exitCode).toBe(0);
  });

  // Skipped under mutation testing: it runs the built CLI, which no mutant of src/ reaches.
  it.skipIf(process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/setpriv') || process.env.CLAWDOC_MUTATION === '1')(
    'an unreadable config and an unreadable state dir (checked as an unprivileged user)',
    async () => {
      const home = homeWithMain();
      fs.mkdirSync(path.join(home, '.openclaw-rescue'));
      fs.writeFileSync(path.join(home, '.openclaw-rescue', 'openclaw.json'), '{ gateway: { port: 19789 } }');
      fs.mkdirSync(path.join(home, '.openclaw-ops'));
      fs.writeFileSync(path.join(home, '.openclaw-ops', 'openclaw.json'), '{ gateway: { port: 20789 } }');
      execFileSync('chmod', ['-R', 'a+rX', home]);
      fs.chmodSync(path.join(home, '.openclaw-rescue', 'openclaw.json'), 0o000);
      fs.chmodSync(path.join(home, '.openclaw-ops'), 0o000);
      // The unprivileged user may not reach this checkout (CI clones into private dirs): give it a readable copy.
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
      const app = fs.mkdtempSync(path.join(os.tmpdir(), 'clawdoc-app-'));
      homes.push(app);
      for (const entry of ['bin', 'dist', 'package.json']) fs.cpSync(path.join(ROOT, entry), path.join(app, entry), { recursive: true });
      // Only the runtime dependencies (package-lock's non-dev entries): the dev tools are most of node_modules.
      const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
      // node_modules may be a link or sit above the checkout (a worktree, a mutation sandbox): copy from where Node finds it.
      let modules = ROOT;
      while (!fs.existsSync(path.join(modules, 'node_modules', 'commander')) && path.dirname(modules) !== modules) modules = path.dirname(modules);
      modules = fs.realpathSync(path.join(modules, 'node_modules'));
      for (const [entry, info] of Object.entries(lock.packages)) {
        if (entry.startsWith('node_modules/') && !info.dev && !entry.slice('node_modules/'.length).includes('/node_modules/')) {
          fs.cpSync(path.join(modules, entry.slice('node_modules/'.length)), path.join(app, entry), { recursive: true });
        }
      }
      execFileSync('chmod', ['-R', 'a+rX', app]);
      const result = (() => {
        try {
          return execFileSync(
            'setpriv',
            [
              '--reuid=65534',
              '--regid=65534',
              '--clear-groups',
              process.execPath,
              path.join(app, 'bin/clawdoc.js'),
              '--home',
              home,
              '--layout',
              '2026.9',
              'doctor',
              '--all-profiles',
              '--json',
            ],
            { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: home } },
          );
        } catch (error) {
          return (error as { stdout: string }).stdout;
        }
      })();
      const report = JSON.parse(result) as Run['report'];
      const messages = report.findings
        .filter((finding) => finding.checkId === 'config/invalid')
        .map((finding) => `${finding.profile}: ${finding.message.split(home).join('~')}`);
      expect(messages).toEqual([
        'ops: ops: cannot read ~/.openclaw-ops/openclaw.json: permission denied; OpenClaw falls back to its defaults for this profile',
        'rescue: rescue: cannot read ~/.openclaw-rescue/openclaw.json: permission denied; OpenClaw falls back to its defaults for this profile',
      ]);
      expect(report.profiles.map((profile) => profile.name)).toEqual(['main', 'ops', 'rescue']);
    },
  );

  it('a home with 200 profiles is checked whole', async () => {
    const home = homeWithMain();
    for (let index = 0; index < 200; index += 1) {
      const dir = path.join(home, `.openclaw-p${index}`);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, 'openclaw.json'), `{ gateway: { port: ${20000 + index * 120} } }`);
    }
    const run = await doctor(home);
    expect(run.report.profiles).toHaveLength(201);
    expect(run.report.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(run.exitCode).toBe(0);
  });
});
