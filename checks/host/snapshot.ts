// The host snapshot and probes worked: without them ownership and health findings would be silent, not clean.
import { defineCheck, type FindingDraft } from '../../src/doctor/api.js';
import { fixOf, installSocketTools, rerunWithTimeout } from '../../src/fixes/commands.js';

export default defineCheck({
  id: 'host/snapshot',
  title: 'The listening sockets were read and every probe finished',
  scope: 'host',
  looksAt: "how the socket table was read and whether the probes met the run's deadline",
  run(context) {
    const findings: FindingDraft[] = [];
    const snapshot = context.live.snapshot;
    if (!snapshot.ok) {
      findings.push({
        severity: 'warning',
        profile: null,
        message: `the listening sockets could not be read (${snapshot.error ?? 'unknown error'}): who owns each port was not checked`,
        fixHint:
          context.model.invocation.platform === 'linux'
            ? 'Install ss (iproute2) or netstat (net-tools), and run clawdoc as root to see every owner.'
            : 'Run clawdoc as root (or with sudo) so netstat and lsof can see every owner.',
        ...fixOf(() => [installSocketTools(context.model.invocation)]),
        evidence: { method: snapshot.method, error: snapshot.error },
      });
    }
    if (context.live.probes.deadlineHit) {
      findings.push({
        severity: 'warning',
        profile: null,
        message: "some probes did not finish before the run's deadline; their ports are reported as timed out",
        fixHint: 'A listener that accepts and never answers slows every probe; raise --timeout if the host is just slow.',
        fix: { commands: [rerunWithTimeout(5000)] },
        evidence: { deadlineHit: true },
      });
    }
    return findings;
  },
});
