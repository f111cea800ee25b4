// Who started a live gateway, from its supervisor markers against the profile's services; and where the live view shows it.
import { describe, expect, it } from 'vitest';
import { decideSupervisor } from '../../src/attribute/supervisor.js';
import { makeProfile, model } from '../support/model-builder.js';
import { statusJson, statusText } from '../../src/report/status.js';
import { makeChalk } from '../../src/report/style.js';
import { envelope } from '../../src/report/envelope.js';
import { jsonSchemaErrors } from '../support/schema.js';
import type { ServiceDefinition } from '../../src/model.js';

const rescue = makeProfile('rescue', {
  port: 19789,
  services: [
    {},
    { manager: 'launchd', name: 'ai.openclaw.rescue', file: '/Users/op/Library/LaunchAgents/ai.openclaw.rescue.plist' },
    { manager: 'schtasks', name: 'OpenClaw Gateway (rescue)', file: 'C:\\Users\\op\\.openclaw-rescue\\gateway.cmd' },
  ],
});
const [unit, agent, task] = rescue.services as [ServiceDefinition, ServiceDefinition, ServiceDefinition];

// What OpenClaw 2026.9.6 writes into every gateway service (buildServiceEnvironment): all three names, whatever the manager.
const SERVICE_ENV = {
  OPENCLAW_SERVICE_MARKER: 'openclaw',
  OPENCLAW_SERVICE_KIND: 'gateway',
  OPENCLAW_SERVICE_VERSION: '2026.9.6',
  OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service',
  OPENCLAW_WINDOWS_TASK_NAME: 'OpenClaw Gateway (rescue)',
};

const decide = (env: Record<string, string>, services: readonly ServiceDefinition[] = [unit]) => decideSupervisor(4200, { readable: true, env }, services);

