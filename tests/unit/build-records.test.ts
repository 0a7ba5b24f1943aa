import { describe, expect, it } from 'vitest';
import { buildPortRecords } from '../../src/lib/registry/build-records.ts';
import { parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { parsePeopleXml } from '../../src/lib/registry/parse-people.ts';
import { MINI_CSV, MINI_XML, read, REAL_CSV, REAL_XML, realRows, rawRowsForPort } from './helpers.ts';

const mini = buildPortRecords(parseRegistryCsv(read(MINI_CSV), MINI_CSV), parsePeopleXml(read(MINI_XML), MINI_XML));

describe('buildPortRecords on the fixture', () => {
  it('makes one record per port 0-65535', () => {
    expect(mini.records).toHaveLength(65536);
    expect(mini.records.every((record, port) => record.port === port)).toBe(true);
  });

  it('merges the tcp and udp rows of a registration into one entry', () => {
    const [entry, ...rest] = mini.records[3489]!.entries;
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({ serviceName: 'dtp-dia', protocols: ['tcp', 'udp'], lines: [15, 16], registrationDate: '2002-05' });
    expect(entry!.assignees[0]).toMatchObject({ name: 'Alexei V. Soloviev', domain: 'lab127.karelia.ru' });
  });

  it('keeps rows that differ in more than the protocol, and aliases, as separate entries', () => {
    expect(mini.records[22]!.entries.map((e) => [e.serviceName, e.protocols])).toEqual([
      ['ssh', ['tcp', 'udp']],
      ['ssh', ['sctp']],
    ]);
    expect(mini.records[80]!.entries.map((e) => e.serviceName)).toEqual(['http', 'www']);
  });

  it('merges rows whose multi-line notes differ only in indentation', () => {
    const real = buildPortRecords(parseRegistryCsv(read(REAL_CSV), REAL_CSV), new Map());
    const wwwHttp = real.records[80]!.entries.filter((e) => e.serviceName === 'www-http');
    expect(wwwHttp.map((e) => e.protocols)).toEqual([['tcp', 'udp']]);
  });

  it('expands a range onto every port it covers and nowhere else', () => {
    for (const port of [6000, 6001, 6002, 6003]) {
      expect(mini.records[port]!.entries[0]).toMatchObject({ serviceName: 'x11', range: { start: 6000, end: 6003 }, protocols: ['tcp', 'udp'] });
    }
    expect(mini.records[6004]!.entries).toEqual([]);
  });

  it('treats an empty protocol as every protocol', () => {
    expect(mini.records[3]!.entries[0]!.protocols).toEqual(['tcp', 'udp', 'sctp', 'dccp']);
    expect(mini.records[6400]!.entries[0]!.protocols).toEqual(['tcp', 'udp', 'sctp', 'dccp']);
  });

  it('gives each port its status and tier', () => {
    const status = (port: number) => [mini.records[port]!.status, mini.records[port]!.tier];
    expect(status(0)).toEqual(['reserved', 'well-known']);
    expect(status(2)).toEqual(['de-assigned', 'well-known']);
    expect(status(4)).toEqual(['unassigned', 'well-known']);
    expect(status(3489)).toEqual(['assigned', 'registered']);
    expect(status(49151)).toEqual(['reserved', 'registered']);
    expect(status(49152)).toEqual(['dynamic', 'dynamic']);
    expect(status(65535)).toEqual(['dynamic', 'dynamic']);
  });

  it('links numbered siblings as related ports', () => {
    expect(mini.records[3640]!.related).toEqual([{ port: 3641, serviceName: 'netplay-port2' }]);
    expect(mini.records[3641]!.related).toEqual([{ port: 3640, serviceName: 'netplay-port1' }]);
    expect(mini.records[6001]!.related).toEqual([]);
  });

  it('accounts for every row and lists service-name-only rows and unresolved handles', () => {
    const { counts } = mini.report;
    expect(counts.rows).toBe(23);
    expect(counts.rowsOnPortPages + counts.serviceNameOnlyRows + counts.duplicateRows).toBe(counts.rows);
    expect(mini.report.serviceNameOnly).toEqual([{ line: 25, serviceName: 'arp', protocol: null, description: 'Address Resolution Protocol' }]);
    expect(mini.report.unresolvedHandles).toEqual(['Unknown_Person']);
    expect(mini.report.newestRecordDate).toBe('2025-02-13');
  });

  it('reports a duplicate identical row once and shows it once', () => {
    const rows = parseRegistryCsv(read(MINI_CSV), MINI_CSV);
    const copy = { ...rows.find((row) => row.serviceName === 'isoft-p2p')!, line: 99 };
    const { records, report } = buildPortRecords([...rows, copy], new Map());
    expect(report.duplicates).toEqual([{ line: 99, duplicateOfLine: 17 }]);
    expect(records[3501]!.entries).toHaveLength(1);
  });
});

describe('buildPortRecords on the real registry', () => {
  const real = buildPortRecords(parseRegistryCsv(read(REAL_CSV), REAL_CSV), parsePeopleXml(read(REAL_XML), REAL_XML));
  const raw = realRows();

  it('accounts for every CSV row', () => {
    const { counts } = real.report;
    expect(counts.rows).toBe(raw.length);
    expect(counts.serviceNameOnlyRows).toBe(raw.filter((row) => row['Port Number'] === '').length);
    expect(counts.rowsOnPortPages + counts.serviceNameOnlyRows + counts.duplicateRows).toBe(raw.length);
    const shownLines = new Set(real.records.flatMap((r) => r.entries.flatMap((e) => e.lines)));
    expect(shownLines.size).toBe(counts.rowsOnPortPages);
  });

  it.each([0, 22, 80, 3489, 3501, 3516, 3624, 3640, 3641, 6010, 49151])('shows every registry row of port %i', (port) => {
    const expected = rawRowsForPort(raw, port);
    const entries = real.records[port]!.entries;
    expect(entries.reduce((n, e) => n + e.lines.length, 0)).toBe(expected.length);
    for (const row of expected) {
      const protocol = row['Transport Protocol'] || 'tcp';
      const entry = entries.find(
        (e) => (e.serviceName ?? '') === row['Service Name'] && e.description === row['Description'] && e.protocols.includes(protocol as 'tcp'),
      );
      expect(entry, `${row['Service Name']} ${row['Transport Protocol']}`).toBeDefined();
      expect(entry!.registrationDate ?? '').toBe(row['Registration Date']);
    }
  });

  it('resolves the peer pages\' assignees as the registry XML names them', () => {
    expect(real.records[3501]!.entries[0]!.assignees[0]).toMatchObject({ name: 'David Walling', domain: 'isoft.com' });
    expect(real.records[3516]!.entries[0]!.assignees[0]!.name).toBe('Scott Guthery');
    expect(real.records[3624]!.entries[0]!.assignees[0]!.name).toBe('Jason Schoon');
  });

  it('has no registry rows above 49151', () => {
    expect(real.records.slice(49152).every((r) => r.entries.length === 0 && r.status === 'dynamic')).toBe(true);
  });
});
