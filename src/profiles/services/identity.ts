// What makes a service definition an OpenClaw gateway, and which profile it runs: its environment and arguments, never its name alone.
import path from 'node:path';
import type { ServiceDefinition } from '../../model.js';
import { DEFAULT_PROFILE, isDefaultProfileName, profileFromStateDirName } from '../names.js';
import { argValue } from '../../argv.js';
import { asPort } from '../../ports/port-number.js';

const OPENCLAW_ENV = ['OPENCLAW_PROFILE', 'OPENCLAW_STATE_DIR', 'OPENCLAW_CONFIG_PATH', 'OPENCLAW_GATEWAY_PORT'];

function portOf(args: readonly string[]): number | null {
  const value = argValue(args, '--port');
  if (value === null || !/^\d+$/.test(value)) return null;
  return asPort(Number(value));
}

/** An OpenClaw entry point followed by `gateway`: `.../openclaw/dist/index.js gateway`, `openclaw gateway`. */
function runsGatewayCommand(args: readonly string[]): boolean {
  const entry = args.findIndex(
    (arg) => /(^|[\\/])openclaw(\.mjs|\.cmd|\.exe)?$/.test(arg) || /[\\/]node_modules[\\/]openclaw[\\/]/.test(arg) || /(^|[\\/])clawdbot(\.mjs)?$/.test(arg),
  );
  return entry !== -1 && args.slice(entry + 1).includes('gateway');
}

interface Identity {
  profile: string | null;
  profileEvidence: string;
  isGateway: boolean;
}

/** Decides profile and gateway-ness of a service from its environment first, then arguments, then its name. */
function serviceIdentity(env: Readonly<Record<string, string>>, args: readonly string[], nameProfile: string | null): Identity {
  const hasOpenClawEnv = OPENCLAW_ENV.some((key) => env[key] !== undefined);
  // OPENCLAW_SERVICE_KIND names other OpenClaw services too (a node host): only `gateway` is a gateway.
  const kind = env.OPENCLAW_SERVICE_KIND;
  const isGateway =
    kind !== undefined
      ? kind === 'gateway'
      : env.OPENCLAW_SERVICE_MARKER === 'openclaw' || runsGatewayCommand(args) || (hasOpenClawEnv && args.includes('gateway'));
  if (env.OPENCLAW_PROFILE) {
    return {
      profile: isDefaultProfileName(env.OPENCLAW_PROFILE) ? DEFAULT_PROFILE : env.OPENCLAW_PROFILE,
      profileEvidence: 'OPENCLAW_PROFILE in its environment',
      isGateway,
    };
  }
  if (env.OPENCLAW_STATE_DIR) {
    const fromDir = profileFromStateDirName(path.basename(env.OPENCLAW_STATE_DIR));
    if (fromDir) return { profile: fromDir, profileEvidence: 'OPENCLAW_STATE_DIR in its environment', isGateway };
  }
  const flagProfile = argValue(args, '--profile');
  if (flagProfile) return { profile: flagProfile, profileEvidence: '--profile in its arguments', isGateway };
  if (args.includes('--dev')) return { profile: 'dev', profileEvidence: '--dev in its arguments', isGateway };
  if (nameProfile !== null) return { profile: nameProfile, profileEvidence: 'its name (no OpenClaw environment)', isGateway };
  return { profile: null, profileEvidence: 'nothing names a profile', isGateway };
}

export function buildService(
  base: Pick<ServiceDefinition, 'manager' | 'name' | 'file' | 'env' | 'args' | 'legacy'>,
  nameProfile: string | null,
): ServiceDefinition {
  const identity = serviceIdentity(base.env, base.args, nameProfile);
  return { ...base, portArg: portOf(base.args), ...identity };
}
