// A named profile relies on the profile-name hash for its port: it moves on rename and may land near another.
import { defineCheck } from '../../src/doctor/api.js';
import { movePortFix, profileByName, profileToMove } from '../../src/doctor/helpers.js';
import { configSet, fixOf } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'ports/hash-default',
  title: 'Every named profile pins its gateway port',
  scope: 'profile',
  looksAt: "where each profile's gateway port comes from (flag, env, config, profile-name hash, default)",
  run(context) {
    const { profile } = context;
    if (profile.gatewayPort.source !== 'profile-hash' && profile.cliPort.source !== 'profile-hash') return [];
    // A gateway.port OpenClaw ignores (a string, out of range) is config/invalid's finding: "has no gateway.port" would mislead.
    if (profile.problems.some((problem) => problem.path === 'gateway.port')) return [];
    const port = profile.gatewayPort.source === 'profile-hash' ? profile.gatewayPort.port : profile.cliPort.port;
    const partners = context.overlaps
      .filter((overlap) => overlap.a.profile === profile.name || overlap.b.profile === profile.name)
      .map((overlap) => profileByName(context, overlap.a.profile === profile.name ? overlap.b.profile : overlap.a.profile));
    const collides = partners.length > 0;
    // Of two colliding profiles only one moves; the other pins where it is, so the fixes do not chase each other.
    const mustMove = partners.some((partner) => profileToMove(context, profile, partner).moving === profile);
    const move = mustMove ? movePortFix(context, profile) : null;
    // A gateway already running elsewhere (see gateway/port-drift) is pinned where it runs, so the two fixes agree.
    const gateway = context.own.gateway;
    const running = gateway.portSource === 'lock' ? gateway.port : null;
    const pinTo = move?.port ?? running ?? port;
    return [
      {
        severity: mustMove ? 'error' : 'warning',
        profile: profile.name,
        message: collides
          ? `${profile.name} has no gateway.port and its name hashes to ${port}, where its ports meet ${[...new Set(partners.map((partner) => partner.name))].join(', ')}'s`
          : `${profile.name} has no gateway.port: its port ${port} comes from a hash of the name, changes if the profile is renamed, and can land near another profile`,
        path: 'gateway.port',
        fixHint: mustMove ? `Pin ${profile.name} to a free base port, ${pinTo}.` : `Pin the port it uses today, so it stays put: gateway.port ${pinTo}.`,
        ...fixOf(() => (move ? move.fix.commands : [configSet(profile, 'gateway.port', pinTo, context.model.invocation)])),
        evidence: { port, source: 'profile-hash', rule: '20000 + fnv1a32(name) % 40000', collides, ...(move ? { suggestedPort: move.port } : {}) },
      },
    ];
  },
});
