// Two profiles pin the same CDP endpoint: both gateways would drive one Chrome.
import { defineCheck, type FindingDraft } from '../../src/checks/api.js';
import { profileToMove } from '../../src/checks/helpers.js';
import { configSet, configUnset } from '../../src/fixes/commands.js';
import { isLoopbackHost } from '../../src/ports/plan.js';
import { redact } from '../../src/redact.js';
import type { Profile } from '../../src/model.js';

interface Endpoint {
  key: string;
  browserProfile: string;
  /** Comparable form: loopback hosts are one host, default ports explicit, no credentials. */
  canonical: string;
  shown: string;
}

function canonicalUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    const host = isLoopbackHost(url.hostname) ? 'loopback' : url.hostname.toLowerCase();
    const secure = url.protocol === 'https:' || url.protocol === 'wss:';
    return `${host}:${url.port || (secure ? '443' : '80')}`;
  } catch {
    return null;
  }
}

function endpoints(profile: Profile): Endpoint[] {
  const found: Endpoint[] = [];
  if (profile.browserCdpUrl) {
    const canonical = canonicalUrl(profile.browserCdpUrl);
    if (canonical) found.push({ key: 'browser.cdpUrl', browserProfile: 'openclaw', canonical, shown: redact(profile.browserCdpUrl) });
  }
  for (const browser of profile.browserProfiles) {
    if (browser.cdpUrl) {
      const canonical = canonicalUrl(browser.cdpUrl);
      if (canonical) found.push({ key: `browser.profiles.${browser.name}.cdpUrl`, browserProfile: browser.name, canonical, shown: redact(browser.cdpUrl) });
    }
    if (browser.cdpPort !== null) {
      found.push({ key: `browser.profiles.${browser.name}.cdpPort`, browserProfile: browser.name, canonical: `loopback:${browser.cdpPort}`, shown: `port ${browser.cdpPort}` });
    }
  }
  return found;
}

/** The first port of the profile's own CDP band that no plan on the host uses. */
function freeBandPort(profile: Profile, all: readonly Profile[]): number | null {
  const band = profile.plan.find((entry) => entry.role === 'cdp-band');
  if (!band) return null;
  const used = new Set(all.flatMap((other) => other.plan.filter((entry) => entry.role !== 'cdp-band').flatMap((entry) => (entry.from === entry.to ? [entry.from] : []))));
  for (let port = band.from; port <= band.to; port += 1) if (!used.has(port)) return port;
  return null;
}

export default defineCheck({
  id: 'browser/shared-cdp-url',
  title: 'No two profiles pin the same CDP URL or port',
  scope: 'host',
  looksAt: 'browser.cdpUrl and browser.profiles.<name>.cdpUrl / cdpPort of every profile',
  run(context) {
    const findings: FindingDraft[] = [];
    const profiles = context.profiles;
    for (let i = 0; i < profiles.length; i += 1) {
      for (let j = i + 1; j < profiles.length; j += 1) {
        for (const first of endpoints(profiles[i]!)) {
          for (const second of endpoints(profiles[j]!)) {
            if (first.canonical !== second.canonical) continue;
            const moving = profileToMove(context, profiles[i]!, profiles[j]!);
            const staying = moving === profiles[i] ? profiles[j]! : profiles[i]!;
            const [mine, theirs] = moving === profiles[i] ? [first, second] : [second, first];
            const port = freeBandPort(moving, context.profiles);
            const commands = [
              ...(mine.key.endsWith('.cdpUrl') ? [configUnset(moving, mine.key)] : []),
              ...(port !== null ? [configSet(moving, `browser.profiles.${mine.browserProfile}.cdpPort`, port)] : []),
            ];
            findings.push({
              severity: 'error',
              profile: moving.name,
              message: `${moving.name}'s ${mine.key} (${mine.shown}) and ${staying.name}'s ${theirs.key} (${theirs.shown}) point at the same browser: both gateways would drive one Chrome`,
              path: mine.key,
              fixHint: port !== null ? `Let ${moving.name} use a Chrome of its own on port ${port}, in its own CDP band.` : `Point ${moving.name}'s ${mine.key} at a Chrome of its own.`,
              fix: { commands: commands.length > 0 ? commands : [configUnset(moving, mine.key)] },
              evidence: { profiles: [staying.name, moving.name], endpoint: mine.canonical.replace('loopback', '127.0.0.1'), keys: { [moving.name]: mine.key, [staying.name]: theirs.key }, ...(port !== null ? { suggestedPort: port } : {}) },
            });
          }
        }
      }
    }
    return findings;
  },
});
