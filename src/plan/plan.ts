// Builds the host-wide repair plan, proves it on a simulated host, and says what stays manual and why.
import type { Check, CheckContext, Finding } from '../doctor/api.js';
import { runChecks } from '../doctor/run.js';
import type { Profile, ServiceDefinition } from '../model.js';
import { fingerprintOf, involvedProfiles } from '../report/formats/fingerprint.js';
import { renderCommand, UnsafeCommandValue, type CommandLine } from '../fixes/command-line.js';
import { configSetArgs, gatewayInstallArgs, killLine, openclawEnvLine, openclawLine, serviceLine, unsetLine } from '../fixes/command-lines.js';
import { decide, finalBase, keptService, OAUTH_DIR_VAR, rewriteBlocker, type Decision, type Edit } from './decide.js';
import { simulate } from './simulate.js';
import { servicePortOf } from '../doctor/supervisors.js';
import type { FixPlan, PlanStep, ProfileChange, Remainder } from './types.js';

export type { FixPlan, PlanStep } from './types.js';

const SERIOUS = new Set(['error', 'warning']);

/** The same problem across the simulation: a check about the same profiles (evidence such as ports may change). */
function problemKey(finding: Finding): string {
  return `${finding.checkId}|${finding.profile ?? ''}|${involvedProfiles(finding).join(',')}`;
}

function commandFor(profile: Profile, args: readonly string[]): CommandLine {
  // A second identity (a shell's or a service's) lives in other files than `--profile` reaches.
  return profile.origin.kind === 'own' ? openclawLine(profile, args) : openclawEnvLine(profile.stateDir, profile.configPath, args);
}

function configEdits(edit: Edit): Array<[string, string | number]> {
  const edits: Array<[string, string | number]> = [];
  // A misplaced gateway sent back to the port its config already names needs only its stop and start.
  const configured = edit.profile.gatewayPort.source === 'config' && edit.base === edit.profile.gatewayPort.port;
  if (edit.base !== null && !configured) edits.push(['gateway.port', edit.base]);
  else if (edit.base === null && edit.pin !== null) edits.push(['gateway.port', edit.pin]);
  for (const [browser, port] of [...edit.cdpPorts].sort()) edits.push([`browser.profiles.${browser}.cdpPort`, port]);
  for (const [key, url] of [...edit.cdpUrls].sort()) edits.push([key, url]);
  for (const [key, port] of [...edit.webhooks].sort()) edits.push([key, port]);
  for (const [key, file] of [...edit.paths].sort()) edits.push([key, file]);
  return edits;
}

// Keys OpenClaw 2026.9.6 applies without a restart ("No gateway restart needed", OPENCLAW.md section 10). An explicit
// cdpPort too: measured, the gateway logs "config hot reload applied (browser.profiles.work.cdpPort)", keeps its pid and
// reports the new port, although `config set` prints "Restart the gateway to apply".
const LIVE_KEYS = /^(agents\.defaults\.workspace|logging\.file|channels\..*\.botToken|browser\.profiles\.[^.]+\.(cdpPort|cdpUrl)|browser\.cdpUrl)$/;

function needsRestart(edit: Edit): boolean {
  if (!edit.running) return false;
  // OpenClaw reads OPENCLAW_OAUTH_DIR when the process starts.
  if (edit.base !== null || edit.oauth !== null) return true;
  return configEdits(edit).some(([key]) => key !== 'gateway.port' && !LIVE_KEYS.test(key));
}

interface Draft extends Omit<PlanStep, 'id' | 'commands' | 'resolves'> {
  lines: CommandLine[];
}

function environmentStep(unsetEnv: readonly string[]): Draft {
  const selectors = unsetEnv.filter((name) => name !== OAUTH_DIR_VAR);
  const why = [
    selectors.length > 0
      ? `This shell exports ${selectors.join(', ')}: inherited selectors beat --profile, so every later command would act on the wrong profile.`
      : null,
    unsetEnv.includes(OAUTH_DIR_VAR)
      ? `It exports ${OAUTH_DIR_VAR}: every profile's CLI run from it, and any gateway started from it, would share that one OAuth dir.`
      : null,
  ].filter((part): part is string => part !== null);
  return {
    kind: 'environment',
    profile: null,
    why: why.join(' '),
    lines: [unsetLine(unsetEnv)],
    touchesRunningGateway: false,
    undoable: false,
    requires: 'operator-shell',
    files: [],
  };
}

