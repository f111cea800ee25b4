import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/redact.js';
import { renderJunit } from '../../../src/report/formats/junit.js';
import { toReportFinding } from '../../../src/report/formats/input.js';
import { expectGolden } from './golden.js';
import { finding, HOSTILE, hostileText, sampleInput } from './sample.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  trimValues: false,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['testsuite', 'testcase', 'property', 'failure'].includes(name),
});

function parseJunit(xml: string): any {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
}

describe('renderJunit', () => {
  it('writes the whole sample report as in the golden file', () => {
    expectGolden('sample.junit.xml', renderJunit(sampleInput()));
  });

  it('has a suite per profile and one for the host, a case per check run, failures at or above --fail-on', () => {
    const suites = parseJunit(renderJunit(sampleInput()));
    expect([suites.tests, suites.failures, suites.errors, suites.time, suites.timestamp, suites.hostname]).toEqual([
      '8',
      '1',
      '0',
      '1.234',
      '2026-11-29T14:00:00',
      'box-1',
    ]);
    expect(suites.testsuite.map((suite: any) => [suite.name, suite.tests, suite.failures, suite.errors, suite.hostname])).toEqual([
      ['main', '3', '0', '0', 'box-1'],
      ['rescue', '3', '1', '0', 'box-1'],
      ['host', '2', '0', '0', 'box-1'],
    ]);
    expect(suites.testsuite[2].testcase.map((testCase: any) => [testCase.classname, testCase.name])).toEqual([
      ['host', 'host/snapshot'],
      ['host', 'ports/duplicate-gateway'],
    ]);
    const failure = suites.testsuite[1].testcase[2].failure[0];
    expect(failure.message).toBe('rescue and main both plan gateway port 18789');
    expect(failure['#text']).toBe(
      '[error] rescue and main both plan gateway port 18789\nfix: Give rescue its own gateway port.\n$ openclaw --profile rescue config set gateway.port 19001',
    );
    expect(suites.testsuite[0].testcase[0]['system-out']).toBe('[warning] unknown key gateway.prot\nfix: Edit the config.');
    expect(suites.testsuite[2].testcase[0]['system-out']).toBe(
      '[info] ran without root: owners of some ports are hidden\nfix: Run as root to see every owner.',
    );
  });

  it('turns warnings into failures with --fail-on warning', () => {
    const suites = parseJunit(renderJunit(sampleInput({ failOn: 'warning' })));
    expect(suites.failures).toBe('2');
    expect(suites.testsuite[0].testcase[0].failure[0].type).toBe('warning');
  });

  it('joins several failing findings of one case into one failure', () => {
    const two = ['a', 'b'].map((message) => toReportFinding(finding({ checkId: 'config/invalid', profile: 'main', message, fixHint: `fix ${message}` })));
    const suites = parseJunit(renderJunit(sampleInput({ findings: two })));
    expect(suites.failures).toBe('1');
    expect(suites.testsuite[0].testcase[0].failure).toEqual([{ message: 'a; b', type: 'error', '#text': '[error] a\nfix: fix a\n\n[error] b\nfix: fix b' }]);
  });

  it("counts a finding of a profile named host once, in that profile's suite", () => {
    const input = sampleInput({
      profiles: [{ name: 'host', stateDir: '/s', configPath: '/c', gatewayPort: 1, gateway: null }],
      findings: [toReportFinding(finding({ checkId: 'config/invalid', profile: 'host' }))],
    });
    const suites = parseJunit(renderJunit(input));
    expect(suites.testsuite.map((suite: any) => [suite.name, suite.failures])).toEqual([
      ['host', '1'],
      ['host', '0'],
    ]);
    expect(suites.failures).toBe('1');
  });

  it('survives hostile strings everywhere: markup, quotes, CDATA ends, control characters, emoji', () => {
    const hostile = finding({ checkId: 'config/invalid', profile: HOSTILE, message: HOSTILE, fixHint: HOSTILE, fix: { commands: [HOSTILE] } });
    const input = sampleInput({
      host: { hostname: HOSTILE, platform: HOSTILE },
      checksRun: ['config/invalid'],
      profiles: [{ name: HOSTILE, stateDir: HOSTILE, configPath: HOSTILE, gatewayPort: 1, gateway: { state: HOSTILE, port: 1 } }],
      findings: [toReportFinding(hostile), toReportFinding({ ...hostile, severity: 'info' })],
    });
    const suites = parseJunit(renderJunit(input));
    const cleaned = HOSTILE.replace(/[\u0000\u0007\u001b]/g, '\uFFFD');
    expect(suites.hostname).toBe(cleaned);
    expect(suites.testsuite[0].name).toBe(cleaned);
    expect(suites.testsuite[0].properties.property.map((property: any) => property.value)).toEqual([cleaned, cleaned, '1', cleaned]);
    const testCase = suites.testsuite[0].testcase[0];
    expect(testCase.classname).toBe(cleaned);
    expect(testCase.failure[0].message).toBe(cleaned);
    expect(testCase.failure[0]['#text']).toBe(`[error] ${cleaned}\nfix: ${cleaned}\n$ ${cleaned}`);
    expect(testCase['system-out']).toBe(`[info] ${cleaned}\nfix: ${cleaned}\n$ ${cleaned}`);
  });

  it('replaces lone surrogates and the non-characters XML forbids', () => {
    const input = sampleInput({ findings: [toReportFinding(finding({ checkId: 'host/snapshot', message: 'x\uD800y\uDC00z\uFFFE\uFFFF\u000B\u000C' }))] });
    const suites = parseJunit(renderJunit(input));
    expect(suites.testsuite[2].testcase[0].failure[0].message).toBe('x\uFFFDy\uFFFDz\uFFFD\uFFFD\uFFFD\uFFFD');
  });
});

describe('renderJunit over arbitrary strings', () => {
  const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  it('always parses, and gives back every string with only what XML forbids replaced', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (message, name) => {
        const hostile = finding({ checkId: 'host/snapshot', profile: null, message, fixHint: 'h' });
        const suites = parseJunit(renderJunit(sampleInput({ host: { hostname: name, platform: 'p' }, findings: [toReportFinding(hostile)] })));
        expect(suites.hostname).toBe(name.replace(forbidden, '\uFFFD'));
        expect(suites.testsuite[2].testcase[0].failure[0].message).toBe(redact(message).replace(forbidden, '\uFFFD'));
      }),
    );
  });
});
