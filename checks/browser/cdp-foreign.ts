// A Chrome on one of this profile's CDP ports belongs to another profile, or to none of ours.
import { defineCheck, type FindingDraft } from '../../src/checks/api.js';
import { configSet } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'browser/cdp-foreign',
  title: 'Every Chrome on a profile\'s CDP ports is that profile\'s own',
  scope: 'profile',
  looksAt: 'the --user-data-dir of every Chrome listening on a planned CDP port',
  run(context) {
    const { profile } = context;
    const live = context.live.profiles[profile.name];
    if (!live) return [];
    const findings: FindingDraft[] = [];
    for (const status of live.ports) {
      if (status.entry.role !== 'cdp' && status.entry.role !== 'cdp-band') continue;
      // A band port is only this profile's business when this profile plans a browser there.
      if (status.entry.role === 'cdp-band' && live.ports.some((other) => other.entry.role === 'cdp' && other.port === status.port)) continue;
      for (const owner of status.owners) {
        if (owner.kind !== 'chromium' || owner.profile === profile.name) continue;
        const browserProfile = status.entry.label ?? 'openclaw';
        const ofOther = owner.profile !== null;
        findings.push({
          severity: 'warning',
          profile: profile.name,
          message: ofOther
            ? `Chrome pid ${owner.pid} on ${profile.name}'s CDP port ${status.port} belongs to profile ${owner.profile}: ${profile.name}'s browser would attach to ${owner.profile}'s tabs and logins`
            : `Chrome pid ${owner.pid} on ${profile.name}'s CDP port ${status.port} belongs to no OpenClaw profile (${owner.evidence})`,
          ...(status.entry.role === 'cdp' ? { path: `browser.profiles.${browserProfile}.cdpPort` } : {}),
          fixHint: ofOther
            ? `Leave ${owner.profile}'s Chrome alone; give ${profile.name}'s "${browserProfile}" browser another port in its own CDP band.`
            : `Close that Chrome if nobody uses it, or give ${profile.name}'s "${browserProfile}" browser another port.`,
          fix: { commands: ofOther ? [configSet(profile, `browser.profiles.${browserProfile}.cdpPort`, status.entry.from === status.port ? status.port + 1 : status.entry.from)] : [`kill ${owner.pid}`] },
          evidence: { port: status.port, role: status.entry.role, pid: owner.pid, command: owner.command, ownerProfile: owner.profile, ownerEvidence: owner.evidence, ...(owner.profile ? { profiles: [owner.profile, profile.name] } : {}) },
        });
      }
    }
    return findings;
  },
});
