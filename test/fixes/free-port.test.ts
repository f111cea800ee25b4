import { describe, expect, it } from 'vitest';
import { suggestBasePort } from '../../src/fixes/free-port.js';
import { makeProfile } from '../support/model-builder.js';

describe('suggestBasePort', () => {
  const main = makeProfile('main', { port: 18789 });
  const rescue = makeProfile('rescue', { port: 18809 });

  it('picks the lowest base clear of every plan and 120 from every other base', () => {
    expect(suggestBasePort({ moving: 'rescue', profiles: [main, rescue], listeningPorts: new Set(), layout: '2026.9' })).toBe(18909);
  });

  it('steps past listeners anywhere in the new reach', () => {
    expect(suggestBasePort({ moving: 'rescue', profiles: [main, rescue], listeningPorts: new Set([18950]), layout: '2026.9' })).toBe(18959);
  });

  it('keeps clear of plans of far-away profiles too', () => {
    const other = makeProfile('other', { port: 18960 });
    expect(suggestBasePort({ moving: 'rescue', profiles: [main, rescue, other], listeningPorts: new Set(), layout: '2026.9' })).toBe(19089);
  });
});
