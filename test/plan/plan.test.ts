// The host-wide plan on the conflicts that per-finding fixes got wrong: exact steps for each.
import { describe, expect, it } from 'vitest';
import { healthyGatewayProbe, model } from '../support/model-builder.js';
import { buildFixPlan } from '../../src/plan/plan.js';
import { builtinChecks } from '../../checks/index.js';
import type { CheckContext, Finding } from '../../src/doctor/api.js';
import { runChecks } from '../../src/doctor/run.js';
import { decide } from '../../src/plan/decide.js';
import { fingerprintOf } from '../../src/report/formats/fingerprint.js';
import { registerPathGuard } from '../../src/fixes/commands.js';

function stepsOf(context: CheckContext) {
  const plan = buildFixPlan(context, { checks: builtinChecks });
  return {
    plan,
    steps: plan.steps.map((step) => ({
      id: step.id,
      kind: step.kind,
      profile: step.profile,
      running: step.touchesRunningGateway,
      commands: step.commands.map((c) => c.text),
    })),
  };
}

describe('buildFixPlan', () => {
  it("never edits a config reached through a symlink to another profile's: rescue's port stays manual until the split", () => {
    // ~/.openclaw-rescue -> ~/.openclaw-main: `openclaw --profile rescue config set gateway.port N` would move main's port.
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18789 })
      .symlink('/home/op/.openclaw-rescue', '/home/op/.openclaw-main')
      .gateway('main', 18789, 4100)
      .context();
    registerPathGuard(context.model.invocation, { profiles: context.model.profiles, realPaths: context.model.realPaths });
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([]);
    expect(plan.changes).toEqual([]);
    expect(plan.remainder.map((entry) => [entry.checkId, entry.profile])).toContainEqual(['ports/duplicate-gateway', 'rescue']);
  });

  it('moves the stopped profile, never the healthy running one, and clears a foreign listener at the same time', () => {
    // Per finding: foreign-listener said "move main", band-overlap said "move main" to a base inside rescue's reach.
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18700 })
      .gateway('rescue', 18700, 4200)
      .listener(18790, { pid: 7000, name: 'python3' })
      .context();
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([{ id: 's1', kind: 'config', profile: 'main', running: false, commands: ['openclaw --profile main config set gateway.port 18829'] }]);
    expect(plan.proven).toBe(true);
    expect(plan.remainder).toEqual([]);
  });

  it('sends a drifted gateway inside another profile’s CDP band back to its configured port: a restart through its service, nothing to rewrite', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789, services: [{ portArg: 19789 }] })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 18850, 4200)
      .context();
    const { steps, plan } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'restart', profile: 'rescue', running: true, commands: ['systemctl --user restart openclaw-gateway-rescue.service'] },
    ]);
    // No key changes, yet it moves: apply waits for the port it goes to.
    expect(plan.changes).toMatchObject([{ profile: 'rescue', fromPort: 18850, toPort: 19789, restart: true }]);
  });

  it('keeps the gateway on its configured port even when its /healthz is slow, and moves the one started elsewhere', () => {
    const healthy = healthyGatewayProbe(18789);
    const slow = { ...healthy, healthz: { ...healthy.healthz, outcome: 'timeout' as const, status: null, json: null } };
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789 })
      .gateway('main', 18789, 4100)
      .probe(18789, slow)
      .gateway('rescue', 18850, 4200)
      .context();
    const { steps } = stepsOf(context);
    expect(steps.map((step) => [step.kind, step.profile, step.commands])).toEqual([
      ['restart-unmanaged', 'rescue', ['kill 4200', 'openclaw --profile rescue gateway --bind loopback']],
    ]);
  });

  it('does not pin a drifted gateway inside another profile’s CDP band when its configured port is taken: it moves it, stop and start through its service', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789, services: [{ portArg: 19789 }] })
      .profile('ops', { port: 19789 - 60 })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 18850, 4200)
      .context();
    const { steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'config', profile: 'rescue', running: false, commands: ['openclaw --profile rescue config set gateway.port 18910'] },
      { id: 's2', kind: 'service', profile: 'rescue', running: false, commands: ['openclaw --profile rescue gateway install --force --port 18910'] },
      { id: 's3', kind: 'restart', profile: 'rescue', running: true, commands: ['systemctl --user restart openclaw-gateway-rescue.service'] },
    ]);
  });

  it('keeps new bases out of a foreign gateway’s derived range', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18809 })
      .gateway('main', 18789, 4100)
      .listener(18909, { pid: 7100, name: 'openclaw-gateway' })
      .context();
    const { steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'config', profile: 'rescue', running: false, commands: ['openclaw --profile rescue config set gateway.port 18669'] },
    ]);
  });

  it('stops and starts a hand-started gateway that must move; never an in-process restart', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18809 })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 18809, 4200)
      .context();
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'config', profile: 'rescue', running: false, commands: ['openclaw --profile rescue config set gateway.port 18909'] },
      { id: 's2', kind: 'restart-unmanaged', profile: 'rescue', running: true, commands: ['kill 4200', 'openclaw --profile rescue gateway --bind loopback'] },
    ]);
    expect(plan.steps[1]).toMatchObject({ requires: 'restart-unmanaged', undoable: false, stop: { pid: 4200, stateDir: '/home/op/.openclaw-rescue' } });
  });

  it('applies live keys without a restart: shared workspace and log file of a running gateway', () => {
    const context = model()
      .profile('main', { port: 18789, workspace: '/home/op/bots/ws', logFile: '/home/op/bots/gw.log' })
      .profile('rescue', { port: 19789, workspace: '/home/op/bots/ws', logFile: '/home/op/bots/gw.log' })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    const { steps } = stepsOf(context);
    expect(steps).toEqual([
      {
        id: 's1',
        kind: 'config',
        profile: 'rescue',
        running: true,
        commands: [
          'openclaw --profile rescue config set agents.defaults.workspace /home/op/.openclaw-rescue/workspace',
          'openclaw --profile rescue config set logging.file /home/op/.openclaw-rescue/logs/gateway.log',
        ],
      },
    ]);
  });

  it('moves an explicit cdpPort out of another profile’s band into its own, clear of the implicit openclaw profile’s control+9', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', {
        port: 19789,
        browserProfiles: [
          { name: 'openclaw', implicit: true },
          { name: 'work', cdpPort: 18850 },
        ],
      })
      .context();
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'config', profile: 'rescue', running: false, commands: ['openclaw --profile rescue config set browser.profiles.work.cdpPort 19801'] },
    ]);
    expect(plan.proven).toBe(true);
  });

  it('applies a moved explicit cdpPort of a running gateway live: no restart', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', {
        port: 19789,
        browserProfiles: [
          { name: 'openclaw', implicit: true },
          { name: 'work', cdpPort: 18850 },
        ],
      })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'config', profile: 'rescue', running: true, commands: ['openclaw --profile rescue config set browser.profiles.work.cdpPort 19801'] },
    ]);
    expect(plan.changes).toMatchObject([{ profile: 'rescue', running: true, restart: false, cdpPorts: { work: 19801 } }]);
  });

  it('unsets inherited selectors first, in the operator’s shell', () => {
    const context = model()
      .env({ OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' })
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18809 })
      .context();
    const { plan } = stepsOf(context);
    expect(plan.steps.map((step) => [step.id, step.kind, step.requires ?? null, step.commands.map((c) => c.text)])).toEqual([
      ['s1', 'environment', 'operator-shell', ['unset OPENCLAW_STATE_DIR']],
      ['s2', 'config', null, ['openclaw --profile rescue config set gateway.port 18909']],
    ]);
  });

  it('gives two stopped profiles on one hash-free default port distinct bases', () => {
    const context = model().profile('a', { port: 18789 }).profile('b', { port: 18789 }).profile('c', { port: 18789 }).context();
    const { steps } = stepsOf(context);
    expect(steps.map((step) => step.commands)).toEqual([
      ['openclaw --profile b config set gateway.port 18909'],
      ['openclaw --profile c config set gateway.port 18669'],
    ]);
  });
});

