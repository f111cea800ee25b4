// `clawdoc status` and `clawdoc browser status`: the live state of each profile, as JSON and as text.
import type { ChalkInstance } from 'chalk';
import type { HostModel, LayoutVersion, Profile } from '../model.js';
import type { LiveModel, LiveProfile, PortOwner } from '../host/live.js';
import { probeKey } from '../host/attribute.js';
import { probeHostFor } from '../probe/targets.js';
import { localCdpPort } from '../ports/plan.js';
import { redact } from '../redact.js';
import { openclawFor } from '../fixes/commands.js';
import { SCHEMA_VERSION } from './style.js';
import { CANVAS_PATH } from '../probe/gateway.js';

export function ownerJson(owner: PortOwner | null): object | null {
  if (!owner) return null;
  return { pid: owner.pid, process: owner.process, command: owner.command, kind: owner.kind, profile: owner.profile, evidence: owner.evidence, addresses: owner.addresses };
}

function primaryLock(live: LiveProfile): LiveProfile['locks'][number] | null {
  return live.locks.find((lock) => lock.state === 'live') ?? live.locks.find((lock) => lock.kind === 'state') ?? live.locks[0] ?? null;
}

interface CanvasState {
  /** `gateway-path` on 2026.9 (a path on the gateway port), `port` on the older layout's canvas host. */
  where: 'gateway-path' | 'port';
  port: number;
  path: string | null;
  state: 'served' | 'not-served' | 'unknown';
  answer: string | null;
}

function canvasState(profile: Profile, live: LiveModel, layout: LayoutVersion): CanvasState | null {
  const state = live.profiles[profile.name]!;
  if (layout === '2026.9') {
    const canvas = state.gateway.probe?.canvas ?? null;
    const answer = canvas ? `${canvas.outcome}${canvas.status !== null ? ` ${canvas.status}` : ''}` : null;
    // 401 is the answer without a token: the canvas is there, behind the gateway's auth.
    const served = canvas?.status === 401 || canvas?.status === 200;
    return { where: 'gateway-path', port: state.gateway.port, path: CANVAS_PATH, state: canvas === null ? 'unknown' : served ? 'served' : 'not-served', answer };
  }
  const entry = state.ports.find((status) => status.entry.role === 'canvas');
  if (!entry) return null;
  const host = probeHostFor(live.snapshot, entry.port);
  const probe = host ? live.probes.control[probeKey(host, entry.port)] : undefined;
  const answer = probe ? `${probe.root.outcome}${probe.root.status !== null ? ` ${probe.root.status}` : ''}` : null;
  return { where: 'port', port: entry.port, path: null, state: entry.owners.length === 0 ? 'not-served' : probe?.root.status ? 'served' : 'unknown', answer };
}

function gatewayJson(profile: Profile, live: LiveProfile, canvas: CanvasState | null): object {
  const gateway = live.gateway;
  const lock = primaryLock(live);
  return {
    name: profile.name,
    gateway: {
      state: gateway.state,
      pid: gateway.pid,
      port: gateway.port,
      portSource: gateway.portSource,
      configuredPort: gateway.configuredPort,
      configuredPortSource: gateway.configuredPortSource,
      health: gateway.health,
      version: gateway.version,
      owner: ownerJson(gateway.owner),
      detail: gateway.detail,
    },
    lock: lock ? { state: lock.state, pid: lock.pid, port: lock.port, file: lock.file, reason: lock.reason } : { state: 'none', pid: null, port: null },
    cliPortDiffers: gateway.configuredPort !== gateway.port,
    canvas,
  };
}

export function statusJson(model: HostModel, live: LiveModel, profiles: readonly Profile[]): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    layout: model.layout.version,
    snapshot: { ok: live.snapshot.ok, method: live.snapshot.method, error: live.snapshot.error },
    deadlineHit: live.probes.deadlineHit,
    profiles: profiles.map((profile) => gatewayJson(profile, live.profiles[profile.name]!, canvasState(profile, live, model.layout.version))),
  };
}

function stateColour(chalk: ChalkInstance, state: string): string {
  if (state === 'running' || state === 'up' || state === 'listening' || state === 'in-gateway') return chalk.green(state);
  if (state === 'stopped' || state === 'down') return chalk.dim(state);
  return chalk.red(state);
}

