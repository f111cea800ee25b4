// Services rendered by OpenClaw 2026.9.6's own install code (scripts/render-openclaw-services.mjs, run under Node 26) into a test home.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE26, OPENCLAW_ENTRY } from './openclaw.js';

const RENDERER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/render-openclaw-services.mjs');

export type ServicePlatform = 'linux' | 'darwin' | 'win32';

export interface ServiceRequest {
  profile: string;
  platform: ServicePlatform;
  /** The port `gateway install` puts in `--port` and OPENCLAW_GATEWAY_PORT (its --port flag, else the config's). */
  port: number;
  /** The profile's config as the installer reads it (secret refs end up in the service environment). */
  config?: Record<string, unknown>;
  /** Extra variables of the shell the install runs in. */
  env?: Record<string, string>;
}

interface RenderedFile {
  /** Relative to the home. */
  path: string;
  content: string;
  encoding?: 'utf16le-bom';
}

interface RenderedService {
  profile: string;
  platform: ServicePlatform;
  port: number;
  programArguments: string[];
  workingDirectory?: string;
  environment: Record<string, string>;
}

export interface Rendered {
  files: RenderedFile[];
  services: RenderedService[];
  warnings: string[];
}

/** Writes into `home` (an existing empty dir) what `openclaw [--profile P] gateway install` writes for each request. */
export function renderServices(home: string, services: readonly ServiceRequest[]): Rendered {
  // Nothing of the test runner reaches OpenClaw (it behaves differently under VITEST / NODE_ENV=test).
  const result = spawnSync(NODE26, [RENDERER], {
    input: JSON.stringify({ home, services }),
    encoding: 'utf8',
    env: { PATH: process.env.PATH, CLAWDOC_OPENCLAW_PACKAGE: path.dirname(OPENCLAW_ENTRY) },
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`render-openclaw-services failed (exit ${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as Rendered;
}
