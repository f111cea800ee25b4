// Things discovery saw that are not usable profiles: invalid dir names, unreadable dirs, services and locks of no profile.
import path from 'node:path';
import { defineCheck } from '../../src/checks/api.js';
import { shellQuote } from '../../src/fixes/commands.js';

const INVALID_CHARACTERS = /[^a-z0-9_-]/gi;

export default defineCheck({
  id: 'profiles/discovery',
  title: 'Everything that looks like an OpenClaw profile can be used as one',
  scope: 'host',
  looksAt: 'state dirs with invalid profile names, unreadable dirs, unmapped services and lock files',
  run(context) {
    return context.model.notes.map((note) => {
      const renameTo = note.kind === 'invalid-profile-dir' ? path.join(path.dirname(note.path), `.openclaw-${path.basename(note.path).replace(/^\.openclaw-/, '').replace(INVALID_CHARACTERS, '-').replace(/^[-_]+/, '').slice(0, 64) || 'renamed'}`) : null;
      return {
        severity: 'warning' as const,
        profile: null,
        message: note.message,
        fixHint: renameTo ? `Rename it to a valid profile name; OpenClaw ignores it as it is.` : `Look at ${note.path}.`,
        fix: { commands: renameTo ? [`mv ${shellQuote(note.path)} ${shellQuote(renameTo)}`] : [`ls -la ${shellQuote(note.path)}`] },
        evidence: { kind: note.kind, path: note.path },
      };
    });
  },
});
