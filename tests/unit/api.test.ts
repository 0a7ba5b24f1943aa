/**
 * The JSON API's pure parts on the real registry: port objects, blocks, service names and
 * their URL segments, and the generated JSON Schema. Expected values come from the IANA CSV
 * read with csv-parse (helpers.ts), not from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { blocksJson, hasPortFile, portItem, portJson, type NoteRef, type PortItem } from '../../src/lib/api/port-json.ts';
import { assertUniqueSegments, buildServices, servicesByInitial } from '../../src/lib/api/services.ts';
import { apiSchema, portFileSchema } from '../../src/schemas/api.ts';
import { servicePath, serviceSegment } from '../../src/lib/paths.ts';
import { buildPortRecords } from '../../src/lib/registry/build-records.ts';
import { parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { parsePeopleXml } from '../../src/lib/registry/parse-people.ts';
import { parseSoftwareFile } from '../../src/lib/software/load-software.ts';
import { usesByPort, type PortUse } from '../../src/lib/software/practice.ts';
import { rowsForPort } from '../e2e/registry.ts';
import { loadEvidence, poolsOf } from '../../src/lib/evidence/evidence.ts';
import type { Evidence } from '../../src/schemas/evidence.ts';
import { read, REAL_CSV, REAL_XML, realRows, rawRowsForPort } from './helpers.ts';

const real = buildPortRecords(parseRegistryCsv(read(REAL_CSV), REAL_CSV), parsePeopleXml(read(REAL_XML), REAL_XML));
const rows = realRows();
const record = (port: number) => real.records[port]!;

/** The fixture product, moved to port 50000 (narrow) plus its wide 30000-32767 range. */
const product = parseSoftwareFile('content/software/example.yaml', read('tests/fixtures/software/good.yaml').replace('port: 3000', 'port: 50000'));
const practice = usesByPort([product]);
const usesOn = (port: number): PortUse[] => practice.get(port) ?? [];

/** Distinct values of a CSV column over the rows of a port, in file order. */
const csvValues = (port: number, column: string) => [...new Set(rawRowsForPort(rows, port).map((row) => row[column]!))];
const csvProtocols = (port: number) => new Set(rawRowsForPort(rows, port).map((row) => row['Transport Protocol']!));

