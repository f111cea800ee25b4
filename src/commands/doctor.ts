// `clawdoc doctor`: every selected check over one observation, and the exit code of what they found.
import { checkHost } from '../pipeline.js';
import { builtinChecks } from '../../checks/index.js';
import { assertUniqueIds, loadPlugins, PluginError } from '../doctor/plugins.js';
import type { Check, Severity } from '../doctor/api.js';
import { nothingFound } from '../report/profiles.js';
import { doctorJson, doctorText } from '../report/doctor.js';
import { visibleAll } from '../report/visible.js';
import { EXIT_OK } from '../runtime.js';
import { observe, profilesInScope, UsageError, writeJson, type Context } from './context.js';

export interface DoctorFlags {
  only: string[];
  skip: string[];
  failOn: Severity;
  verbose?: boolean;
  plugin: string[];
}

export async function allChecks(pluginSpecifiers: readonly string[], cwd: string): Promise<Check[]> {
  try {
    const checks = [...builtinChecks, ...(await loadPlugins(pluginSpecifiers, cwd))];
    assertUniqueIds(checks);
    return checks;
  } catch (error) {
    if (error instanceof PluginError) throw new UsageError(error.message);
    throw error;
  }
}

function assertKnownIds(checks: readonly Check[], patterns: readonly string[], flag: string): void {
  for (const pattern of patterns) {
    const bare = pattern.replace(/\/$/, '');
    if (!checks.some((check) => check.id === bare || check.id.startsWith(`${bare}/`))) {
      throw new UsageError(`${flag} ${pattern}: no such check; \`clawdoc checks\` lists them`);
    }
  }
}

export async function runDoctorCommand(context: Context, flags: DoctorFlags): Promise<number> {
  const { runtime, options, model, chalk } = context;
  const checks = await allChecks(flags.plugin, runtime.cwd);
  assertKnownIds(checks, flags.only, '--only');
  assertKnownIds(checks, flags.skip, '--skip');
  const focus = profilesInScope(context);
  if (focus.length === 0 && !options.json) {
    runtime.out(nothingFound(visibleAll(model)));
    return EXIT_OK;
  }
  const live = await observe(context);
  const result = checkHost(model, focus, live, { checks, selection: { only: flags.only, skip: flags.skip }, failOn: flags.failOn });
  if (options.json) writeJson(runtime, 'doctor', result.exitCode === 0, doctorJson(result));
  else runtime.out(doctorText(visibleAll(result), chalk, Boolean(flags.verbose)));
  return result.exitCode;
}
