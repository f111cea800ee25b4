// gateway.mode=remote with gateway.remote.url sends a profile's CLI to another gateway than the one it runs.
import { defineCheck } from '../../src/doctor/api.js';
import { configSetAt, fixOf, openclawHint } from '../../src/fixes/commands.js';
import { getPath } from '../../src/config/validate.js';
import { isGatewayUp } from '../../src/attribute/live.js';
import { localPortOf } from '../../src/ports/plan.js';
import { redact } from '../../src/redact.js';

export default defineCheck({
  id: 'gateway/remote-override',
  title: 'Every profile that runs a gateway has its CLI talk to that gateway, not to gateway.remote.url',
  scope: 'profile',
  // The shell's OPENCLAW_GATEWAY_URL is env/inherited-selectors' finding.
  looksAt: 'gateway.mode and gateway.remote.url in the config of each profile that runs or should run a gateway',
  run(context) {
    const { profile } = context;
    const live = context.own;
    // 2026.9.6 connection-details: gateway.remote.url is used only when gateway.mode is "remote".
    if (getPath(profile.config, 'gateway.mode') !== 'remote') return [];
    const url = getPath(profile.config, 'gateway.remote.url');
    if (typeof url !== 'string' || url.trim() === '') return [];
    // A profile without a gateway of its own is a remote client on purpose.
    if (!live.expectedRunning && !isGatewayUp(live.gateway)) return [];
    const port = localPortOf(url);
    if (port === live.gateway.port) return [];
    const owner =
      port === null ? null : context.model.profiles.find((other) => other.name !== profile.name && context.live.profiles[other.name]?.gateway.port === port);
    const shown = redact(url);
    const target = owner ? `${owner.name}'s gateway at ${shown}` : `the gateway at ${shown}`;
    return [
      {
        severity: 'warning',
        profile: profile.name,
        message: `${profile.name} runs its own gateway on ${live.gateway.port}, but gateway.mode=remote and gateway.remote.url send \`${openclawHint(profile, ['status'], context.model.invocation)}\` and every other command of it to ${target}`,
        path: 'gateway.remote.url',
        fixHint: `Set gateway.mode to local so ${profile.name}'s CLI talks to its own gateway (keep gateway.remote.url for a client profile that runs no gateway).`,
        ...fixOf(() => [configSetAt(profile, 'gateway.mode', 'local', context.model.invocation)]),
        evidence: { url: shown, urlPort: port, ownPort: live.gateway.port, reaches: owner?.name ?? null },
      },
    ];
  },
});
