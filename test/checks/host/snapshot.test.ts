import { describe, expect, it } from 'vitest';
import check from '../../../checks/host/snapshot.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('says so when the socket table could not be read, instead of a clean bill', () => {
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).snapshotFailed().context())).toEqual([
      {
        checkId: 'host/snapshot',
        severity: 'warning',
        profile: null,
        profiles: [],
        message: 'the listening sockets could not be read (netstat and ss both failed): who owns each port was not checked',
        fixHint: 'Install ss (iproute2) or netstat (net-tools), and run clawdoc as root to see every owner.',
        fix: { commands: ['sudo apt-get install -y iproute2'] },
        evidence: { method: null, error: 'netstat and ss both failed' },
      },
    ]);
  });

  it('on macOS says to run as root and prints no Linux package command', () => {
    const linux = model().profile('rescue', { port: 19789 }).snapshotFailed().context();
    const mac = { ...linux, model: { ...linux.model, invocation: { ...linux.model.invocation, platform: 'darwin' as const } } };
    const [finding] = runCheck(check, mac);
    expect(finding?.fixHint).toBe('Run clawdoc as root (or with sudo) so netstat and lsof can see every owner.');
    expect(finding?.fix).toBeUndefined();
  });

  it('stays silent when the snapshot worked', () => {
    expect(runCheck(check, model().profile('rescue', { port: 19789 }).context())).toEqual([]);
  });
});
