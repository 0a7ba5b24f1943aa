import { describe, expect, it } from 'vitest';
import { parseReferences, parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { MINI_CSV, read, REAL_CSV, realRows } from './helpers.ts';

const HEADER =
  'Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
const parseText = (text: string) => () => parseRegistryCsv(text, 'test.csv');

describe('parseRegistryCsv on the fixture', () => {
  const rows = parseRegistryCsv(read(MINI_CSV), MINI_CSV);

  it('returns every data row with the line it starts on', () => {
    expect(rows).toHaveLength(23);
    expect(rows[0]!.line).toBe(2);
    const www = rows.find((row) => row.serviceName === 'www')!;
    expect(www.line).toBe(12);
    // The quoted note spans lines 12-13, so the next row starts on line 14.
    expect(rows.find((row) => row.serviceName === 'finger')!.line).toBe(14);
    expect(www.assignmentNotes).toContain('duplicate of the "http" service\n');
  });

  it('reads ranges, empty protocols and service-name-only rows', () => {
    expect(rows.find((row) => row.serviceName === 'x11')!.ports).toEqual({ start: 6000, end: 6003 });
    expect(rows.find((row) => row.description === 'Unassigned')!.protocol).toBeNull();
    const arp = rows.find((row) => row.serviceName === 'arp')!;
    expect(arp.ports).toBeNull();
    expect(arp.line).toBe(25);
  });

  it('splits bracketed handles and references', () => {
    const http = rows.find((row) => row.serviceName === 'http')!;
    expect(http.assigneeHandles).toEqual(['IESG']);
    expect(http.references).toEqual([{ text: 'RFC9110', url: 'https://www.rfc-editor.org/rfc/rfc9110' }]);
  });
});

describe('parseRegistryCsv on the real registry', () => {
  it('accepts every row of the vendored CSV, as many as csv-parse counts', () => {
    expect(parseRegistryCsv(read(REAL_CSV), REAL_CSV)).toHaveLength(realRows().length);
  });
});

describe('parseRegistryCsv rejects bad input with file, line and field', () => {
  it.each([
    ['a port that is not a number', 'x,abc,tcp,X,,,,,,,,', 'test.csv:2: field "Port Number": expected a port number'],
    ['a port above 65535', 'x,70000,tcp,X,,,,,,,,', 'got "70000"'],
    ['a negative port', 'x,-1,tcp,X,,,,,,,,', 'field "Port Number"'],
    ['a reversed range', 'x,10-5,tcp,X,,,,,,,,', 'ascending range'],
    ['an unknown transport protocol', 'x,10,icmp,X,,,,,,,,', 'test.csv:2: field "Transport Protocol": expected tcp, udp, sctp, dccp or empty, got "icmp"'],
    ['a bad date', 'x,10,tcp,X,,,2002-13,,,,,', 'test.csv:2: field "Registration Date": expected a date YYYY-MM or YYYY-MM-DD, got "2002-13"'],
    ['a handle outside brackets', 'x,10,tcp,X,Jon Postel,,,,,,,', 'field "Assignee"'],
    ['too many fields', 'x,10,tcp,X,,,,,,,,,extra', 'test.csv:2: row has 13 fields, expected 12'],
    ['too few fields', 'x,10,tcp,X', 'test.csv:2: row has 4 fields, expected 12'],
  ])('%s', (_name, row, message) => {
    expect(parseText(csv('ok,1,tcp,Fine,,,,,,,,', 'ok,1,udp,Fine,,,,,,,,', row).replace(/^.*\nok,1,tcp,Fine,,,,,,,,\nok,1,udp,Fine,,,,,,,,\n/, `${HEADER}\n`))).toThrow(message);
  });

  it('names the line of a bad row after a multi-line row', () => {
    expect(parseText(csv('a,1,tcp,"two\nlines",,,,,,,,', 'b,99999,tcp,X,,,,,,,,'))).toThrow('test.csv:4: field "Port Number"');
  });

  it('reports an unterminated quote', () => {
    expect(parseText(csv('a,1,tcp,"never closed,,,,,,,,'))).toThrow(/test\.csv:\d+: a quoted field is never closed/);
  });

  it('reports a missing or renamed header column', () => {
    expect(parseText(HEADER.replace('Port Number', 'Port') + '\n')).toThrow('test.csv:1: field "Port Number": expected header column 2 to be "Port Number", found "Port"');
    expect(parseText(HEADER.replace(',Assignment Notes', '') + '\n')).toThrow('field "Assignment Notes"');
  });

  it('reports an empty file', () => {
    expect(parseText('')).toThrow('test.csv: the file is empty');
  });

  it('accepts a UTF-8 BOM and CRLF line ends', () => {
    const rows = parseRegistryCsv('\uFEFF' + csv('a,1,tcp,"x\ny",,,,,,,,', 'b,2,udp,Y,,,,,,,,').replace(/\n/g, '\r\n'), 'crlf.csv');
    expect(rows.map((row) => [row.serviceName, row.line])).toEqual([['a', 2], ['b', 4]]);
    expect(rows[0]!.description).toBe('x\r\ny');
  });
});

describe('parseReferences', () => {
  it('links RFCs, drafts and URLs and keeps other text', () => {
    expect(parseReferences('[RFC6335][draft-herbert-gue-02][http://example.org/x][ISO 8583]')).toEqual([
      { text: 'RFC6335', url: 'https://www.rfc-editor.org/rfc/rfc6335' },
      { text: 'draft-herbert-gue-02', url: 'https://datatracker.ietf.org/doc/draft-herbert-gue/' },
      { text: 'http://example.org/x', url: 'http://example.org/x' },
      { text: 'ISO 8583', url: null },
    ]);
  });

  it('drops [n/a] and empty input', () => {
    expect(parseReferences('[n/a]')).toEqual([]);
    expect(parseReferences('')).toEqual([]);
  });
});

describe('line numbers on the real registry', () => {
  it('point at the line where each row starts in the file', () => {
    const lines = read(REAL_CSV).split('\n');
    const rows = parseRegistryCsv(read(REAL_CSV), REAL_CSV);
    const raw = realRows();
    for (let i = 0; i < rows.length; i += 37) {
      const start = `${raw[i]!['Service Name']},${raw[i]!['Port Number']},${raw[i]!['Transport Protocol']},`;
      expect(lines[rows[i]!.line - 1]!.startsWith(start), `row ${i} at line ${rows[i]!.line}`).toBe(true);
    }
  });
});
