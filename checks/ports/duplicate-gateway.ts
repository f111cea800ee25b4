// Two profiles resolve to the same gateway port: the second gateway cannot start.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { movePortFix, pairsSharingKey, profileToMove } from '../../src/doctor/helpers.js';
import { bindsCanCollide } from '../../src/ports/overlaps.js';

export default defineCheck({
  id: 'ports/duplicate-gateway',
  title: 'Every profile has its own gateway port',
  scope: 'host',
  looksAt: 'the resolved gateway port and bind of every profile',
  run(context) {
    const findings: FindingDraft[] = [];
    const profiles = context.profiles;
    for (const [a, b] of pairsSharingKey(profiles, (profile) => [profile.gatewayPort.port]).map(([i, j]) => [profiles[i]!, profiles[j]!] as const)) {
      if (a.gatewayPort.port !== b.gatewayPort.port || !bindsCanCollide(a.gatewayBind, b.gatewayBind)) continue;
      const { moving, staying } = profileToMove(context, a, b);
      const move = movePortFix(context, moving);
      findings.push({
        severity: 'error',
        profile: moving.name,
        message: `${moving.name} and ${staying.name} both resolve gateway port ${moving.gatewayPort.port}: only one of them can run`,
        path: 'gateway.port',
        fixHint: move
          ? `Give ${moving.name} its own base port, e.g. ${move.port} (free, and 120+ ports from every other instance).`
          : `Give ${moving.name} a gateway port at least 120 away from every other profile.`,
        ...(move ? { fix: move.fix } : {}),
        profiles: [staying.name, moving.name],
        evidence: {
          port: moving.gatewayPort.port,
          sources: {
            [staying.name]: `${staying.gatewayPort.source}: ${staying.gatewayPort.detail}`,
            [moving.name]: `${moving.gatewayPort.source}: ${moving.gatewayPort.detail}`,
          },
          ...(move ? { suggestedPort: move.port } : {}),
        },
      });
    }
    return findings;
  },
});
