// `clawdoc fix`: the host-wide plan as text (numbered steps, then what stays manual) or as JSON fields.
import type { ChalkInstance } from 'chalk';
import type { FixPlan, PlanStep } from '../plan/types.js';
import { wrap, wrapCommand } from './wrap.js';

/** What `fix` reports after applying: each step's outcome and the files it backed up. */
export interface AppliedStep {
  id: string;
  status: 'done' | 'skipped' | 'failed';
  reason?: string;
  /** `backup` is null for a file the step created. */
  backups: Array<{ file: string; backup: string | null }>;
}

export interface FixReport {
  plan: FixPlan;
  applied?: AppliedStep[];
  journal?: string;
  /** Warning/error findings seen after applying. */
  after?: Array<{ checkId: string; profile: string | null; message: string }>;
}

export function fixJson(report: FixReport): object {
  const { plan } = report;
  return {
    proven: plan.proven,
    steps: plan.steps.map((step) => ({
      id: step.id,
      kind: step.kind,
      profile: step.profile,
      resolves: step.resolves,
      why: step.why,
      commands: step.commands.map((command) => ({
        argv: [...command.line.argv],
        ...(command.line.env ? { env: { ...command.line.env } } : {}),
        text: command.text,
      })),
      touchesRunningGateway: step.touchesRunningGateway,
      undoable: step.undoable,
      ...(step.requires ? { requires: step.requires } : {}),
      files: step.files,
    })),
    changes: plan.changes,
    resolved: plan.resolved,
    manual: plan.remainder,
    introduced: plan.introduced,
    ...(report.applied ? { applied: report.applied } : {}),
    ...(report.journal ? { journal: report.journal } : {}),
    ...(report.after ? { after: report.after } : {}),
  };
}

const REQUIRES: Record<NonNullable<PlanStep['requires']>, string> = {
  'restart-unmanaged': 'runs with --apply --restart-unmanaged only',
  'operator-shell': 'run it in your own shell; --apply cleans these variables from the commands it runs',
  'manual-edit': "do it by hand; --apply skips it, and this profile's later steps wait for it",
};

function stepText(step: PlanStep, chalk: ChalkInstance): string {
  const flags = [step.touchesRunningGateway ? 'touches a running gateway' : null, step.undoable ? null : 'not undoable'].filter(Boolean);
  const heading = `${chalk.bold(step.id)} ${step.kind}${step.profile ? ` · ${step.profile}` : ''}${flags.length > 0 ? chalk.dim(` (${flags.join(', ')})`) : ''}`;
  const lines = [`  ${heading}`, chalk.dim(wrap(step.why, '    '))];
  for (const command of step.commands) lines.push(wrapCommand(command.text, '    $ ', '        ').replace(/^( {4})\$/, `$1${chalk.cyan('$')}`));
  if (step.requires) lines.push(chalk.yellow(wrap(REQUIRES[step.requires], '      ', undefined, '    ! ')));
  return lines.join('\n');
}

export function fixText(report: FixReport, chalk: ChalkInstance): string {
  const { plan } = report;
  const lines: string[] = [];
  if (plan.steps.length === 0 && plan.remainder.length === 0) return `${chalk.green('✔')} nothing to fix: no warning or error on this host`;
  if (plan.steps.length > 0) {
    lines.push(
      chalk.bold(
        `clawdoc fix · ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} · resolves ${plan.resolved.length} finding${plan.resolved.length === 1 ? '' : 's'} (checked on a simulated copy of this host)`,
      ),
    );
    lines.push('');
    for (const step of plan.steps) lines.push(stepText(step, chalk), '');
  }
  if (!plan.proven) {
    lines.push(chalk.red(wrap('No plan is offered: applied to a copy of this host it did not converge.', '  ', undefined, '')));
    for (const finding of plan.introduced) lines.push(wrap(`it would cause ${finding.checkId}: ${finding.message}`, '    ', undefined, '  - '));
    lines.push('');
  }
  if (plan.remainder.length > 0) {
    lines.push(chalk.bold('manual'));
    for (const item of plan.remainder) {
      lines.push(`  ${chalk.yellow('•')} ${item.checkId}${item.profile ? ` · ${item.profile}` : ''}`);
      lines.push(wrap(item.message, '    '));
      lines.push(chalk.dim(wrap(item.reason, '      ', undefined, '    → ')));
    }
    lines.push('');
  }
  if (report.applied) {
    lines.push(chalk.bold('applied'));
    for (const step of report.applied) {
      lines.push(
        `  ${step.status === 'done' ? chalk.green('✔') : step.status === 'failed' ? chalk.red('✖') : chalk.yellow('-')} ${step.id} ${step.status}${step.reason ? `: ${step.reason}` : ''}`,
      );
      for (const backup of step.backups)
        lines.push(chalk.dim(wrap(`backup of ${backup.file}: ${backup.backup ?? 'none (the step created it)'}`, '      ', undefined, '    ')));
    }
    if (report.journal) lines.push(chalk.dim(wrap(`journal: ${report.journal} (undo with clawdoc fix --undo)`, '    ', undefined, '  ')));
    lines.push('');
  }
  if (report.after) {
    lines.push(report.after.length === 0 ? `${chalk.green('✔')} observed again: no warning or error remains` : chalk.bold('still found after applying'));
    for (const finding of report.after)
      lines.push(wrap(`${finding.checkId}${finding.profile ? ` · ${finding.profile}` : ''}: ${finding.message}`, '    ', undefined, '  - '));
  } else if (plan.steps.length > 0) {
    lines.push(chalk.dim('Apply with: clawdoc fix --apply (asks first; --yes to skip the question)'));
  }
  return lines.join('\n').replace(/\n+$/, '');
}
