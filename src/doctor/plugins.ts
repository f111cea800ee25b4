// `--plugin <path>`: loads checks from a user's file or package with the same interface as the built-ins.
import path from 'node:path';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Check } from './api.js';

export class PluginError extends Error {}

function isCheck(value: unknown): value is Check {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Check>;
  return (
    typeof candidate.id === 'string' &&
    /^[a-z0-9-]+(\/[a-z0-9-]+)+$/.test(candidate.id) &&
    typeof candidate.title === 'string' &&
    (candidate.scope === 'host' || candidate.scope === 'profile') &&
    typeof candidate.run === 'function'
  );
}

function checksOf(module: Record<string, unknown>, specifier: string): Check[] {
  const exported = module.default ?? module.checks;
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0 || !list.every(isCheck)) {
    throw new PluginError(
      `${specifier} must export a check ({ id: "area/name", title, scope: "host" | "profile", run }) or an array of them as default or as "checks"`,
    );
  }
  return list.map((check) => ({ ...check, looksAt: check.looksAt ?? `plugin ${specifier}` }));
}

let hooksRegistered = false;

/** Lets `import { defineCheck } from 'clawdoc/plugin'` work in a plugin file anywhere, against this clawdoc. */
function registerPluginHooks(): void {
  if (hooksRegistered || !import.meta.url.endsWith('.js')) return;
  hooksRegistered = true;
  const own = (file: string) => new URL(file, import.meta.url).href;
  register(own('./plugin-hooks.js'), { data: { specifiers: { clawdoc: own('../index.js'), 'clawdoc/plugin': own('../plugin.js') } } });
}

/** A path (relative to `cwd`) or a package name. */
export async function loadPlugins(specifiers: readonly string[], cwd: string): Promise<Check[]> {
  const checks: Check[] = [];
  if (specifiers.length > 0) registerPluginHooks();
  for (const specifier of specifiers) {
    const isPath = specifier.startsWith('.') || specifier.startsWith('/') || /\.[cm]?js$/.test(specifier);
    const target = isPath ? pathToFileURL(path.resolve(cwd, specifier)).href : specifier;
    let module: Record<string, unknown>;
    try {
      module = (await import(target)) as Record<string, unknown>;
    } catch (error) {
      throw new PluginError(`cannot load plugin ${specifier}: ${(error as Error).message}`);
    }
    checks.push(...checksOf(module, specifier));
  }
  return checks;
}

export function assertUniqueIds(checks: readonly Check[]): void {
  const seen = new Set<string>();
  for (const check of checks) {
    if (seen.has(check.id)) throw new PluginError(`two checks share the id ${check.id}`);
    seen.add(check.id);
  }
}
