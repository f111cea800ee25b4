// launchd plists: Label, ProgramArguments and EnvironmentVariables from the XML subset plists use.
import type { ServiceDefinition } from '../../model.js';
import { buildService } from './identity.js';
import type { EnvFileReader } from './systemd.js';
import { parseServiceEnvFile } from './service-env-file.js';

type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

/** A tolerant reader of plist XML: returns null for anything it cannot follow. */
function parsePlistXml(xml: string): PlistValue | null {
  const tokens = xml.replace(/<\?[\s\S]*?\?>|<!DOCTYPE[\s\S]*?>|<!--[\s\S]*?-->/g, '').match(/<[^>]+>|[^<]+/g) ?? [];
  let index = 0;
  const next = (): string | undefined => {
    while (index < tokens.length && tokens[index]!.trim() === '') index += 1;
    return tokens[index++];
  };
  const textUntil = (close: string): string => {
    let text = '';
    while (index < tokens.length && tokens[index] !== close) text += tokens[index++];
    index += 1;
    return decode(text);
  };
  const value = (tag: string | undefined): PlistValue | null => {
    if (!tag) return null;
    if (tag === '<string>') return textUntil('</string>');
    if (tag === '<string/>') return '';
    if (tag === '<integer>') return Number(textUntil('</integer>'));
    if (tag === '<true/>') return true;
    if (tag === '<false/>') return false;
    if (tag === '<array>') {
      const items: PlistValue[] = [];
      for (let token = next(); token !== undefined && token !== '</array>'; token = next()) {
        const item = value(token);
        if (item === null) return null;
        items.push(item);
      }
      return items;
    }
    if (tag === '<dict>') {
      const dict: Record<string, PlistValue> = {};
      for (let token = next(); token !== undefined && token !== '</dict>'; token = next()) {
        if (token !== '<key>') return null;
        const key = textUntil('</key>');
        const item = value(next());
        if (item === null) return null;
        dict[key] = item;
      }
      return dict;
    }
    if (tag === '<array/>') return [];
    if (tag === '<dict/>') return {};
    return null;
  };
  for (let token = next(); token !== undefined; token = next()) {
    if (token === '<dict>') return value(token);
  }
  return null;
}

function nameProfileOf(label: string): string | null {
  if (label === 'ai.openclaw.gateway') return 'default';
  const match = /^ai\.openclaw\.(?:gateway\.)?([A-Za-z0-9_-]+)$/.exec(label);
  return match ? match[1]! : null;
}

/** `<stateDir>/service-env/<label>.env` in the arguments: 2026.9 keeps the environment there, run through `<label>-env-wrapper.sh`. */
function serviceEnvFileOf(args: readonly string[]): string | null {
  return args.find((arg) => /[\\/]service-env[\\/][^\\/]+\.env$/.test(arg)) ?? null;
}

export function parseLaunchdPlist(file: string, text: string, readEnvFile?: EnvFileReader): ServiceDefinition | null {
  const root = parsePlistXml(text);
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return null;
  const label = typeof root.Label === 'string' ? root.Label : (file.split('/').pop() ?? file).replace(/\.plist$/, '');
  const args = Array.isArray(root.ProgramArguments)
    ? root.ProgramArguments.filter((arg): arg is string => typeof arg === 'string')
    : typeof root.Program === 'string'
      ? [root.Program]
      : [];
  const envDict = root.EnvironmentVariables;
  const env: Record<string, string> = {};
  if (envDict && typeof envDict === 'object' && !Array.isArray(envDict)) {
    for (const [key, item] of Object.entries(envDict)) if (typeof item === 'string' || typeof item === 'number') env[key] = String(item);
  }
  if (args.length === 0) return null;
  const envFiles: string[] = [];
  const envFile = serviceEnvFileOf(args);
  const read = envFile && readEnvFile ? readEnvFile(envFile) : null;
  if (read) {
    envFiles.push(read.file);
    Object.assign(env, parseServiceEnvFile(read.text));
  }
  return buildService(
    { manager: 'launchd', name: label, file, env, args, legacy: label.startsWith('com.clawdbot'), ...(envFiles.length > 0 ? { envFiles } : {}) },
    nameProfileOf(label),
  );
}
