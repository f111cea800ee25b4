// A gateway lock file whose pid is dead, reused, unreadable, or not on the recorded port.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { fixOf, openclawCommand, openclawHint, removeFile } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'gateway/stale-lock',
  title: 'Every gateway lock file belongs to a running gateway on its recorded port',
  scope: 'profile',
  looksAt: 'gateway lock files under <stateDir>/tmp/openclaw-<uid>/ and the older os.tmpdir() location',
  run(context) {
    const { profile } = context;
    const live = context.own;
    const findings: FindingDraft[] = [];
    for (const lock of live.locks) {
      // A starting gateway is fine, and a wedged one is gateway/wedged's.
      if (lock.state === 'live' || lock.state === 'starting' || lock.state === 'wedged') continue;
      const removable = lock.state === 'stale' || lock.state === 'unreadable';
      findings.push({
        severity: 'warning',
        profile: profile.name,
        message:
          lock.state === 'inconsistent'
            ? `${profile.name}'s lock ${lock.file} records port ${lock.port}, but ${lock.reason}`
            : `${profile.name}'s lock ${lock.file} is ${lock.state}: ${lock.reason}`,
        fixHint: removable
          ? 'No process holds it: remove the file (a gateway cleans it up on a clean shutdown; this one did not).'
          : `The pid is alive, so do not remove the lock; check \`${openclawHint(profile, ['gateway', 'status'], context.model.invocation)}\` and restart the gateway if it moved.`,
        ...fixOf(() => [
          removable ? removeFile(lock.file, context.model.invocation) : openclawCommand(profile, ['gateway', 'status'], context.model.invocation),
        ]),
        evidence: { file: lock.file, state: lock.state, pid: lock.pid, port: lock.port, location: lock.location, reason: lock.reason },
      });
    }
    return findings;
  },
});
