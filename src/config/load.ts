// Loads a profile's config as OpenClaw does: JSON5, `$include` trees, `${VAR}` substitution; problems, never throws.
import fs from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import type { Problem } from '../model.js';
import { describeBoundedFailure, formatBytes, READ_CAPS, readBounded } from '../read-bounded.js';
import { substituteEnv, SubstitutionError } from './substitute.js';
import { isUnder } from '../paths.js';

export interface LoadedConfig {
  /** False when no config file exists: config is optional and defaults apply. */
  exists: boolean;
  config: Record<string, unknown> | null;
  /** The config file and every include actually read. */
  files: string[];
  problems: Problem[];
  /** String values that took text from `${VAR}`, with their variables: never to be echoed. */
  substituted: ReadonlyMap<string, readonly string[]>;
}

export interface LoadOptions {
  /** Extra dirs includes may come from (OPENCLAW_INCLUDE_ROOTS). */
  includeRoots?: readonly string[];
}

// OpenClaw's own include limits (src/config/includes.ts: MAX_INCLUDE_DEPTH, MAX_INCLUDE_FILE_BYTES).
const MAX_INCLUDE_DEPTH = 10;
const MAX_INCLUDE_BYTES = READ_CAPS.config;
// clawdoc's own: OpenClaw caps depth and file size but not the tree, so fan-out 10 over 10 levels
// means 10^10 loads. Real configs split into a handful of files; these leave room for a hundred.
export const MAX_INCLUDE_LOADS = 200;
const MAX_TOTAL_CONFIG_BYTES = 8 * 1024 * 1024;
const TREE_LIMIT_REASON = 'OpenClaw limits only include depth (10) and file size (2 MiB), so a tree like this can stall its startup; clawdoc stops reading it';
const INCLUDE_KEY = '$include';

/** A config that cannot be loaded: carries the problem that says where and why. */
class ConfigError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

function fail(message: string, file: string, extra: Partial<Problem> = {}): never {
  throw new ConfigError({ severity: 'error', message, file, ...extra });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symlink loop';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOENT':
      return 'does not exist';
    default:
      return error.code ?? error.message;
  }
}

function readText(file: string, includedFrom: string | null, state: IncludeState): string {
  const where = includedFrom ? ` (included from ${includedFrom})` : '';
  const result = readBounded(file, MAX_INCLUDE_BYTES);
  if (!result.ok) {
    if (result.reason === 'error') {
      if (result.code === 'ENOENT' && isDanglingLink(file)) fail(`${file} is a symlink to a file that does not exist${where}`, file);
      fail(`cannot read ${file}: ${describeFsError({ code: result.code } as NodeJS.ErrnoException)}${where}`, file);
    }
    if (result.reason === 'not-regular' && result.kind === 'a directory') fail(`${file} is a directory, not a config file${where}`, file);
    if (result.reason === 'not-regular') fail(`${file} ${describeBoundedFailure(result)}; a config must be a regular file${where}`, file);
    // OpenClaw caps each include at 2 MiB; it does not cap the main file, but nothing real comes near that.
    fail(
      `${file} ${describeBoundedFailure(result)}; ${includedFrom ? 'OpenClaw refuses includes over 2 MiB' : 'clawdoc reads no config over 2 MiB, the limit OpenClaw sets for includes'}${where}`,
      file,
    );
  }
  state.totalBytes += result.data.length;
  if (state.totalBytes > MAX_TOTAL_CONFIG_BYTES) {
    fail(
      `the config and its includes hold more than ${formatBytes(MAX_TOTAL_CONFIG_BYTES)} in total (stopped at ${file}${includedFrom ? `, included from ${includedFrom}` : ''}); ${TREE_LIMIT_REASON}`,
      includedFrom ?? file,
      { path: INCLUDE_KEY },
    );
  }
  const buffer = result.data;
  if (buffer.includes(0)) fail(`${file} is a binary file, not JSON5${where}`, file);
  return buffer.toString('utf8').replace(/^\uFEFF/, '');
}

function isDanglingLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function parseJson5(text: string, file: string): unknown {
  if (text.trim() === '') fail(`${file} is empty; delete it or write a JSON5 object such as {}`, file);
  try {
    return JSON5.parse(text);
  } catch (error) {
    const syntax = error as SyntaxError & { lineNumber?: number; columnNumber?: number };
    const reason = syntax.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    fail(`JSON5 syntax error: ${reason}`, file, {
      ...(syntax.lineNumber ? { line: syntax.lineNumber } : {}),
      ...(syntax.columnNumber ? { column: syntax.columnNumber } : {}),
    });
  }
}

/** Objects merge deep, arrays concatenate, later values win. */
export function mergeDeep(target: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = merged[key];
    if (isRecord(existing) && isRecord(value)) merged[key] = mergeDeep(existing, value);
    else if (Array.isArray(existing) && Array.isArray(value)) merged[key] = [...existing, ...value];
    else merged[key] = value;
  }
  return merged;
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

interface IncludeState {
  roots: string[];
  files: string[];
  /** The chain of files being loaded, for cycle detection. */
  chain: string[];
  /** Include files loaded so far, and bytes read with the main file: the tree's budget. */
  loads: number;
  totalBytes: number;
}

function includeTargets(value: unknown, file: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((entry) => typeof entry === 'string' && entry.trim() !== '')) {
    fail(`${INCLUDE_KEY} must be a path or an array of paths`, file, { path: INCLUDE_KEY });
  }
  return list as string[];
}

