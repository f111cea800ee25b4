// Runs the checks over one frozen context: a throwing check becomes an error finding, findings come out sorted.
import type { Check, CheckContext, Finding, FindingDraft, Severity } from './api.js';
import type { LayoutVersion } from '../model.js';

export interface CheckSelection {
  only: readonly string[];
  skip: readonly string[];
}

export interface CheckRun {
  findings: Finding[];
  checksRun: string[];
  checksSkipped: string[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.checkId.localeCompare(b.checkId) ||
    (a.profile ?? '').localeCompare(b.profile ?? '') ||
    (a.path ?? '').localeCompare(b.path ?? '') ||
    a.message.localeCompare(b.message)
  );
}

/** `ports/` selects every check under that folder; `ports/spacing` selects one. */
export function matchesId(id: string, pattern: string): boolean {
  const bare = pattern.replace(/\/$/, '');
  return id === bare || id.startsWith(`${bare}/`);
}

function isSelected(check: Check, selection: CheckSelection): boolean {
  if (selection.only.length > 0 && !selection.only.some((pattern) => matchesId(check.id, pattern))) return false;
  return !selection.skip.some((pattern) => matchesId(check.id, pattern));
}

/** A host-wide finding concerns the focus when it involves a focused profile, or no profile at all. */
function concernsFocus(finding: Finding, focus: ReadonlySet<string>): boolean {
  if (finding.profiles.length === 0) return finding.profile === null;
  return finding.profiles.some((name) => focus.has(name));
}

/** The finding as the report shows it: only known fields, so a plugin's stray keys do not leak. */
function stamp(checkId: string, draft: FindingDraft): Finding {
  const profiles = draft.profiles ?? (draft.profile !== null ? [draft.profile] : []);
  const involved = draft.profile !== null && !profiles.includes(draft.profile) ? [...profiles, draft.profile] : profiles;
  return {
    checkId,
    severity: draft.severity,
    profile: draft.profile,
    profiles: involved,
    message: draft.message,
    ...(draft.path !== undefined ? { path: draft.path } : {}),
    fixHint: draft.fixHint,
    ...(draft.fix !== undefined ? { fix: { commands: [...draft.fix.commands] } } : {}),
    evidence: draft.evidence,
  };
}

function runOne(check: Check, context: CheckContext): Finding[] {
  if (check.scope === 'profile') {
    return context.focus.flatMap((profile) =>
      check.run({ ...context, profile, own: context.live.profiles[profile.name]! }).map((draft) => stamp(check.id, draft)),
    );
  }
  const focus = new Set(context.focus.map((profile) => profile.name));
  return check
    .run(context)
    .map((draft) => stamp(check.id, draft))
    .filter((finding) => concernsFocus(finding, focus));
}

/** The ids of the checks a run runs: selected by --only/--skip and applying to the layout. */
export function selectedCheckIds(checks: readonly Check[], selection: CheckSelection, layout: LayoutVersion): Set<string> {
  return new Set(checks.filter((check) => isSelected(check, selection) && (!check.layouts || check.layouts.includes(layout))).map((check) => check.id));
}

export function runChecks(checks: readonly Check[], context: CheckContext, selection: CheckSelection): CheckRun {
  const findings: Finding[] = [];
  const checksRun: string[] = [];
  const checksSkipped: string[] = [];
  for (const check of checks) {
    const applies = !check.layouts || check.layouts.includes(context.model.layout.version);
    if (!isSelected(check, selection) || !applies) {
      checksSkipped.push(check.id);
      continue;
    }
    checksRun.push(check.id);
    try {
      findings.push(...runOne(check, context));
    } catch (error) {
      findings.push({
        checkId: check.id,
        severity: 'error',
        profile: null,
        profiles: [],
        message: `the check ${check.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        fixHint: 'This is a bug in the check; the other checks still ran. Rerun with --skip ' + check.id + ' and report it.',
        evidence: { error: error instanceof Error ? error.message : String(error) },
      });
    }
  }
  return { findings: findings.sort(compareFindings), checksRun, checksSkipped };
}
