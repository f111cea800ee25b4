// The one JSON envelope every `--json` command prints: who wrote it, for which command, where and when.
import { VERSION } from '../version.js';

const SCHEMA_VERSION = 1;

/** The commands that print JSON; null when argv named none (an error before any command). */
export type JsonCommand = 'doctor' | 'status' | 'browser status' | 'ports' | 'profiles' | 'checks' | 'baseline' | 'fix' | 'version' | 'help';

export interface RunStamp {
  command: JsonCommand | null;
  hostname: string;
  platform: string;
  generatedAt: string;
}

export function envelope(stamp: RunStamp, ok: boolean, fields: object): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'clawdoc', version: VERSION },
    command: stamp.command,
    ok,
    host: { hostname: stamp.hostname, platform: stamp.platform },
    generatedAt: stamp.generatedAt,
    ...fields,
  };
}

export function failureEnvelope(stamp: RunStamp, code: 'usage' | 'internal', message: string): object {
  return envelope(stamp, false, { error: { code, message } });
}