function whoOwns(owner: PortOwner): string {
  if (owner.kind === 'gateway-of-profile') return owner.profile ? `gateway of ${owner.profile} (pid ${owner.pid})` : `an OpenClaw gateway of no known profile (pid ${owner.pid})`;
  if (owner.kind === 'chromium') return `Chrome pid ${owner.pid}${owner.profile ? ` of ${owner.profile}` : ''}`;
  if (owner.kind === 'unknown') return owner.evidence;
  return `${owner.process ?? 'process'} pid ${owner.pid}`;
}

export function statusText(model: HostModel, live: LiveModel, profiles: readonly Profile[], chalk: ChalkInstance): string {
  const lines: string[] = [];
  const width = Math.max(8, ...profiles.map((profile) => profile.name.length + 2));
  for (const profile of profiles) {
    const state = live.profiles[profile.name]!;
    const gateway = state.gateway;
    const lock = primaryLock(state);
    const parts = [stateColour(chalk, gateway.state), `port ${gateway.port} (${gateway.portSource === 'lock' ? 'from its lock' : profile.gatewayPort.source})`];
    if (gateway.pid !== null) parts.push(`pid ${gateway.pid}`);
    if (gateway.health) parts.push(gateway.health.ok ? `healthz ${gateway.health.status}` : chalk.red(`healthz ${gateway.health.status}`));
    if (gateway.version) parts.push(`v${gateway.version}`);
    parts.push(lock ? `lock ${lock.state}` : 'no lock');
    lines.push(`${profile.name.padEnd(width)}${parts.join(' · ')}`);
    const canvas = canvasState(profile, live, model.layout.version);
    if (canvas && canvas.state !== 'unknown') {
      const where = canvas.where === 'gateway-path' ? `${canvas.path} on ${canvas.port}` : `port ${canvas.port}`;
      lines.push(`${' '.repeat(width)}${chalk.dim(`canvas ${canvas.state} at ${where}${canvas.answer ? ` (${canvas.answer})` : ''}`)}`);
    }
    if (gateway.state === 'foreign' && gateway.owner) lines.push(`${' '.repeat(width)}${chalk.red(`port ${gateway.port} is held by ${whoOwns(gateway.owner)}`)}`);
    if (gateway.configuredPort !== gateway.port) {
      lines.push(
        `${' '.repeat(width)}${chalk.yellow(`⚠ \`${openclawFor(profile)} status\` would use port ${gateway.configuredPort} (${gateway.configuredPortSource}), not ${gateway.port}`)}`,
      );
    }
  }
  if (!live.snapshot.ok) lines.push('', chalk.yellow(`⚠ listening sockets could not be read (${live.snapshot.error}); states may be incomplete`));
  if (live.probes.deadlineHit) lines.push('', chalk.yellow('⚠ some probes hit the deadline (--timeout); their results are partial'));
  lines.push(chalk.dim(`layout ${model.layout.version}: ${model.layout.reason}`));
  return lines.join('\n');
}

interface ControlState {
  port: number;
  state: 'listening' | 'in-gateway' | 'down' | 'foreign';
  owner: PortOwner | null;
  answer: string | null;
}

function controlState(profile: Profile, live: LiveModel, layout: LayoutVersion): ControlState {
  const state = live.profiles[profile.name]!;
  const entry = state.ports.find((status) => status.entry.role === 'browser-control');
  const port = entry?.port ?? profile.gatewayPort.port + 2;
  const owner = entry?.owners[0] ?? null;
  const host = probeHostFor(live.snapshot, port);
  const probe = host ? live.probes.control[probeKey(host, port)] : undefined;
  const answer = probe ? `${probe.root.outcome}${probe.root.status !== null ? ` ${probe.root.status}` : ''}` : null;
  if (owner) {
    const own = owner.profile === profile.name && owner.kind === 'gateway-of-profile';
    return { port, state: own ? 'listening' : 'foreign', owner, answer };
  }
  const gatewayUp = state.gateway.state === 'running' || state.gateway.state === 'unhealthy';
  // In 2026.9 browser control runs inside the gateway unless OPENCLAW_EAGER_BROWSER_CONTROL_SERVER=1.
  return { port, state: gatewayUp && layout === '2026.9' ? 'in-gateway' : 'down', owner: null, answer };
}

interface BrowserProfileState {
  name: string;
  cdpPort: number | null;
  cdpUrl: string | null;
  driver: string | null;
  state: 'up' | 'down' | 'foreign' | 'remote' | 'extension';
  owner: PortOwner | null;
  browser: string | null;
  protocolVersion: string | null;
  tabs: number | null;
}

function browserProfileStates(profile: Profile, live: LiveModel): BrowserProfileState[] {
  const state = live.profiles[profile.name]!;
  return profile.browserProfiles.map((browser) => {
    const url = browser.cdpUrl ?? (browser.name === 'openclaw' ? profile.browserCdpUrl : null);
    const base = { name: browser.name, cdpUrl: url ? redact(url) : null, driver: browser.driver };
    if (browser.driver === 'extension') {
      const relay = state.ports.find((status) => status.entry.role === 'extension-relay' && status.entry.label === browser.name);
      return { ...base, cdpPort: relay?.port ?? null, state: 'extension', owner: relay?.owners[0] ?? null, browser: null, protocolVersion: null, tabs: null };
    }
    const planned = state.ports.find((status) => status.entry.role === 'cdp' && status.entry.label === browser.name);
    const port = planned?.port ?? (url ? localCdpPort(url) : null);
    if (port === null) return { ...base, cdpPort: null, state: 'remote', owner: null, browser: null, protocolVersion: null, tabs: null };
    const owner = planned?.owners[0] ?? null;
    const host = probeHostFor(live.snapshot, port);
    const cdp = host ? live.probes.cdp[probeKey(host, port)] : undefined;
    const mine = owner !== null && owner.kind === 'chromium' && owner.profile === profile.name;
    const up = owner === null ? (cdp?.isCdp ? 'foreign' : 'down') : mine ? 'up' : 'foreign';
    return { ...base, cdpPort: port, state: up, owner, browser: cdp?.browser ?? null, protocolVersion: cdp?.protocolVersion ?? null, tabs: cdp?.tabs ?? null };
  });
}

export function browserStatusJson(model: HostModel, live: LiveModel, profiles: readonly Profile[]): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    profiles: profiles.map((profile) => {
      const control = controlState(profile, live, model.layout.version);
      return {
        name: profile.name,
        browserEnabled: profile.browserEnabled,
        gateway: { state: live.profiles[profile.name]!.gateway.state, port: live.profiles[profile.name]!.gateway.port },
        control: { port: control.port, state: control.state, owner: ownerJson(control.owner), answer: control.answer },
        browserProfiles: browserProfileStates(profile, live).map((browser) => ({ ...browser, owner: ownerJson(browser.owner) })),
      };
    }),
  };
}

export function browserStatusText(model: HostModel, live: LiveModel, profiles: readonly Profile[], chalk: ChalkInstance): string {
  const lines: string[] = [];
  for (const profile of profiles) {
    const gateway = live.profiles[profile.name]!.gateway;
    lines.push(`${chalk.bold(profile.name)} ${chalk.dim(`gateway ${gateway.state} on ${gateway.port}`)}`);
    if (!profile.browserEnabled) {
      lines.push(`  browser disabled (browser.enabled = false)`, '');
      continue;
    }
    const control = controlState(profile, live, model.layout.version);
    const controlOwner = control.owner ? ` · ${whoOwns(control.owner)}` : '';
    lines.push(`  control     ${String(control.port).padEnd(6)}${stateColour(chalk, control.state)}${controlOwner}${control.answer ? chalk.dim(` · answered ${control.answer}`) : ''}`);
    for (const browser of browserProfileStates(profile, live)) {
      const where = browser.cdpPort !== null ? String(browser.cdpPort) : browser.cdpUrl ?? '-';
      const details = [
        browser.owner ? whoOwns(browser.owner) : null,
        browser.browser,
        browser.tabs !== null ? `${browser.tabs} tab${browser.tabs === 1 ? '' : 's'}` : null,
        browser.state === 'remote' && browser.cdpUrl ? `remote ${browser.cdpUrl}` : null,
      ].filter(Boolean);
      lines.push(`  ${browser.name.padEnd(12)}${where.padEnd(6)}${stateColour(chalk, browser.state)}${details.length > 0 ? ` · ${details.join(' · ')}` : ''}`);
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
