// `clawdoc status` and `clawdoc browser status`: the live state of each profile, as JSON and as text.
import type { ChalkInstance } from 'chalk';
import type { HostModel, Profile } from '../model.js';
import type { CanvasState, GatewaySupervisor, LiveModel, LiveProfile, PortOwner } from '../attribute/live.js';
import { openclawFor } from '../fixes/commands.js';

function ownerJson(owner: PortOwner | null): object | null {
  if (!owner) return null;
  return {
    pid: owner.pid,
    process: owner.process,
    command: owner.command,
    kind: owner.kind,
    profile: owner.profile,
    evidence: owner.evidence,
    addresses: owner.addresses,
  };
}

function supervisorJson(supervisor: GatewaySupervisor | null): object | null {
  if (!supervisor) return null;
  return { by: supervisor.by, manager: supervisor.manager, name: supervisor.name, file: supervisor.file, evidence: supervisor.evidence };
}

function primaryLock(live: LiveProfile): LiveProfile['locks'][number] | null {
  return live.locks.find((lock) => lock.state === 'live') ?? live.locks.find((lock) => lock.kind === 'state') ?? live.locks[0] ?? null;
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
      supervisor: supervisorJson(gateway.supervisor),
    },
    lock: lock ? { state: lock.state, pid: lock.pid, port: lock.port, file: lock.file, reason: lock.reason } : { state: 'none', pid: null, port: null },
    cliPortDiffers: gateway.configuredPort !== gateway.port,
    canvas,
  };
}

export function statusJson(model: HostModel, live: LiveModel, profiles: readonly Profile[]): object {
  return {
    layout: model.layout.version,
    snapshot: { ok: live.snapshot.ok, method: live.snapshot.method, error: live.snapshot.error },
    deadlineHit: live.probes.deadlineHit,
    profiles: profiles.map((profile) => gatewayJson(profile, live.profiles[profile.name]!, live.profiles[profile.name]!.canvas)),
  };
}

function stateColour(chalk: ChalkInstance, state: string): string {
  if (state === 'running' || state === 'up' || state === 'listening' || state === 'in-gateway') return chalk.green(state);
  if (state === 'stopped' || state === 'down') return chalk.dim(state);
  return chalk.red(state);
}

function whoOwns(owner: PortOwner): string {
  if (owner.kind === 'gateway-of-profile')
    return owner.profile ? `gateway of ${owner.profile} (pid ${owner.pid})` : `an OpenClaw gateway of no known profile (pid ${owner.pid})`;
  if (owner.kind === 'chromium') return `Chrome pid ${owner.pid}${owner.profile ? ` of ${owner.profile}` : ''}`;
  if (owner.kind === 'unknown') return owner.evidence;
  return `${owner.process ?? 'process'} pid ${owner.pid}`;
}

/** `service openclaw-gateway-rescue.service`, `started by hand`, ...; nothing when it could not be told. */
function supervisorText(supervisor: GatewaySupervisor | null): string | null {
  if (!supervisor) return null;
  if (supervisor.by === 'service') return `service ${supervisor.name}`;
  if (supervisor.by === 'hand') return 'started by hand';
  if (supervisor.by === 'other') return `supervised by ${supervisor.name ?? supervisor.manager ?? 'another supervisor'}`;
  return null;
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
    const startedBy = supervisorText(gateway.supervisor);
    if (startedBy) parts.push(startedBy);
    if (gateway.health) parts.push(gateway.health.ok ? `healthz ${gateway.health.status}` : chalk.red(`healthz ${gateway.health.status}`));
    if (gateway.version) parts.push(`v${gateway.version}`);
    parts.push(lock ? `lock ${lock.state}` : 'no lock');
    lines.push(`${profile.name.padEnd(width)}${parts.join(' · ')}`);
    const canvas = state.canvas;
    if (canvas && canvas.state !== 'unknown') {
      const where = canvas.where === 'gateway-path' ? `${canvas.path} on ${canvas.port}` : `port ${canvas.port}`;
      lines.push(`${' '.repeat(width)}${chalk.dim(`canvas ${canvas.state} at ${where}${canvas.answer ? ` (${canvas.answer})` : ''}`)}`);
    }
    if (gateway.state === 'foreign' && gateway.owner)
      lines.push(`${' '.repeat(width)}${chalk.red(`port ${gateway.port} is held by ${whoOwns(gateway.owner)}`)}`);
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

export function browserStatusJson(model: HostModel, live: LiveModel, profiles: readonly Profile[]): object {
  return {
    profiles: profiles.map((profile) => {
      const state = live.profiles[profile.name]!;
      const control = state.control;
      return {
        name: profile.name,
        browserEnabled: profile.browserEnabled,
        gateway: { state: state.gateway.state, port: state.gateway.port },
        control: { port: control.port, state: control.state, owner: ownerJson(control.owner), answer: control.answer },
        browserProfiles: state.browserProfiles.map((browser) => ({ ...browser, owner: ownerJson(browser.owner) })),
      };
    }),
  };
}

export function browserStatusText(model: HostModel, live: LiveModel, profiles: readonly Profile[], chalk: ChalkInstance): string {
  const lines: string[] = [];
  for (const profile of profiles) {
    const state = live.profiles[profile.name]!;
    const gateway = state.gateway;
    lines.push(`${chalk.bold(profile.name)} ${chalk.dim(`gateway ${gateway.state} on ${gateway.port}`)}`);
    if (!profile.browserEnabled) {
      lines.push(`  browser disabled (browser.enabled = false)`, '');
      continue;
    }
    const control = state.control;
    const controlOwner = control.owner ? ` · ${whoOwns(control.owner)}` : '';
    lines.push(
      `  control     ${String(control.port).padEnd(6)}${stateColour(chalk, control.state)}${controlOwner}${control.answer ? chalk.dim(` · answered ${control.answer}`) : ''}`,
    );
    for (const browser of state.browserProfiles) {
      const where = browser.cdpPort !== null ? String(browser.cdpPort) : (browser.cdpUrl ?? '-');
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
