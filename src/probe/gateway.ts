// Gateway probe without credentials: /healthz, /readyz, /startupz (version), the control UI, the canvas, the WebSocket challenge.
import type { GatewayProbe, HttpProbe } from './types.js';
import { boundedGet, boundedRequest } from './http.js';
import { readChallenge } from './websocket.js';

/** Where 2026.9 serves the canvas: on the gateway port, behind the gateway's auth even on loopback. */
export const CANVAS_PATH = '/__openclaw__/a2ui/';

export const CONTROL_UI_TITLE = '<title>OpenClaw Control</title>';
const BUILD_ID = /\bdata-openclaw-control-ui-build-id="([^"]{1,300})"/;
const VERSION = /^\d{4}\.\d+(?:\.\d+)?/;

/** `2026.9.6-release-eb377ac59e6c-2026-09-23T...` -> `2026.9.6`: the build id starts with the version. */
export function versionOfBuild(build: string): string | null {
  const head = build.includes('-release-') ? build.slice(0, build.indexOf('-release-')) : VERSION.exec(build)?.[0];
  return head && VERSION.test(head) ? head : null;
}

function startupzVersion(probe: HttpProbe): string | null {
  const version = (probe.json as { version?: unknown } | null)?.version;
  return typeof version === 'string' && VERSION.test(version) ? version : null;
}

export async function probeGateway(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<GatewayProbe> {
  const [healthz, readyz, startupz, canvas, root, ws] = await Promise.all([
    boundedGet(host, port, '/healthz', timeoutMs, signal),
    boundedGet(host, port, '/readyz', timeoutMs, signal),
    boundedGet(host, port, '/startupz', timeoutMs, signal),
    boundedGet(host, port, CANVAS_PATH, timeoutMs, signal),
    boundedRequest(host, port, '/', timeoutMs, signal),
    readChallenge(host, port, timeoutMs, signal),
  ]);
  const isControlUi = root.probe.status === 200 && root.body !== null && root.body.includes(CONTROL_UI_TITLE);
  const controlUiBuild = isControlUi ? (BUILD_ID.exec(root.body!)?.[1] ?? null) : null;
  const fromStartupz = startupzVersion(startupz);
  // A /healthz answer alone proves nothing (anything can say {"ok":true}): only these count.
  const evidence = [
    ws.challenge ? ws.detail : null,
    fromStartupz ? `/startupz reports version ${fromStartupz}` : null,
    isControlUi ? `GET / is the OpenClaw control UI${controlUiBuild ? ` (build ${controlUiBuild})` : ''}` : null,
  ].filter((line): line is string => line !== null);
  return {
    port,
    host,
    healthz,
    readyz,
    startupz,
    canvas,
    controlUi: root.probe,
    controlUiBuild,
    wsChallenge: ws.challenge,
    wsDetail: ws.detail,
    isOpenClaw: evidence.length > 0,
    evidence,
    version: fromStartupz ?? (controlUiBuild ? versionOfBuild(controlUiBuild) : null),
  };
}
