// Report formats of `doctor` and `watch`: the one ReportInput of a run, the renderer per format, and the atomic --output write.
import fs from 'node:fs';
import path from 'node:path';
import type { DoctorResult } from '../doctor/result.js';
import { toReportFinding, type ReportFinding, type ReportInput } from '../report/formats/input.js';
import { renderSarif } from '../report/formats/sarif.js';
import { renderJunit } from '../report/formats/junit.js';
import { renderGithub } from '../report/formats/github.js';
import { renderPrometheus } from '../report/formats/prometheus.js';
import type { Runtime } from '../runtime.js';
import { VERSION } from '../version.js';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'prometheus'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/** A doctor result whose findings carry their fingerprints (and whatever a baseline left of them). */
export type ReportedResult = Omit<DoctorResult, 'findings'> & { findings: readonly ReportFinding[] };

/** When a run started and ended, by the runtime's clock (fixed in tests, so reports stay reproducible). */
export interface RunTimes {
  startedAt: Date;
  endedAt: Date;
}

export function withFingerprints(result: DoctorResult): ReportedResult {
  return { ...result, findings: result.findings.map(toReportFinding) };
}

/** The one place a doctor result becomes the input of every CI and fleet renderer. */
export function reportInputOf(result: ReportedResult, runtime: Runtime, times: RunTimes): ReportInput {
  return {
    tool: { name: 'clawdoc', version: VERSION },
    host: { hostname: runtime.hostname, platform: runtime.platform },
    generatedAt: times.endedAt.toISOString(),
    durationMs: Math.max(0, times.endedAt.getTime() - times.startedAt.getTime()),
    failOn: result.failOn,
    checks: result.checks.map((check) => ({ id: check.id, title: check.title, scope: check.scope, looksAt: check.looksAt })),
    checksRun: [...result.checksRun],
    profiles: result.focus.map((profile) => {
      const gateway = result.live.profiles[profile.name]?.gateway;
      return {
        name: profile.name,
        stateDir: profile.stateDir,
        configPath: profile.configPath,
        gatewayPort: profile.gatewayPort.port,
        gateway: gateway ? { state: gateway.state, port: gateway.port } : null,
      };
    }),
    findings: [...result.findings],
  };
}

/** The machine formats; text and json are rendered by the command itself. */
export function renderMachineFormat(format: Exclude<OutputFormat, 'text' | 'json'>, input: ReportInput): string {
  switch (format) {
    case 'sarif':
      return renderSarif(input);
    case 'junit':
      return renderJunit(input);
    case 'github':
      return renderGithub(input);
    case 'prometheus':
      return renderPrometheus(input);
  }
}

/**
 * Writes `text` to `file` so a reader (node_exporter, a CI upload) never sees half a file: a temp
 * file in the same directory, then rename, which is atomic on POSIX within one file system.
 */
export function writeFileAtomically(file: string, text: string): void {
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, text.endsWith('\n') ? text : `${text}\n`, { mode: 0o644 });
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