describe('decideSupervisor', () => {
  it('names the systemd unit whose name the markers give and whose manager left INVOCATION_ID', () => {
    expect(decide({ ...SERVICE_ENV, INVOCATION_ID: 'feedc0de', JOURNAL_STREAM: '8:1' }, rescue.services)).toEqual({
      by: 'service',
      manager: 'systemd',
      name: 'openclaw-gateway-rescue.service',
      file: unit.file,
      markers: { ...SERVICE_ENV, INVOCATION_ID: 'feedc0de', JOURNAL_STREAM: '8:1' },
      evidence:
        "pid 4200's environment names openclaw-gateway-rescue.service (INVOCATION_ID, JOURNAL_STREAM, OPENCLAW_SERVICE_KIND, OPENCLAW_SERVICE_MARKER, OPENCLAW_SERVICE_VERSION, OPENCLAW_SYSTEMD_UNIT, OPENCLAW_WINDOWS_TASK_NAME): that service started it",
    });
  });

  it('matches a unit name written without .service, as OpenClaw accepts it', () => {
    expect(decide({ ...SERVICE_ENV, OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue' })).toMatchObject({ by: 'service', name: unit.name });
  });

  it('names the launchd label (OPENCLAW_LAUNCHD_LABEL, else XPC_SERVICE_NAME) and the Windows task', () => {
    expect(decide({ ...SERVICE_ENV, OPENCLAW_LAUNCHD_LABEL: 'ai.openclaw.rescue', XPC_SERVICE_NAME: 'ai.openclaw.rescue' }, [unit, agent])).toMatchObject({
      by: 'service',
      manager: 'launchd',
      name: 'ai.openclaw.rescue',
    });
    expect(decide({ XPC_SERVICE_NAME: 'ai.openclaw.rescue' }, [agent])).toMatchObject({ by: 'service', name: 'ai.openclaw.rescue' });
    expect(decide(SERVICE_ENV, [task])).toMatchObject({ by: 'service', manager: 'schtasks', name: 'OpenClaw Gateway (rescue)', file: task.file });
  });

  it('says "hand" only for an environment that was read and holds no marker', () => {
    expect(decide({})).toEqual({
      by: 'hand',
      manager: null,
      name: null,
      file: null,
      markers: {},
      evidence:
        "pid 4200's environment holds none of the variables a service sets (OPENCLAW_SERVICE_MARKER, INVOCATION_ID, XPC_SERVICE_NAME, ...): no service started it",
    });
    // macOS Terminal gives every shell XPC_SERVICE_NAME=0; blank values are no marker either.
    expect(decide({ XPC_SERVICE_NAME: '0', INVOCATION_ID: '  ' }).by).toBe('hand');
  });

  it('any marker that names none of the services is another supervisor, never "hand"', () => {
    // systemd-run, a terminal that leaks its service's INVOCATION_ID: some supervisor, not one of this profile's services.
    expect(decide({ INVOCATION_ID: 'feedc0de' })).toEqual({
      by: 'other',
      manager: 'systemd',
      name: null,
      file: null,
      markers: { INVOCATION_ID: 'feedc0de' },
      evidence: "pid 4200's environment has supervisor variables (INVOCATION_ID) that name none of this profile's services",
    });
    // Another profile's unit (a split identity).
    expect(decide({ ...SERVICE_ENV, OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-main.service', INVOCATION_ID: 'x' })).toMatchObject({
      by: 'other',
      manager: 'systemd',
      name: 'openclaw-gateway-main.service',
    });
    expect(decide({ OPENCLAW_SUPERVISOR_MODE: 'external' })).toMatchObject({ by: 'other', manager: 'external', name: null });
    // OPENCLAW_SYSTEMD_UNIT exported in a shell (a renamed default unit) proves no start by systemd.
    expect(decide({ OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-rescue.service' })).toMatchObject({ by: 'other', manager: null });
  });

  it('an unread environment is unknown, with the reason', () => {
    expect(decideSupervisor(4200, { readable: false, reason: 'no /proc on this host' }, [unit])).toEqual({
      by: 'unknown',
      manager: null,
      name: null,
      file: null,
      markers: null,
      evidence: 'no /proc on this host',
    });
    expect(decideSupervisor(4200, undefined, [unit])).toMatchObject({ by: 'unknown', evidence: "pid 4200's environment was not read" });
  });
});

describe('the live view and status --json', () => {
  const host = () =>
    model()
      .profile('main', { port: 18789, services: [{}] })
      .profile('rescue', { port: 19789, services: [{}] })
      .profile('ops', { port: 20789 })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .markers(4100, { ...SERVICE_ENV, OPENCLAW_SYSTEMD_UNIT: 'openclaw-gateway-main.service', INVOCATION_ID: 'a1' })
      .markers(4200, {});

  it('gives each live gateway its supervisor and a stopped one none; status shows it and stays valid against the schema', () => {
    const context = host().context();
    expect(context.live.profiles.main?.gateway.supervisor).toMatchObject({ by: 'service', name: 'openclaw-gateway-main.service' });
    expect(context.live.profiles.rescue?.gateway.supervisor).toMatchObject({ by: 'hand' });
    expect(context.live.profiles.ops?.gateway.supervisor).toBeNull();
    const json = statusJson(context.model, context.live, context.profiles) as { profiles: Array<{ name: string; gateway: { supervisor: unknown } }> };
    expect(json.profiles.map((profile) => [profile.name, profile.gateway.supervisor])).toEqual([
      [
        'main',
        {
          by: 'service',
          manager: 'systemd',
          name: 'openclaw-gateway-main.service',
          file: '/home/op/.config/systemd/user/openclaw-gateway-main.service',
          evidence: expect.stringContaining('names openclaw-gateway-main.service'),
        },
      ],
      ['rescue', { by: 'hand', manager: null, name: null, file: null, evidence: expect.stringContaining('no service started it') }],
      ['ops', null],
    ]);
    const text = statusText(context.model, context.live, context.profiles, makeChalk({ noColor: true, json: false, isTTY: false, env: {} }));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'main    running · port 18789 (from its lock) · pid 4100 · service openclaw-gateway-main.service · healthz live · v2026.9.6 · lock live',
      'rescue  running · port 19789 (from its lock) · pid 4200 · started by hand · healthz live · v2026.9.6 · lock live',
      'ops     stopped · port 20789 (config) · no lock',
    ]);
    const document = envelope({ command: 'status', hostname: 'h', platform: 'linux', generatedAt: '2026-11-25T00:00:00.000Z' }, true, json);
    expect(jsonSchemaErrors(document)).toEqual([]);
  });

  it('a gateway whose pid was not read is unknown', () => {
    const context = model()
      .profile('rescue', { port: 19789, services: [{}] })
      .gateway('rescue', 19789, 4200)
      .context();
    expect(context.live.profiles.rescue?.gateway.supervisor).toMatchObject({ by: 'unknown' });
  });
});