describe('buildFixPlan with more than one supervisor per profile', () => {
  const extraUnit = { name: 'openclaw-rescue.service', file: '/home/op/.config/systemd/user/openclaw-rescue.service', portArg: 18809 };

  it('disables exactly the extra supervisor before the config edits, and restarts through the kept service only', () => {
    const context = model()
      .env({ OPENCLAW_PROFILE: 'rescue' })
      .profile('main', { port: 18789, services: [{ portArg: 18789 }] })
      .profile('rescue', { port: 18809, services: [{ portArg: 18809 }, extraUnit] })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 18809, 4200)
      .context();
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'environment', profile: null, running: false, commands: ['unset OPENCLAW_PROFILE'] },
      { id: 's2', kind: 'supervisor', profile: 'rescue', running: true, commands: ['systemctl --user disable --now openclaw-rescue.service'] },
      { id: 's3', kind: 'config', profile: 'rescue', running: false, commands: ['openclaw --profile rescue config set gateway.port 18909'] },
      { id: 's4', kind: 'service', profile: 'rescue', running: false, commands: ['openclaw --profile rescue gateway install --force --port 18909'] },
      { id: 's5', kind: 'restart', profile: 'rescue', running: true, commands: ['systemctl --user restart openclaw-gateway-rescue.service'] },
    ]);
    expect(plan.steps[3]!.files).toEqual(['/home/op/.config/systemd/user/openclaw-gateway-rescue.service']);
    expect(plan.proven).toBe(true);
    expect(plan.remainder).toEqual([]);
    const duplicate = runChecks(builtinChecks, context, { only: [], skip: [] }).findings.find((f) => f.checkId === 'services/duplicate-supervisor')!;
    expect(plan.resolved).toContain(fingerprintOf(duplicate));
    expect(plan.stepsByFinding[fingerprintOf(duplicate)]).toContain('s2');
  });

  it('disables only what the finding lists as extra, and stops and starts a hand-started keeper by its pid', () => {
    const builder = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 18809, services: [extraUnit] })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 18809, 4200);
    const context = builder.context();
    const before = runChecks(builtinChecks, context, { only: [], skip: [] }).findings;
    // The kept supervisor is the hand-started process; the service is the extra (same `extra` shape as two services).
    const duplicate: Finding = {
      checkId: 'services/duplicate-supervisor',
      severity: 'warning',
      profile: 'rescue',
      profiles: ['rescue'],
      message: "2 supervisors start rescue's gateway",
      fixHint: 'Keep the process, disable the service.',
      evidence: { keep: { pid: 4200 }, extra: [{ ...extraUnit, manager: 'systemd', scope: 'user', legacy: false, port: 18809 }], runningPort: 18809 },
    };
    const plan = buildFixPlan(context, { checks: builtinChecks, before: [...before, duplicate] });
    expect(plan.steps.map((step) => [step.kind, step.profile, step.commands.map((c) => c.text)])).toEqual([
      ['supervisor', 'rescue', ['systemctl --user disable --now openclaw-rescue.service']],
      ['config', 'rescue', ['openclaw --profile rescue config set gateway.port 18909']],
      ['restart-unmanaged', 'rescue', ['kill 4200', 'openclaw --profile rescue gateway --bind loopback']],
    ]);
    expect(plan.proven).toBe(true);
  });

  it('does not let `gateway install` add a canonical unit next to a hand-made keeper: the rewrite is a manual edit', () => {
    const context = model()
      .profile('main', { port: 18789, services: [{ portArg: 18789 }] })
      .profile('rescue', { port: 18809, services: [extraUnit] })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 18809, 4200)
      .context();
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'config', profile: 'rescue', running: false, commands: ['openclaw --profile rescue config set gateway.port 18909'] },
      { id: 's2', kind: 'manual', profile: 'rescue', running: false, commands: [] },
      { id: 's3', kind: 'restart', profile: 'rescue', running: true, commands: ['systemctl --user restart openclaw-rescue.service'] },
    ]);
    expect(plan.steps[1]).toMatchObject({ requires: 'manual-edit', undoable: false });
    expect(plan.steps[1]!.why).toBe(
      "rescue's gateway is supervised by openclaw-rescue.service, not openclaw-gateway-rescue.service, the service `gateway install --force` writes: it would add a second supervisor. By hand, in /home/op/.config/systemd/user/openclaw-rescue.service: change --port 18809 to --port 18909 in its command, then `systemctl --user daemon-reload`.",
    );
  });
});

