import { describe, expect, it } from 'vitest';
import { formatRegistryDate, joinProtocols, metaDescription, portSummary, portTitle } from '../../src/lib/describe-port.ts';
import type { PortUse } from '../../src/lib/software/practice.ts';
import { buildPortRecords } from '../../src/lib/registry/build-records.ts';
import { parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { parsePeopleXml } from '../../src/lib/registry/parse-people.ts';
import { read, REAL_CSV, REAL_XML, realRows, rawRowsForPort } from './helpers.ts';

const { records } = buildPortRecords(parseRegistryCsv(read(REAL_CSV), REAL_CSV), parsePeopleXml(read(REAL_XML), REAL_XML));
const raw = realRows();

describe('portTitle', () => {
  it('names the first service and the protocols its rows cover', () => {
    for (const port of [22, 80, 3489, 3516, 3640]) {
      const rows = rawRowsForPort(raw, port);
      const name = rows.find((r) => r['Service Name'])!['Service Name'];
      const protocols = ['tcp', 'udp', 'sctp', 'dccp'].filter((p) => rows.some((r) => r['Service Name'] === name && r['Transport Protocol'] === p));
      expect(portTitle(records[port]!)).toBe(`Port ${port}: ${name} (${protocols.map((p) => p.toUpperCase()).join(', ')})`);
    }
    expect(portTitle(records[3489]!)).toBe('Port 3489: dtp-dia (TCP, UDP)');
  });

  it('says the status of ports without an assignment', () => {
    expect(portTitle(records[4]!)).toBe('Port 4: unassigned');
    expect(portTitle(records[0]!)).toBe('Port 0: reserved');
    expect(portTitle(records[50000]!)).toBe('Port 50000: dynamic range');
  });
});

describe('portSummary', () => {
  it('says tier, service, protocols, date and assignee in plain words', () => {
    expect(portSummary(records[3489]!)).toBe(
      'Port 3489 is a registered port (1024–49151). IANA assigns it to dtp-dia (DTP/DIA) on TCP and UDP, registered in May 2002 by Alexei V. Soloviev.',
    );
  });

  it('says when a port belongs to a range', () => {
    expect(portSummary(records[6010]!)).toBe(
      'Port 6010 is a registered port (1024–49151). IANA assigns it as part of the range 6000–6063 to x11 (X Window System) on TCP and UDP; the assignee is Stephen Gildea.',
    );
  });

  it('quotes the de-assignment note, with handles as names', () => {
    expect(portSummary(records[2]!)).toBe(
      'Port 2 is a well-known port (0–1023) with no current assignment; IANA records: De-assigned on 2025-02-13, previously compressnet by Bernie Volz.',
    );
  });

  it('explains the dynamic range', () => {
    expect(portSummary(records[65535]!)).toMatch(/^Port 65535 is a dynamic port \(49152–65535\): IANA never assigns these/);
  });

  it('fits every meta description in 160 characters', () => {
    expect(Math.max(...records.map((r) => metaDescription(r).length))).toBeLessThanOrEqual(160);
  });

  it('shortens a long summary by whole clauses, ending with a full stop', () => {
    expect(portSummary(records[6010]!).length).toBeGreaterThan(160);
    expect(metaDescription(records[6010]!)).toBe(
      'Port 6010 is a registered port (1024–49151). IANA assigns it as part of the range 6000–6063 to x11 (X Window System) on TCP and UDP.',
    );
  });
});

describe('formatting helpers', () => {
  it('formats registry dates without a locale', () => {
    expect(formatRegistryDate('2002-05')).toBe('May 2002');
    expect(formatRegistryDate('2021-10-01')).toBe('1 October 2021');
  });
  it('joins protocols as words', () => {
    expect(joinProtocols(['tcp'])).toBe('TCP');
    expect(joinProtocols(['tcp', 'udp', 'sctp'])).toBe('TCP, UDP and SCTP');
  });
});

describe('portTitle with a headline', () => {
  const lead = { slug: 'x', name: 'Distribution (Docker Registry)', primary: true, use: { port: { start: 5000, end: 5000 }, protocols: ['tcp'], role: 'registry HTTP API', basis: 'default', source: { url: 'https://example.org/', title: 't', quote: 'q' } } } as PortUse;

  it('leads with the label and keeps within 57 characters (70 with " · Port Atlas")', () => {
    const iana = rawRowsForPort(raw, 6443)[0]!['Service Name'];
    expect(portTitle(records[6443]!, { lead: { ...lead, name: 'Kubernetes' }, label: 'Kubernetes API server', others: [] })).toBe(`Port 6443: Kubernetes API server (IANA: ${iana})`);
    const long = portTitle(records[5000]!, { lead, label: 'Distribution (Docker Registry) registry HTTP API', others: [] });
    expect(long).toBe('Port 5000: Distribution (Docker Registry)');
    expect(long.length).toBeLessThanOrEqual(57);
  });
});