/** `, then systemctl daemon-reload` when the operator edits a systemd unit or its environment file. */
function reloadHint(service: ServiceDefinition | null, files: readonly string[]): string {
  if (service?.manager !== 'systemd' || !files.includes(service.file)) return '';
  return `, then \`systemctl ${service.scope === 'system' ? '' : '--user '}daemon-reload\``;
}

/** What the operator changes in a service file that `gateway install --force` must not rewrite. */
function manualServiceEdit(edit: Edit, service: ServiceDefinition, reason: string): Draft {
  const changes = [
    edit.base !== null && service.portArg !== null ? `change --port ${service.portArg} to --port ${edit.base} in its command` : null,
    edit.base !== null && service.env.OPENCLAW_GATEWAY_PORT ? `set OPENCLAW_GATEWAY_PORT=${edit.base}` : null,
    edit.oauth?.via === 'service' ? `remove the ${OAUTH_DIR_VAR} line` : null,
  ].filter((part): part is string => part !== null);
  return {
    kind: 'manual',
    profile: edit.profile.name,
    why: `${reason}. By hand, in ${[service.file, ...(service.envFiles ?? [])].join(' and ')}: ${changes.join('; ')}${reloadHint(service, [service.file])}.`,
    lines: [],
    touchesRunningGateway: false,
    undoable: false,
    requires: 'manual-edit',
    files: [],
  };
}

