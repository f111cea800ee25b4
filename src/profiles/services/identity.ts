// What makes a service definition an OpenClaw gateway, and which profile it runs: its environment and arguments, never its name alone.
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { DEFAULT_PROFILE, isDefaultProfileName, profileFromStateDirName } from '../names.js';
import { argValue } from '../../argv.js';
import { asPort } from '../../ports/port-number.js';
import { baseNameOf } from './windows-path.js';

const OPENCLAW_ENV = ['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_GATEWAY_PORT'];

// Global options that come before the command and take a value (`openclaw --profile rescue gateway`).
const GLOBAL_VALUE_OPTIONS = new Set(['--profile', '--log-level', '--container', '--config', '--state-dir']);

function portOf(args: readonly string[]): number | null {
  const value = argValue(args, '--port');
  if (value === null || !/^\d+$/.test(value)) return null;
  return asPort(Number(value));
}

/** Index of the OpenClaw (or legacy clawdbot) entry point in the arguments: a bin, `openclaw.mjs` or a file of the package. */
function entryPointIndex(args: readonly string[]): number {
  return args.findIndex(
    (arg) =>
      /(^|[\\/])(openclaw|clawdbot)(\.mjs|\.cmd|\.exe)?$/.test(arg) ||
      /[\\/]node_modules[\\/](openclaw|clawdbot)[\\/]/.test(arg) ||
      /[\\/](openclaw|clawdbot)[\\/]dist[\\/][^\\/]+\.m?js$/.test(arg),
  );
}

/** True when the arguments after `from` are `gateway` or `gateway run` (options allowed), not `gateway status`, `gateway health`, `node run`, `browser ...`. */
function isGatewayRunCommand(args: readonly string[], from: number): boolean {
  let index = from;
  while (index < args.length && args[index]!.startsWith('-')) {
    const option = args[index]!;
    index += GLOBAL_VALUE_OPTIONS.has(option) ? 2 : 1;
  }
  if (args[index] !== 'gateway') return false;
  const sub = args[index + 1];
  return sub === undefined || sub.startsWith('-') || sub === 'run';
}

/** An OpenClaw entry point whose command runs a gateway: `.../openclaw/dist/index.js gateway`, `openclaw --profile p gateway run`. */
function runsGatewayCommand(args: readonly string[]): boolean | null {
  const entry = entryPointIndex(args);
  if (entry === -1) return null;
  return isGatewayRunCommand(args, entry + 1);
}

/** True for a legacy clawdbot entry point (`clawdbot`, `node .../clawdbot/dist/index.js`). */
function runsLegacyClawdbot(args: readonly string[]): boolean {
  const entry = entryPointIndex(args);
  return entry !== -1 && /clawdbot/.test(path.basename(args[entry]!) + args[entry]!);
}

interface Identity {
  profile: string | null;
  profileEvidence: string;
  isGateway: boolean;
}

/** Whether the service runs a gateway: its command decides when it names an OpenClaw entry point, else its OpenClaw environment. */
function decideIsGateway(env: Readonly<Record<string, string>>, args: readonly string[]): boolean {
  const byCommand = runsGatewayCommand(args);
  // A watchdog or health unit may copy the gateway's environment; what it runs is what counts (OPENCLAW.md section 9).
  if (byCommand !== null) return byCommand && (env.OPENCLAW_SERVICE_KIND === undefined || env.OPENCLAW_SERVICE_KIND === 'gateway');
  // No entry point in sight (a wrapper script): OpenClaw's own rule, the service marker with kind gateway or none.
  // OPENCLAW_SERVICE_KIND names other OpenClaw services too (a node host): only `gateway` is a gateway.
  const kind = env.OPENCLAW_SERVICE_KIND?.trim();
  if (env.OPENCLAW_SERVICE_MARKER?.trim() === 'openclaw') return kind === undefined || kind === 'gateway';
  if (kind !== undefined) return kind === 'gateway';
  const hasOpenClawEnv = OPENCLAW_ENV.some((key) => env[key] !== undefined);
  const gatewayAt = args.indexOf('gateway');
  return hasOpenClawEnv && gatewayAt !== -1 && isGatewayRunCommand(args, gatewayAt);
}

/** Decides profile and gateway-ness of a service from its environment first, then arguments, then the state dir its script is in, then its name. */
function serviceIdentity(env: Readonly<Record<string, string>>, args: readonly string[], nameProfile: string | null, scriptProfile: string | null): Identity {
  const isGateway = decideIsGateway(env, args);
  if (env.OPENCLAW_PROFILE) {
    return {
      profile: isDefaultProfileName(env.OPENCLAW_PROFILE) ? DEFAULT_PROFILE : env.OPENCLAW_PROFILE,
      profileEvidence: 'OPENCLAW_PROFILE in its environment',
      isGateway,
    };
  }
  if (env.OPENCLAW_STATE_DIR) {
    const fromDir = profileFromStateDirName(baseNameOf(env.OPENCLAW_STATE_DIR));
    if (fromDir) return { profile: fromDir, profileEvidence: 'OPENCLAW_STATE_DIR in its environment', isGateway };
  }
  const flagProfile = argValue(args, '--profile');
  if (flagProfile) return { profile: flagProfile, profileEvidence: '--profile in its arguments', isGateway };
  if (args.includes('--dev')) return { profile: 'dev', profileEvidence: '--dev in its arguments', isGateway };
  // OpenClaw reads a task's script from `<stateDir>\gateway.cmd`; the default profile's script sets neither OPENCLAW_PROFILE nor OPENCLAW_STATE_DIR.
  if (scriptProfile !== null) return { profile: scriptProfile, profileEvidence: 'the state dir of the script it runs', isGateway };
  if (nameProfile !== null) return { profile: nameProfile, profileEvidence: 'its name (no OPENCLAW_PROFILE, OPENCLAW_STATE_DIR or --profile)', isGateway };
  return { profile: null, profileEvidence: 'nothing names a profile', isGateway };
}

export function buildService(
  base: Pick<ServiceDefinition, 'manager' | 'name' | 'file' | 'env' | 'args' | 'legacy'> & Partial<Pick<ServiceDefinition, 'scope' | 'envFiles'>>,
  nameProfile: string | null,
  /** Windows: the profile whose state dir holds the gateway script the service runs. */
  scriptProfile: string | null = null,
): ServiceDefinition {
  const identity = serviceIdentity(base.env, base.args, nameProfile, scriptProfile);
  return { ...base, legacy: base.legacy || runsLegacyClawdbot(base.args), portArg: portOf(base.args), nameProfile, ...identity };
}
