/**
 * Risk facts: CISA's KEV catalog (parsing, the product files' exact pairs), the amplification
 * data and the per-port mapping. Expected values are read from the data files themselves.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadKevCatalog, parseKevCatalog, checkKevPairs, kevEntriesFor } from '../../src/lib/security/kev.ts';
import { loadAmplification, parseAmplificationFile } from '../../src/lib/security/amplification.ts';
import { KEV_ON_PORT_PAGE, KEV_PRODUCTS_WITH_ENTRIES, kevComponentsOf, portsByResponderPriority, securityByPort, securityJson } from '../../src/lib/security/port-security.ts';
import { securityJsonSchema } from '../../src/schemas/api.ts';
import { loadSoftwareDir, parseSoftwareFile } from '../../src/lib/software/load-software.ts';
import { AT_COMMIT } from '../../src/schemas/software.ts';
import { read, realRows, errorOf } from './helpers.ts';

const KEV_FIXTURE = 'tests/fixtures/kev/good.json';
const REAL_KEV = 'content/kev/known_exploited_vulnerabilities.json';
const REAL_AMPLIFICATION = 'content/amplification/ports.yaml';
const GOOD_PRODUCT = read('tests/fixtures/software/good.yaml');


/** The fixture product, with extra top-level YAML appended (kev, exposure). */
const product = (extra: string, file = 'content/software/example-dashboard.yaml') => parseSoftwareFile(file, `${GOOD_PRODUCT}${extra}`);
/** The fixture catalog's two Example Corp entries: one in the web UI on 3000, one with no documented port. */
const ROUTER_PAIR = [
  'kev:',
  '  - vendorProject: "Example Corp"',
  '    product: "Example Router"',
  '    components:',
  '      - component: "web UI"',
  '        ports: [3000]',
  '        cves: [CVE-2099-0001]',
  '      - component: "firmware updater (local)"',
  '        ports: []',
  '        cves: [CVE-2098-0002]',
  '',
].join('\n');
/** ROUTER_PAIR with its components replaced by one: `component` lines as YAML. */
const routerWith = (components: string) => `kev:\n  - vendorProject: "Example Corp"\n    product: "Example Router"\n    components:\n${components}`;

describe('KEV catalog parsing', () => {
  it('reads the fixture catalog', () => {
    const catalog = parseKevCatalog(KEV_FIXTURE, read(KEV_FIXTURE));
    expect(catalog.catalogVersion).toBe('2099.01.02');
    expect(catalog.vulnerabilities.map((v) => v.cveID)).toEqual(['CVE-2099-0001', 'CVE-2098-0002', 'CVE-2099-0003']);
  });

  it('names the file, the entry index and the field of a bad entry', () => {
    const file = 'tests/fixtures/kev/bad-date.json';
    expect(errorOf(() => parseKevCatalog(file, read(file)))).toBe(`${file}: field "vulnerabilities[1].dateAdded": expected a date such as 2025-08-25`);
  });

  it('refuses a count that is not the number of entries', () => {
    const file = 'tests/fixtures/kev/bad-count.json';
    expect(errorOf(() => parseKevCatalog(file, read(file)))).toBe(`${file}: field "count": says 4 but the file lists 3 vulnerabilities`);
  });

  it('refuses text that is not JSON, naming the file', () => {
    expect(errorOf(() => parseKevCatalog('x.json', '{"title": '))).toMatch(/^x\.json: not valid JSON: /);
  });

  it('reads the vendored catalog whole', () => {
    const raw = JSON.parse(read(REAL_KEV)) as { catalogVersion: string; count: number; vulnerabilities: { cveID: string }[] };
    const catalog = loadKevCatalog(REAL_KEV);
    expect(catalog.catalogVersion).toBe(raw.catalogVersion);
    expect(catalog.vulnerabilities.map((v) => v.cveID)).toEqual(raw.vulnerabilities.map((v) => v.cveID));
  });
});

