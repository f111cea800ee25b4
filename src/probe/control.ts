// Browser control service (base+2) and extension relay probe: what answers on the port, without credentials.
import type { BrowserControlProbe } from './types.js';
import { boundedGet } from './http.js';

export async function probeBrowserControl(host: string, port: number, timeoutMs: number): Promise<BrowserControlProbe> {
  return { port, host, root: await boundedGet(host, port, '/', timeoutMs) };
}
