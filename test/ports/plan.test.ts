import { describe, expect, it } from 'vitest';
import { buildPortPlan, instanceReach, localPortOf, rebasePlan, type PlanInput } from '../../src/ports/plan.js';

const input = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  gatewayPort: 19789,
  gatewayPortSource: 'gateway.port',
  gatewayBind: '127.0.0.1',
  sandboxPort: null,
  browserEnabled: true,
  browserCdpUrl: null,
  browserProfiles: [{ name: 'openclaw', cdpPort: null, cdpUrl: null, driver: null, userDataDir: null, implicit: true }],
  canvasEnabled: true,
  canvasPort: null,
  webhooks: [],
  ...overrides,
});

describe('port plan', () => {
  it('derives the 2026.9 layout from the base port', () => {
    expect(buildPortPlan(input(), '2026.9')).toEqual([
      { role: 'gateway', from: 19789, to: 19789, bind: '127.0.0.1', source: 'gateway.port', derived: true },
      { role: 'sandbox', from: 19790, to: 19790, bind: '127.0.0.1', source: 'base+1', derived: true },
      { role: 'browser-control', from: 19791, to: 19791, bind: '127.0.0.1', source: 'base+2', derived: true },
      { role: 'cdp-band', from: 19800, to: 19899, bind: '127.0.0.1', source: 'control+9..control+108', derived: true },
      {
        role: 'extension-relay',
        from: 19799,
        to: 19799,
        bind: '127.0.0.1',
        source: 'control+8 (relay of the built-in "chrome" extension profile, 2026.9.6)',
        label: 'chrome',
        derived: true,
      },
      { role: 'cdp', from: 19800, to: 19800, bind: '127.0.0.1', source: "control+9, the built-in profile's port", label: 'openclaw', derived: true },
    ]);
  });

  it('gives extension profiles relays from control+8 down in name order, skipping pinned ports, with or without a configured chrome', () => {
    const relays = (browserProfiles: PlanInput['browserProfiles']) =>
      buildPortPlan(input({ browserProfiles }), '2026.9')
        .filter((entry) => entry.role === 'extension-relay')
        .map((entry) => [entry.label, entry.from]);
    const ext = (name: string, cdpPort: number | null = null) => ({ name, cdpPort, cdpUrl: null, driver: 'extension', userDataDir: null, implicit: false });
    expect(relays([ext('alpha'), ext('zeta')])).toEqual([
      ['alpha', 19799],
      ['chrome', 19798],
      ['zeta', 19797],
    ]);
    expect(relays([ext('pinned', 19799), { ...ext('chrome'), driver: null }])).toEqual([]);
    expect(relays([ext('pinned', 19799)])).toEqual([['chrome', 19798]]);
    expect(buildPortPlan(input({ browserEnabled: false }), '2026.9').some((entry) => entry.role === 'extension-relay')).toBe(false);
  });

  it("derives the 2026.1 layout of the user's document: relay base+3, canvas base+4", () => {
    const plan = buildPortPlan(input({ browserEnabled: false }), '2026.1');
    expect(plan).toEqual([
      { role: 'gateway', from: 19789, to: 19789, bind: '127.0.0.1', source: 'gateway.port', derived: true },
      { role: 'sandbox', from: 19790, to: 19790, bind: '127.0.0.1', source: 'base+1', derived: true },
      { role: 'browser-control', from: 19791, to: 19791, bind: '127.0.0.1', source: 'base+2', derived: true },
      { role: 'extension-relay', from: 19792, to: 19792, bind: '127.0.0.1', source: 'base+3', derived: true },
      { role: 'canvas', from: 19793, to: 19793, bind: '127.0.0.1', source: 'base+4', derived: true },
    ]);
  });

  it('gives the built-in openclaw profile control+9 even when another profile pins that port, as 2026.9.6 does', () => {
    const plan = buildPortPlan(
      input({
        browserProfiles: [
          { name: 'work', cdpPort: 19800, cdpUrl: null, driver: null, userDataDir: null, implicit: false },
          { name: 'a-first', cdpPort: null, cdpUrl: null, driver: null, userDataDir: null, implicit: false },
          { name: 'openclaw', cdpPort: null, cdpUrl: null, driver: null, userDataDir: null, implicit: true },
        ],
      }),
      '2026.9',
    );
    expect(plan.filter((entry) => entry.role === 'cdp').map((entry) => [entry.label, entry.from, entry.source])).toEqual([
      ['work', 19800, 'browser.profiles.work.cdpPort'],
      ['a-first', 19801, 'first free port of the CDP band (control+10)'],
      ['openclaw', 19800, "control+9, the built-in profile's port"],
    ]);
  });

  it('keeps explicit CDP ports and URLs absolute, and skips them when allocating the band', () => {
    const plan = buildPortPlan(
      input({
        browserProfiles: [
          { name: 'openclaw', cdpPort: 19800, cdpUrl: null, driver: null, userDataDir: null, implicit: false },
          { name: 'work', cdpPort: null, cdpUrl: null, driver: null, userDataDir: null, implicit: false },
          { name: 'remote', cdpPort: null, cdpUrl: 'http://10.1.2.3:9222', driver: null, userDataDir: null, implicit: false },
          { name: 'local', cdpPort: null, cdpUrl: 'ws://user:pw@localhost:9333/devtools', driver: null, userDataDir: null, implicit: false },
          { name: 'ext', cdpPort: null, cdpUrl: null, driver: 'extension', userDataDir: null, implicit: false },
        ],
      }),
      '2026.9',
    );
    expect(plan.filter((entry) => entry.role === 'cdp' || entry.role === 'extension-relay')).toEqual([
      {
        role: 'extension-relay',
        from: 19799,
        to: 19799,
        bind: '127.0.0.1',
        source: 'control+8 (relay of the built-in "chrome" extension profile, 2026.9.6)',
        label: 'chrome',
        derived: true,
      },
      {
        role: 'extension-relay',
        from: 19798,
        to: 19798,
        bind: '127.0.0.1',
        source: 'control+7 (extension relay, counting down from control+8)',
        label: 'ext',
        derived: true,
      },
      { role: 'cdp', from: 19800, to: 19800, bind: '127.0.0.1', source: 'browser.profiles.openclaw.cdpPort', label: 'openclaw', derived: false },
      { role: 'cdp', from: 19801, to: 19801, bind: '127.0.0.1', source: 'first free port of the CDP band (control+10)', label: 'work', derived: true },
      { role: 'cdp', from: 9333, to: 9333, bind: '127.0.0.1', source: 'browser.profiles.local.cdpUrl', label: 'local', derived: false },
    ]);
  });

  it('uses browser.cdpUrl for the implicit profile, and mcp.apps.sandboxPort and webhooks as configured', () => {
    const plan = buildPortPlan(
      input({
        browserCdpUrl: 'http://127.0.0.1:9222',
        sandboxPort: 30000,
        webhooks: [{ channel: 'telegram', port: 8787, source: 'telegram webhook default 8787', portKey: 'channels.telegram.webhookPort', bind: '127.0.0.1' }],
      }),
      '2026.9',
    );
    expect(plan.filter((entry) => ['cdp', 'sandbox', 'webhook'].includes(entry.role))).toEqual([
      { role: 'sandbox', from: 30000, to: 30000, bind: '127.0.0.1', source: 'mcp.apps.sandboxPort', derived: false },
      { role: 'cdp', from: 9222, to: 9222, bind: '127.0.0.1', source: 'browser.cdpUrl', label: 'openclaw', derived: false },
      { role: 'webhook', from: 8787, to: 8787, bind: '127.0.0.1', source: 'telegram webhook default 8787', label: 'telegram', derived: false },
    ]);
  });

  it('rebases derived ports on a running base and keeps absolute keys where they are', () => {
    const plan = buildPortPlan(
      input({
        sandboxPort: 30000,
        browserProfiles: [
          { name: 'pinned', cdpPort: 9333, cdpUrl: null, driver: null, userDataDir: null, implicit: false },
          { name: 'openclaw', cdpPort: null, cdpUrl: null, driver: null, userDataDir: null, implicit: true },
        ],
      }),
      '2026.9',
    );
    const moved = rebasePlan(plan, 20789, 'lock');
    expect(moved.map((entry) => [entry.role, entry.from, entry.to])).toEqual([
      ['gateway', 20789, 20789],
      ['sandbox', 30000, 30000],
      ['browser-control', 20791, 20791],
      ['cdp-band', 20800, 20899],
      ['extension-relay', 20799, 20799],
      ['cdp', 9333, 9333],
      ['cdp', 20800, 20800],
    ]);
    expect(moved[0]!.source).toBe('lock');
    expect(rebasePlan(plan, 19789, 'lock')).toEqual(plan);
  });

  it('reaches base+110 in both layouts', () => {
    expect(instanceReach('2026.9')).toBe(110);
    expect(instanceReach('2026.1')).toBe(110);
  });

  it('reads local CDP ports from URLs and ignores remote ones', () => {
    expect(localPortOf('http://127.0.0.1:9222')).toBe(9222);
    expect(localPortOf('ws://[::1]:9229/devtools/browser/x')).toBe(9229);
    expect(localPortOf('https://localhost')).toBe(443);
    expect(localPortOf('http://chrome.internal:9222')).toBeNull();
    expect(localPortOf('not a url')).toBeNull();
  });
});
