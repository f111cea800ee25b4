// Shared reasoning for checks: which of two profiles a fix should move, and the port-move fix itself.
import type { Profile, PortSource } from '../model.js';
import type { CheckContext, Fix } from './api.js';
import { isGatewayUp } from '../attribute/live.js';
import { DEFAULT_PROFILE } from '../profiles/names.js';
import { freeBaseFinder } from '../fixes/free-port.js';
import type { LiveModel } from '../attribute/live.js';
import { moveGatewayPort, safeCommands } from '../fixes/commands.js';

// A port the operator chose (flag, env, config) is stronger than one that merely happened (hash, default).
const SOURCE_STRENGTH: Record<PortSource, number> = { flag: 4, env: 3, config: 2, 'profile-hash': 1, default: 0 };

function isRunning(context: CheckContext, profile: Profile): boolean {
  const gateway = context.live.profiles[profile.name]?.gateway;
  return gateway !== undefined && isGatewayUp(gateway);
}

function whichMoves(context: CheckContext, a: Profile, b: Profile): Profile {
  const runningA = isRunning(context, a);
  const runningB = isRunning(context, b);
  if (runningA !== runningB) return runningA ? b : a;
  const strength = SOURCE_STRENGTH[a.gatewayPort.source] - SOURCE_STRENGTH[b.gatewayPort.source];
  if (strength !== 0) return strength > 0 ? b : a;
  if (a.name === DEFAULT_PROFILE || b.name === DEFAULT_PROFILE) return a.name === DEFAULT_PROFILE ? b : a;
  return a.name.localeCompare(b.name) <= 0 ? b : a;
}

/**
 * Of two conflicting profiles, the one to change and the one that stays: never a running gateway when the
 * other is stopped, then the weaker port source, then not the default profile, then the later name.
 */
export function profileToMove(context: CheckContext, a: Profile, b: Profile): { moving: Profile; staying: Profile } {
  const moving = whichMoves(context, a, b);
  return { moving, staying: moving === a ? b : a };
}

export function listeningPorts(context: CheckContext): Set<number> {
  return new Set(context.live.snapshot.listeners.map((listener) => listener.port));
}

// One free-base index per observation and profile list: every port-move fix of a run shares it.
const finders = new WeakMap<LiveModel, { profiles: readonly Profile[]; layout: string; find: (moving: string) => number | null }>();

function freeBaseOf(context: CheckContext, moving: string): number | null {
  let cached = finders.get(context.live);
  if (!cached || cached.profiles !== context.profiles || cached.layout !== context.model.layout.version) {
    const find = freeBaseFinder({ profiles: context.profiles, listeningPorts: listeningPorts(context), layout: context.model.layout.version });
    cached = { profiles: context.profiles, layout: context.model.layout.version, find };
    finders.set(context.live, cached);
  }
  return cached.find(moving);
}

/** Move `profile` to a concrete free base port; null when no free base exists. */
export function movePortFix(context: CheckContext, profile: Profile): { port: number; fix: Fix } | null {
  const port = freeBaseOf(context, profile.name);
  const commands = port === null ? [] : safeCommands(() => moveGatewayPort(profile, port, context.model.invocation));
  return port === null || commands.length === 0 ? null : { port, fix: { commands } };
}

export function portRange(from: number, to: number): string {
  return from === to ? `port ${from}` : `ports ${from}-${to}`;
}

// Looked up per overlap, so by a map per profile list rather than a search through it.
const byName = new WeakMap<readonly Profile[], Map<string, Profile>>();

export function profileByName(context: CheckContext, name: string): Profile {
  let names = byName.get(context.profiles);
  if (!names) {
    names = new Map();
    // The first profile of a name wins, as Array.find gave it.
    for (const candidate of context.profiles) if (!names.has(candidate.name)) names.set(candidate.name, candidate);
    byName.set(context.profiles, names);
  }
  const profile = names.get(name);
  if (!profile) throw new Error(`unknown profile ${name}`);
  return profile;
}

/** Real path of a path the resolve stage saw; checks never touch the disk. */
export function real(context: CheckContext, file: string): string {
  return context.model.realPaths[file] ?? file;
}

/** One key for an unordered pair of profile names. */
export function pairKey(a: string, b: string): string {
  return [a, b].sort().join('\u0000');
}

/** The index pairs (i < j) of `items` that share a key, in the order a loop over every pair meets them. */
export function pairsSharingKey<T>(items: readonly T[], keysOf: (item: T) => Iterable<string | number>): Array<[number, number]> {
  const byKey = new Map<string | number, number[]>();
  items.forEach((item, index) => {
    for (const key of new Set(keysOf(item))) {
      const indexes = byKey.get(key);
      if (indexes) indexes.push(index);
      else byKey.set(key, [index]);
    }
  });
  const pairs = new Map<string, [number, number]>();
  for (const indexes of byKey.values()) {
    for (let i = 0; i < indexes.length; i += 1)
      for (let j = i + 1; j < indexes.length; j += 1) pairs.set(`${indexes[i]} ${indexes[j]}`, [indexes[i]!, indexes[j]!]);
  }
  return [...pairs.values()].sort(([a1, b1], [a2, b2]) => a1 - a2 || b1 - b2);
}

/** The index pairs (i < j) whose values lie less than `distance` apart, in pair-loop order, by one sorted sweep. */
export function pairsCloserThan(values: readonly number[], distance: number): Array<[number, number]> {
  const order = values.map((_, index) => index).sort((a, b) => values[a]! - values[b]!);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < order.length; i += 1) {
    for (let j = i + 1; j < order.length && values[order[j]!]! - values[order[i]!]! < distance; j += 1) {
      const [x, y] = [order[i]!, order[j]!];
      pairs.push(x < y ? [x, y] : [y, x]);
    }
  }
  return pairs.sort(([a1, b1], [a2, b2]) => a1 - a2 || b1 - b2);
}