describe('product files: KEV pairs', () => {
  const catalog = parseKevCatalog(KEV_FIXTURE, read(KEV_FIXTURE));

  it('accepts an exact pair and lists its entries newest first, without other vendors\' entries of the same product name', () => {
    const router = product(ROUTER_PAIR);
    expect(() => checkKevPairs([router], catalog, 'content/software')).not.toThrow();
    expect(kevEntriesFor(router.kev!, catalog).map((v) => v.cveID)).toEqual(['CVE-2099-0001', 'CVE-2098-0002']);
  });

  it('stops on a pair the catalog lacks, naming the product file and the field', () => {
    const wrong = product('kev:\n  - vendorProject: "Example Corp"\n    product: "Example router"\n    components:\n      - component: "web UI"\n        ports: []\n        cves: [CVE-2099-0001]\n');
    expect(errorOf(() => checkKevPairs([wrong], catalog, 'content/software'))).toBe(
      'content/software/example-dashboard.yaml: field "kev[0]": vendorProject "Example Corp" with product "Example router" is not in the KEV catalog (catalogVersion 2099.01.02); copy both names exactly from the catalog',
    );
  });

  it('stops on a CVE of another pair, naming the component\'s field', () => {
    const wrong = product(routerWith('      - component: "web UI"\n        ports: [3000]\n        cves: [CVE-2099-0001, CVE-2098-0002, CVE-2099-0003]\n'));
    expect(errorOf(() => checkKevPairs([wrong], catalog, 'content/software'))).toBe(
      'content/software/example-dashboard.yaml: field "kev[0].components[0].cves[2]": CVE-2099-0003 is not a catalog entry of "Example Corp" "Example Router" (catalogVersion 2099.01.02)',
    );
  });

  it('stops on an entry of the pair that no component places, and on one placed twice', () => {
    const left = product(routerWith('      - component: "web UI"\n        ports: [3000]\n        cves: [CVE-2099-0001]\n'));
    expect(errorOf(() => checkKevPairs([left], catalog, 'content/software'))).toBe(
      'content/software/example-dashboard.yaml: field "kev[0].components": CVE-2098-0002 of "Example Corp" "Example Router" is in no component: place each catalog entry of the pair, with ports: [] when its component has no documented port',
    );
    const twice = product(routerWith('      - component: "web UI"\n        ports: [3000]\n        cves: [CVE-2099-0001, CVE-2098-0002]\n      - component: "updater"\n        ports: []\n        cves: [CVE-2098-0002]\n'));
    expect(errorOf(() => checkKevPairs([twice], catalog, 'content/software'))).toBe(
      'content/software/example-dashboard.yaml: field "kev[0].components[1].cves[0]": CVE-2098-0002 is placed in two components; each entry hits one',
    );
  });

  it('stops on a component port that is not one of the file\'s narrow uses (a wide pool is not a listener)', () => {
    for (const port of [30000, 8080]) {
      const wrong = product(routerWith(`      - component: "web UI"\n        ports: [${port}]\n        cves: [CVE-2099-0001, CVE-2098-0002]\n`));
      expect(errorOf(() => checkKevPairs([wrong], catalog, 'content/software'))).toBe(
        `content/software/example-dashboard.yaml: field "kev[0].components[0].ports[0]": port ${port} is not a port of this file's uses (single ports or ranges of up to 64); add the use with its source first`,
      );
    }
  });

  /** The web UI component of ROUTER_PAIR with `source` lines appended (YAML, 8 spaces in). */
  const withSource = (source: string) => product(routerWith(`      - component: "web UI"\n        ports: [3000]\n        cves: [CVE-2099-0001]\n${source}      - component: "firmware updater (local)"\n        ports: []\n        cves: [CVE-2098-0002]\n`));
  const sourceLines = (url: string, quote: string) => `        source:\n          url: ${url}\n          title: "CVE-2099-0001 record, written by Example Corp as its CNA"\n          quote: "${quote}"\n`;
  const RECORD = 'https://github.com/CVEProject/cvelistV5/blob/0123456789abcdef0123456789abcdef01234567/cves/2099/0xxx/CVE-2099-0001.json';

  it('accepts a component source (the vendor\'s CVE record: https, a title, a quote of at most 300 characters) and keeps it with the component', () => {
    const quote = 'A vulnerability in the web UI of Example Router could allow a remote attacker to log in.';
    const router = withSource(sourceLines(RECORD, quote));
    expect(() => checkKevPairs([router], catalog, 'content/software')).not.toThrow();
    expect(router.kev![0]!.components[0]!.source).toEqual({ url: RECORD, title: 'CVE-2099-0001 record, written by Example Corp as its CNA', quote });
    expect(router.kev![0]!.components[1]!.source).toBeUndefined();
    expect(withSource(sourceLines(RECORD, 'x'.repeat(300))).kev![0]!.components[0]!.source!.quote).toHaveLength(300);
  });

  it('rejects a component source over http, with a quote over 300 characters, without a quote, or with an unknown field, naming file, line and field', () => {
    const field = (name: string) => new RegExp(`^content/software/example-dashboard\\.yaml:\\d+: field "kev\\[0\\]\\.components\\[0\\]\\.source\\.${name}": `);
    expect(errorOf(() => withSource(sourceLines(RECORD.replace('https:', 'http:'), 'q')))).toMatch(field('url'));
    expect(errorOf(() => withSource(sourceLines(RECORD, 'x'.repeat(301))))).toMatch(field('quote'));
    expect(errorOf(() => withSource(`        source:\n          url: ${RECORD}\n          title: "T"\n`))).toMatch(field('quote'));
    expect(errorOf(() => withSource(`${sourceLines(RECORD, 'q')}          ports: [3000]\n`))).toMatch(/^content\/software\/example-dashboard\.yaml:\d+: field "kev\[0\]\.components\[0\]\.source/);
  });

  it('rejects a pair without components, naming file, line and field', () => {
    expect(errorOf(() => product('kev:\n  - vendorProject: "Example Corp"\n    product: "Example Router"\n'))).toMatch(/^content\/software\/example-dashboard\.yaml:\d+: field "kev\[0\]\.components": /);
  });

  it('rejects a pair with a missing product, naming file, line and field', () => {
    expect(errorOf(() => product('kev:\n  - vendorProject: "Example Corp"\n'))).toMatch(/^content\/software\/example-dashboard\.yaml:\d+: field "kev\[0\]\.product": /);
  });

  it('every pair in content/software/ is in the vendored catalog; RouterOS lists exactly the catalog\'s RouterOS entries', () => {
    const real = loadKevCatalog(REAL_KEV);
    const products = loadSoftwareDir('content/software');
    expect(() => checkKevPairs(products, real, 'content/software')).not.toThrow();
    const raw = JSON.parse(read(REAL_KEV)) as { vulnerabilities: { cveID: string; vendorProject: string; product: string }[] };
    const expected = raw.vulnerabilities.filter((v) => v.vendorProject === 'MikroTik' && v.product === 'RouterOS').map((v) => v.cveID).sort();
    const routerOs = products.find((p) => p.slug === 'mikrotik-routeros')!;
    expect(expected.length).toBeGreaterThan(0);
    expect(kevEntriesFor(routerOs.kev!, real).map((v) => v.cveID).sort()).toEqual(expected);
  });
});

describe('amplification data', () => {
  it('each entry names a UDP port that IANA registers under its ianaService', () => {
    const rows = realRows();
    const entries = loadAmplification(REAL_AMPLIFICATION).filter((entry) => entry.ianaService !== null);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const row = rows.find((r) => r['Transport Protocol'] === 'udp' && r['Port Number'] === String(entry.port) && r['Service Name'] === entry.ianaService);
      expect(row, `${entry.protocol} ${entry.port}/udp ${entry.ianaService}`).toBeDefined();
    }
  });

  it('an entry without ianaService is a protocol IANA registers on no UDP port, its port quoted from its portSource', () => {
    const rows = realRows();
    const unregistered = loadAmplification(REAL_AMPLIFICATION).filter((entry) => entry.ianaService === null);
    expect(unregistered.map((entry) => entry.protocol).sort()).toEqual(['BitTorrent', 'Kad', 'Steam Protocol']);
    for (const entry of unregistered) {
      // "Steam Protocol" -> "steam": no UDP row with a port carries the protocol's name (IANA's
      // port-less "bittorrent" is a DNS-SD name), and whatever IANA has on the port is another service.
      const name = entry.protocol.split(' ')[0]!.toLowerCase();
      expect(rows.filter((r) => (r['Service Name'] ?? '').toLowerCase() === name && r['Port Number'] !== '' && r['Transport Protocol'] === 'udp'), entry.protocol).toEqual([]);
      expect(entry.portSource!.some((source) => source.quote.includes(String(entry.port))), entry.protocol).toBe(true);
      for (const source of entry.portSource!) expect(source.url, entry.protocol).toMatch(/^https:\/\/(github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\/|developer\.valvesoftware\.com\/)/);
    }
  });

  it('refuses ianaService: null without a portSource, a portSource beside an IANA service, and a portSource that never names the port', () => {
    const text = read(REAL_AMPLIFICATION);
    const noSource = text.replace(/(    ianaService: null # IANA: 6869-6887 Unassigned\n(?:.*\n)*?)    portSource:\n(?:      .*\n)+/, '$1');
    expect(errorOf(() => parseAmplificationFile('ports.yaml', noSource))).toMatch(/^ports\.yaml:\d+: field "ports\[\d+\]\.portSource": required when ianaService is null/);
    const beside = text.replace('ianaService: null # IANA: 6869-6887 Unassigned', 'ianaService: bittorrent');
    expect(errorOf(() => parseAmplificationFile('ports.yaml', beside))).toMatch(/field "ports\[\d+\]\.portSource": only for an entry with ianaService: null/);
    const wrongPort = text.replace('port: 6881\n', 'port: 6882\n');
    expect(errorOf(() => parseAmplificationFile('ports.yaml', wrongPort))).toMatch(/field "ports\[\d+\]\.portSource": no quote names port 6882/);
  });

  it('lists several protocols on one port: LDAP and CLDAP on 389, by protocol name', () => {
    const on389 = loadAmplification(REAL_AMPLIFICATION).filter((entry) => entry.port === 389);
    expect(on389.map((entry) => entry.protocol)).toEqual(['CLDAP', 'LDAP']);
    const facts = securityByPort([], parseKevCatalog(KEV_FIXTURE, read(KEV_FIXTURE)), loadAmplification(REAL_AMPLIFICATION)).get(389)!;
    expect(facts.amplification).toEqual(on389);
    const json = securityJson(facts)!;
    expect(securityJsonSchema.parse(json)).toEqual(json);
    expect(json.amplifications.map((a) => [a.protocol, a.factor])).toEqual(on389.map((e) => [e.protocol, e.factor]));
    expect(json.amplification).toEqual(json.amplifications[0]);
  });

  it('each factor appears in its own quote (the number was copied from the source)', () => {
    for (const entry of loadAmplification(REAL_AMPLIFICATION)) expect(entry.source.quote).toContain(entry.factor);
  });

  it('names file, line and field of a bad factor', () => {
    const text = read(REAL_AMPLIFICATION).replace('factor: "556.9"', 'factor: "huge"');
    expect(errorOf(() => parseAmplificationFile('ports.yaml', text))).toMatch(/^ports\.yaml:\d+: field "ports\[\d+\]\.factor": expected a factor such as "556\.9" or "28 to 54"/);
  });

  it('covers every UDP protocol of TA14-017A, or says in SOURCE.md why a row is left out', () => {
    // The alert's table as revised (2018), per its "Systems Affected" list: each protocol by the name its table row uses.
    const revised2018 = ['DNS', 'NTP', 'SNMPv2', 'NetBIOS', 'SSDP', 'CharGEN', 'QOTD', 'BitTorrent', 'Kad', 'Quake Network Protocol', 'Steam Protocol', 'Multicast DNS (mDNS)', 'RIPv1', 'Portmap (RPCbind)', 'LDAP', 'CLDAP', 'TFTP', 'Memcached'];
    // Rows issue 22 says the alert gained later; their cells have not been read (SOURCE.md), so by the names SOURCE.md gives.
    const later = ['WS-Discovery', 'Apple Remote Management Service'];
    const alert = [...revised2018, ...later];
    const quoted = loadAmplification(REAL_AMPLIFICATION).map((entry) => entry.source.quote.split(' | ')[0]);
    // SOURCE.md's "Left out" bullets: "  - LDAP (46 to 55, ...): why", "  - BitTorrent, Kad and ...: why".
    const leftOut = read('content/amplification/SOURCE.md')
      .split('- Left out, with why:')[1]!
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .flatMap((line) => line.slice(4).split(':')[0]!.replace(/ \(.*$/, '').split(/, | and /));
    for (const protocol of alert) {
      const listed = quoted.includes(protocol);
      const explained = leftOut.includes(protocol);
      expect(listed !== explained, `${protocol}: listed ${listed}, explained as left out ${explained}`).toBe(true);
    }
  });

  it('refuses a protocol listed twice', () => {
    const text = read(REAL_AMPLIFICATION).replace('protocol: CharGEN\n', 'protocol: QOTD\n');
    expect(errorOf(() => parseAmplificationFile('ports.yaml', text))).toBe('ports.yaml: field "ports[1].protocol": protocol QOTD is listed twice');
  });
});

describe('security facts per port', () => {
  const catalog = parseKevCatalog(KEV_FIXTURE, read(KEV_FIXTURE));
  const amplification = [{ protocol: 'NTP', port: 123, ianaService: 'ntp', factor: '556.9', source: { url: 'https://example.org/', title: 'T', quote: 'NTP | 556.9' } }];
  const unregistered = { protocol: 'Example P2P', port: 30000, ianaService: null, factor: '3.8', source: { url: 'https://example.org/', title: 'T', quote: 'Example P2P | 3.8' }, portSource: [{ url: 'https://example.org/src', title: 'S', quote: 'DEFAULT_PORT 30000' }] };
  const exposure = 'exposure:\n  - port: 3000\n    quote: "Do not expose this port."\n    source:\n      url: https://example.org/security\n      title: Security (Example documentation)\n';
  const map = securityByPort([product(ROUTER_PAIR + exposure)], catalog, amplification);
  const entry = (cve: string) => catalog.vulnerabilities.find((v) => v.cveID === cve)!;

  it('attaches an entry only to the ports its component listens on, never to the product\'s other ports', () => {
    expect(map.get(3000)!.kev).toEqual([{ slug: 'example-dashboard', name: 'Example Dashboard', components: ['web UI'], componentSources: [], count: 1, total: 2, ransomware: Number(entry('CVE-2099-0001').knownRansomwareCampaignUse === 'Known'), newest: entry('CVE-2099-0001').dateAdded, listed: [entry('CVE-2099-0001')] }]);
    expect(map.has(30000)).toBe(false);
  });

  it('orders /security/ ports by entries with known ransomware use, then the newest entry, then the port', () => {
    const onPort = (port: number, cves: string[]) => `  - port: ${port}\n    protocols: [tcp]\n    role: r\n    basis: default\n    source: { url: "https://example.org/", title: "T", quote: "${port}" }\n`;
    const text = `${read('tests/fixtures/software/good.yaml').replace(/^uses:\n/m, `uses:\n${onPort(4000, [])}${onPort(5000, [])}`)}${routerWith(
      '      - component: "old ransomware-linked service"\n        ports: [4000]\n        cves: [CVE-2098-0002]\n      - component: "web UI"\n        ports: [5000]\n        cves: [CVE-2099-0001]\n')}`;
    const ordered = portsByResponderPriority(securityByPort([parseSoftwareFile('content/software/example-dashboard.yaml', text)], catalog, []));
    const expected = [4000, 5000].map((port) => {
      const e = entry(port === 4000 ? 'CVE-2098-0002' : 'CVE-2099-0001');
      return { port, ransomware: Number(e.knownRansomwareCampaignUse === 'Known'), count: 1, newest: e.dateAdded };
    }).sort((a, b) => b.ransomware - a.ransomware || b.newest.localeCompare(a.newest) || a.port - b.port);
    expect(ordered).toEqual(expected);
    expect(expected[0]!.port).toBe(5000); // CVE-2099-0001 is the fixture's ransomware-linked entry
  });

  it('lists ransomware use first, then the newest, KEV_ON_PORT_PAGE of them, with the port\'s count', () => {
    const base = catalog.vulnerabilities[1]!;
    const five = Array.from({ length: 5 }, (_, i) => ({ ...base, cveID: `CVE-2099-100${i}`, dateAdded: `2099-01-0${i + 1}`, knownRansomwareCampaignUse: i === 1 ? 'Known' as const : 'Unknown' as const }));
    const many = { ...catalog, vulnerabilities: five };
    const all = routerWith(`      - component: "web UI"\n        ports: [3000]\n        cves: [${five.map((v) => v.cveID).join(', ')}]\n`);
    const facts = securityByPort([product(all)], many, []).get(3000)!.kev[0]!;
    expect(facts.count).toBe(5);
    expect(facts.listed.map((v) => v.dateAdded)).toEqual(['2099-01-02', '2099-01-05', '2099-01-04'].slice(0, KEV_ON_PORT_PAGE));
  });

  it('lists only names and counts on a port with more than KEV_PRODUCTS_WITH_ENTRIES such products', () => {
    const crowd = Array.from({ length: KEV_PRODUCTS_WITH_ENTRIES + 1 }, (_, i) => product(ROUTER_PAIR, `content/software/example-${i}.yaml`));
    const facts = securityByPort(crowd, catalog, []).get(3000)!.kev;
    expect(facts.map((k) => [k.slug, k.count, k.listed.length])).toEqual(crowd.map((p) => [p.slug, 1, 0]));
    const two = securityByPort(crowd.slice(0, KEV_PRODUCTS_WITH_ENTRIES), catalog, []).get(3000)!.kev;
    expect(two.every((k) => k.listed.length === 1)).toBe(true);
  });

  it('attaches the exposure quote and the amplification entry to their ports', () => {
    expect(map.get(3000)!.exposure).toEqual([{ slug: 'example-dashboard', name: 'Example Dashboard', quote: 'Do not expose this port.', source: { url: 'https://example.org/security', title: 'Security (Example documentation)' } }]);
    expect(map.get(123)).toEqual({ kev: [], amplification, exposure: [] });
    expect(map.get(3000)!.amplification).toEqual([]);
  });

  it('writes the API object the schema describes, with links to the product and the catalog', () => {
    const json = securityJson(map.get(3000))!;
    expect(securityJsonSchema.parse(json)).toEqual(json);
    expect(json.kev[0]!.product).toEqual({ slug: 'example-dashboard', name: 'Example Dashboard', url: '/software/example-dashboard/' });
    expect(json.kev[0]!.components).toEqual(['web UI']);
    expect(json.kev[0]!.listed.map((v) => [v.cveID, v.url])).toEqual([
      ['CVE-2099-0001', 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search_api_fulltext=CVE-2099-0001'],
    ]);
    const ntp = { protocol: 'NTP', factor: '556.9', ianaService: 'ntp', source: { url: 'https://example.org/', title: 'T' }, portSource: null };
    expect(securityJson(map.get(123))!.amplifications).toEqual([ntp]);
    expect(securityJson(map.get(123))!.amplification).toEqual(ntp);
    expect(securityJson(map.get(3000))!).toMatchObject({ amplification: null, amplifications: [] });
    const p2p = securityJson(securityByPort([], catalog, [unregistered]).get(30000))!;
    expect(securityJsonSchema.parse(p2p)).toEqual(p2p);
    expect(p2p.amplifications[0]).toEqual({ protocol: 'Example P2P', factor: '3.8', ianaService: null, source: { url: 'https://example.org/', title: 'T' }, portSource: unregistered.portSource });
    expect(securityJson(null)).toBeNull();
  });

  it('carries a component\'s source to the product page\'s list and to the API, one per record where two components merge', () => {
    const record = (cve: string) => ({ url: `https://github.com/CVEProject/cvelistV5/blob/0123456789abcdef0123456789abcdef01234567/cves/2099/0xxx/${cve}.json`, title: `${cve} record, written by Example Corp as its CNA`, quote: 'the web UI' });
    const yaml = (s: ReturnType<typeof record>) => `        source: { url: "${s.url}", title: "${s.title}", quote: "${s.quote}" }\n`;
    const [first, second] = [record('CVE-2099-0001'), record('CVE-2098-0002')];
    // Two components alike (same words, same ports), each with its own vendor record: one heading, both records.
    const sourced = product(routerWith(`      - component: "web UI"\n        ports: [3000]\n        cves: [CVE-2099-0001]\n${yaml(first)}      - component: "web UI"\n        ports: [3000]\n        cves: [CVE-2098-0002]\n${yaml(second)}`));
    const components = kevComponentsOf(sourced, catalog);
    expect(components.map((c) => [c.component, c.ports, c.entries.length, c.sources])).toEqual([['web UI', [3000], 2, [first, second]]]);
    expect(kevComponentsOf(product(ROUTER_PAIR), catalog).map((c) => c.sources)).toEqual([[], []]);
    const json = securityJson(securityByPort([sourced], catalog, []).get(3000))!;
    expect(securityJsonSchema.parse(json)).toEqual(json);
    expect(json.kev[0]!.components).toEqual(['web UI']);
    expect(json.kev[0]!.componentSources).toEqual([{ component: 'web UI', ...first }, { component: 'web UI', ...second }]);
  });
});

describe('KEV links on the real data', () => {
  const catalog = loadKevCatalog(REAL_KEV);
  const products = loadSoftwareDir('content/software');
  const byPort = securityByPort(products, catalog, []);
  /** port -> CVE IDs a port page may show, read straight from the product files' YAML (not through the code under test). */
  const explicit = new Map<number, Set<string>>();
  for (const name of readdirSync('content/software').filter((f) => f.endsWith('.yaml'))) {
    const data = parseYaml(read(`content/software/${name}`)) as { kev?: { components: { ports: number[]; cves: string[] }[] }[] };
    for (const pair of data.kev ?? []) {
      for (const { ports, cves } of pair.components) for (const port of ports) for (const cve of cves) {
        if (!explicit.has(port)) explicit.set(port, new Set());
        explicit.get(port)!.add(cve);
      }
    }
  }
  /** Every component of every product file, straight from the YAML, with its file name. */
  type RawComponent = { component: string; ports: number[]; cves: string[]; source?: { url: string; title: string; quote: string } };
  const rawComponents = readdirSync('content/software').filter((f) => f.endsWith('.yaml')).flatMap((name) =>
    ((parseYaml(read(`content/software/${name}`)) as { kev?: { components: RawComponent[] }[] }).kev ?? []).flatMap((pair) => pair.components.map((c) => ({ file: name, ...c }))));
  const shownOn = (port: number) => (byPort.get(port)?.kev ?? []).flatMap((k) => k.listed.map((v) => v.cveID));
  const countedOn = (port: number) => (byPort.get(port)?.kev ?? []).reduce((sum, k) => sum + k.count, 0);

  it('every entry a port shows or counts is mapped to that port by a component in a product file', () => {
    for (const [port, facts] of byPort) {
      for (const cve of shownOn(port)) expect(explicit.get(port)?.has(cve), `${cve} on ${port}`).toBe(true);
      expect(countedOn(port), `count on ${port}`).toBeLessThanOrEqual(explicit.get(port)?.size ?? 0);
      if (facts.kev.length > 0) expect(explicit.has(port), String(port)).toBe(true);
    }
    for (const [port, cves] of explicit) expect(countedOn(port), `port ${port}`).toBe(cves.size);
  });

  it('keeps the links the catalog text rules out off the ports (issue 22\'s sample)', () => {
    const off: [string, number[]][] = [
      ['CVE-2020-0796', [137, 138, 139]], // SMB 3.1.1: TCP 445 only
      ['CVE-2023-32315', [5222, 5223]], // Openfire's admin console, not XMPP
      ['CVE-2018-14847', [8728, 8729]], // WinBox, not the API
      ['CVE-2022-23134', [10050, 10051]], // Zabbix Frontend, not the agent or trapper
      ['CVE-2024-3393', [6081, 6082, 443]], // PAN-OS DNS Security inspects traffic; no listener
      ['CVE-2021-44515', [8027]],
      ['CVE-2020-8816', [53, 67, 123, 547]], // Pi-hole's web interface
      ['CVE-2021-26855', [25, 587]], // ProxyLogon is reached over HTTPS
    ];
    for (const [cve, ports] of off) for (const port of ports) expect(explicit.get(port)?.has(cve) ?? false, `${cve} on ${port}`).toBe(false);
    expect(explicit.get(9090)?.has('CVE-2023-32315')).toBe(true);
    expect(explicit.get(8291)?.has('CVE-2018-14847')).toBe(true);
    expect(explicit.get(445)?.has('CVE-2020-0796')).toBe(true);
  });

  it('a component source that is a CVE record cites one of the component\'s own CVEs at a cvelistV5 commit, titled with that CVE', () => {
    const sourced = rawComponents.filter((c) => c.source);
    expect(sourced.length).toBeGreaterThan(0);
    for (const { file, cves, source } of sourced.filter((c) => c.source!.url.includes('/CVEProject/cvelistV5/'))) {
      const match = /^https:\/\/github\.com\/CVEProject\/cvelistV5\/blob\/[0-9a-f]{40}\/cves\/(\d{4})\/\d+xxx\/(CVE-\1-\d+)\.json$/.exec(source!.url);
      expect(match, `${file}: ${source!.url}`).not.toBeNull();
      expect(source!.url).toMatch(AT_COMMIT);
      expect(cves, `${file}: ${source!.url}`).toContain(match![2]);
      expect(source!.title.startsWith(`${match![2]} record`), `${file}: ${source!.title}`).toBe(true);
    }
  });

  it('a component source reaches the API of each port of its component, beside that component', () => {
    const sourced = rawComponents.filter((c) => c.source && c.ports.length > 0);
    expect(sourced.length).toBeGreaterThan(0);
    for (const { file, component, ports, source } of sourced) {
      for (const port of ports) {
        const product = securityJson(byPort.get(port))!.kev.find((k) => k.product.slug === file.replace(/\.yaml$/, ''));
        expect(product?.componentSources, `${file} on ${port}`).toContainEqual({ component, ...source });
      }
    }
  });

  it('a component source that names a port ("TCP port 4786") names one of its component\'s ports', () => {
    for (const { file, component, ports, source } of rawComponents.filter((c) => c.source)) {
      for (const [, port] of source!.quote.matchAll(/\bports? (\d{1,5})\b/g)) expect(ports, `${file}: "${component}" and its quote`).toContain(Number(port));
    }
  });

  /**
   * The links the batch 2 review (content/REVIEWS.md, issue 27: row 59 and "Also seen, not
   * changed") found placed by the vendor's CVE record alone, plus those whose entry names the
   * component but only the record gives where it listens (CVE-2020-2021: GlobalProtect and the
   * web interfaces; Cisco's UDP 18999 and TCP 4786): each keeps a port only while citing its
   * own record.
   */
  it('links whose component or port rests on the vendor\'s CVE record cite it (issue 27, batch 2 review)', () => {
    const fromRecords = ['CVE-2021-20038', 'CVE-2024-40766', 'CVE-2024-20353', 'CVE-2024-4885', 'CVE-2021-35247', 'CVE-2025-24016', 'CVE-2021-38163',
      'CVE-2023-29298', 'CVE-2023-38205', 'CVE-2022-24112', 'CVE-2020-2021', 'CVE-2018-0151', 'CVE-2018-0156', 'CVE-2018-0171'];
    for (const cve of fromRecords) {
      const holders = rawComponents.filter((c) => c.cves.includes(cve));
      expect(holders, cve).toHaveLength(1);
      const { ports, source } = holders[0]!;
      if (ports.length > 0) expect(source?.url, `${cve} on ${ports.join(', ')}`).toMatch(new RegExp(`/${cve}\\.json$`));
    }
  });
});
