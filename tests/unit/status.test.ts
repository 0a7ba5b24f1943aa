import { describe, expect, it } from 'vitest';
import { applyGhostOverride, entryKind, isLikelyGhost, portStatus, tierOf } from '../../src/lib/registry/status.ts';
import { buildPortRecords } from '../../src/lib/registry/build-records.ts';
import { parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { parsePeopleXml } from '../../src/lib/registry/parse-people.ts';
import { MINI_CSV, MINI_XML, read, REAL_CSV, REAL_XML } from './helpers.ts';
import type { RegistryEntry } from '../../src/schemas/port-record.ts';

describe('tierOf (RFC 6335 section 6)', () => {
  it.each([
    [0, 'well-known'], [1023, 'well-known'], [1024, 'registered'], [49151, 'registered'], [49152, 'dynamic'], [65535, 'dynamic'],
  ])('port %i is %s', (port, tier) => expect(tierOf(port)).toBe(tier));
});

describe('entryKind', () => {
  const kind = (serviceName: string | null, description: string, assignmentNotes: string | null = null) =>
    entryKind({ serviceName, description, assignmentNotes });
  it('reads the status IANA writes into rows without a service name', () => {
    expect(kind('ssh', 'The Secure Shell (SSH) Protocol')).toBe('assigned');
    expect(kind(null, 'Unassigned')).toBe('unassigned');
    expect(kind(null, '(unassigned) Possibly assigned')).toBe('unassigned');
    expect(kind(null, 'Reserved')).toBe('reserved');
    expect(kind(null, 'Reserved', 'De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]')).toBe('de-assigned');
    expect(kind(null, 'De-registered')).toBe('de-assigned');
    expect(kind(null, 'Removed')).toBe('de-assigned');
    expect(kind(null, 'Decomissioned Port 04/14/00, ms')).toBe('de-assigned');
    expect(kind(null, 'any private mail system')).toBe('assigned');
  });
});

describe('portStatus', () => {
  it('prefers an assignment over reserved or unassigned rows of the same port', () => {
    expect(portStatus(4915, [{ kind: 'reserved' }, { kind: 'assigned' }])).toBe('assigned');
    expect(portStatus(10, [])).toBe('unassigned');
    expect(portStatus(50000, [{ kind: 'assigned' }])).toBe('dynamic');
  });
});

describe('isLikelyGhost', () => {
  const { records } = buildPortRecords(parseRegistryCsv(read(MINI_CSV), MINI_CSV), parsePeopleXml(read(MINI_XML), MINI_XML));
  const ghost = (port: number) => records[port]!.likelyGhost;

  it('marks registered ports held by individuals with no reference, change or note', () => {
    expect(ghost(3489)).toBe(true); // Alexei V. Soloviev, no reference, never modified
    expect(ghost(3501)).toBe(true);
    expect(ghost(3640)).toBe(true); // no assignee at all
    expect(ghost(3641)).toBe(true);
  });

  it('leaves out well-known ports, referenced or noted ports, and organisations', () => {
    expect(ghost(22)).toBe(false); // well-known, and has RFC 4251
    expect(ghost(6001)).toBe(false); // x11 has assignment notes
    expect(ghost(49151)).toBe(false); // reserved
    const entry = records[3489]!.entries[0]!;
    const orgEntry: RegistryEntry = { ...entry, assignees: [{ ...entry.assignees[0]!, organization: 'Example Corp' }] };
    expect(isLikelyGhost(3489, 'assigned', [orgEntry])).toBe(false);
    expect(isLikelyGhost(3489, 'assigned', [{ ...entry, modificationDate: '2020-01-01' }])).toBe(false);
    expect(isLikelyGhost(3489, 'assigned', [{ ...entry, unauthorizedUseReported: 'Known use' }])).toBe(false);
  });

  it('is overridden by a note that says otherwise', () => {
    expect(applyGhostOverride(true, [undefined, false])).toBe(false);
    expect(applyGhostOverride(false, [true])).toBe(true);
    expect(applyGhostOverride(true, [])).toBe(true);
  });

  it('flags only registered, assigned ports in the real registry', () => {
    const real = buildPortRecords(parseRegistryCsv(read(REAL_CSV), REAL_CSV), parsePeopleXml(read(REAL_XML), REAL_XML)).records;
    const flagged = real.filter((r) => r.likelyGhost);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((r) => r.tier === 'registered' && r.status === 'assigned')).toBe(true);
    expect(real[3516]!.likelyGhost).toBe(true); // smartcard-port, Scott Guthery, 2002-05
  });
});
