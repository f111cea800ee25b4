// `clawdoc doctor`: the findings as one versioned JSON envelope, or as text grouped by profile.
import type { ChalkInstance } from 'chalk';
import type { Finding, Severity } from '../doctor/api.js';
import type { DoctorResult, PlanView } from '../doctor/result.js';
import type { Profile } from '../model.js';
import { profileJson } from './profiles.js';
import { summarise } from './exit-code.js';
import { displayPath } from './style.js';
import { wrap, wrapCommand } from './wrap.js';
import { fingerprintOf } from './formats/fingerprint.js';

type PlannedFinding = Finding & { planSteps?: string[] };

/** Each finding with the ids of the `clawdoc fix` steps that resolve it: one host-wide plan, not one fix per finding. */
function withPlanSteps(result: DoctorResult, plan: PlanView): PlannedFinding[] {
  return result.findings.map((finding) => {
    const steps = plan.stepsByFinding['fingerprint' in finding && typeof finding.fingerprint === 'string' ? finding.fingerprint : fingerprintOf(finding)];
    return steps ? { ...finding, planSteps: steps } : finding;
  });
}

export function doctorJson(result: DoctorResult, plan: PlanView): object {
  const findings = withPlanSteps(result, plan);
  return {
    failOn: result.failOn,
    layout: result.model.layout.version,
    layoutReason: result.model.layout.reason,
    profiles: result.focus.map(profileJson),
    searched: result.model.searched,
    checksRun: result.checksRun.length,
    checks: result.checksRun,
    findings,
    summary: summarise(result.findings),
  };
}

const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

function colourFor(chalk: ChalkInstance, severity: Severity): (text: string) => string {
  return severity === 'error' ? chalk.red : severity === 'warning' ? chalk.yellow : chalk.blue;
}

function commandLine(command: string, chalk: ChalkInstance): string {
  return wrapCommand(command, '      $ ', '          ').replace(/^( {6})\$/, `$1${chalk.cyan('$')}`);
}

/**
 * A finding the host-wide plan resolves shows that plan's steps, so no two commands on the page contradict
 * each other; the finding's own fix shows only where the plan does not reach.
 */
function findingText(finding: PlannedFinding, plan: PlanView, chalk: ChalkInstance, verbose: boolean): string {
  const colour = colourFor(chalk, finding.severity);
  const lines = [`  ${colour(SYMBOL[finding.severity])} ${colour(finding.severity)} ${chalk.dim(finding.checkId)}`];
  lines.push(wrap(finding.message, '    '));
  lines.push(chalk.dim(wrap(`fix: ${finding.fixHint}`, '      ', undefined, '    ')));
  const steps = plan.steps.filter((step) => finding.planSteps?.includes(step.id));
  if (steps.length === 0) {
    for (const command of finding.fix?.commands ?? []) lines.push(commandLine(command, chalk));
  } else {
    lines.push(chalk.dim(`    the host-wide plan (\`clawdoc fix\`), step${steps.length === 1 ? '' : 's'} ${steps.map((step) => step.id).join(', ')}:`));
    for (const step of steps) for (const command of step.commands) lines.push(commandLine(command, chalk));
  }
  if (verbose) {
    for (const [key, value] of Object.entries(finding.evidence)) {
      lines.push(chalk.dim(wrap(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`, '        ', undefined, '      · ')));
    }
  }
  return lines.join('\n');
}

function profileHeading(profile: Profile, home: string, chalk: ChalkInstance): string {
  return `${chalk.bold(profile.name)} ${chalk.dim(`${displayPath(profile.stateDir, home)} · port ${profile.gatewayPort.port} (${profile.gatewayPort.source})`)}`;
}

function summaryLine(findings: readonly Finding[], checksRun: number, chalk: ChalkInstance): string {
  const summary = summarise(findings);
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const parts = [
    colourFor(chalk, 'error')(`${SYMBOL.error} ${plural(summary.error, 'error')}`),
    colourFor(chalk, 'warning')(`${SYMBOL.warning} ${plural(summary.warning, 'warning')}`),
    colourFor(chalk, 'info')(`${SYMBOL.info} ${summary.info} info`),
  ];
  return `${parts.join('  ')}  ${chalk.dim(`· ${plural(checksRun, 'check')} run`)}`;
}

export function doctorText(result: DoctorResult, plan: PlanView, chalk: ChalkInstance, verbose: boolean): string {
  const home = result.model.invocation.home;
  const lines: string[] = [];
  const names = result.focus.map((profile) => profile.name);
  lines.push(
    chalk.dim(
      wrap(
        `clawdoc doctor · ${names.length} profile${names.length === 1 ? '' : 's'} (${names.join(', ')}) · layout ${result.model.layout.version}: ${result.model.layout.reason}`,
        '  ',
        undefined,
        '',
      ),
    ),
  );
  lines.push('');
  const all = withPlanSteps(result, plan);
  const groups: Array<{ heading: string; findings: Finding[] }> = result.focus.map((profile) => ({
    heading: profileHeading(profile, home, chalk),
    findings: all.filter((finding) => finding.profile === profile.name),
  }));
  const focusNames = new Set(names);
  const hostWide = all.filter((finding) => finding.profile === null || !focusNames.has(finding.profile));
  if (hostWide.length > 0) groups.push({ heading: chalk.bold('host'), findings: hostWide });
  for (const group of groups) {
    lines.push(group.heading);
    if (group.findings.length === 0) lines.push(`  ${chalk.green('✔')} no findings`);
    for (const finding of group.findings) lines.push(findingText(finding, plan, chalk, verbose));
    lines.push('');
  }
  if (verbose) {
    const failed = new Set(result.findings.map((finding) => finding.checkId));
    const passed = result.checks.filter((check) => result.checksRun.includes(check.id) && !failed.has(check.id));
    if (passed.length > 0) {
      lines.push(chalk.bold('passed'));
      for (const check of passed) lines.push(`  ${chalk.green('✔')} ${chalk.dim(check.id)}\n${wrap(check.title, '    ')}`);
      lines.push('');
    }
  }
  lines.push(summaryLine(result.findings, result.checksRun.length, chalk));
  return lines.join('\n');
}
