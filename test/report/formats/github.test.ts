import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/redact.js';
import { renderGithub } from '../../../src/report/formats/github.js';
import { toReportFinding } from '../../../src/report/formats/input.js';
import { finding, HOSTILE, hostileText, sampleInput } from './sample.js';

/** Reads a workflow command back the way the runner does: properties end at the first `::`, which escaped properties cannot contain. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string) => text.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  const properties = Object.fromEntries(match[2]!.split(',').map((pair) => [pair.slice(0, pair.indexOf('=')), unescape(pair.slice(pair.indexOf('=') + 1))]));
  return { command: match[1]!, properties, message: unescape(match[3]!) };
}

describe('renderGithub', () => {
  it('writes one annotation per finding and a summary line', () => {
    expect(renderGithub(sampleInput())).toBe(
      [
        '::error file=/home/u/.openclaw-rescue/openclaw.json,title=ports/duplicate-gateway (rescue)::rescue and main both plan gateway port 18789%0Afix: Give rescue its own gateway port.%0A$ openclaw --profile rescue config set gateway.port 19001',
        '::warning file=/home/u/.openclaw/openclaw.json,line=7,col=3,title=config/invalid (main)::unknown key gateway.prot%0Afix: Edit the config.',
        '::notice title=host/snapshot::ran without root: owners of some ports are hidden%0Afix: Run as root to see every owner.',
        'clawdoc on box-1: 1 error, 1 warning, 1 info · 3 checks run · fail-on error: failed',
        '',
      ].join('\n'),
    );
  });

  it('says passed when nothing reaches --fail-on', () => {
    expect(renderGithub(sampleInput({ findings: [], checksRun: ['host/snapshot'] }))).toBe(
      'clawdoc on box-1: 0 errors, 0 warnings, 0 info · 1 check run · fail-on error: passed\n',
    );
  });

  it('escapes data and properties exactly as GitHub documents, so hostile text round-trips and opens no line', () => {
    const hostile = finding({
      checkId: 'config/invalid',
      profile: 'main',
      severity: 'warning',
      message: HOSTILE,
      fixHint: '100% done\r\n::error::injected',
      evidence: { file: `C:\\x,y:z\n::error::${HOSTILE}`, line: 2 },
    });
    const output = renderGithub(sampleInput({ host: { hostname: `h\n::error::x`, platform: 'linux' }, findings: [toReportFinding(hostile)] }));
    const lines = output.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('%25 done%0D%0A::error::injected');
    expect(lines[1]).toBe('clawdoc on h%0A::error::x: 0 errors, 1 warning, 0 info · 3 checks run · fail-on error: passed');
    expect(parseCommand(lines[0]!)).toEqual({
      command: 'warning',
      properties: { file: `C:\\x,y:z\n::error::${HOSTILE}`, line: '2', title: 'config/invalid (main)' },
      message: `${HOSTILE}\nfix: 100% done\r\n::error::injected`,
    });
  });

  it('redacts secrets in messages and commands', () => {
    const secret = finding({ checkId: 'host/snapshot', message: 'saw http://bob:hunter2@x', fixHint: 'h', fix: { commands: ['openclaw --token abcdef'] } });
    expect(parseCommand(renderGithub(sampleInput({ findings: [toReportFinding(secret)] })).split('\n')[0]!).message).toBe(
      'saw http://***@x\nfix: h\n$ openclaw --token ***',
    );
  });
});

describe('renderGithub over arbitrary strings', () => {
  it('writes exactly one line per finding plus the summary, and every field reads back', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (message, file, profile) => {
        const hostile = finding({ checkId: 'ports/x', profile, severity: 'info', message, fixHint: 'h', evidence: { file, line: 1 } });
        const lines = renderGithub(sampleInput({ findings: [toReportFinding(hostile)] })).split('\n');
        expect(lines).toHaveLength(3);
        expect(lines[2]).toBe('');
        const command = parseCommand(lines[0]!);
        expect(command).toEqual({
          command: 'notice',
          properties: file === '' ? { title: `ports/x (${profile})` } : { file, line: '1', title: `ports/x (${profile})` },
          message: `${redact(message)}\nfix: h`,
        });
      }),
    );
  });
});