/** Resolves `$include` in an object (at any depth), merging included files under the including object's own keys. */
function resolveIncludes(value: unknown, file: string, depth: number, state: IncludeState): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIncludes(item, file, depth, state));
  if (!isRecord(value)) return value;
  const own: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== INCLUDE_KEY) own[key] = resolveIncludes(child, file, depth, state);
  }
  if (!(INCLUDE_KEY in value)) return own;
  const raw = value[INCLUDE_KEY];
  const targets = includeTargets(raw, file);
  let included: unknown;
  if (typeof raw === 'string') {
    included = loadInclude(targets[0]!, file, depth + 1, state);
  } else {
    let merged: Record<string, unknown> = {};
    for (const target of targets) {
      const loaded = loadInclude(target, file, depth + 1, state);
      if (!isRecord(loaded)) fail(`${target} (included from ${file}) must hold a JSON5 object to merge with the other includes`, file, { path: INCLUDE_KEY });
      merged = mergeDeep(merged, loaded);
    }
    included = merged;
  }
  if (Object.keys(own).length === 0) return included;
  if (!isRecord(included)) fail(`keys beside ${INCLUDE_KEY} need the included content to be an object`, file, { path: INCLUDE_KEY });
  // Sibling keys of $include win over included content.
  return mergeDeep(included, own);
}

function loadInclude(target: string, from: string, depth: number, state: IncludeState): unknown {
  if (depth > MAX_INCLUDE_DEPTH)
    fail(`includes nest deeper than ${MAX_INCLUDE_DEPTH} levels at ${target} (included from ${from})`, from, { path: INCLUDE_KEY });
  const file = path.resolve(path.dirname(from), target);
  const real = realOrSelf(file);
  if (!state.roots.some((root) => isUnder(real, root))) {
    fail(`${target} (included from ${from}) lies outside the config dir; OpenClaw only includes files under it or under OPENCLAW_INCLUDE_ROOTS`, from, {
      path: INCLUDE_KEY,
    });
  }
  if (state.chain.includes(real)) fail(`include cycle: ${[...state.chain, real].join(' -> ')}`, from, { path: INCLUDE_KEY });
  state.loads += 1;
  if (state.loads > MAX_INCLUDE_LOADS) {
    fail(`the $include tree loads more than ${MAX_INCLUDE_LOADS} files (stopped at ${target}, included from ${from}); ${TREE_LIMIT_REASON}`, from, {
      path: INCLUDE_KEY,
    });
  }
  const parsed = parseJson5(readText(file, from, state), file);
  state.files.push(file);
  state.chain.push(real);
  const resolved = resolveIncludes(parsed, file, depth, state);
  state.chain.pop();
  return resolved;
}

/** `OPENCLAW_INCLUDE_ROOTS`: extra include roots, separated like PATH. */
function includeRootsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env.OPENCLAW_INCLUDE_ROOTS ?? '')
    .split(path.delimiter)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Missing is not a problem (config is optional); a file we may not look at is, and readText says why. */
function configExists(configPath: string): boolean {
  try {
    fs.lstatSync(configPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

export function loadConfig(configPath: string, env: Readonly<Record<string, string | undefined>>, options: LoadOptions = {}): LoadedConfig {
  if (!configExists(configPath)) return { exists: false, config: null, files: [], problems: [], substituted: new Map() };
  const state: IncludeState = {
    roots: [
      path.dirname(realOrSelf(configPath)),
      ...[...(options.includeRoots ?? []), ...includeRootsFromEnv(env)].filter((root) => path.isAbsolute(root)).map(realOrSelf),
    ],
    files: [configPath],
    chain: [realOrSelf(configPath)],
    loads: 0,
    totalBytes: 0,
  };
  try {
    const parsed = parseJson5(readText(configPath, null, state), configPath);
    if (!isRecord(parsed))
      fail(
        `${configPath} must hold a JSON5 object ({ ... }), not ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}`,
        configPath,
      );
    const merged = resolveIncludes(parsed, configPath, 0, state);
    if (!isRecord(merged)) fail(`${configPath} must resolve to a JSON5 object after its includes`, configPath);
    const substituted = substituteEnv(merged, env);
    // OpenClaw's own wording for the first reference; the count keeps 200k references one problem.
    const problems: Problem[] = substituted.missing.map((missing) => ({
      severity: 'warning',
      message: `Missing env var "${missing.name}" - feature using this value will be unavailable${missing.count > 1 ? ` (referenced ${missing.count} times, first at ${missing.path})` : ''}`,
      file: configPath,
      path: missing.path,
    }));
    return { exists: true, config: substituted.value as Record<string, unknown>, files: state.files, problems, substituted: substituted.substituted };
  } catch (error) {
    const none = new Map<string, string[]>();
    if (error instanceof ConfigError) return { exists: true, config: null, files: state.files, problems: [error.problem], substituted: none };
    if (error instanceof SubstitutionError)
      return { exists: true, config: null, files: state.files, problems: [{ severity: 'error', message: error.message, file: configPath }], substituted: none };
    // JSON5 parses a million nested arrays; walking them for includes overflows the stack.
    const reason = error instanceof RangeError && /call stack/i.test(error.message) ? 'its values nest too deeply to walk' : (error as Error).message;
    return {
      exists: true,
      config: null,
      files: state.files,
      problems: [{ severity: 'error', message: `cannot load ${configPath}: ${reason}`, file: configPath }],
      substituted: none,
    };
  }
}
