// Browser control service (base+2) and extension relay probe: what answers `GET /` on the port, without credentials.
import type { BrowserControlProbe, ControlService, HttpProbe } from './types.js';
import { boundedRequest } from './http.js';
import { CONTROL_UI_TITLE } from './gateway.js';

/** Classifies the answer by what 2026.9.6 was measured to send; anything else is `other`. */
function controlServiceOf(probe: HttpProbe, body: string | null): ControlService | null {
  if (probe.status === null) return null;
  if (probe.status === 401 && (probe.json as { error?: unknown } | null)?.error === 'Unauthorized') return 'extension-relay';
  if (probe.status === 401 && body?.trim() === 'Unauthorized') return 'browser-control';
  if (probe.status === 200 && body?.includes(CONTROL_UI_TITLE)) return 'openclaw-gateway';
  return 'other';
}

export async function probeBrowserControl(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<BrowserControlProbe> {
  const { probe, body } = await boundedRequest(host, port, '/', timeoutMs, signal);
  return { port, host, root: probe, service: controlServiceOf(probe, body) };
}
