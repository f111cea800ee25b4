// A profile's config cannot be loaded, holds values OpenClaw rejects, or names env vars that are not set.
import { defineCheck } from '../../src/doctor/api.js';
import { addToEnvFile, fixOf, openclawAtCommand, openclawAtHint } from '../../src/fixes/commands.js';
import type { Problem } from '../../src/model.js';
import { redact } from '../../src/redact.js';

function where(problem: Problem): string | null {
  if (!problem.file) return null;
  if (problem.line === undefined) return problem.file;
  return `${problem.file}:${problem.line}${problem.column !== undefined ? `:${problem.column}` : ''}`;
}

// OpenClaw reports a missing ${VAR} as `Missing env var "X" - feature using this value will be unavailable` (2026.9.6).
const MISSING_VAR = /^Missing env var "([A-Z_][A-Z0-9_]*)"/;

export default defineCheck({
  id: 'config/invalid',
  title: "Every profile's config loads and its values have the right types",
  scope: 'profile',
  looksAt: 'the JSON5 config, its $include files and ${VAR} references, and the types of the keys clawdoc reads',
  run(context) {
    const { profile } = context;
    return profile.problems.map((problem) => {
      const location = where(problem);
      const text = redact(problem.message);
      const missingVar = MISSING_VAR.exec(problem.message)?.[1];
      // A config that exists but could not be loaded (syntax, include, unreadable): OpenClaw then runs on its defaults (OPENCLAW.md section 2).
      const unloadable = problem.severity === 'error' && profile.configExists && profile.config === null;
      // Loader messages often name their file already; say it once.
      const named = location && !problem.message.includes(problem.file ?? '\u0000') ? ` (${location})` : '';
      const key = problem.path ? `, key ${problem.path}` : '';
      const message = `${profile.name}: ${text}${named}${unloadable ? '; OpenClaw falls back to its defaults for this profile' : ''}`;
      if (missingVar) {
        const envFile = `${profile.stateDir}/.env`;
        return {
          severity: problem.severity,
          profile: profile.name,
          message,
          ...(problem.path ? { path: problem.path } : {}),
          fixHint: `Set ${missingVar} where ${profile.name}'s gateway reads it: add it to ${envFile} (read by this profile's gateway and CLI, whatever starts them) or to its service's environment; it feeds ${problem.path ?? 'a value'} in ${problem.file ?? profile.configPath}.`,
          ...fixOf(() => [addToEnvFile(profile.stateDir, missingVar, context.model.invocation)]),
          evidence: { ...problem, message: text, variable: missingVar },
        };
      }
      return {
        severity: problem.severity,
        profile: profile.name,
        message,
        ...(problem.path ? { path: problem.path } : {}),
        fixHint: `Edit ${location ?? profile.configPath}${key}, then check it with \`${openclawAtHint(profile, ['config', 'validate'], context.model.invocation)}\`.`,
        // Not a fix by itself: the command that confirms the edit took, in OpenClaw's own terms.
        ...fixOf(() => [openclawAtCommand(profile, ['config', 'validate'], context.model.invocation)]),
        evidence: { ...problem, message: text },
      };
    });
  },
});
