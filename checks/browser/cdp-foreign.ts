// A Chrome on one of this profile's CDP ports belongs to another profile, or to none of ours.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { listeningPorts, movePortFix, portRange } from '../../src/doctor/helpers.js';
import { fixOf, freeCdpBandPort, killProcess, moveBrowserCdpPort } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'browser/cdp-foreign',
  title: "Every Chrome on a profile's CDP ports is that profile's own",
  scope: 'profile',
  looksAt: "the --user-data-dir of every Chrome listening on a planned CDP port or in the profile's CDP band",
  run(context) {
    const { profile } = context;
    const live = context.own;
    const findings: FindingDraft[] = [];
    const band = live.plan.find((entry) => entry.role === 'cdp-band');
    for (const status of live.ports) {
      if (status.entry.role !== 'cdp' && status.entry.role !== 'cdp-band') continue;
      // A band port that one of this profile's browsers is planned on is reported once, as that browser's port.
      if (status.entry.role === 'cdp-band' && live.ports.some((other) => other.entry.role === 'cdp' && other.port === status.port)) continue;
      for (const owner of status.owners) {
        if (owner.kind !== 'chromium' || owner.profile === profile.name || owner.pid === null) continue;
        const planned = status.entry.role === 'cdp';
        const browserProfile = status.entry.label ?? 'openclaw';
        const where = planned
          ? `${profile.name}'s CDP port ${status.port} (browser profile "${browserProfile}")`
          : `port ${status.port} of ${profile.name}'s CDP band`;
        const evidence = {
          port: status.port,
          role: status.entry.role,
          planSource: status.entry.source,
          pid: owner.pid,
          command: owner.command,
          ownerProfile: owner.profile,
          ownerEvidence: owner.evidence,
        };
        const involved = owner.profile ? [owner.profile, profile.name] : [profile.name];
        const port = planned ? freeCdpBandPort({ name: profile.name, plan: live.plan }, context.profiles, listeningPorts(context), status.port) : null;
        if (owner.profile === null) {
          // A Chrome of no profile is nobody's browser here: closing it is safe, and it frees the port as planned.
          findings.push({
            severity: 'warning',
            profile: profile.name,
            profiles: involved,
            message: `a Chrome (pid ${owner.pid}) that belongs to no OpenClaw profile listens on ${where}, so ${profile.name}'s browser would attach to it`,
            ...(planned ? { path: `browser.profiles.${browserProfile}.cdpPort` } : {}),
            fixHint: `Close that Chrome (pid ${owner.pid}) if nobody uses it (its command line is in the evidence)${port !== null ? `; if it is someone's browser, give ${profile.name}'s "${browserProfile}" browser port ${port} instead` : ''}.`,
            ...fixOf(() => [killProcess(owner.pid!, context.model.invocation)]),
            evidence,
          });
          continue;
        }
        // Another profile's Chrome is in use: never stop it, move this profile's browser instead.
        if (planned) {
          const unset = status.entry.source.endsWith('cdpUrl') ? [status.entry.source] : [];
          findings.push({
            severity: 'warning',
            profile: profile.name,
            profiles: involved,
            message: `${owner.profile}'s Chrome (pid ${owner.pid}) listens on ${where}, so ${profile.name}'s browser would attach to ${owner.profile}'s tabs and logins`,
            path: `browser.profiles.${browserProfile}.cdpPort`,
            fixHint:
              port !== null
                ? `Leave ${owner.profile}'s Chrome alone and give ${profile.name}'s "${browserProfile}" browser port ${port}, free in its own CDP band.`
                : `Leave ${owner.profile}'s Chrome alone and give ${profile.name}'s "${browserProfile}" browser a free port: set browser.profiles.${browserProfile}.cdpPort in ${profile.configPath}.`,
            ...(port !== null ? fixOf(() => moveBrowserCdpPort(profile, browserProfile, port, unset, context.model.invocation)) : {}),
            evidence: { ...evidence, ...(port !== null ? { suggestedPort: port } : {}) },
          });
          continue;
        }
        // Nothing of this profile uses the port yet, but its next managed browser would be placed in this band.
        const move = movePortFix(context, profile);
        findings.push({
          severity: 'warning',
          profile: profile.name,
          profiles: involved,
          message: `${owner.profile}'s Chrome (pid ${owner.pid}) listens on ${where}, where ${profile.name}'s next managed browser could be placed`,
          path: 'gateway.port',
          fixHint: move
            ? `Leave ${owner.profile}'s Chrome alone and move ${profile.name} to base port ${move.port}, so its CDP band (${band ? portRange(band.from, band.to) : 'base+11..base+110'}) moves clear of ${owner.profile}'s browsers.`
            : `Leave ${owner.profile}'s Chrome alone and move ${profile.name}'s gateway.port at least 120 away from ${owner.profile}'s.`,
          ...(move ? { fix: move.fix } : {}),
          evidence: { ...evidence, ...(move ? { suggestedPort: move.port } : {}) },
        });
      }
    }
    return findings;
  },
});
