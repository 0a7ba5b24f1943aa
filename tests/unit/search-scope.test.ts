import { describe, expect, it } from 'vitest';
import { portInSearchIndex } from '../../src/lib/search-scope.ts';

describe('portInSearchIndex', () => {
  it('indexes ports with an IANA entry other than Unassigned', () => {
    for (const status of ['assigned', 'reserved', 'de-assigned'] as const) expect(portInSearchIndex(status, 0)).toBe(true);
  });
  it('leaves unassigned and dynamic ports out unless a note is attached', () => {
    expect(portInSearchIndex('unassigned', 0)).toBe(false);
    expect(portInSearchIndex('dynamic', 0)).toBe(false);
    expect(portInSearchIndex('unassigned', 1)).toBe(true);
    expect(portInSearchIndex('dynamic', 2)).toBe(true);
  });
});
