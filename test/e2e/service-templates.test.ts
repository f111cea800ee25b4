// Issue 10: clawdoc reads gateway services exactly as OpenClaw 2026.9.6 writes them (systemd user and system scope,
// launchd with service-env/, Windows gateway.cmd), rendered by OpenClaw's own install code for profiles default, rescue and ops.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinChecks } from '../../checks/index.js';
import { checkHost, invocationOf, observeHost, profilesInScope, resolveHost } from '../../src/pipeline.js';
import type { HostModel, Invocation } from '../../src/model.js';
import { assertInstalled, clawdoc, makeHome, removeHomes } from './openclaw.js';
import { renderServices, type ServicePlatform, type ServiceRequest } from './render-services.js';

// Ports of this test's range (37000-37999), 200 apart so no derived range overlaps; nothing listens on them.
const PROFILES = [
  { name: 'default', port: 37100 },
  { name: 'rescue', port: 37300 },
  { name: 'ops', port: 37500 },
] as const;

const stateDirOf = (profile: string) => (profile === 'default' ? '.openclaw' : `.openclaw-${profile}`);

function writeConfig(home: string, profile: string, port: number): void {
  const dir = path.join(home, stateDirOf(profile));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'openclaw.json'), `${JSON.stringify({ gateway: { mode: 'local', port } }, null, 2)}\n`);
}

/**
 * A home whose profiles have their config, and services installed as `openclaw [--profile P] gateway install` would.
 * Its path has a quote, a blank and parentheses, which each manager quotes its own way (sh '\'' in service-env files,
 * a glob escape in EnvironmentFile=).
 */
function installedHome(requests: readonly ServiceRequest[]): string {
  const home = path.join(makeHome(), "op's (home)");
  fs.mkdirSync(home);
  renderServices(home, requests);
  for (const profile of PROFILES) writeConfig(home, profile.name, profile.port);
  return home;
}

const requestsFor = (platform: ServicePlatform): ServiceRequest[] =>
  PROFILES.map((profile) => ({ profile: profile.name, platform, port: profile.port, config: { gateway: { mode: 'local', port: profile.port } } }));

function findingIds(findings: ReadonlyArray<{ checkId: string; profile: string | null }>): string[] {
  return findings.map((finding) => `${finding.checkId}${finding.profile ? `@${finding.profile}` : ''}`).sort();
}

function invocationFor(home: string, systemRoot: string): Invocation {
  return { ...invocationOf({ home, env: { HOME: home, PATH: '/usr/bin:/bin' } }), systemRoot };
}

/** Each profile's services as discovery reads them: what the CLI's JSON leaves out (gateway-ness, the profile each names, scope). */
function servicesByProfile(model: HostModel) {
  return model.profiles.map((profile) => [
    profile.name,
    profile.services.map((service) => ({
      name: service.name,
      manager: service.manager,
      scope: service.scope ?? 'user',
      profile: service.profile,
      isGateway: service.isGateway,
      portArg: service.portArg,
      envPort: service.env.OPENCLAW_GATEWAY_PORT,
    })),
  ]);
}

async function doctorIds(invocation: Invocation): Promise<string[]> {
  const model = resolveHost(invocation, { layout: '2026.9' });
  const live = await observeHost(model, { timeoutMs: 1000, deadlineMs: 5000 });
  const result = checkHost(model, profilesInScope(model, true), live, { checks: builtinChecks, selection: { only: [], skip: [] }, failOn: 'error' });
  return findingIds(result.findings);
}

const NOT_RUNNING = PROFILES.map((profile) => `gateway/not-running@${profile.name}`).sort();

const SERVICE_NAMES: Record<ServicePlatform, Record<string, string>> = {
  linux: { default: 'openclaw-gateway.service', rescue: 'openclaw-gateway-rescue.service', ops: 'openclaw-gateway-ops.service' },
  darwin: { default: 'ai.openclaw.gateway', rescue: 'ai.openclaw.rescue', ops: 'ai.openclaw.ops' },
  win32: { default: 'OpenClaw Gateway', rescue: 'OpenClaw Gateway (rescue)', ops: 'OpenClaw Gateway (ops)' },
};
const MANAGER: Record<ServicePlatform, string> = { linux: 'systemd', darwin: 'launchd', win32: 'schtasks' };

