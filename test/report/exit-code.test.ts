import { describe, expect, it } from 'vitest';
import { exitCode, summarise } from '../../src/report/exit-code.js';
import type { Finding } from '../../src/doctor/api.js';

const finding = (severity: Finding['severity']): Finding => ({
  checkId: 'a/b',
  severity,
  profile: null,
  profiles: [],
  message: 'm',
  fixHint: 'h',
  evidence: {},
});

describe('exit code', () => {
  it('is 1 only for findings at or above the threshold', () => {
    expect(exitCode([], 'info')).toBe(0);
    expect(exitCode([finding('warning')], 'error')).toBe(0);
    expect(exitCode([finding('warning')], 'warning')).toBe(1);
    expect(exitCode([finding('info')], 'warning')).toBe(0);
    expect(exitCode([finding('info')], 'info')).toBe(1);
    expect(exitCode([finding('error')], 'error')).toBe(1);
  });

  it('counts by severity', () => {
    expect(summarise([finding('error'), finding('info'), finding('info')])).toEqual({ error: 1, warning: 0, info: 2 });
  });
});
