// The one ranking of a profile's supervisors that services/duplicate-supervisor and the fix plan share.
import { describe, expect, it } from 'vitest';
import { model, type ProfileSpec } from '../support/model-builder.js';
import { activeGatewayServices, rankSupervisors, servicePortOf } from '../../src/doctor/supervisors.js';

const HANDMADE = { name: 'openclaw-rescue.service', file: '/home/op/.config/systemd/user/openclaw-rescue.service' };

function rankingOf(services: ProfileSpec['services'], running: number | null) {
  const builder = model().profile('rescue', { port: 19789, services });
  if (running !== null) builder.gateway('rescue', running, 4200);
  const context = builder.context();
  const profile = context.profiles[0]!;
  const ranking = rankSupervisors(profile, context.live.profiles.rescue!.gateway);
  return ranking && { keep: ranking.keep.name, extra: ranking.extra.map((service) => service.name), runningPort: ranking.runningPort };
}

describe('rankSupervisors', () => {
  it('keeps the service whose port the live gateway runs on, even over the canonical name', () => {
    expect(rankingOf([{ portArg: 19789 }, { ...HANDMADE, portArg: 19800 }], 19800)).toEqual({
      keep: 'openclaw-rescue.service',
      extra: ['openclaw-gateway-rescue.service'],
      runningPort: 19800,
    });
  });

  it('keeps the canonical user unit when nothing runs, before a legacy or system-scope one', () => {
    expect(
      rankingOf(
        [
          { name: 'clawdbot-gateway-rescue.service', file: '/home/op/.config/systemd/user/clawdbot-gateway-rescue.service', legacy: true },
          { scope: 'system', file: '/etc/systemd/system/openclaw-gateway-rescue.service' },
          {},
        ],
        null,
      ),
    ).toEqual({ keep: 'openclaw-gateway-rescue.service', extra: ['openclaw-gateway-rescue.service', 'clawdbot-gateway-rescue.service'], runningPort: null });
  });

  it('leaves disabled units and units that only talk to a gateway out, and has nothing to rank without a service', () => {
    const profile = model()
      .profile('rescue', { services: [{ enabled: false }, { ...HANDMADE, isGateway: false }] })
      .context().profiles[0]!;
    expect(activeGatewayServices(profile)).toEqual([]);
    expect(rankSupervisors(profile, undefined)).toBeNull();
  });

  it('reads the port from --port, else from OPENCLAW_GATEWAY_PORT (N or host:N)', () => {
    const [flag, env, none] = model()
      .profile('rescue', { services: [{ portArg: 19789 }, { env: { OPENCLAW_GATEWAY_PORT: '127.0.0.1:19790' } }, {}] })
      .context().profiles[0]!.services;
    expect([servicePortOf(flag!), servicePortOf(env!), servicePortOf(none!)]).toEqual([19789, 19790, null]);
  });
});