beforeAll(() => assertInstalled());
afterAll(() => removeHomes());

describe('services written by OpenClaw 2026.9.6', () => {
  it('are the files its installer puts in the home, with each profile in its own environment', () => {
    const home = makeHome();
    const rendered = renderServices(home, [...requestsFor('linux'), ...requestsFor('darwin'), ...requestsFor('win32')]);
    expect(rendered.files.map((file) => file.path).sort()).toEqual(
      [
        '.config/systemd/user/openclaw-gateway.service',
        '.config/systemd/user/openclaw-gateway-rescue.service',
        '.config/systemd/user/openclaw-gateway-ops.service',
        'Library/LaunchAgents/ai.openclaw.gateway.plist',
        'Library/LaunchAgents/ai.openclaw.rescue.plist',
        'Library/LaunchAgents/ai.openclaw.ops.plist',
        ...PROFILES.flatMap((profile) => {
          const label = SERVICE_NAMES.darwin[profile.name]!;
          const dir = stateDirOf(profile.name);
          return [`${dir}/service-env/${label}.env`, `${dir}/service-env/${label}-env-wrapper.sh`, `${dir}/gateway.cmd`, `${dir}/gateway.vbs`];
        }),
      ].sort(),
    );
    // The default profile's service has no profile selector at all: only its own name and port say what it runs.
    const linux = rendered.services.filter((service) => service.platform === 'linux');
    expect(
      linux.map((service) => [
        service.profile,
        service.environment.OPENCLAW_PROFILE,
        service.environment.OPENCLAW_STATE_DIR,
        service.environment.OPENCLAW_SYSTEMD_UNIT,
        service.programArguments.slice(-3),
      ]),
    ).toEqual([
      ['default', undefined, undefined, 'openclaw-gateway.service', ['gateway', '--port', '37100']],
      ['rescue', 'rescue', path.join(home, '.openclaw-rescue'), 'openclaw-gateway-rescue.service', ['gateway', '--port', '37300']],
      ['ops', 'ops', path.join(home, '.openclaw-ops'), 'openclaw-gateway-ops.service', ['gateway', '--port', '37500']],
    ]);
  });

  it.each(['linux', 'darwin', 'win32'] as const)('%s: each service maps to its profile, port and manager, with no service finding', async (platform) => {
    const home = installedHome(requestsFor(platform));
    const profiles = clawdoc(home, ['profiles', '--json']).json;
    expect(profiles.notes).toEqual([]);
    expect(
      profiles.profiles.map((profile: { name: string; gatewayPort: number; services: Array<{ manager: string; name: string; port: number }> }) => [
        profile.name,
        profile.gatewayPort,
        profile.services.map((service) => [service.manager, service.name, service.port]),
      ]),
    ).toEqual(
      [...PROFILES]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((profile) => [profile.name, profile.port, [[MANAGER[platform], SERVICE_NAMES[platform][profile.name], profile.port]]]),
    );

    const model = resolveHost(invocationFor(home, makeHome()), { layout: '2026.9' });
    for (const [name, services] of servicesByProfile(model) as Array<[string, Array<Record<string, unknown>>]>) {
      const port = PROFILES.find((profile) => profile.name === name)!.port;
      expect(services).toEqual([
        {
          name: SERVICE_NAMES[platform][name],
          manager: MANAGER[platform],
          scope: 'user',
          profile: name,
          isGateway: true,
          portArg: port,
          envPort: String(port),
        },
      ]);
    }

    const doctor = clawdoc(home, ['doctor', '--all-profiles', '--json']);
    expect({ ids: findingIds(doctor.json.findings), exit: doctor.code }).toEqual({ ids: NOT_RUNNING, exit: 0 });
  });

  it('system-scope units (the user unit copied to /etc/systemd/system) map the same; a profile with both has two supervisors', async () => {
    const home = installedHome(requestsFor('linux'));
    const root = makeHome();
    const systemDir = path.join(root, 'etc/systemd/system');
    fs.mkdirSync(systemDir, { recursive: true });
    const userDir = path.join(home, '.config/systemd/user');
    // default and ops move to system scope; rescue gets a system copy next to its user unit, deliberately.
    for (const name of ['openclaw-gateway.service', 'openclaw-gateway-ops.service']) fs.renameSync(path.join(userDir, name), path.join(systemDir, name));
    fs.copyFileSync(path.join(userDir, 'openclaw-gateway-rescue.service'), path.join(systemDir, 'openclaw-gateway-rescue.service'));

    const model = resolveHost(invocationFor(home, root), { layout: '2026.9' });
    expect(model.notes).toEqual([]);
    const brief = (name: string, scope: string, profile: string, port: number) => ({
      name,
      manager: 'systemd',
      scope,
      profile,
      isGateway: true,
      portArg: port,
      envPort: String(port),
    });
    expect(servicesByProfile(model)).toEqual([
      ['default', [brief('openclaw-gateway.service', 'system', 'default', 37100)]],
      ['ops', [brief('openclaw-gateway-ops.service', 'system', 'ops', 37500)]],
      ['rescue', [brief('openclaw-gateway-rescue.service', 'user', 'rescue', 37300), brief('openclaw-gateway-rescue.service', 'system', 'rescue', 37300)]],
    ]);
    expect(model.profiles.map((profile) => [profile.name, profile.gatewayPort.port])).toEqual([
      ['default', 37100],
      ['ops', 37500],
      ['rescue', 37300],
    ]);
    expect(await doctorIds(invocationFor(home, root))).toEqual([...NOT_RUNNING, 'services/duplicate-supervisor@rescue'].sort());
  });

  it('an API key exported at install goes to <stateDir>/gateway.systemd.env: clawdoc reads it through EnvironmentFile= and never prints it', () => {
    const secret = 'sk-ant-clawdoc-e2e-secret';
    const home = installedHome(
      requestsFor('linux').map((request) => (request.profile === 'rescue' ? { ...request, env: { ANTHROPIC_API_KEY: secret } } : request)),
    );
    const envFile = path.join(home, '.openclaw-rescue/gateway.systemd.env');
    expect(fs.readFileSync(path.join(home, '.config/systemd/user/openclaw-gateway-rescue.service'), 'utf8')).not.toContain(secret);
    expect(fs.readFileSync(envFile, 'utf8')).toBe(`ANTHROPIC_API_KEY=${secret}\n`);

    const rescue = resolveHost(invocationFor(home, makeHome()), { layout: '2026.9' }).profiles.find((profile) => profile.name === 'rescue')!;
    expect(rescue.services.map((service) => [service.name, service.profile, service.envFiles, service.env.ANTHROPIC_API_KEY === secret])).toEqual([
      ['openclaw-gateway-rescue.service', 'rescue', [envFile], true],
    ]);
    for (const args of [
      ['profiles', '--json'],
      ['doctor', '--all-profiles', '--json', '--verbose'],
      ['doctor', '--all-profiles', '--verbose'],
    ]) {
      const run = clawdoc(home, args);
      expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    }
    const doctor = clawdoc(home, ['doctor', '--all-profiles', '--json']);
    expect(findingIds(doctor.json.findings)).toEqual(NOT_RUNNING);
  });

  it('a unit installed with another --port than the config is a services/profile-mismatch', () => {
    const home = installedHome([
      ...requestsFor('linux').filter((request) => request.profile !== 'rescue'),
      // `openclaw --profile rescue gateway install --port 37350` while gateway.port says 37300.
      { profile: 'rescue', platform: 'linux', port: 37350, config: { gateway: { mode: 'local', port: 37300 } } },
    ]);
    const doctor = clawdoc(home, ['doctor', '--all-profiles', '--json']);
    // The service starts rescue on 37350 while `openclaw --profile rescue status` looks at 37300: that is port drift too.
    expect(findingIds(doctor.json.findings)).toEqual([...NOT_RUNNING, 'gateway/port-drift@rescue', 'services/profile-mismatch@rescue'].sort());
    const mismatch = doctor.json.findings.find((finding: { checkId: string }) => finding.checkId === 'services/profile-mismatch');
    expect(mismatch.evidence.disagreements).toEqual([{ what: 'service port', says: '37350', expected: 'gateway.port 37300' }]);
  });
});