function drafts(decision: Decision, context: CheckContext): Draft[] {
  const host = context.model.invocation;
  const environment: Draft[] = [];
  const supervisor: Draft[] = [];
  const config: Draft[] = [];
  const service: Draft[] = [];
  const restart: Draft[] = [];
  if (decision.unsetEnv.length > 0) environment.push(environmentStep(decision.unsetEnv));
  for (const edit of decision.edits) {
    const profile = edit.profile;
    const kept = keptService(context, edit);
    if (edit.disable.length > 0) {
      const keeper = kept ? `${kept.name} stays` : `its gateway process (pid ${context.live.profiles[profile.name]?.gateway.pid ?? '?'}) stays`;
      supervisor.push({
        kind: 'supervisor',
        profile: profile.name,
        why: `More than one supervisor starts ${profile.name}'s gateway; ${keeper}. Disable ${edit.disable.map((unit) => unit.name).join(', ')}: stopped and no longer started, ${edit.disable.length === 1 ? 'its file' : 'their files'} kept for you to remove.`,
        lines: edit.disable.map((unit) => serviceLine('disable', unit, host)),
        // An extra may be the supervisor whose process holds the lock: stopping it stops the gateway until the kept one starts it.
        touchesRunningGateway: edit.running,
        undoable: false,
        files: [],
      });
    }
    const edits = configEdits(edit);
    if (edits.length > 0) {
      const what = [
        edit.base !== null
          ? `move ${profile.name} from ${edit.currentBase} to base ${edit.base}: ${edit.base}..${edit.base + 110} meets no other profile, listener or foreign gateway`
          : null,
        edit.base === null && edit.pin !== null
          ? `pin gateway.port ${edit.pin} where ${profile.name}'s gateway ${edit.running ? 'runs' : 'starts'} today`
          : null,
        edit.cdpPorts.size + edit.cdpUrls.size > 0 ? 'give its explicit CDP ports a port of its own band' : null,
        edit.webhooks.size > 0 ? 'give its webhooks a port of their own' : null,
        edit.paths.size > 0 ? `give it its own ${[...edit.paths.keys()].join(', ')} under its state dir` : null,
      ].filter((part): part is string => part !== null);
      config.push({
        kind: 'config',
        profile: profile.name,
        why: `${what.join('; ').replace(/^./, (first) => first.toUpperCase())}.`,
        lines: edits.map(([key, value]) => commandFor(profile, configSetArgs(key, value))),
        touchesRunningGateway: edit.running && !needsRestart(edit) && edits.some(([key]) => LIVE_KEYS.test(key)),
        undoable: true,
        files: [profile.configPath],
      });
    }
    const portInService =
      edit.base !== null && kept !== null && (kept.portArg !== null || Boolean(kept.env.OPENCLAW_GATEWAY_PORT)) && servicePortOf(kept) !== edit.base;
    const oauthInService = edit.oauth?.via === 'service';
    if (kept !== null && (portInService || oauthInService)) {
      const blocker = rewriteBlocker(profile, kept);
      const reasons = [
        portInService ? `${kept.name} starts ${profile.name} with --port ${edit.currentBase}; rewrite it for ${edit.base}` : null,
        oauthInService
          ? `${kept.name} sets ${OAUTH_DIR_VAR}=${edit.oauth!.from}, shared with another profile; the rewrite drops it, so ${profile.name} keeps OAuth state in ${edit.oauth!.to}`
          : null,
      ].filter((part): part is string => part !== null);
      service.push(
        blocker !== null
          ? manualServiceEdit(edit, kept, blocker)
          : {
              kind: 'service',
              profile: profile.name,
              why: `${reasons.join('; ')}.`,
              lines: [commandFor(profile, gatewayInstallArgs(finalBase(edit)))],
              touchesRunningGateway: false,
              undoable: true,
              files: [kept.file, ...(kept.envFiles ?? [])],
            },
      );
    }
    if (edit.oauth?.via === 'manual') {
      service.push({
        kind: 'manual',
        profile: profile.name,
        why: `${profile.name} shares ${OAUTH_DIR_VAR}=${edit.oauth.from} with another profile; ${edit.oauth.reason}. By hand: remove the ${OAUTH_DIR_VAR} line from ${edit.oauth.files.join(' and ') || 'what sets it'}${reloadHint(kept, edit.oauth.files)}, so ${profile.name} keeps OAuth state in ${edit.oauth.to}. Nothing is copied over: log its OAuth channels in again.`,
        lines: [],
        touchesRunningGateway: false,
        undoable: false,
        requires: 'manual-edit',
        files: [],
      });
    }
    if (!needsRestart(edit)) continue;
    const live = context.live.profiles[profile.name]!;
    const moving = edit.base !== null;
    if (kept !== null) {
      // Through the kept supervisor only: restarting every unit of the profile would start the extras again.
      restart.push({
        kind: 'restart',
        profile: profile.name,
        // A restart through the manager is a stop and a start: an in-process `gateway restart` keeps the old port (OPENCLAW.md section 10).
        why: moving
          ? `Restart ${profile.name} through ${kept.name} so the new process binds ${edit.base}.`
          : `Restart ${profile.name} through ${kept.name} so it reads its new settings.`,
        lines: [serviceLine('restart', kept, host)],
        touchesRunningGateway: true,
        undoable: false,
        files: [],
      });
    } else if ((moving || edit.oauth !== null) && live.gateway.pid !== null) {
      // Its start flags are invisible (the gateway replaces its argv, OPENCLAW.md section 4); what it bound is not:
      // a gateway seen on loopback only is started on loopback again, or OpenClaw may pick another bind (auto in containers).
      const pid = live.gateway.pid;
      const addresses = context.live.snapshot.listeners.filter((listener) => listener.pid === pid && listener.port === edit.currentBase).map((l) => l.address);
      const loopbackOnly = addresses.length > 0 && addresses.every((address) => address.startsWith('127.') || address === '::1');
      const configuredBind = (profile.config?.gateway as { bind?: unknown } | undefined)?.bind;
      const bind = loopbackOnly && configuredBind !== 'loopback' ? ['--bind', 'loopback'] : [];
      restart.push({
        kind: 'restart-unmanaged',
        profile: profile.name,
        why: `${profile.name} was started by hand (pid ${pid}, no service): stop it and start it again${moving ? ` on ${edit.base}` : ''}; an in-process restart keeps the old port and environment.`,
        lines: [killLine(pid), commandFor(profile, ['gateway', ...bind])],
        touchesRunningGateway: true,
        undoable: false,
        requires: 'restart-unmanaged',
        files: [],
        stop: { pid, stateDir: profile.stateDir },
      });
    } else {
      restart.push({
        kind: 'restart',
        profile: profile.name,
        why: `Restart ${profile.name} so it reads the new ports.`,
        lines: [commandFor(profile, ['gateway', 'restart'])],
        touchesRunningGateway: true,
        undoable: false,
        files: [],
      });
    }
  }
  return [...environment, ...supervisor, ...config, ...service, ...restart];
}

/** With `fix --profile X`, why a finding that needs another profile to change stays: null when it needs only X. */
function heldReason(finding: Finding, mayChange: string | null): string | null {
  if (mayChange === null) return null;
  const others = involvedProfiles(finding).filter((name) => name !== mayChange);
  if (others.length === 0) return null;
  return `only ${mayChange} may change with --profile ${mayChange}, and this needs ${others.join(' or ')} to change: run clawdoc fix without --profile; ${finding.fixHint}`;
}

