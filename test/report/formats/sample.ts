// A small report input shared by the format tests: two profiles, a host-wide finding, one of each severity.
import fc from 'fast-check';
import type { Finding } from '../../../src/doctor/api.js';
import { toReportFinding, type ReportInput } from '../../../src/report/formats/input.js';

export const HOSTILE = 'a<b & "c" \'d\' ]]> e%f\r\ng:h,i \u0000\u0007\u001b 🦞 \\ end';

/** Strings built from the pieces escapers get wrong, or from any UTF-16 code unit (lone surrogates included). */
export const hostileText = fc.oneof(
  fc
    .array(
      fc.constantFrom(
        '&',
        '<',
        '>',
        '"',
        "'",
        ']]>',
        '&amp;',
        '&lt;',
        '&#10;',
        '\r',
        '\n',
        '\t',
        '\r\n',
        ' ',
        'a',
        '1',
        '🦞',
        '\u0000',
        '\u001b',
        '\uD800',
        '%',
        '%0A',
        ':',
        ',',
        '=',
        '\\',
        '::',
        '{',
        '}',
        '\\"',
        '\\n',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
);

export function finding(overrides: Partial<Finding> & Pick<Finding, 'checkId'>): Finding {
  return { severity: 'error', profile: null, profiles: overrides.profile ? [overrides.profile] : [], message: 'm', fixHint: 'h', evidence: {}, ...overrides };
}

export function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  const findings: Finding[] = [
    finding({
      checkId: 'ports/duplicate-gateway',
      severity: 'error',
      profile: 'rescue',
      message: 'rescue and main both plan gateway port 18789',
      path: 'gateway.port',
      fixHint: 'Give rescue its own gateway port.',
      fix: { commands: ['openclaw --profile rescue config set gateway.port 19001'] },
      profiles: ['main', 'rescue'],
      evidence: { port: 18789, suggestedPort: 19001 },
    }),
    finding({
      checkId: 'config/invalid',
      severity: 'warning',
      profile: 'main',
      message: 'unknown key gateway.prot',
      path: 'gateway.prot',
      fixHint: 'Edit the config.',
      evidence: { file: '/home/u/.openclaw/openclaw.json', line: 7, column: 3, path: 'gateway.prot', message: 'unknown key' },
    }),
    finding({
      checkId: 'host/snapshot',
      severity: 'info',
      profile: null,
      message: 'ran without root: owners of some ports are hidden',
      fixHint: 'Run as root to see every owner.',
      evidence: { method: 'ss', error: null },
    }),
  ];
  return {
    tool: { name: 'clawdoc', version: '0.1.0' },
    host: { hostname: 'box-1', platform: 'linux' },
    generatedAt: '2026-11-29T14:00:00.000Z',
    durationMs: 1234,
    failOn: 'error',
    checks: [
      { id: 'config/invalid', title: 'Every config parses and validates', scope: 'profile', looksAt: 'openclaw.json' },
      { id: 'host/snapshot', title: 'The host snapshot saw every listener', scope: 'host', looksAt: 'ss/lsof output' },
      { id: 'ports/duplicate-gateway', title: 'Every profile has its own gateway port', scope: 'host', looksAt: 'gateway.port of every profile' },
    ],
    checksRun: ['config/invalid', 'host/snapshot', 'ports/duplicate-gateway'],
    profiles: [
      {
        name: 'main',
        stateDir: '/home/u/.openclaw',
        configPath: '/home/u/.openclaw/openclaw.json',
        gatewayPort: 18789,
        gateway: { state: 'running', port: 18789 },
      },
      { name: 'rescue', stateDir: '/home/u/.openclaw-rescue', configPath: '/home/u/.openclaw-rescue/openclaw.json', gatewayPort: 18789, gateway: null },
    ],
    findings: findings.map(toReportFinding),
    ...overrides,
  };
}
