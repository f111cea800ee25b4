// The renderers on their own: POSIX quoting rules, the cmd.exe renderer's refusals, and the platform switch.
import { describe, expect, it } from 'vitest';
import { quotePosix, quoteWindows, renderCommand, renderPosix, renderWindows, shellFor, UnsafeCommandValue } from '../../src/fixes/command-line.js';

const refused = (build: () => unknown) => expect(build).toThrow(UnsafeCommandValue);

describe('renderPosix', () => {
  it('leaves inert words bare and single-quotes the rest', () => {
    expect(renderPosix({ argv: ['openclaw', '--profile', 'rescue', 'config', 'set', 'gateway.port', '19789'] })).toBe(
      'openclaw --profile rescue config set gateway.port 19789',
    );
    expect(quotePosix('')).toBe("''");
    expect(quotePosix("it's")).toBe("'it'\\''s'");
    expect(quotePosix('$(touch${IFS}X)')).toBe("'$(touch${IFS}X)'");
    expect(quotePosix('~root')).toBe("'~root'");
    expect(quotePosix('A=b')).toBe("'A=b'");
    expect(quotePosix('名前')).toBe("'名前'");
  });

  it('prefixes one-command variables and appends redirects quoted', () => {
    expect(renderPosix({ argv: ['openclaw', 'status'], env: { OPENCLAW_STATE_DIR: '/a b' } })).toBe("OPENCLAW_STATE_DIR='/a b' openclaw status");
    expect(renderPosix({ argv: ['echo', 'A=<value>'], appendTo: '/s/.env' })).toBe("echo 'A=<value>' >> /s/.env");
    refused(() => renderPosix({ argv: ['true'], env: { 'A;id': 'x' } }));
    refused(() => renderPosix({ argv: ['true'], env: { '1A': 'x' } }));
  });

  it('refuses what a terminal would hide or reorder, and programs that are shell syntax', () => {
    for (const value of ['a\nb', 'a\rb', 'a\u001b[2Kb', 'a\u202eb', 'a\u2028b', 'a\u200bb', 'a\u0000b', '\ud800']) refused(() => quotePosix(value));
    refused(() => renderPosix({ argv: [] }));
    refused(() => renderPosix({ argv: ['if', 'x'] }));
  });
});

describe('renderWindows', () => {
  it('double-quotes words with spaces or parentheses and leaves switches bare', () => {
    expect(renderWindows({ argv: ['schtasks', '/Change', '/TN', 'OpenClaw Gateway (rescue)', '/Disable'] })).toBe(
      'schtasks /Change /TN "OpenClaw Gateway (rescue)" /Disable',
    );
    expect(quoteWindows('C:\\Users\\op\\.openclaw')).toBe('C:\\Users\\op\\.openclaw');
    expect(quoteWindows('a & b')).toBe('"a & b"');
    expect(quoteWindows('--')).toBe('"--"');
  });

  it('refuses what cmd.exe or PowerShell would expand or split inside double quotes', () => {
    for (const value of ['', '"', '%PATH%', '!x!', '$env:X', '`n', '\u201cx\u201d', 'C:\\dir with space\\', 'a\nb', '--%']) refused(() => quoteWindows(value));
  });

  it('refuses env prefixes, redirects and POSIX tools instead of spelling them for cmd.exe', () => {
    refused(() => renderWindows({ argv: ['openclaw'], env: { OPENCLAW_STATE_DIR: 'C:\\s' } }));
    refused(() => renderWindows({ argv: ['echo', 'x'], appendTo: 'C:\\s\\.env' }));
    refused(() => renderWindows({ argv: ['mv', 'a', 'b'], posixOnly: true }));
  });
});

describe('renderCommand', () => {
  it('picks the shell from the platform', () => {
    expect(shellFor('linux')).toBe('posix');
    expect(shellFor('darwin')).toBe('posix');
    expect(shellFor('win32')).toBe('windows');
    const line = { argv: ['schtasks', '/Run', '/TN', 'OpenClaw Gateway'] };
    expect(renderCommand(line, 'win32')).toBe('schtasks /Run /TN "OpenClaw Gateway"');
    expect(renderCommand(line, 'darwin')).toBe("schtasks /Run /TN 'OpenClaw Gateway'");
  });
});