function toRemainder(finding: Finding, reason: string): Remainder {
  return {
    fingerprint: fingerprintOf(finding),
    checkId: finding.checkId,
    severity: finding.severity,
    profile: finding.profile,
    message: finding.message,
    reason,
  };
}

function changesOf(decision: Decision): ProfileChange[] {
  return (
    decision.edits
      // A gateway sent back to its configured port changes no key, yet moves.
      .filter((edit) => configEdits(edit).length > 0 || edit.oauth !== null || edit.base !== null)
      .map((edit) => ({
        profile: edit.profile.name,
        fromPort: edit.currentBase,
        toPort: finalBase(edit),
        running: edit.running,
        restart: needsRestart(edit),
        cdpPorts: Object.fromEntries([...edit.cdpPorts].sort()),
        webhookPorts: Object.fromEntries([...edit.webhooks].sort()),
        paths: Object.fromEntries([...[...edit.paths].sort(), ...(edit.oauth ? [[OAUTH_DIR_VAR, edit.oauth.to] as const] : [])]),
      }))
  );
}

export interface PlanOptions {
  checks: readonly Check[];
  /** Findings of these checks over every profile, when the caller already has them (doctor --all-profiles): saves one run. */
  before?: readonly Finding[];
  /** `fix --profile X`: only this profile may change; the plan is decided and proven with every other one kept as is. */
  mayChange?: string | null;
}

/** The plan for the whole host: decided jointly, proven by re-running every check over the simulated host. */
export function buildFixPlan(context: CheckContext, options: PlanOptions): FixPlan {
  const whole: CheckContext = { ...context, focus: context.profiles };
  const all = { only: [], skip: [] };
  const before = options.before ?? runChecks(options.checks, whole, all).findings;
  const mayChange = options.mayChange ?? null;
  const decision = decide(whole, before, mayChange);
  const after = runChecks(options.checks, simulate(whole, decision), all).findings;

  const beforeKeys = new Set(before.map(problemKey));
  const afterKeys = new Set(after.filter((finding) => SERIOUS.has(finding.severity)).map(problemKey));
  const serious = before.filter((finding) => SERIOUS.has(finding.severity));
  const introduced = after.filter((finding) => SERIOUS.has(finding.severity) && !beforeKeys.has(problemKey(finding)));
  const resolvedFindings = serious.filter((finding) => !afterKeys.has(problemKey(finding)));
  const remaining = serious.filter((finding) => afterKeys.has(problemKey(finding)));

  let stepDrafts: Draft[] = [];
  let failure: string | null = null;
  try {
    stepDrafts = introduced.length === 0 ? drafts(decision, whole) : [];
  } catch (error) {
    if (!(error instanceof UnsafeCommandValue)) throw error;
    failure = error.message;
  }
  const proven = introduced.length === 0 && failure === null;
  const platform = context.model.invocation.platform;
  const steps: PlanStep[] = [];
  const stepsByFinding: Record<string, string[]> = {};
  if (proven) {
    stepDrafts.forEach((draft, index) => {
      const id = `s${index + 1}`;
      const resolves = resolvedFindings
        .filter((finding) =>
          draft.profile === null ? finding.checkId.startsWith('env/') || finding.profile === null : involvedProfiles(finding).includes(draft.profile),
        )
        .map(fingerprintOf);
      const { lines, ...rest } = draft;
      let commands;
      try {
        commands = lines.map((line) => ({ line, text: renderCommand(line, platform) }));
      } catch (error) {
        if (!(error instanceof UnsafeCommandValue)) throw error;
        commands = lines.map((line) => ({ line, text: line.argv.join(' ') }));
        rest.requires = 'operator-shell';
      }
      steps.push({ id, ...rest, resolves, commands });
      for (const fingerprint of resolves) (stepsByFinding[fingerprint] ??= []).push(id);
    });
  }
  const resolved = proven ? resolvedFindings.map(fingerprintOf) : [];
  const remainder = proven
    ? remaining.map((finding) => toRemainder(finding, heldReason(finding, mayChange) ?? finding.fixHint))
    : serious.map((finding) =>
        toRemainder(
          finding,
          failure !== null
            ? `no safe command for the plan: ${failure}`
            : `the host-wide plan did not converge (it would cause: ${introduced.map((f) => f.message).join('; ')}); ${finding.fixHint}`,
        ),
      );
  return {
    steps,
    changes: proven ? changesOf(decision) : [],
    resolved,
    remainder,
    proven,
    introduced: introduced.map((finding) => toRemainder(finding, 'the simulated plan produces it')),
    stepsByFinding,
  };
}
