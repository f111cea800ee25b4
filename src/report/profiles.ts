// `clawdoc profiles`: one row per profile, as JSON and as text.
import type { ChalkInstance } from 'chalk';
import type { HostModel, Problem, Profile } from '../model.js';
import { displayPath } from './style.js';

export interface ProfileJson {
  name: string;
  stateDir: string;
  configPath: string;
  configExists: boolean;
  gatewayPort: number;
  gatewayPortSource: string;
  gatewayPortDetail: string;
  cliPort: number;
  cliPortSource: string;
  gatewayBind: string;
  workspace: string;
  workspaces: { agent: string; path: string; source: string }[];
  foundIn: string[];
  services: { manager: string; name: string; file: string; port: number | null }[];
  locks: { file: string; pid: number | null; port: number | null; problem: string | null }[];
  problems: Problem[];
}

export function profileJson(profile: Profile): ProfileJson {
  return {
    name: profile.name,
    stateDir: profile.stateDir,
    configPath: profile.configPath,
    configExists: profile.configExists,
    gatewayPort: profile.gatewayPort.port,
    gatewayPortSource: profile.gatewayPort.source,
    gatewayPortDetail: profile.gatewayPort.detail,
    cliPort: profile.cliPort.port,
    cliPortSource: profile.cliPort.source,
    gatewayBind: profile.gatewayBind,
    workspace: profile.workspace,
    workspaces: profile.workspaces.map((entry) => ({ ...entry })),
    foundIn: [...profile.foundIn],
    services: profile.services.map((service) => ({ manager: service.manager, name: service.name, file: service.file, port: service.portArg })),
    locks: profile.locks.map((lock) => ({ file: lock.file, pid: lock.pid, port: lock.port, problem: lock.problem })),
    problems: profile.problems.map((problem) => ({ ...problem })),
  };
}

export function profilesJson(model: HostModel): object {
  return {
    home: model.invocation.home,
    layout: model.layout.version,
    layoutReason: model.layout.reason,
    profiles: model.profiles.map(profileJson),
    notes: model.notes,
    searched: model.searched,
  };
}

function describeProblem(problem: Problem, home: string): string {
  const where = problem.file
    ? `${displayPath(problem.file, home)}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}: `
    : '';
  return `${where}${problem.message}`;
}

/** What to print when the host has no OpenClaw profile at all: where clawdoc looked. */
export function nothingFound(model: HostModel): string {
  const lines = [`No OpenClaw profile found under ${model.invocation.home}.`, 'Looked in:'];
  for (const place of model.searched) lines.push(`  ${displayPath(place, model.invocation.home)}`);
  lines.push(
    '',
    'To look at another home: clawdoc --home <dir> doctor --all-profiles',
    'A sample home ships in the repository: --home fixtures/homes/rescue-in-cdp-band',
  );
  return lines.join('\n');
}

export function profilesText(model: HostModel, chalk: ChalkInstance): string {
  const home = model.invocation.home;
  if (model.profiles.length === 0) return nothingFound(model);
  const lines: string[] = [];
  for (const profile of model.profiles) {
    lines.push(chalk.bold(profile.name));
    lines.push(`  state dir   ${displayPath(profile.stateDir, home)}`);
    lines.push(`  config      ${displayPath(profile.configPath, home)}${profile.configExists ? '' : chalk.dim(' (none: defaults apply)')}`);
    lines.push(`  port        ${profile.gatewayPort.port} ${chalk.dim(`(${profile.gatewayPort.source}: ${displayPath(profile.gatewayPort.detail, home)})`)}`);
    if (profile.cliPort.port !== profile.gatewayPort.port) {
      lines.push(`  cli port    ${profile.cliPort.port} ${chalk.dim(`(${profile.cliPort.source}: what \`openclaw --profile ${profile.name} status\` uses)`)}`);
    }
    lines.push(`  workspace   ${displayPath(profile.workspace, home)}`);
    lines.push(`  found in    ${profile.foundIn.join(', ')}`);
    for (const problem of profile.problems) {
      const mark = problem.severity === 'error' ? chalk.red('✖') : chalk.yellow('⚠');
      lines.push(`  ${mark} ${describeProblem(problem, home)}`);
    }
    lines.push('');
  }
  for (const note of model.notes) lines.push(`${chalk.yellow('⚠')} ${displayPath(note.path, home)}: ${note.message}`);
  lines.push(chalk.dim(`layout ${model.layout.version}: ${model.layout.reason}`));
  return lines.join('\n');
}
