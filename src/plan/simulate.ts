// The plan applied to an in-memory copy of the host: configs edited, plans re-resolved, moved gateways' listeners moved.
import path from 'node:path';
import type { CheckContext } from '../doctor/api.js';
import type { BrowserProfileConfig, HostModel, Profile, WorkspaceEntry } from '../model.js';
import type { HostSnapshot, Listener } from '../host/types.js';
import type { GatewayProbe, ProbeResults } from '../probe/types.js';
import { buildPortPlan, instanceReach, localPortOf } from '../ports/plan.js';
import { findOverlaps } from '../ports/overlaps.js';
import { buildLiveModel } from '../attribute/attribute.js';
import { probeKey } from '../probe/targets.js';
import { finalBase, keptService, OAUTH_DIR_VAR, type Decision, type Edit } from './decide.js';

function changedBrowsers(edit: Edit): BrowserProfileConfig[] {
  return edit.profile.browserProfiles.map((browser) => {
    const cdpPort = edit.cdpPorts.get(browser.name);
    const url = edit.cdpUrls.get(`browser.profiles.${browser.name}.cdpUrl`);
    return { ...browser, ...(cdpPort !== undefined ? { cdpPort } : {}), ...(url !== undefined ? { cdpUrl: url } : {}) };
  });
}

function changedWorkspaces(profile: Profile, workspace: string): WorkspaceEntry[] {
  return profile.workspaces.map((entry) => {
    if (entry.agent === 'default') return { ...entry, path: workspace, source: 'agents.defaults.workspace' };
    if (entry.source === 'agents.defaults.workspace/<id>') return { ...entry, path: path.join(workspace, entry.agent) };
    return entry;
  });
}

/** The profile as OpenClaw would resolve it after the plan's config edits. */
function editedProfile(context: CheckContext, edit: Edit, unsetEnv: readonly string[], layout: HostModel['layout']['version']): Profile {
  const profile = edit.profile;
  const moved = edit.base !== null;
  const pinned = moved || edit.pin !== null;
  const base = finalBase(edit);
  const portChoice = pinned ? { port: base, source: 'config' as const, detail: `gateway.port in ${profile.configPath}` } : profile.gatewayPort;
  const cliPort = pinned || (profile.cliPort.source === 'env' && unsetEnv.includes('OPENCLAW_GATEWAY_PORT')) ? portChoice : profile.cliPort;
  const browserProfiles = changedBrowsers(edit);
  const browserCdpUrl = edit.cdpUrls.get('browser.cdpUrl') ?? profile.browserCdpUrl;
  const webhooks = profile.webhooks.map((hook) => {
    const port = edit.webhooks.get(hook.portKey);
    return port === undefined ? hook : { ...hook, port, source: hook.portKey };
  });
  const workspace = edit.paths.get('agents.defaults.workspace');
  const sandbox = profile.plan.find((entry) => entry.role === 'sandbox' && !entry.derived);
  const canvas = profile.plan.find((entry) => entry.role === 'canvas');
  const replan = pinned || edit.cdpPorts.size > 0 || edit.cdpUrls.size > 0 || edit.webhooks.size > 0;
  const plan = !replan
    ? profile.plan
    : buildPortPlan(
        {
          gatewayPort: base,
          gatewayPortSource: pinned ? 'gateway.port' : (profile.plan.find((entry) => entry.role === 'gateway')?.source ?? 'gateway.port'),
          gatewayBind: profile.gatewayBind,
          sandboxPort: sandbox ? sandbox.from : null,
          browserEnabled: profile.browserEnabled,
          browserCdpUrl,
          browserProfiles,
          canvasEnabled: canvas !== undefined,
          canvasPort: canvas && !canvas.derived ? canvas.from : null,
          webhooks,
        },
        layout,
      );
  // Extras are disabled (file kept); only the kept service is rewritten, by `gateway install --force` or by the operator's manual step.
  const kept = keptService(context, edit);
  const services = profile.services.map((service) => {
    if (edit.disable.includes(service)) return { ...service, enabled: false };
    if (service !== kept) return service;
    const env = { ...service.env };
    if (moved && env.OPENCLAW_GATEWAY_PORT) env.OPENCLAW_GATEWAY_PORT = String(base);
    if (edit.oauth) delete env[OAUTH_DIR_VAR];
    return { ...service, portArg: moved && service.portArg !== null ? base : service.portArg, env };
  });
  const locks = moved && edit.running ? profile.locks.map((lock) => (lock.port === edit.currentBase ? { ...lock, port: base } : lock)) : profile.locks;
  return {
    ...profile,
    gatewayPort: portChoice,
    cliPort,
    browserProfiles,
    browserCdpUrl,
    webhooks,
    services,
    locks,
    plan,
    // Checks that compare a service with the config read gateway.port from the loaded config itself.
    config: pinned && profile.config ? { ...profile.config, gateway: { ...(profile.config.gateway as object | undefined), port: base } } : profile.config,
    envProfileName: unsetEnv.includes('OPENCLAW_PROFILE') ? null : profile.envProfileName,
    ...(workspace !== undefined ? { workspace, workspaces: changedWorkspaces(profile, workspace) } : {}),
    ...(edit.paths.has('logging.file') ? { logFile: edit.paths.get('logging.file')! } : {}),
    ...(edit.paths.has('session.store') ? { sessionStore: edit.paths.get('session.store')! } : {}),
    ...(edit.oauth ? { oauthDir: null } : {}),
  };
}

