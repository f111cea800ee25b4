// Things discovery saw that are not usable profiles: invalid dir names, unreadable dirs, services and locks of no profile.
import path from 'node:path';
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { chownToUser, listDir, openclawHint, renamePath, safeCommands, unsetEnv } from '../../src/fixes/commands.js';
import { tildePath } from '../../src/paths.js';
import type { DiscoveryNote } from '../../src/model.js';
import { isValidProfileName } from '../../src/profiles/names.js';

/** The nearest valid profile name (`/^[a-z0-9][a-z0-9_-]{0,63}$/i`, case kept): other characters become `-`. */
function validName(name: string): string {
  const cleaned = name
    .replace(/[^a-z0-9_-]+/gi, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 64)
    .replace(/[-_]+$/, '');
  return isValidProfileName(cleaned) ? cleaned : 'renamed';
}

/** `~/.openclaw-<valid name>`, clear of every state dir already there and of every other rename this run suggests. */
function renameTarget(note: DiscoveryNote, taken: Set<string>): string {
  const dir = path.dirname(note.path);
  const base = validName(path.basename(note.path).replace(/^\.openclaw-/, ''));
  for (let suffix = 1; ; suffix += 1) {
    const candidate = path.join(dir, `.openclaw-${suffix === 1 ? base : `${base.slice(0, 61)}-${suffix}`}`);
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

function finding(note: DiscoveryNote, fixHint: string, commands: string[], extra: Record<string, unknown> = {}): FindingDraft {
  return {
    severity: 'warning',
    profile: null,
    message: note.message,
    fixHint,
    ...(commands.length > 0 ? { fix: { commands } } : {}),
    evidence: { kind: note.kind, path: note.path, ...extra },
  };
}

export default defineCheck({
  id: 'profiles/discovery',
  title: 'Everything that looks like an OpenClaw profile can be used as one',
  scope: 'host',
  looksAt: 'state dirs with invalid profile names, unreadable dirs, services and lock files that map to no profile',
  run(context) {
    const home = context.model.invocation.home;
    const show = (file: string) => tildePath(home, file);
    const taken = new Set(context.profiles.map((profile) => profile.stateDir));
    return context.model.notes.map((note) => {
      switch (note.kind) {
        case 'invalid-profile-dir': {
          const target = renameTarget(note, taken);
          const name = path.basename(target).replace(/^\.openclaw-/, '');
          return finding(
            note,
            `OpenClaw cannot select ${show(note.path)} with --profile: rename it to ${show(target)} and use \`${openclawHint({ name }, [], context.model.invocation)}\`; reinstall its service, if it has one, with \`${openclawHint({ name }, ['gateway', 'install', '--force'], context.model.invocation)}\`.`,
            safeCommands(() => [renamePath(note.path, target, context.model.invocation)]),
            { suggestedName: name },
          );
        }
        case 'unmapped-service':
          return finding(
            note,
            `Open ${show(note.path)} and give it the profile it runs: OPENCLAW_PROFILE and OPENCLAW_STATE_DIR in its environment, or reinstall it with \`openclaw --profile <name> gateway install --force\` and disable this one.`,
            [],
          );
        case 'unmapped-lock':
          return finding(
            note,
            `Look at ${show(note.path)}: if the pid it names is not an OpenClaw gateway any more, the lock is stale and can be deleted; gateways up to 2026.6 kept their locks there.`,
            [],
          );
        case 'unreadable': {
          if (note.path === 'OPENCLAW_PROFILE') {
            return finding(note, 'Unset OPENCLAW_PROFILE (and remove its export from your shell rc file); select profiles with `openclaw --profile <name>`.', [
              unsetEnv('OPENCLAW_PROFILE'),
            ]);
          }
          if (/is not a directory$/.test(note.message)) {
            return finding(
              note,
              `Move the file ${show(note.path)} out of the way: OpenClaw needs that name for a state dir.`,
              safeCommands(() => [renamePath(note.path, `${note.path}.not-a-state-dir`, context.model.invocation)]),
            );
          }
          if (/\b(EACCES|EPERM|permission denied)\b/i.test(note.message)) {
            const [list, chown] = safeCommands(() => [
              listDir(note.path, context.model.invocation),
              chownToUser(note.path, context.model.invocation.uid, context.model.invocation),
            ]);
            return finding(
              note,
              list && chown
                ? `Check who owns ${show(note.path)} (\`${list}\`): a dir created by \`sudo openclaw\` belongs to root; give it back with \`${chown}\`.`
                : `Check who owns ${show(note.path)}: a dir created by \`sudo openclaw\` belongs to root; give it back to your user.`,
              [],
            );
          }
          return finding(note, `Look at ${show(note.path)}: clawdoc could not read it, so what it holds is not in this report.`, []);
        }
      }
    });
  },
});
