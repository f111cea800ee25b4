// Results of the bounded network probes; every probe ends in one of these, never a hang.

export type ProbeOutcome =
  | 'ok'
  | 'refused'
  | 'timeout'
  | 'reset'
  | 'closed'
  | 'http-error'
  | 'bad-response'
  | 'tls'
  | 'error';

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
  /** True when the WebSocket sent an OpenClaw `connect.challenge` without any credential. */
  wsChallenge: boolean | null;
  /** True when the credential-free evidence says this is an OpenClaw gateway. */
  isOpenClaw: boolean;
  version: string | null;
}

export interface CdpProbe {
  port: number;
  host: string;
  version: HttpProbe;
  isCdp: boolean;
  browser: string | null;
  protocolVersion: string | null;
  /** Page targets from `List`; null when not asked or it failed. */
  tabs: number | null;
  detail: string | null;
}

export interface BrowserControlProbe {
  port: number;
  host: string;
  root: HttpProbe;
}

export interface ProbeResults {
  /** Keyed by `${host}:${port}`. */
  gateways: Record<string, GatewayProbe>;
  cdp: Record<string, CdpProbe>;
  control: Record<string, BrowserControlProbe>;
  /** True when the global deadline ended probes early; results so far are still reported. */
  deadlineHit: boolean;
}
