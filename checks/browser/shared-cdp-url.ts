// Two profiles pin the same CDP endpoint: both gateways would drive one Chrome.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { listeningPorts, pairsSharingKey, profileToMove } from '../../src/doctor/helpers.js';
import { configUnsetAt, freeCdpBandPort, moveBrowserCdpPort, safeCommands } from '../../src/fixes/commands.js';
import { isLoopbackHost } from '../../src/ports/plan.js';
import { redact } from '../../src/redact.js';
import type { Profile } from '../../src/model.js';

interface Endpoint {
  key: string;
  browserProfile: string;
  /** Comparable form, `host:port`: loopback hosts are one host, default ports explicit, no credentials, path or query. */
  canonical: string;
  /** What the config says, credentials redacted. */
  shown: string;
  /** The port this browser profile holds now when it is on this host, so a new port is not "taken" by it. */
  localPort: number | null;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'ws:': '80', 'https:': '443', 'wss:': '443' };

function canonicalUrl(raw: string): { canonical: string; localPort: number | null } | null {
  try {
    const url = new URL(raw);
    const loopback = isLoopbackHost(url.hostname);
    const port = url.port || DEFAULT_PORTS[url.protocol];
    if (!port) return null;
    return { canonical: `${loopback ? '127.0.0.1' : url.hostname.toLowerCase()}:${port}`, localPort: loopback ? Number(port) : null };
  } catch {
    return null;
  }
}

/** Every CDP endpoint a profile pins. Extension-driver profiles talk to a relay, not to a CDP port, and a disabled browser drives nothing. */
function endpoints(profile: Profile): Endpoint[] {
  if (!profile.browserEnabled) return [];
  const found: Endpoint[] = [];
  const url = (key: string, browserProfile: string, raw: string) => {
    const parsed = canonicalUrl(raw);
    if (parsed) found.push({ key, browserProfile, ...parsed, shown: redact(raw) });
  };
  if (profile.browserCdpUrl) url('browser.cdpUrl', 'openclaw', profile.browserCdpUrl);
  for (const browser of profile.browserProfiles) {
    if (browser.driver === 'extension') continue;
    if (browser.cdpUrl) url(`browser.profiles.${browser.name}.cdpUrl`, browser.name, browser.cdpUrl);
    if (browser.cdpPort !== null) {
      found.push({
        key: `browser.profiles.${browser.name}.cdpPort`,
        browserProfile: browser.name,
        canonical: `127.0.0.1:${browser.cdpPort}`,
        shown: `port ${browser.cdpPort}`,
        localPort: browser.cdpPort,
      });
    }
  }
  return found;
}

export default defineCheck({
  id: 'browser/shared-cdp-url',
  title: 'No two profiles pin the same CDP URL or port',
  scope: 'host',
  looksAt: 'browser.cdpUrl and browser.profiles.<name>.cdpUrl / cdpPort of every profile with the browser enabled',
  run(context) {
    const findings: FindingDraft[] = [];
    const listening = listeningPorts(context);
    const pinned = context.profiles.map(endpoints);
    // Only pairs that pin one endpoint in common are compared: linear in profiles on a host of thousands.
    for (const [i, j] of pairsSharingKey(pinned, (list) => list.map((endpoint) => endpoint.canonical))) {
      const [a, b] = [context.profiles[i]!, context.profiles[j]!];
      for (const first of pinned[i]!) {
        for (const second of pinned[j]!) {
          if (first.canonical !== second.canonical) continue;
          const { moving, staying } = profileToMove(context, a, b);
          const [mine, theirs] = moving === a ? [first, second] : [second, first];
          const port = freeCdpBandPort(moving, context.profiles, listening, mine.localPort);
          const unset = mine.key.endsWith('cdpUrl') ? [mine.key] : [];
          // Without a free band port, dropping a pinned URL still lets OpenClaw start a managed Chrome of its own.
          let commands: string[] = [];
          if (port !== null) commands = safeCommands(() => moveBrowserCdpPort(moving, mine.browserProfile, port, unset, context.model.invocation));
          else if (unset.length > 0) commands = safeCommands(() => [configUnsetAt(moving, mine.key, context.model.invocation)]);
          findings.push({
            severity: 'error',
            profile: moving.name,
            message: `${moving.name}'s ${mine.key} (${mine.shown}) and ${staying.name}'s ${theirs.key} (${theirs.shown}) point at the same browser, so both gateways would drive one Chrome`,
            path: mine.key,
            fixHint:
              port !== null
                ? `Give ${moving.name}'s "${mine.browserProfile}" browser a managed Chrome of its own on port ${port}, the first free port of ${moving.name}'s own CDP band${unset.length > 0 ? `, instead of the pinned ${mine.key}` : ''}.`
                : `Point ${moving.name}'s ${mine.key} at a browser of its own in ${moving.name}'s config ${moving.configPath}.`,
            ...(commands.length > 0 ? { fix: { commands } } : {}),
            profiles: [staying.name, moving.name],
            evidence: {
              endpoint: mine.canonical,
              keys: { [staying.name]: theirs.key, [moving.name]: mine.key },
              values: { [staying.name]: theirs.shown, [moving.name]: mine.shown },
              ...(port !== null ? { suggestedPort: port } : {}),
            },
          });
        }
      }
    }
    return findings;
  },
});
