// A planned port of a profile is held by a process that is not that profile's gateway or browser.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { movePortFix } from '../../src/doctor/helpers.js';
import { bindsCanCollide, roleLabel } from '../../src/ports/overlaps.js';
import type { PortOwner } from '../../src/attribute/live.js';
import type { PortPlanEntry } from '../../src/model.js';

function whoIs(owner: PortOwner): string {
  if (owner.kind === 'unknown') return `an unidentified process (${owner.evidence})`;
  if (owner.kind === 'gateway-of-profile')
    return owner.profile ? `the gateway of profile ${owner.profile} (pid ${owner.pid})` : `an OpenClaw gateway of no profile found here (pid ${owner.pid})`;
  if (owner.kind === 'chromium') return `a Chrome (pid ${owner.pid})`;
  return `${owner.process ?? 'a process'} (pid ${owner.pid})`;
}

function stopHint(owner: PortOwner): string {
  if (owner.kind === 'unknown') return 'Run clawdoc as root to see who it is.';
  if (owner.kind === 'gateway-of-profile' && owner.profile) return `Leave ${owner.profile}'s gateway alone; move this profile instead.`;
  return `Or stop ${owner.process ?? 'that process'} (pid ${owner.pid}) if it does not belong there.`;
}

function isOwn(owner: PortOwner, profileName: string): boolean {
  return (owner.kind === 'gateway-of-profile' || owner.kind === 'chromium') && owner.profile === profileName;
}

/** CDP ports held by a Chrome are the business of browser/cdp-foreign; bands are reserved, not bound. */
function isInScope(entry: PortPlanEntry, owner: PortOwner): boolean {
  if (entry.role === 'cdp-band') return false;
  return !(entry.role === 'cdp' && owner.kind === 'chromium');
}

export default defineCheck({
  id: 'ports/foreign-listener',
  title: 'Every planned port is free or held by its own profile',
  scope: 'profile',
  looksAt: 'the owner (pid, process, lock, user-data-dir) of every listener on a planned port',
  run(context) {
    const { profile } = context;
    const live = context.own;
    const findings: FindingDraft[] = [];
    for (const status of live.ports) {
      for (const owner of status.owners) {
        if (isOwn(owner, profile.name) || !isInScope(status.entry, owner)) continue;
        if (!owner.addresses.some((address) => bindsCanCollide(status.entry.bind, address))) continue;
        const move = movePortFix(context, profile);
        const role = roleLabel(status.entry);
        findings.push({
          severity: 'error',
          profile: profile.name,
          profiles: owner.profile ? [owner.profile, profile.name] : [profile.name],
          message: `${profile.name}'s ${role} port ${status.port} is held by ${whoIs(owner)}`,
          ...(status.entry.role === 'gateway' ? { path: 'gateway.port' } : {}),
          fixHint: `${move ? `Move ${profile.name} to base port ${move.port}, clear of every listener.` : `Move ${profile.name} to a free base port.`} ${stopHint(owner)}`,
          ...(move ? { fix: move.fix } : {}),
          evidence: {
            port: status.port,
            role: status.entry.role,
            planSource: status.entry.source,
            owner: { pid: owner.pid, process: owner.process, command: owner.command, kind: owner.kind, profile: owner.profile, addresses: owner.addresses },
            ownerEvidence: owner.evidence,
            ...(move ? { suggestedPort: move.port } : {}),
          },
        });
      }
    }
    return findings;
  },
});
