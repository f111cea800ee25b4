import parsePrometheus from 'parse-prometheus-text-format';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/redact.js';
import { renderPrometheus } from '../../../src/report/formats/prometheus.js';
import { toReportFinding } from '../../../src/report/formats/input.js';
import { finding, HOSTILE, hostileText, sampleInput } from './sample.js';

function families(text: string): Record<string, ReturnType<typeof parsePrometheus>[number]> {
  return Object.fromEntries(parsePrometheus(text).map((family) => [family.name, family]));
}

describe('renderPrometheus', () => {
  it('writes the whole sample exposition', () => {
    expect(renderPrometheus(sampleInput())).toBe(
      [
        '# HELP clawdoc_findings Findings of the last clawdoc run, by profile, check and severity; absent series are zero.',
        '# TYPE clawdoc_findings gauge',
        'clawdoc_findings{host="box-1",profile="rescue",check="ports/duplicate-gateway",severity="error"} 1',
        'clawdoc_findings{host="box-1",profile="main",check="config/invalid",severity="warning"} 1',
        'clawdoc_findings{host="box-1",profile="",check="host/snapshot",severity="info"} 1',
        "# HELP clawdoc_gateway_up 1 when the profile's gateway answered its health probe in the last run, else 0.",
        '# TYPE clawdoc_gateway_up gauge',
        'clawdoc_gateway_up{host="box-1",profile="main",port="18789"} 1',
        'clawdoc_gateway_up{host="box-1",profile="rescue",port="18789"} 0',
        '# HELP clawdoc_port_owner_conflict Findings of ports/ checks about a contested port, by profile, port, check and severity.',
        '# TYPE clawdoc_port_owner_conflict gauge',
        'clawdoc_port_owner_conflict{host="box-1",profile="rescue",port="18789",check="ports/duplicate-gateway",severity="error"} 1',
        '# HELP clawdoc_last_run_timestamp_seconds When the last clawdoc run ended, in seconds since the epoch.',
        '# TYPE clawdoc_last_run_timestamp_seconds gauge',
        'clawdoc_last_run_timestamp_seconds{host="box-1"} 1795960800',
        '# HELP clawdoc_run_duration_seconds How long the last clawdoc run took.',
        '# TYPE clawdoc_run_duration_seconds gauge',
        'clawdoc_run_duration_seconds{host="box-1"} 1.234',
        '# HELP clawdoc_checks_run How many checks the last clawdoc run ran.',
        '# TYPE clawdoc_checks_run gauge',
        'clawdoc_checks_run{host="box-1"} 3',
        '',
      ].join('\n'),
    );
  });

  it('parses back with HELP and TYPE for every metric and the values asserted', () => {
    const parsed = families(renderPrometheus(sampleInput()));
    expect(Object.keys(parsed)).toEqual([
      'clawdoc_findings',
      'clawdoc_gateway_up',
      'clawdoc_port_owner_conflict',
      'clawdoc_last_run_timestamp_seconds',
      'clawdoc_run_duration_seconds',
      'clawdoc_checks_run',
    ]);
    for (const family of Object.values(parsed)) {
      expect(family.type).toBe('GAUGE');
      expect(family.help).not.toBe('');
    }
    expect(parsed.clawdoc_gateway_up!.metrics).toEqual([
      { labels: { host: 'box-1', profile: 'main', port: '18789' }, value: '1' },
      { labels: { host: 'box-1', profile: 'rescue', port: '18789' }, value: '0' },
    ]);
    expect(Number(parsed.clawdoc_last_run_timestamp_seconds!.metrics[0]!.value)).toBe(Date.parse('2026-11-29T14:00:00.000Z') / 1000);
  });

  it('counts findings with the same labels into one series', () => {
    const twice = [1, 2].map((pid) =>
      toReportFinding(finding({ checkId: 'ports/foreign-listener', profile: 'main', severity: 'warning', evidence: { port: 18791, pid } })),
    );
    const parsed = families(renderPrometheus(sampleInput({ findings: twice })));
    expect(parsed.clawdoc_findings!.metrics).toEqual([
      { labels: { host: 'box-1', profile: 'main', check: 'ports/foreign-listener', severity: 'warning' }, value: '2' },
    ]);
    expect(parsed.clawdoc_port_owner_conflict!.metrics).toEqual([
      { labels: { host: 'box-1', profile: 'main', port: '18791', check: 'ports/foreign-listener', severity: 'warning' }, value: '2' },
    ]);
  });

  it('leaves findings outside ports/ or without a port out of the conflict metric', () => {
    const others = [
      finding({ checkId: 'browser/cdp-foreign', profile: 'main', evidence: { port: 18800 } }),
      finding({ checkId: 'ports/spacing', profile: 'main', profiles: ['main', 'rescue'], evidence: {} }),
      finding({ checkId: 'ports/hash-default', profile: 'main', evidence: { port: '20001' } }),
    ].map(toReportFinding);
    expect(families(renderPrometheus(sampleInput({ findings: others }))).clawdoc_port_owner_conflict!.metrics).toEqual([]);
  });

  it('escapes hostile label values so they parse back intact, and never puts a secret in a label', () => {
    const input = sampleInput({
      host: { hostname: HOSTILE, platform: 'linux' },
      profiles: [{ name: 'x\\"y\nz 🦞', stateDir: '/s', configPath: '/c', gatewayPort: 1, gateway: null }],
      findings: [toReportFinding(finding({ checkId: 'ports/x', profile: 'main --token hunter2', evidence: { port: 5 } }))],
    });
    const text = renderPrometheus(input);
    expect(text).not.toContain('hunter2');
    const parsed = families(text);
    expect(parsed.clawdoc_gateway_up!.metrics[0]!.labels).toEqual({ host: HOSTILE, profile: 'x\\"y\nz 🦞', port: '1' });
    expect(parsed.clawdoc_findings!.metrics[0]!.labels!.profile).toBe('main --token ***');
    expect(parsed.clawdoc_port_owner_conflict!.metrics[0]!.labels!.profile).toBe('main --token ***');
  });

  it('counts findings whose labels differ only in a secret as one series', () => {
    const two = ['a', 'b'].map((secret) => toReportFinding(finding({ checkId: 'host/snapshot', profile: `p token=${secret}` })));
    expect(families(renderPrometheus(sampleInput({ findings: two }))).clawdoc_findings!.metrics).toEqual([
      { labels: { host: 'box-1', profile: 'p token=***', check: 'host/snapshot', severity: 'error' }, value: '2' },
    ]);
  });
});

describe('renderPrometheus over arbitrary strings', () => {
  it('gives back every label value, redacted, and one series per distinct label set', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (host, profile) => {
        const input = sampleInput({
          host: { hostname: host, platform: 'p' },
          profiles: [],
          findings: [toReportFinding(finding({ checkId: 'ports/x', profile, evidence: { port: 9 } }))],
        });
        const parsed = families(renderPrometheus(input));
        expect(parsed.clawdoc_findings!.metrics).toEqual([
          { labels: { host: redact(host), profile: redact(profile), check: 'ports/x', severity: 'error' }, value: '1' },
        ]);
        expect(parsed.clawdoc_checks_run!.metrics).toEqual([{ labels: { host: redact(host) }, value: '3' }]);
      }),
    );
  });
});