describe('buildFixPlan on a shared OPENCLAW_OAUTH_DIR', () => {
  it('drops it from the moving profile’s service by `gateway install --force` and restarts that service', () => {
    const context = model()
      .profile('main', { port: 18789, oauthDir: '/srv/oauth' })
      .profile('rescue', {
        port: 19789,
        oauthDir: '/srv/oauth',
        services: [{ portArg: 19789, env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_OAUTH_DIR: '/srv/oauth' } }],
      })
      .gateway('main', 18789, 4100)
      .gateway('rescue', 19789, 4200)
      .context();
    const { plan, steps } = stepsOf(context);
    expect(steps).toEqual([
      { id: 's1', kind: 'service', profile: 'rescue', running: false, commands: ['openclaw --profile rescue gateway install --force --port 19789'] },
      { id: 's2', kind: 'restart', profile: 'rescue', running: true, commands: ['systemctl --user restart openclaw-gateway-rescue.service'] },
    ]);
    expect(plan.changes).toEqual([
      {
        profile: 'rescue',
        fromPort: 19789,
        toPort: 19789,
        running: true,
        restart: true,
        cdpPorts: {},
        webhookPorts: {},
        paths: { OPENCLAW_OAUTH_DIR: '/home/op/.openclaw-rescue/credentials' },
      },
    ]);
    expect(plan.remainder).toEqual([]);
  });

  it('leaves an OAuth dir set in the state dir’s .env or in a unit’s EnvironmentFile as a manual edit, with the file', () => {
    const context = model()
      .profile('main', { port: 18789, oauthDir: '/srv/oauth' })
      .profile('ops', {
        port: 20789,
        oauthDir: '/srv/oauth',
        services: [{ envFiles: ['/home/op/.openclaw-ops/gateway.systemd.env'], env: { OPENCLAW_PROFILE: 'ops', OPENCLAW_OAUTH_DIR: '/srv/oauth' } }],
      })
      .profile('rescue', { port: 19789, oauthDir: '/srv/oauth' })
      .gateway('main', 18789, 4100)
      .context();
    const { plan } = stepsOf(context);
    expect(plan.steps.map((step) => [step.kind, step.profile, step.requires, step.commands.length, step.why])).toEqual([
      [
        'manual',
        'ops',
        'manual-edit',
        0,
        'ops shares OPENCLAW_OAUTH_DIR=/srv/oauth with another profile; `gateway install --force` keeps the variables of /home/op/.openclaw-ops/gateway.systemd.env. By hand: remove the OPENCLAW_OAUTH_DIR line from /home/op/.config/systemd/user/openclaw-gateway-ops.service and /home/op/.openclaw-ops/gateway.systemd.env, then `systemctl --user daemon-reload`, so ops keeps OAuth state in /home/op/.openclaw-ops/credentials. Nothing is copied over: log its OAuth channels in again.',
      ],
      [
        'manual',
        'rescue',
        'manual-edit',
        0,
        'rescue shares OPENCLAW_OAUTH_DIR=/srv/oauth with another profile; no OpenClaw command edits /home/op/.openclaw-rescue/.env. By hand: remove the OPENCLAW_OAUTH_DIR line from /home/op/.openclaw-rescue/.env, so rescue keeps OAuth state in /home/op/.openclaw-rescue/credentials. Nothing is copied over: log its OAuth channels in again.',
      ],
    ]);
    expect(plan.proven).toBe(true);
  });

  it('points at the state dir’s .env, not at a disabled unit that also names the OAuth dir: only what starts the gateway counts', () => {
    const context = model()
      .profile('main', { port: 18789, oauthDir: '/srv/oauth' })
      .profile('rescue', {
        port: 19789,
        oauthDir: '/srv/oauth',
        services: [{ enabled: false, env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_OAUTH_DIR: '/srv/oauth' } }],
      })
      .gateway('main', 18789, 4100)
      .context();
    const rescue = decide(context).edits.find((edit) => edit.profile.name === 'rescue')!;
    expect(rescue.oauth).toMatchObject({ via: 'manual', files: ['/home/op/.openclaw-rescue/.env'] });
  });

  it('unsets an OPENCLAW_OAUTH_DIR the operator’s shell exports, with the selectors, in the environment step', () => {
    const context = model()
      .env({ OPENCLAW_OAUTH_DIR: '/srv/oauth', OPENCLAW_STATE_DIR: '/home/op/.openclaw-main' })
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789 })
      .context();
    const { plan } = stepsOf(context);
    expect(plan.steps.map((step) => [step.kind, step.commands.map((c) => c.text), step.why])).toEqual([
      [
        'environment',
        ['unset OPENCLAW_STATE_DIR OPENCLAW_OAUTH_DIR'],
        "This shell exports OPENCLAW_STATE_DIR: inherited selectors beat --profile, so every later command would act on the wrong profile. It exports OPENCLAW_OAUTH_DIR: every profile's CLI run from it, and any gateway started from it, would share that one OAuth dir.",
      ],
    ]);
  });

  it('never sends a profile’s OAuth state to a credentials dir that is really another profile’s', () => {
    const context = model()
      .symlink('/home/op/.openclaw-rescue', '/home/op/.openclaw-main')
      .profile('main', { port: 18789, oauthDir: '/srv/oauth' })
      .profile('rescue', { port: 19789, oauthDir: '/srv/oauth', services: [{ env: { OPENCLAW_PROFILE: 'rescue', OPENCLAW_OAUTH_DIR: '/srv/oauth' } }] })
      .context();
    const rescue = decide(context).edits.find((edit) => edit.profile.name === 'rescue')!;
    expect(rescue.oauth).toMatchObject({ via: 'manual', to: '/home/op/.openclaw-rescue/credentials' });
    expect(rescue.oauth!.reason).toContain('which belongs to the profile main');
  });
});
