// `clawdoc ports`: the port plan of each profile, a lane chart on a shared axis, and the overlaps.
import type { ChalkInstance } from 'chalk';
import type { HostModel, Overlap, PortPlanEntry, PortRole, Profile } from '../model.js';
import { displayPath } from './style.js';
import { roleLabel } from '../ports/overlaps.js';
import { REPORT_WIDTH, wrap } from './wrap.js';

function portEntryJson(entry: PortPlanEntry): object {
  const where = entry.from === entry.to && entry.role !== 'cdp-band' ? { port: entry.from } : { from: entry.from, to: entry.to };
  return { role: entry.role, ...where, bind: entry.bind, source: entry.source, ...(entry.label ? { label: entry.label } : {}) };
}

function overlapJson(overlap: Overlap): object {
  return {
    port: overlap.from,
    from: overlap.from,
    to: overlap.to,
    profiles: [overlap.a.profile, overlap.b.profile],
    roles: [overlap.a.entry.role, overlap.b.entry.role],
  };
}

/** The overlaps that involve a profile in scope: with one profile, its overlaps with every other one. */
function overlapsInScope(model: HostModel, profiles: readonly Profile[]): Overlap[] {
  const names = new Set(profiles.map((profile) => profile.name));
  return model.overlaps.filter((overlap) => names.has(overlap.a.profile) || names.has(overlap.b.profile));
}

export function portsJson(model: HostModel, profiles: readonly Profile[]): object {
  return {
    layout: model.layout.version,
    layoutReason: model.layout.reason,
    profiles: profiles.map((profile) => ({ name: profile.name, ports: profile.plan.map(portEntryJson) })),
    overlaps: overlapsInScope(model, profiles).map(overlapJson),
  };
}

const ROLE_GLYPH: Record<PortRole, string> = {
  gateway: 'G',
  sandbox: 's',
  'browser-control': 'c',
  'extension-relay': 'r',
  canvas: 'v',
  cdp: '*',
  webhook: 'w',
  'cdp-band': '=',
};
// When several roles share one cell, the more specific one is drawn.
const ROLE_PRIORITY: readonly PortRole[] = ['gateway', 'cdp', 'browser-control', 'sandbox', 'canvas', 'webhook', 'extension-relay', 'cdp-band'];

const CHART_WIDTH = 60;
const CLUSTER_GAP = 150;
const LANE_LABEL_WIDTH = 12;

interface Cluster {
  from: number;
  to: number;
}

/** Groups the planned ports into stretches of the axis, so distant ports do not squash the chart. */
function clusters(profiles: readonly Profile[]): Cluster[] {
  const spans = profiles.flatMap((profile) => profile.plan.map((entry) => ({ from: entry.from, to: entry.to }))).sort((a, b) => a.from - b.from);
  const merged: Cluster[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.from <= last.to + CLUSTER_GAP) last.to = Math.max(last.to, span.to);
    else merged.push({ ...span });
  }
  return merged;
}

function glyphFor(entries: readonly PortPlanEntry[]): string {
  for (const role of ROLE_PRIORITY) if (entries.some((entry) => entry.role === role)) return ROLE_GLYPH[role];
  return ' ';
}

function laneLabel(name: string): string {
  return name.length >= LANE_LABEL_WIDTH ? `${name.slice(0, LANE_LABEL_WIDTH - 2)}… ` : name.padEnd(LANE_LABEL_WIDTH);
}

function drawCluster(cluster: Cluster, profiles: readonly Profile[], overlaps: readonly Overlap[], chalk: ChalkInstance): string[] {
  const span = cluster.to - cluster.from + 1;
  const width = Math.min(CHART_WIDTH, span);
  const scale = Math.ceil(span / width);
  const cells = Math.ceil(span / scale);
  const cellRange = (index: number) => ({ from: cluster.from + index * scale, to: Math.min(cluster.to, cluster.from + (index + 1) * scale - 1) });
  const hits = (a: { from: number; to: number }, b: { from: number; to: number }) => a.from <= b.to && b.from <= a.to;

  const lines: string[] = [];
  const header = `ports ${cluster.from}-${cluster.to}${scale > 1 ? `, one column = ${scale} ports` : ''}`;
  lines.push(chalk.dim(header));
  const marked = new Set<number>();
  for (let index = 0; index < cells; index += 1) {
    if (overlaps.some((overlap) => hits(overlap, cellRange(index)))) marked.add(index);
  }
  for (const profile of profiles) {
    const inCluster = profile.plan.filter((entry) => hits(entry, cluster));
    if (inCluster.length === 0) continue;
    let lane = '';
    for (let index = 0; index < cells; index += 1) {
      const glyph = glyphFor(inCluster.filter((entry) => hits(entry, cellRange(index))));
      lane += glyph === ' ' ? chalk.dim('·') : marked.has(index) ? chalk.red.bold(glyph) : glyph;
    }
    lines.push(`${laneLabel(profile.name)}${lane}`);
  }
  if (marked.size > 0) {
    let markers = '';
    for (let index = 0; index < cells; index += 1) markers += marked.has(index) ? '^' : ' ';
    lines.push(`${laneLabel('overlap')}${chalk.red(markers.trimEnd())}`);
  }
  // The axis ends where the header's range ends, under the last cell (which holds cluster.to).
  const axisGap = Math.max(1, cells - String(cluster.from).length - String(cluster.to).length);
  lines.push(chalk.dim(`${' '.repeat(LANE_LABEL_WIDTH)}${cluster.from}${cells > 1 ? `${' '.repeat(axisGap)}${cluster.to}` : ''}`));
  return lines;
}

