// Which binds can share a port, and the overlaps that follow: wildcards meet every address, including `::`.
import { describe, expect, it } from 'vitest';
import { bindsCanCollide, findOverlaps } from '../../src/ports/overlaps.js';
import type { PortPlanEntry } from '../../src/model.js';

const gatewayOn = (port: number, bind: string): PortPlanEntry => ({ role: 'gateway', from: port, to: port, bind, source: 'gateway.port', derived: false });

describe('bindsCanCollide', () => {
  it('lets the IPv6 wildcard :: collide with IPv4 and IPv6 loopback, either way round', () => {
    // A gateway bound to :: (dual-stack on Linux) takes the port on 127.0.0.1 and ::1 too.
    expect([
      bindsCanCollide('::', '127.0.0.1'),
      bindsCanCollide('127.0.0.1', '::'),
      bindsCanCollide('::', '::1'),
      bindsCanCollide('::1', '::'),
      bindsCanCollide('::', '192.168.1.5'),
    ]).toEqual([true, true, true, true, true]);
  });

  it('lets 0.0.0.0 and tailnet collide with anything, and loopback with itself', () => {
    expect([bindsCanCollide('0.0.0.0', '::1'), bindsCanCollide('tailnet', '127.0.0.1'), bindsCanCollide('127.0.0.1', '127.0.0.1')]).toEqual([true, true, true]);
  });

  it('keeps two different specific addresses apart', () => {
    expect([bindsCanCollide('127.0.0.1', '192.168.1.5'), bindsCanCollide('::1', '10.0.0.2'), bindsCanCollide('10.0.0.1', '10.0.0.2')]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('findOverlaps', () => {
  it('finds a gateway on :: and one on 127.0.0.1 on the same port, but not one on another LAN address', () => {
    const overlaps = findOverlaps([
      { name: 'main', plan: [gatewayOn(18789, '::')] },
      { name: 'rescue', plan: [gatewayOn(18789, '127.0.0.1')] },
    ]);
    expect(overlaps.map((overlap) => [overlap.from, overlap.to, overlap.a.profile, overlap.b.profile])).toEqual([[18789, 18789, 'main', 'rescue']]);
    expect(
      findOverlaps([
        { name: 'main', plan: [gatewayOn(18789, '192.168.1.5')] },
        { name: 'rescue', plan: [gatewayOn(18789, '127.0.0.1')] },
      ]),
    ).toEqual([]);
  });
});