describe('portJson on real records', () => {
  it('3489: dtp-dia over TCP and UDP, assigned, a likely ghost until its service is shown running or a note says otherwise', () => {
    const json = portJson(record(3489));
    expect(json.entries.map((e) => e.serviceName)).toEqual(csvValues(3489, 'Service Name'));
    expect(new Set(json.entries.flatMap((e) => e.protocols))).toEqual(csvProtocols(3489));
    expect(json.status).toBe('assigned');
    expect(json.tier).toBe('registered');
    // The CSV rows have no reference, modification date or notes: the heuristic's conditions.
    expect(csvValues(3489, 'Reference')).toEqual(['']);
    expect(csvValues(3489, 'Modification Date')).toEqual(['']);
    expect(json.ghost).toBe(true);
    expect(json.entries[0]!.assignees.map((p) => p.name).join(' ')).toContain('Soloviev');
    expect(json.entries[0]!.lines).toEqual(rowsForPort(3489).map((row) => row.line));
    expect(json.url).toBe('/ports/3489/');

    const note: NoteRef = { slug: 'port-3489', title: 'Port 3489', ghost: false };
    expect(portJson(record(3489), { notes: [note] }).ghost).toBe(false);
    expect(portJson(record(3489), { notes: [note] }).notes).toEqual([{ slug: 'port-3489', title: 'Port 3489', url: '/notes/port-3489/' }]);
    expect(portJson(record(3489), { notes: [{ ...note, ghost: undefined }] }).ghost).toBe(true);
    const use: PortUse = { ...usesOn(50000)[0]!, use: { ...usesOn(50000)[0]!.use, port: { start: 3489, end: 3489 } } };
    // A product of its own on the port keeps the badge; one implementing dtp-dia clears it.
    expect(portJson(record(3489), { uses: [use] }).ghost).toBe(true);
    expect(portJson(record(3489), { uses: [use], agrees: (u) => u === use }).ghost).toBe(false);
  });

  it('6010: x11, part of the CSV range 6000-6063, with unauthorized use reported', () => {
    const [x11Range] = csvValues(6010, 'Port Number');
    expect(x11Range).toBe('6000-6063');
    const json = portJson(record(6010));
    expect(json.entries.map((e) => e.serviceName)).toEqual(csvValues(6010, 'Service Name'));
    expect(json.entries[0]!.range).toEqual({ start: 6000, end: 6063 });
    expect(new Set(json.entries.flatMap((e) => e.protocols))).toEqual(csvProtocols(6010));
    expect(json.entries[0]!.unauthorizedUseReported).toBe(csvValues(6010, 'Unauthorized Use Reported')[0]);
    expect(json.ghost).toBe(false);
  });

  it('50000: dynamic, no IANA entry; a compact block object alone, a full object with a narrow use', () => {
    expect(rawRowsForPort(rows, 50000)).toEqual([]);
    expect(hasPortFile(record(50000))).toBe(false);
    const bare = portItem(record(50000));
    expect(bare.full).toBeNull();
    expect(!bare.full && bare.compact).toEqual({ port: 50000, tier: 'dynamic', status: 'dynamic', rangeUses: [], url: '/ports/50000/' });

    const json = portJson(record(50000), { uses: usesOn(50000) });
    expect(json).toMatchObject({ status: 'dynamic', entries: [], ghost: false });
    expect(json.uses).toEqual([
      {
        product: { slug: 'example', name: 'Example Dashboard', url: '/software/example/' },
        port: { start: 50000, end: 50000 },
        protocols: ['tcp'],
        role: 'web UI',
        basis: 'default',
        setting: 'http_port in example.ini',
        versions: null,
        source: { url: 'https://example.org/docs/config', title: 'Configuration (Example documentation)' },
      },
    ]);
    expect(hasPortFile(record(50000), { uses: usesOn(50000) })).toBe(true);
  });

  it('0: reserved on TCP and UDP, with a file of its own', () => {
    const json = portJson(record(0));
    expect(json.status).toBe('reserved');
    expect(json.entries.map((e) => e.description)).toEqual(csvValues(0, 'Description'));
    expect(new Set(json.entries.flatMap((e) => e.protocols))).toEqual(csvProtocols(0));
    expect(hasPortFile(record(0))).toBe(true);
  });

  it('an unassigned port covered only by a wide range has no file of its own', () => {
    expect(csvValues(31000, 'Description')).toEqual(['Unassigned']);
    expect(hasPortFile(record(31000), { uses: usesOn(31000) })).toBe(false);
  });

  it('every port object passes the API schema, and the generated JSON Schema accepts it too', () => {
    const ajv = new Ajv2020({ allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(z.toJSONSchema(apiSchema), 'api');
    const validate = ajv.getSchema('api#/$defs/portFile')!;
    for (const port of [0, 22, 80, 3489, 6010, 50000]) {
      const file = { schema: '/api/v1/schema.json#/$defs/portFile', generatedBy: 'Port Atlas', snapshot: '2026-02-25', ...portJson(record(port), { uses: usesOn(port) }) };
      expect(() => portFileSchema.parse(file)).not.toThrow();
      expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    }
    const broken = { schema: 'x', generatedBy: 'Port Atlas', snapshot: null, ...portJson(record(22)), status: 'taken' };
    expect(validate(broken)).toBe(false);
  });
});

describe('evidence of use in the API', () => {
  const evidence = loadEvidence('tests/fixtures/evidence');
  const on = (port: number) => evidence.byPort.get(port) ?? [];

  it('carries the evidence and the OS pools, and clears the ghost flag as the page does', () => {
    expect(portJson(record(3501)).ghost).toBe(true);
    const json = portJson(record(2000), { evidence: on(2000), pools: poolsOf(evidence.pools, 2000) });
    expect(json.evidence).toEqual(on(2000));
    expect(json.pools).toEqual(['windows-before-vista']);
    // Debian under another name: busy, still a likely ghost; under isoft-p2p: the registered service runs.
    expect(portJson(record(3501), { evidence: [{ source: 'debian', protocol: 'tcp', serviceName: 'x', aliases: [], comment: null } satisfies Evidence] }).ghost).toBe(true);
    expect(portJson(record(3501), { evidence: [{ source: 'debian', protocol: 'tcp', serviceName: 'isoft-p2p', aliases: [], comment: null } satisfies Evidence] }).ghost).toBe(false);
  });

  it('gives an unassigned port with evidence a file of its own, and passes the schema', () => {
    const seen: Evidence[] = [{ source: 'debian', protocol: 'udp', serviceName: 'example', aliases: [], comment: null }];
    expect(csvValues(4, 'Description')).toEqual(['Unassigned']);
    expect(hasPortFile(record(4))).toBe(false);
    expect(hasPortFile(record(4), { evidence: seen })).toBe(true);
    const file = { schema: '/api/v1/schema.json#/$defs/portFile', generatedBy: 'Port Atlas', snapshot: '2026-02-25', ...portJson(record(4), { evidence: seen }) };
    expect(() => portFileSchema.parse(file)).not.toThrow();
  });

  it('lists the pools overlapping each block', () => {
    const blocks = blocksJson(real.records.map((r) => portItem(r)), evidence.pools);
    expect(blocks[0]!.pools).toEqual([]);
    expect(blocks[1]!.pools).toEqual(['windows-before-vista']);
    expect(blocks[4]!.pools).toEqual(['windows-before-vista']);
    expect(blocks[5]!.pools).toEqual([]);
    expect(blocks.at(-1)!.pools).toEqual(['windows']);
  });
});

describe('blocks', () => {
  const items: PortItem[] = real.records.map((r) => portItem(r, { uses: usesOn(r.port) }));
  const blocks = blocksJson(items);

  it('cover every port 0-65535 exactly once, in 64 blocks of 1,024', () => {
    expect(blocks).toHaveLength(64);
    expect(blocks.map((b) => [b.start, b.end])).toEqual(Array.from({ length: 64 }, (_, i) => [i * 1024, i * 1024 + 1023]));
    const ports = blocks.flatMap((b) => b.ports.map((p) => p.port));
    expect(ports).toEqual(Array.from({ length: 65536 }, (_, port) => port));
    for (const block of blocks) expect(block.ports.every((p) => block.start <= p.port && p.port <= block.end)).toBe(true);
  });

  it('give the full object for ports with a file and resolve a compact port\'s wide uses through the block', () => {
    const block = blocks.find((b) => b.start <= 3489 && 3489 <= b.end)!;
    expect(block.ports.find((p) => p.port === 3489)).toEqual(portJson(record(3489)));
    const nodePorts = blocks.find((b) => b.start <= 31000 && 31000 <= b.end)!;
    const compact = nodePorts.ports.find((p) => p.port === 31000)!;
    expect('rangeUses' in compact && compact.rangeUses.map((i) => nodePorts.rangeUses[i]!.role)).toEqual(['node ports']);
    expect(nodePorts.rangeUses).toHaveLength(1);
  });

  it('rejects items that are not in port order', () => {
    expect(() => blocksJson([items[1]!, items[0]!])).toThrow('port items out of order: 1 at index 0');
  });
});

describe('service names', () => {
  const names = [...new Set(rows.map((row) => row['Service Name']!).filter(Boolean).map((name) => name.toLowerCase()))];

  it('get a unique, lower-case, URL-safe segment each, for every name in the registry', () => {
    const segments = names.map(serviceSegment);
    expect(new Set(segments).size).toBe(names.length);
    for (const segment of segments) expect(segment).toMatch(/^[a-z0-9_~-][a-z0-9._~-]*$/);
    // The escaping is percent-encoding with '~': a standard decoder reverses it.
    for (const name of names) expect(decodeURIComponent(serviceSegment(name).replaceAll('~', '%'))).toBe(name);
    expect(() => assertUniqueSegments(names)).not.toThrow();
  });

  it('keep plain names as they are and escape the historic ones that clash with a plain one', () => {
    expect(servicePath('ssh')).toBe('/services/ssh/');
    expect(servicePath('SSH')).toBe('/services/ssh/');
    expect(names).toContain('sql*net');
    expect(names).toContain('sql-net');
    expect(servicePath('sql*net')).not.toBe(servicePath('sql-net'));
    expect(servicePath('cl/1')).toBe('/services/cl~2f1/');
    expect(servicePath('z39.50')).toBe('/services/z39.50/');
    expect(servicePath('whois++')).toBe('/services/whois~2b~2b/');
  });

  it('a clash is an error naming the names', () => {
    expect(() => assertUniqueSegments(['ssh', 'ssh'])).toThrow('service names with the same URL: "ssh", "ssh" -> /services/ssh/');
  });

  it('cover every name of the CSV, with its ports, including names without a port', () => {
    const services = buildServices(real.records, real.report.serviceNameOnly);
    expect(services.map((s) => s.name).sort()).toEqual([...names].sort());
    const ssh = services.find((s) => s.name === 'ssh')!;
    const sshRows = rows.filter((row) => row['Service Name'] === 'ssh');
    expect(ssh.ports).toEqual([...new Set(sshRows.filter((row) => row['Port Number']).map((row) => Number(row['Port Number'])))]);
    // 22 on TCP and UDP, 22 on SCTP, and the DNS-SD row without a port.
    expect(ssh.entries.map((e) => [e.ports?.start ?? null, e.protocols])).toEqual([[22, ['tcp', 'udp']], [22, ['sctp']], [null, ['tcp']]]);
    expect(sshRows.map((row) => row['Port Number'])).toEqual(['22', '22', '22', '']);

    const portless = rows.find((row) => row['Service Name'] && row['Port Number'] === '' && !rows.some((r) => r['Service Name'] === row['Service Name'] && r['Port Number'] !== ''))!;
    const service = services.find((s) => s.name === portless['Service Name']!.toLowerCase())!;
    expect(service.ports).toEqual([]);
    expect(service.entries.every((e) => e.ports === null && e.url === null)).toBe(true);
    expect(service.entries.map((e) => e.description)).toContain(portless.Description);

    const http = services.find((s) => s.name === 'http')!;
    const namesOn80 = new Set(rawRowsForPort(rows, 80).map((row) => row['Service Name']!.toLowerCase()).filter((n) => n && n !== 'http'));
    expect(new Set(http.aliases.map((a) => a.name))).toEqual(namesOn80);

    const x11 = services.find((s) => s.name === 'x11')!;
    expect(x11.ports).toHaveLength(64);
    expect(x11.entries.filter((e) => e.ports?.start === 6000)).toHaveLength(1);
  });

  it('are grouped by first letter for the index pages, names starting with a digit under 0-9, none left out', () => {
    const groups = servicesByInitial(buildServices(real.records, real.report.serviceNameOnly));
    expect(groups.map(([initial]) => initial)).toEqual(['0-9', ...new Set(names.filter((n) => /^[a-z]/.test(n)).map((n) => n[0]!).sort())]);
    expect(groups.flatMap(([, list]) => list.map((s) => s.name)).sort()).toEqual([...names].sort());
    for (const [initial, list] of groups) {
      for (const { name } of list) expect(initial === '0-9' ? /^[0-9]/.test(name) : name.startsWith(initial), name).toBe(true);
    }
    expect(groups.find(([initial]) => initial === '0-9')![1].map((s) => s.name)).toContain('3com-tsmux');
    expect(servicesByInitial([{ name: 'b' }, { name: '9pfs' }, { name: 'ab' }, { name: 'aa' }])).toEqual([
      ['0-9', [{ name: '9pfs' }]], ['a', [{ name: 'ab' }, { name: 'aa' }]], ['b', [{ name: 'b' }]],
    ]);
  });
});

describe('public/_headers', () => {
  it('serves the JSON API to every origin', () => {
    expect(read('public/_headers')).toMatch(/^\/api\/\*\n {2}Access-Control-Allow-Origin: \*$/m);
  });
});

