/**
 * Explaining triage rows: the data file's lookups, process matching ("sshd: OpenSSH, expected",
 * "nginx on 3489", "matches nothing known"), bind scopes, attention order, the ticket tables
 * (the CSV read back with csv-parse, the project's CSV parser) and the permalink round trip.
 * The data here is a small hand-built file: these tests are about the rules; the built data is
 * checked against the port pages end to end (tests/e2e/triage.spec.ts).
 */
import { describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { annotateRows, matchSentence } from '../../src/lib/triage/annotate.ts';
import { compactTriageData, TriageIndex, type TriageData, type TriagePortFacts } from '../../src/lib/triage/data.ts';
import { rowFlags, TABLE_HEADER, triageTable } from '../../src/lib/triage/describe.ts';
import { bindScope, type ListenRow } from '../../src/lib/triage/listing.ts';
import { parseListing } from '../../src/lib/triage/detect.ts';
import { decodePermalink, encodePermalink } from '../../src/lib/triage/permalink.ts';
import { ticketTable } from '../../src/lib/ticket-table.ts';
import type { Software } from '../../src/schemas/software.ts';

const product = (slug: string, name: string, processes: string[], ports: [number, number, ('tcp' | 'udp')[]][]): Software => ({
  slug,
  name,
  summary: 's',
  category: 'system-service',
  homepage: 'https://example.org/',
  aliases: [],
  uses: ports.map(([start, end, protocols]) => ({ port: { start, end }, protocols, role: 'r', basis: 'default', source: { url: 'https://example.org/', title: 't', quote: 'q' } })),
  ...(processes.length ? { processes: [{ names: processes, source: { url: 'https://example.org/', title: 't', quote: processes.join(' ') } }] } : {}),
});

const facts = (port: number, over: Partial<TriagePortFacts> = {}): TriagePortFacts => ({ port, status: 'assigned', label: null, ghost: false, kev: 0, amplification: [], witnessed: false, ...over });

const DATA: TriageData = compactTriageData(
  [
    facts(22, { label: 'ssh', witnessed: true }),
    facts(80, { label: 'http', witnessed: true, kev: 0 }),
    facts(123, { label: 'ntp', amplification: [{ protocol: 'NTP', factor: '556.9' }] }),
    facts(389, { label: 'ldap', amplification: [{ protocol: 'CLDAP', factor: '56 to 70' }, { protocol: 'LDAP', factor: '46 to 55' }] }),
    facts(3489, { label: 'dtp-dia' }),
    facts(3907, { label: 'imoguia-port', ghost: true }),
    facts(8291, { status: 'unassigned', label: 'MikroTik RouterOS', kev: 2, witnessed: true }),
    facts(13337, { status: 'unassigned' }),
  ],
  [
    product('openssh', 'OpenSSH', ['sshd'], [[22, 22, ['tcp']]]),
    product('nginx', 'NGINX', ['nginx'], [[80, 80, ['tcp']], [443, 443, ['tcp']]]),
    product('redis', 'Redis', ['redis-server'], [[6379, 6379, ['tcp']]]),
    product('no-processes', 'Quiet', [], [[9, 9, ['tcp']]]),
  ],
);
const index = new TriageIndex(DATA);

const row = (port: number, over: Partial<ListenRow> = {}): ListenRow => ({ port, protocol: 'tcp', address: '0.0.0.0', iface: null, family: '4', processes: [], lines: [1], ...over });

describe('the triage data file', () => {
  it('lists a port when the registry or a witness says something, so an absent port is silent and unwitnessed', () => {
    expect(DATA.ports.map(([port]) => port)).toEqual([22, 80, 123, 389, 3489, 3907, 8291]);
    expect(index.facts(13337).nothingKnown).toBe(true);
    expect(index.facts(50000)).toMatchObject({ status: 'dynamic', nothingKnown: true });
    expect(index.facts(8291)).toMatchObject({ status: 'unassigned', nothingKnown: false, kev: 2, label: 'MikroTik RouterOS' });
    expect(DATA.ghost).toEqual([3907]);
    expect(DATA.amplification).toEqual([[123, 'NTP', '556.9'], [389, 'CLDAP', '56 to 70'], [389, 'LDAP', '46 to 55']]);
  });
  it('keeps only products with process names, with their uses', () => {
    expect(DATA.products.map((p) => p.slug)).toEqual(['openssh', 'nginx', 'redis']);
    expect(DATA.products[1]!.uses).toEqual([[80, 80, ['tcp']], [443, 443, ['tcp']]]);
  });
});

describe('matching a listing\'s process with the software known on the port', () => {
  it('says a process is expected where its product listens', () => {
    const [annotated] = annotateRows([row(22, { processes: [{ name: 'sshd', pid: 812 }] })], index);
    expect(annotated!.match!.kind).toBe('expected');
    expect(matchSentence(annotated!.match!, 22)).toBe('sshd: OpenSSH, expected');
  });
  it('names the products that run a process known on other ports, with their ports', () => {
    const [annotated] = annotateRows([row(3489, { address: '127.0.0.1', processes: [{ name: 'nginx', pid: 1 }] })], index);
    expect(annotated!.match!.kind).toBe('elsewhere');
    expect(matchSentence(annotated!.match!, 3489)).toBe('nginx on 3489: the product that uses nginx is NGINX (80, 443)');
  });
  it('says when a process matches nothing known, and says nothing without a name', () => {
    expect(matchSentence(annotateRows([row(8291, { processes: [{ name: 'socat', pid: 5 }] })], index)[0]!.match!, 8291)).toBe('socat: matches nothing known');
    expect(annotateRows([row(8291, { processes: [{ name: '', pid: 5 }] })], index)[0]!.match).toBeNull();
  });
  it('matches Windows names without ".exe", any case, and a name a tool cut short by its beginning', () => {
    expect(annotateRows([row(22, { processes: [{ name: 'SSHD.EXE', pid: 1 }] })], index)[0]!.match!.kind).toBe('expected');
    expect(annotateRows([row(6379, { processes: [{ name: 'redis-ser', pid: 1, truncated: true }] })], index)[0]!.match!.kind).toBe('expected');
    expect(annotateRows([row(6379, { processes: [{ name: 'redis-ser', pid: 1 }] })], index)[0]!.match!.kind).toBe('none');
  });
  it('checks the protocol when the listing gives one', () => {
    expect(annotateRows([row(22, { protocol: 'udp', processes: [{ name: 'sshd', pid: 1 }] })], index)[0]!.match!.kind).toBe('elsewhere');
  });
});

describe('bind scope in words', () => {
  it.each([
    [{ address: '0.0.0.0', iface: null, family: '4' }, 'all', 'all interfaces (IPv4)'],
    [{ address: '*', iface: null, family: '46' }, 'all', 'all interfaces (IPv4 and IPv6)'],
    [{ address: '0.0.0.0', iface: 'lo', family: '4' }, 'loopback', 'loopback only (all addresses on lo)'],
    [{ address: '127.0.0.53', iface: 'lo', family: '4' }, 'loopback', 'loopback only'],
    [{ address: '::1', iface: null, family: '6' }, 'loopback', 'loopback only'],
    [{ address: '127.0.0.2', iface: null, family: '4' }, 'loopback', 'loopback only'],
    [{ address: '192.0.2.7', iface: null, family: '4' }, 'address', '192.0.2.7'],
    [{ address: '0.0.0.0', iface: 'eth0', family: '4' }, 'address', 'all addresses on eth0'],
    [{ address: null, iface: null, family: null }, 'unknown', 'not given'],
  ] as const)('%j is %s: "%s"', (where, kind, words) => {
    expect(bindScope(where)).toEqual({ kind, words });
  });
});

describe('attention first', () => {
  const rows = annotateRows(
    [
      row(22, { processes: [{ name: 'sshd', pid: 1 }] }),
      row(3489, { address: '127.0.0.1', processes: [{ name: 'nginx', pid: 2 }] }),
      row(8291, { address: '127.0.0.1' }),
      row(13337),
      row(3907),
      row(123, { protocol: 'udp' }),
    ],
    index,
  );
  it('puts known exploited vulnerabilities (even on loopback) and exposed unknowns first, then exposed rows, then loopback ones', () => {
    expect(rows.map((r) => [r.port, r.attention])).toEqual([[3907, 0], [8291, 0], [13337, 0], [22, 1], [123, 1], [3489, 2]]);
  });
  it('says why', () => {
    expect(rows.find((r) => r.port === 13337)!.reasons).toEqual(['exposed beyond loopback', 'nothing known on this port']);
    expect(rows.find((r) => r.port === 8291)!.reasons).toEqual(['known exploited vulnerabilities']);
    expect(rows.find((r) => r.port === 3489)!.reasons).toEqual(['process known on other ports']);
    expect(rows.find((r) => r.port === 22)!.reasons).toEqual(['exposed beyond loopback']);
  });
  it('flags amplification on UDP only, and links each flag to the port page section that shows it', () => {
    const udp = rowFlags(rows.find((r) => r.port === 123)!);
    expect(udp).toEqual([{ kind: 'amplification', text: 'UDP amplification (NTP, factor 556.9)', href: '/ports/123/#security' }]);
    expect(rowFlags(annotateRows([row(123)], index)[0]!)).toEqual([]);
    expect(rowFlags(annotateRows([row(389, { protocol: 'udp' })], index)[0]!)[0]!.text).toBe('UDP amplification (CLDAP, factor 56 to 70; LDAP, factor 46 to 55)');
    expect(rowFlags(rows.find((r) => r.port === 8291)!)[0]).toEqual({ kind: 'kev', text: '2 known exploited vulnerabilities', href: '/ports/8291/#security' });
  });
});

describe('tables for a ticket', () => {
  const rows = annotateRows(parseListing(readFileSync('tests/fixtures/triage/ss/tulpn.txt', 'utf8')).rows, index);
  const origin = 'https://ports.example.org';
  it('gives CSV that csv-parse reads back into the same cells, with each port\'s link', () => {
    const records = parseCsv(triageTable('csv', rows, origin)) as string[][];
    expect(records[0]).toEqual(['Port', 'Port link', ...TABLE_HEADER.slice(1)]);
    expect(records).toHaveLength(rows.length + 1);
    records.slice(1).forEach((record, i) => {
      expect(record[0]).toBe(String(rows[i]!.port));
      expect(record[1]).toBe(`${origin}/ports/${rows[i]!.port}/`);
      expect(record[3]).toBe(rows[i]!.scope.words);
    });
  });
  it('gives a Markdown table and Jira wiki markup with one line per row and linked ports', () => {
    const markdown = triageTable('markdown', rows, origin).trimEnd().split('\n');
    expect(markdown).toHaveLength(rows.length + 2);
    expect(markdown[2]).toContain(`[${rows[0]!.port}](${origin}/ports/${rows[0]!.port}/)`);
    const jira = triageTable('jira', rows, origin).trimEnd().split('\n');
    expect(jira[0]).toBe(`||${TABLE_HEADER.join('||')}||`);
    expect(jira[1]).toContain(`|[${rows[0]!.port}|${origin}/ports/${rows[0]!.port}/]|`);
  });
  it('escapes what would break a cell: pipes in Markdown, pipes and brackets in Jira, quotes and commas in CSV', () => {
    const cells = [['a|b', { text: 'x [y]', url: 'https://e.org/' }, 'say "hi", then\nleave']];
    expect(ticketTable('markdown', ['h1', 'h2', 'h3'], cells)).toContain('| a\\|b | [x \\[y\\]](https://e.org/) | say "hi", then leave |');
    expect(ticketTable('jira', ['h1', 'h2', 'h3'], cells)).toContain('|a b|[x  y |https://e.org/]|say "hi", then leave|');
    expect(parseCsv(ticketTable('csv', ['h1', 'h2', 'h3'], cells))).toEqual([['h1', 'h2', 'h2 link', 'h3'], ['a|b', 'x [y]', 'https://e.org/', 'say "hi", then\nleave']]);
  });
});

describe('the permalink', () => {
  it('holds the parsed rows, not the text, and gives them back', async () => {
    const text = readFileSync('tests/fixtures/triage/netstat-windows/abno.txt', 'utf8');
    const parsed = parseListing(text);
    const hash = await encodePermalink({ format: parsed.format, lineCount: parsed.lineCount, skipped: 7, rows: parsed.rows });
    expect(hash).toMatch(/^#rows=[A-Za-z0-9_-]+$/);
    const shared = await decodePermalink(hash);
    expect(shared).toEqual({ format: 'netstat-windows', lineCount: parsed.lineCount, skipped: 7, rows: parsed.rows.map((r) => ({ ...r, lines: [] })) });
  });
  it('reads nothing from another fragment or a damaged one, without throwing', async () => {
    const hash = await encodePermalink({ format: 'ss', lineCount: 1, skipped: 0, rows: [row(22)] });
    expect(await decodePermalink('#security')).toBeNull();
    expect(await decodePermalink(hash.slice(0, -6))).toBeNull();
    expect(await decodePermalink('#rows=!!!')).toBeNull();
    expect(await decodePermalink('#rows=')).toBeNull();
  });
});
