import { describe, expect, it } from 'vitest';
import check from '../../../checks/ports/foreign-listener.js';
import { model, runCheck } from '../../support/model-builder.js';
import { checkIdOf } from '../../support/check-id.js';

describe(checkIdOf(import.meta.url), () => {
  it('has the id of its path', () => expect(check.id).toBe(checkIdOf(import.meta.url)));

  it('names the pid and process of a stranger on a planned port', () => {
    const context = model()
      .profile('main', { port: 18789 })
      .profile('rescue', { port: 19789 })
      .gateway('main', 18789, 4100)
      .listener(19791, { pid: 777, name: 'python3', command: 'python3 -m http.server 19791' })
      .context();
    expect(runCheck(check, context)).toEqual([
      {
        checkId: 'ports/foreign-listener',
        severity: 'error',
        profile: 'rescue',
        profiles: ['rescue'],
        message: "rescue's browser-control port 19791 is held by python3 (pid 777)",
        fixHint: 'Move rescue to base port 18909, clear of every listener. Or stop python3 (pid 777) if it does not belong there.',
        fix: { commands: ['openclaw --profile rescue config set gateway.port 18909', 'openclaw --profile rescue gateway restart'] },
        evidence: {
          port: 19791,
          role: 'browser-control',
          planSource: 'base+2',
          owner: { pid: 777, process: 'python3', command: 'python3 -m http.server 19791', kind: 'other', profile: null, addresses: ['127.0.0.1'] },
          ownerEvidence: 'process python3 (pid 777)',
          suggestedPort: 18909,
        },
      },
    ]);
  });

  it('names the other profile when its gateway holds the port, and never suggests stopping it', () => {
    const context = model().profile('main', { port: 18789 }).profile('rescue', { port: 18789 }).gateway('main', 18789, 4100).context(['rescue']);
    const [finding] = runCheck(check, context);
    expect(finding?.message).toBe("rescue's gateway port 18789 is held by the gateway of profile main (pid 4100)");
    expect(finding?.fixHint).toBe("Move rescue to base port 18909, clear of every listener. Leave main's gateway alone; move this profile instead.");
    expect(finding?.profiles).toEqual(['main', 'rescue']);
  });

  it('reports a hidden owner with the hint to run as root', () => {
    const context = model().profile('rescue', { port: 19789 }).listener(19789, { pid: null }).context();
    const [finding] = runCheck(check, context);
    expect(finding?.message).toBe(
      "rescue's gateway port 19789 is held by an unidentified process (owner hidden: the socket belongs to another user; run clawdoc as root to see it)",
    );
  });

  it('counts one pid on 127.0.0.1 and ::1 as one owner', () => {
    const context = model()
      .profile('rescue', { port: 19789 })
      .listener(19791, { pid: 777, name: 'python3', address: '127.0.0.1' })
      .listener(19791, { pid: 777, name: 'python3', address: '::1' })
      .context();
    expect(runCheck(check, context).map((finding) => finding.evidence.owner)).toEqual([
      { pid: 777, process: 'python3', command: 'python3', kind: 'other', profile: null, addresses: ['127.0.0.1', '::1'] },
    ]);
  });

  it('stays silent for its own gateway, its children and its own Chrome, and for a listener on another specific address', () => {
    const context = model()
      .profile('rescue', { port: 19789 })
      .gateway('rescue', 19789, 4300)
      .listener(19790, { pid: 4301, ppid: 4300, name: 'node' })
      .listener(19800, {
        pid: 4400,
        name: 'chromium',
        argv: ['/usr/lib/chromium/chromium', '--remote-debugging-port=19800', '--user-data-dir=/home/op/.openclaw-rescue/browser/openclaw/user-data'],
      })
      .listener(19791, { pid: 900, name: 'nginx', address: '10.0.0.5' })
      .context();
    expect(runCheck(check, context)).toEqual([]);
  });
});