const ROLE_NAME: Record<PortRole, string> = {
  gateway: 'gateway',
  sandbox: 'sandbox',
  'browser-control': 'browser control',
  'extension-relay': 'extension relay',
  canvas: 'canvas',
  cdp: 'CDP',
  webhook: 'webhook',
  'cdp-band': 'CDP band',
};

/** The legend of the glyphs this chart draws, and no other. */
function legendOf(profiles: readonly Profile[], overlaps: readonly Overlap[]): string {
  const drawn = new Set(profiles.flatMap((profile) => profile.plan.map((entry) => entry.role)));
  const items = ROLE_PRIORITY.filter((role) => drawn.has(role)).map((role) => `${ROLE_GLYPH[role]} ${ROLE_NAME[role]}`);
  if (overlaps.length > 0) items.push('^ overlap');
  const lines = [''];
  for (const item of items) {
    const line = lines[lines.length - 1]!;
    if (line === '') lines[lines.length - 1] = item;
    else if (line.length + 2 + item.length <= REPORT_WIDTH) lines[lines.length - 1] = `${line}  ${item}`;
    else lines.push(item);
  }
  return lines.join('\n');
}

function portsChart(profiles: readonly Profile[], overlaps: readonly Overlap[], chalk: ChalkInstance): string {
  const blocks = clusters(profiles).map((cluster) => drawCluster(cluster, profiles, overlaps, chalk).join('\n'));
  return [...blocks, chalk.dim(legendOf(profiles, overlaps))].join('\n\n');
}

const SOURCE_COLUMN = 2 + 26 + 12 + 11;

function entryText(entry: PortPlanEntry): string {
  const where = entry.from === entry.to ? String(entry.from) : `${entry.from}-${entry.to}`;
  const role = roleLabel(entry);
  const columns = `  ${role.padEnd(26)}${where.padEnd(12)}${entry.bind.padEnd(11)}`;
  return wrap(entry.source, ' '.repeat(SOURCE_COLUMN), undefined, columns);
}

function overlapText(overlap: Overlap): string {
  const where = overlap.from === overlap.to ? `port ${overlap.from}` : `ports ${overlap.from}-${overlap.to}`;
  return `${where}: ${overlap.a.profile} ${roleLabel(overlap.a.entry)} and ${overlap.b.profile} ${roleLabel(overlap.b.entry)}`;
}

export function portsText(model: HostModel, profiles: readonly Profile[], chalk: ChalkInstance): string {
  const lines: string[] = [];
  for (const profile of profiles) {
    lines.push(
      `${chalk.bold(profile.name)} ${chalk.dim(`base ${profile.gatewayPort.port} from ${profile.gatewayPort.source} (${displayPath(profile.gatewayPort.detail, model.invocation.home)})`)}`,
    );
    for (const entry of profile.plan) lines.push(entryText(entry));
    lines.push('');
  }
  const overlaps = overlapsInScope(model, profiles);
  lines.push(portsChart(profiles, overlaps, chalk), '');
  if (overlaps.length === 0) {
    const all = profiles.length === model.profiles.length;
    lines.push(
      chalk.green(all ? 'No two profiles plan the same port.' : `No other profile plans a port of ${profiles.map((profile) => profile.name).join(', ')}.`),
    );
  } else {
    lines.push(chalk.red(`${overlaps.length} overlap${overlaps.length === 1 ? '' : 's'} between profiles:`));
    for (const overlap of overlaps) lines.push(`  ${overlapText(overlap)}`);
  }
  lines.push(chalk.dim(`layout ${model.layout.version}: ${model.layout.reason}`));
  return lines.join('\n');
}
