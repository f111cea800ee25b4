// The host-wide plan on the conflicts that per-finding fixes got wrong: exact steps for each.
import { describe, expect, it } from 'vitest';
import { model } from '../support/model-builder.js';
import { buildFixPlan } from '../../src/plan/plan.js';
import { builtinChecks } from '../../checks/index.js';
import type { CheckContext } from '../../src/doctor/api.js';

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

  it('does not pin a drifted gateway inside another profile’s CDP band: it moves it, stop and start through its service', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789, services: [{ portArg: 19789 }] })
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
