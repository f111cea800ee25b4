// Results of the bounded network probes; every probe ends in one of these, never a hang.

export type ProbeOutcome = 'ok' | 'refused' | 'timeout' | 'reset' | 'closed' | 'http-error' | 'bad-response' | 'tls' | 'error';

export interface HttpProbe {
  url: string;
  outcome: ProbeOutcome;
  status: number | null;
  /** Parsed JSON body when the answer was JSON (size-capped). */
  json: unknown;
  /** First bytes of a non-JSON body, for evidence (secrets redacted). */
  snippet: string | null;
  elapsedMs: number;
  detail: string | null;
}

export interface GatewayProbe {
  port: number;
  host: string;
  healthz: HttpProbe;
  readyz: HttpProbe | null;
  startupz: HttpProbe | null;
  /** The canvas path on the gateway port (2026.9); 401 without a token means it is served there. */
  canvas: HttpProbe | null;
  /** `GET /`: the control UI (`<title>OpenClaw Control</title>`). */
  controlUi: HttpProbe | null;
  /** `data-openclaw-control-ui-build-id` of the control UI, e.g. `2026.9.6-release-eb377ac59e6c-...`. */
  controlUiBuild: string | null;
  /** True when the WebSocket sent an OpenClaw `connect.challenge` without any credential. */
  wsChallenge: boolean | null;
  /** What the WebSocket handshake saw (why it is or is not a challenge). */
  wsDetail: string | null;
  /** True when the credential-free evidence says this is an OpenClaw gateway; never from /healthz alone. */
  isOpenClaw: boolean;
  /** The answers that made isOpenClaw true, e.g. `connect.challenge event on upgrade`. */
  evidence: string[];
  /** From /startupz, else from the control UI's build id. */
  version: string | null;
}

export interface CdpProbe {
  port: number;
  host: string;
  version: HttpProbe;
  isCdp: boolean;
  browser: string | null;
  protocolVersion: string | null;
  /** Page targets of the browser's target list; null when not asked or it failed. */
  tabs: number | null;
  detail: string | null;
}

/**
 * What answers `GET /` on a browser-control port, as measured on 2026.9.6: the control service (Express) answers
 * `401 Unauthorized` as text, the extension relay `401 {"error":"Unauthorized"}`, a gateway its control UI.
 */
export type ControlService = 'browser-control' | 'extension-relay' | 'openclaw-gateway' | 'other';

export interface BrowserControlProbe {
  port: number;
  host: string;
  root: HttpProbe;
  /** null when nothing answered HTTP. */
  service: ControlService | null;
}

export interface ProbeResults {
  /** Keyed by `${host}:${port}`. */
  gateways: Record<string, GatewayProbe>;
  cdp: Record<string, CdpProbe>;
  control: Record<string, BrowserControlProbe>;
  /** True when the global deadline ended probes early; results so far are still reported. */
  deadlineHit: boolean;
}
