import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSoftwareDir, parseSoftwareFile } from '../../src/lib/software/load-software.ts';
import { agreesWithRegistry, CATALOGUE_USES, practiceSentence, usesByPort, type PortUse } from '../../src/lib/software/practice.ts';
import { ghostVerdict } from '../../src/lib/registry/status.ts';
import { registrantWitnessesOf } from '../../src/lib/evidence/evidence.ts';
import { portSummary } from '../../src/lib/describe-port.ts';
import { buildPortRecords } from '../../src/lib/registry/build-records.ts';
import { parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { parsePeopleXml } from '../../src/lib/registry/parse-people.ts';
import { AT_COMMIT, SOFTWARE_CATEGORIES, type Software } from '../../src/schemas/software.ts';
import { read, REAL_CSV, REAL_XML } from './helpers.ts';

const GOOD = read('tests/fixtures/software/good.yaml');
const REAL_DIR = 'content/software';

/** The error message parseSoftwareFile gives for `text` under `file`, or null when it accepts it. */
function errorOf(text: string, file = 'content/software/example.yaml'): string | null {
  try {
    parseSoftwareFile(file, text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('product files: the schema rejects bad input, naming file, line and field', () => {
  it('accepts the fixture and turns ports into inclusive spans', () => {
    const product = parseSoftwareFile('content/software/example-dashboard.yaml', GOOD);
    expect(product.slug).toBe('example-dashboard');
    expect(product.uses.map((u) => u.port)).toEqual([{ start: 3000, end: 3000 }, { start: 30000, end: 32767 }]);
  });

  it('rejects a use without a source', () => {
    const text = GOOD.replace(/    source:\n      url: https:\/\/example.org\/docs\/config\n.*\n.*\n/, '');
    expect(errorOf(text)).toBe('content/software/example.yaml:8: field "uses[0].source": Invalid input: expected object, received undefined');
  });

  it('rejects a source that is not https', () => {
    expect(errorOf(GOOD.replace('https://example.org/docs/config', 'http://example.org/docs/config'))).toBe(
      'content/software/example.yaml:14: field "uses[0].source.url": expected an https:// URL, got "http://example.org/docs/config"',
    );
  });

  it('rejects a port outside 0-65535, as a number or as a range end', () => {
    expect(errorOf(GOOD.replace('port: 3000', 'port: 65536'))).toMatch(/^content\/software\/example\.yaml:8: field "uses\[0\]\.port": .*65535/);
    expect(errorOf(GOOD.replace('port: 3000', 'port: -1'))).toMatch(/^content\/software\/example\.yaml:8: field "uses\[0\]\.port": /);
    expect(errorOf(GOOD.replace('"30000-32767"', '"30000-70000"'))).toBe(
      'content/software/example.yaml:17: field "uses[1].port": range end 70000 is above 65535',
    );
  });

  it('accepts a client-sourced use only at a commit, so the quoted line can be re-checked', () => {
    const client = GOOD.replace('basis: convention', 'basis: client');
    expect(errorOf(client)).toBe(
      'content/software/example.yaml:22: field "uses[1].source.url": basis "client" needs source.url at a commit (a repository file under /blob/<40-hex commit>/), so the quoted line can be re-checked',
    );
    const atCommit = client.replace('https://example.org/docs/ports', `https://github.com/example/client/blob/${'a'.repeat(40)}/client.py`);
    expect(errorOf(atCommit)).toBeNull();
    expect(parseSoftwareFile('content/software/example.yaml', atCommit).uses[1]!.basis).toBe('client');
  });

  it('accepts process names only when the quote shows each of them', () => {
    const processes = (names: string, quote: string) =>
      `${GOOD}processes:\n  - names: [${names}]\n    source:\n      url: https://example.org/docs/install\n      title: Install (Example documentation)\n      quote: "${quote}"\n`;
    expect(errorOf(processes('exdashd', 'ExecStart=/usr/sbin/exdashd --config /etc/exdash.ini'))).toBeNull();
    expect(errorOf(processes('exdashd, exdash-worker', 'ExecStart=/usr/sbin/exdashd'))).toMatch(
      /^content\/software\/example\.yaml:\d+: field "processes\[0\]\.names": source\.quote must contain each of names/,
    );
    expect(errorOf(processes('/usr/sbin/exdashd', '/usr/sbin/exdashd'))).toMatch(/field "processes\[0\]\.names\[0\]": expected a bare process name/);
  });

  it('rejects a reversed range', () => {
    expect(errorOf(GOOD.replace('"30000-32767"', '"32767-30000"'))).toBe(
      'content/software/example.yaml:17: field "uses[1].port": range "32767-30000" is reversed or empty: the start must be below the end',
    );
  });

  it('rejects an unknown category, naming the known ones', () => {
    const message = errorOf(GOOD.replace('category: observability', 'category: monitoring'));
    expect(message).toMatch(/^content\/software\/example\.yaml:4: field "category": Invalid option: expected one of /);
    for (const category of Object.keys(SOFTWARE_CATEGORIES)) expect(message).toContain(`"${category}"`);
  });

  it('rejects unknown fields, a bad basis, an empty protocol list, YAML syntax errors and bad file names', () => {
    expect(errorOf(GOOD.replace('basis: default', 'basis: default\n    colour: red'))).toBe('content/software/example.yaml:8: field "uses[0]": unknown field(s) colour');
    expect(errorOf(GOOD.replace('basis: default', 'basis: usual'))).toMatch(/^content\/software\/example\.yaml:11: field "uses\[0\]\.basis": /);
    expect(errorOf(GOOD.replace('protocols: [tcp]', 'protocols: []'))).toMatch(/^content\/software\/example\.yaml:9: field "uses\[0\]\.protocols": /);
    expect(errorOf(GOOD.replace('role: web UI', 'role: web: UI: x'))).toMatch(/^content\/software\/example\.yaml:10: not valid YAML: /);
    expect(errorOf(GOOD, 'content/software/Example.yaml')).toMatch(/^content\/software\/Example\.yaml: the file name "Example\.yaml" must be a slug/);
  });

  it('rejects a duplicate slug and a name two products share, naming both files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'software-'));
    writeFileSync(join(dir, 'example.yaml'), GOOD);
    writeFileSync(join(dir, 'example.yml'), GOOD.replace('Example Dashboard', 'Other'));
    expect(() => loadSoftwareDir(dir)).toThrow(`${dir}/example.yml: duplicate slug "example": ${dir}/example.yaml has it too`);
    const dir2 = mkdtempSync(join(tmpdir(), 'software-'));
    writeFileSync(join(dir2, 'a.yaml'), GOOD);
    writeFileSync(join(dir2, 'b.yaml'), GOOD.replace('aliases: [exdash]', 'aliases: []'));
    expect(() => loadSoftwareDir(dir2)).toThrow(`${dir2}/b.yaml: field "name": "Example Dashboard" is already the name of ${dir2}/a.yaml`);
    const dir3 = mkdtempSync(join(tmpdir(), 'software-'));
    writeFileSync(join(dir3, 'a.yaml'), GOOD);
    writeFileSync(join(dir3, 'b.yaml'), GOOD.replace('Example Dashboard', 'Other').replace('[exdash]', '[example dashboard]'));
    expect(() => loadSoftwareDir(dir3)).toThrow(`${dir3}/b.yaml: field "aliases": "example dashboard" is the name of ${dir3}/a.yaml`);
  });
});

describe('the real product files', () => {
  const files = readdirSync(REAL_DIR).filter((name) => name.endsWith('.yaml'));
  // Read with the YAML library alone, not the code under test.
  const raw = files.map((name) => ({ name, data: parseYaml(read(join(REAL_DIR, name))) as { uses: { source: { url: string; quote: string } }[] } }));

  it('all load and validate', () => {
    expect(loadSoftwareDir(REAL_DIR).map((p) => `${p.slug}.yaml`).sort()).toEqual(files.sort());
  });

  it('cite an https source with a quote for every use', () => {
    for (const { name, data } of raw) {
      for (const use of data.uses) {
        expect(new URL(use.source.url).protocol, name).toBe('https:');
        expect(use.source.quote.trim().length, name).toBeGreaterThan(0);
      }
    }
  });

  type RawProcess = { names: string[]; source: { url: string; title: string; quote: string } };
  const processEntries = raw.flatMap(({ name, data }) =>
    ((data as { processes?: RawProcess[] }).processes ?? []).map((entry) => ({ file: name, ...entry })),
  );

  it('name at least 300 products\' processes, for matching a listing (issue 23)', () => {
    expect(new Set(processEntries.map(({ file }) => file)).size).toBeGreaterThanOrEqual(300);
  });

  it('quote every process name in its source\'s own words', () => {
    // Letter case aside, as the schema: docs write Lsass.exe and Java, listings show lsass.exe and java.
    for (const { file, names, source } of processEntries) {
      for (const name of names) expect(source.quote.toLowerCase(), `${file}: ${name}`).toContain(name.toLowerCase());
    }
  });

  it('cite a Debian file list by the one path whose file name is the process name', () => {
    const debian = processEntries.filter(({ source }) => source.url.startsWith('https://packages.debian.org/'));
    expect(debian.length).toBeGreaterThan(0);
    for (const { file, names, source } of debian) {
      const match = /^https:\/\/packages\.debian\.org\/bookworm\/(?:amd64|all)\/([a-z0-9][a-z0-9.+-]+)\/filelist$/.exec(source.url);
      expect(match, `${file}: ${source.url}`).not.toBeNull();
      expect(source.title, file).toBe(`File list of ${match![1]} in Debian bookworm`);
      expect(source.quote, file).toMatch(/^(\/[^/\s]+)+$/);
      expect(names, file).toEqual([source.quote.slice(source.quote.lastIndexOf('/') + 1)]);
    }
  });

  it('cite a repository file at a commit, so the quoted line can be re-checked', () => {
    for (const { file, source } of processEntries.filter(({ source }) => /^https:\/\/(github|gitlab)\.com\//.test(source.url))) {
      expect(source.url, file).toMatch(AT_COMMIT);
    }
  });
});

const { records } = buildPortRecords(parseRegistryCsv(read(REAL_CSV), REAL_CSV), parsePeopleXml(read(REAL_XML), REAL_XML));
/** A one-use product on `port`, from the fixture file. */
const product = (slug: string, name: string, port: number | string): Software =>
  parseSoftwareFile(`x/${slug}.yaml`, GOOD.replace('Example Dashboard', name).replace('aliases: [exdash]', 'aliases: []').replace('port: 3000', `port: ${JSON.stringify(port)}`));

describe('ghost rule', () => {
  it('never flags a port where the registered service is shown running, even against a note; otherwise note, then heuristic', () => {
    expect(ghostVerdict(true, [], true)).toBe(false);
    expect(ghostVerdict(true, [true], true)).toBe(false);
    expect(ghostVerdict(true, [], false)).toBe(true);
    expect(ghostVerdict(false, [true], false)).toBe(true);
    expect(ghostVerdict(true, [false], false)).toBe(false);
  });

  it('applies to 6443, which the registry alone calls a likely ghost: a product of its own keeps the badge, one implementing sun-sr-https clears it', () => {
    expect(records[6443]!.likelyGhost).toBe(true); // sun-sr-https: individual assignee, no reference, never modified
    const kube = product('kube', 'Kube', 6443);
    const uses = usesByPort([kube]).get(6443) ?? [];
    const agrees = (u: PortUse) => agreesWithRegistry(kube, u.use, records[6443]!);
    expect(ghostVerdict(records[6443]!.likelyGhost, [], registrantWitnessesOf(uses, [], agrees, records[6443]!.entries).length > 0)).toBe(true);
    const implementer = { ...kube, uses: kube.uses.map((use) => ({ ...use, ianaService: 'sun-sr-https' })) };
    const implementing = usesByPort([implementer]).get(6443) ?? [];
    const implementsIt = (u: PortUse) => agreesWithRegistry(implementer, u.use, records[6443]!);
    expect(ghostVerdict(records[6443]!.likelyGhost, [], registrantWitnessesOf(implementing, [], implementsIt, records[6443]!.entries).length > 0)).toBe(false);
  });
});

describe('uses by port', () => {
  const byPort = usesByPort([product('b-app', 'B App', 3000), product('a-app', 'A App', 3000), product('c-app', 'C App', '2999-3001')]);

  it('marks the uses of a product with more than CATALOGUE_USES uses as a catalogue (Traccar on the real data)', () => {
    const many = { ...product('many', 'Many', 4000), uses: Array.from({ length: CATALOGUE_USES + 1 }, (_, i) => ({ ...product('many', 'Many', 4000 + i).uses[0]! })) };
    expect(usesByPort([many]).get(4000)![0]!.catalogue).toBe(true);
    expect(usesByPort([product('few', 'Few', 4000)]).get(4000)![0]!.catalogue).toBeUndefined();
    const traccar = loadSoftwareDir(REAL_DIR).find((p) => p.slug === 'traccar');
    expect(traccar && traccar.uses.length).toBeGreaterThan(CATALOGUE_USES);
  });

  it('puts first-party uses before a use seen only in client code', () => {
    const [a, b] = byPort.get(3000)!;
    const withClient = usesByPort([
      { ...product('a-app', 'A App', 3000), uses: [{ ...a!.use, basis: 'client' as const }] },
      { ...product('b-app', 'B App', 3000), uses: [{ ...b!.use, basis: 'convention' as const }] },
    ]);
    expect(withClient.get(3000)!.map((u) => [u.slug, u.use.basis])).toEqual([['b-app', 'convention'], ['a-app', 'client']]);
  });

  it('lists a range use on every port it covers, narrow before wide, then by name', () => {
    expect(byPort.get(30000)!.map((u) => u.slug)).toEqual(['a-app', 'b-app', 'c-app']);
    expect(byPort.get(32767)!.length).toBe(3);
    expect(byPort.get(32768)).toBeUndefined();
    expect(byPort.get(3000)!.map((u) => u.slug)).toEqual(['a-app', 'b-app', 'c-app']);
    expect(byPort.get(2999)!.map((u) => u.slug)).toEqual(['c-app']);
  });

  it('says who uses a port in the summary, without wide ranges', () => {
    expect(practiceSentence(byPort.get(2999)!)).toBe('In practice, C App uses it by default for its web UI.');
    expect(practiceSentence(byPort.get(3000)!, 2)).toBe('In practice, it is used by A App, B App and 1 more product.');
    expect(practiceSentence(byPort.get(30000)!.filter((u: PortUse) => u.slug === 'a-app'))).toBe('');
    const [c] = byPort.get(2999)!;
    expect(practiceSentence([{ ...c!, use: { ...c!.use, basis: 'client' } }])).toBe('In practice, open-source clients of C App connect to it for its web UI.');
    expect(portSummary(records[5173]!, byPort.get(2999)!)).toBe(
      'Port 5173 is a registered port (1024–49151) that IANA has not assigned to any service. In practice, C App uses it by default for its web UI.',
    );
  });
});

describe('agreement with the registry', () => {
  it('matches product names against service names and descriptions', () => {
    const use = product('redis', 'Redis', 6379).uses[0]!;
    expect(agreesWithRegistry({ name: 'Redis', slug: 'redis', aliases: [] }, use, records[6379]!)).toBe(true);
    expect(agreesWithRegistry({ name: 'Kubernetes', slug: 'kubernetes', aliases: ['k8s'] }, use, records[6443]!)).toBe(false);
    expect(agreesWithRegistry({ name: 'Memcached', slug: 'memcached', aliases: [] }, use, records[11211]!)).toBe(true);
    expect(agreesWithRegistry({ name: 'Vite', slug: 'vite', aliases: [] }, use, records[5173]!)).toBe(false);
  });

  it('matches a role that names the registered protocol, with protocol synonyms', () => {
    const use = (role: string) => ({ ...product('x', 'X', 1).uses[0]!, role });
    expect(agreesWithRegistry({ name: 'Dropbear', slug: 'dropbear', aliases: [] }, use('SSH server'), records[22]!)).toBe(true);
    expect(agreesWithRegistry({ name: 'Pi-hole', slug: 'pi-hole', aliases: [] }, use('DNS server'), records[53]!)).toBe(true);
    expect(agreesWithRegistry({ name: 'Samba', slug: 'samba', aliases: [] }, use('SMB over TCP'), records[445]!)).toBe(true);
    expect(agreesWithRegistry({ name: 'Grafana', slug: 'grafana', aliases: [] }, use('web UI and HTTP API'), records[3000]!)).toBe(false);
  });

  it('accepts an explicit ianaService naming one of the port\'s service names', () => {
    const use = { ...product('winrm', 'WinRM', 5985).uses[0]!, ianaService: 'wsman' };
    expect(agreesWithRegistry({ name: 'Windows Remote Management', slug: 'winrm', aliases: [] }, use, records[5985]!)).toBe(true);
    expect(agreesWithRegistry({ name: 'Windows Remote Management', slug: 'winrm', aliases: [] }, { ...use, ianaService: 'http' }, records[5985]!)).toBe(false);
  });
});

describe('summaries on the real registry', () => {
  it('never leave empty brackets or doubled words', () => {
    for (const record of records) {
      const summary = portSummary(record);
      expect(summary, `port ${record.port}`).not.toContain('()');
      expect(summary, `port ${record.port}`).not.toMatch(/\b(\w+) \1\b/i);
    }
  });

  it('name the service alone when IANA gives no description (5000)', () => {
    expect(portSummary(records[5000]!)).toBe('Port 5000 is a registered port (1024–49151). IANA assigns it to commplex-main on TCP and UDP.');
  });
});