/** Moves the listeners of a gateway that restarts on a new base (its own and its Chromes' band ports) and of moved CDP ports. */
function movedSnapshot(context: CheckContext, decision: Decision, reach: number): { snapshot: HostSnapshot; probes: ProbeResults } {
  const snapshot = context.live.snapshot;
  const moves = new Map<string, number>();
  const gatewayProbes: Record<string, GatewayProbe> = { ...context.live.probes.gateways };
  const listenerKey = (listener: Listener) => `${listener.pid ?? ''}:${listener.port}`;
  for (const edit of decision.edits) {
    const live = context.live.profiles[edit.profile.name];
    if (!live || !edit.running) continue;
    const ownPids = new Set<number>();
    if (live.gateway.pid !== null) ownPids.add(live.gateway.pid);
    for (const status of live.ports) for (const owner of status.owners) if (owner.profile === edit.profile.name && owner.pid !== null) ownPids.add(owner.pid);
    if (edit.base !== null) {
      const delta = edit.base - edit.currentBase;
      for (const listener of snapshot.listeners) {
        if (listener.pid === null || !ownPids.has(listener.pid)) continue;
        if (listener.port >= edit.currentBase && listener.port <= edit.currentBase + reach) moves.set(listenerKey(listener), listener.port + delta);
      }
      for (const [key, probe] of Object.entries(context.live.probes.gateways)) {
        if (probe.port !== edit.currentBase) continue;
        delete gatewayProbes[key];
        gatewayProbes[probeKey(probe.host, edit.base)] = { ...probe, port: edit.base };
      }
    }
    for (const [browser, port] of edit.cdpPorts) {
      const old = edit.profile.browserProfiles.find((candidate) => candidate.name === browser)?.cdpPort;
      for (const listener of snapshot.listeners)
        if (old !== undefined && old !== null && listener.port === old && listener.pid !== null && ownPids.has(listener.pid))
          moves.set(listenerKey(listener), port);
    }
    for (const [key, url] of edit.cdpUrls) {
      const oldUrl =
        key === 'browser.cdpUrl' ? edit.profile.browserCdpUrl : edit.profile.browserProfiles.find((b) => `browser.profiles.${b.name}.cdpUrl` === key)?.cdpUrl;
      const old = oldUrl ? localPortOf(oldUrl) : null;
      const port = localPortOf(url);
      for (const listener of snapshot.listeners)
        if (old !== null && port !== null && listener.port === old && listener.pid !== null && ownPids.has(listener.pid))
          moves.set(listenerKey(listener), port);
    }
  }
  const listeners = snapshot.listeners.map((listener) => {
    const port = moves.get(listenerKey(listener));
    return port === undefined ? listener : { ...listener, port };
  });
  return { snapshot: { ...snapshot, listeners }, probes: { ...context.live.probes, gateways: gatewayProbes } };
}

/** The context the checks would see after the plan ran: every profile in focus, so nothing is hidden from the proof. */
export function simulate(context: CheckContext, decision: Decision): CheckContext {
  const layout = context.model.layout.version;
  const profiles = decision.edits.map((edit) => editedProfile(context, edit, decision.unsetEnv, layout));
  const byName = new Map(profiles.map((profile) => [profile.name, profile]));
  const ordered = context.model.profiles.map((profile) => byName.get(profile.name)!);
  const env = Object.fromEntries(Object.entries(context.model.invocation.env).filter(([name]) => !decision.unsetEnv.includes(name)));
  const realPaths = { ...context.model.realPaths };
  for (const profile of ordered) {
    for (const file of [profile.sessionStore, profile.logFile, ...profile.workspaces.map((entry) => entry.path)]) {
      if (file !== null && !(file in realPaths)) realPaths[file] = file;
    }
  }
  const model: HostModel = {
    ...context.model,
    invocation: { ...context.model.invocation, env },
    profiles: ordered,
    realPaths,
    overlaps: findOverlaps(ordered),
  };
  const { snapshot, probes } = movedSnapshot(context, decision, instanceReach(layout));
  const live = buildLiveModel(model, snapshot, probes);
  return { model, profiles: ordered, focus: ordered, overlaps: live.overlaps, live };
}
