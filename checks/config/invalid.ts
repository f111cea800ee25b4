// A profile's config cannot be loaded, or holds values OpenClaw rejects or cannot fill.
import { defineCheck } from '../../src/checks/api.js';
import { openclawFor } from '../../src/fixes/commands.js';
import type { Problem } from '../../src/model.js';

function where(problem: Problem): string {
  if (!problem.file) return '';
  return `${problem.file}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''}`;
}

export default defineCheck({
  id: 'config/invalid',
  title: 'Every profile\'s config loads and its values have the right types',
  scope: 'profile',
  looksAt: 'the JSON5 config, its $include files and ${VAR} references, and the types of the keys clawdoc reads',
  run({ profile }) {
    return profile.problems.map((problem) => {
      const location = where(problem);
      const missingVar = /^Missing env var "([A-Z_][A-Z0-9_]*)"/.exec(problem.message)?.[1];
      const unloadable = problem.severity === 'error' && profile.configExists && profile.config === null;
      const named = location !== '' && !problem.message.includes(problem.file ?? '\u0000') ? ` (${location})` : '';
      return {
        severity: problem.severity,
        profile: profile.name,
        message: `${profile.name}: ${problem.message}${named}${unloadable ? '; OpenClaw falls back to its defaults for this profile' : ''}`,
        ...(problem.path ? { path: problem.path } : {}),
        fixHint: missingVar
          ? `Set ${missingVar} in the environment the gateway runs with (its service), or change ${problem.path ?? 'the key'}.`
          : `Edit ${location || profile.configPath}${problem.path ? `, key ${problem.path}` : ''}, then check it with \`${openclawFor(profile)} config validate\`.`,
        fix: { commands: missingVar ? [`export ${missingVar}=<value>`] : [`${openclawFor(profile)} config validate`] },
        evidence: { ...problem },
      };
    });
  },
});
