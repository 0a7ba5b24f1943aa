/**
 * Risk facts: CISA's KEV catalog (parsing, the product files' exact pairs), the amplification
 * data and the per-port mapping. Expected values are read from the data files themselves.
 */
import { describe, expect, it } from 'vitest';
import { loadKevCatalog, parseKevCatalog, checkKevPairs, kevEntriesFor } from '../../src/lib/security/kev.ts';
import { loadAmplification, parseAmplificationFile } from '../../src/lib/security/amplification.ts';
import { KEV_ON_PORT_PAGE, KEV_PRODUCTS_WITH_ENTRIES, securityByPort, securityJson } from '../../src/lib/security/port-security.ts';
import { securityJsonSchema } from '../../src/schemas/api.ts';
import { loadSoftwareDir, parseSoftwareFile } from '../../src/lib/software/load-software.ts';
import { read, realRows, errorOf } from './helpers.ts';

const KEV_FIXTURE = 'tests/fixtures/kev/good.json';
const REAL_KEV = 'content/kev/known_exploited_vulnerabilities.json';
const REAL_AMPLIFICATION = 'content/amplification/ports.yaml';
const GOOD_PRODUCT = read('tests/fixtures/software/good.yaml');


/** The fixture product, with extra top-level YAML appended (kev, exposure). */
const product = (extra: string, file = 'content/software/example-dashboard.yaml') => parseSoftwareFile(file, `${GOOD_PRODUCT}${extra}`);
const ROUTER_PAIR = 'kev:\n  - vendorProject: "Example Corp"\n    product: "Example Router"\n';

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
    const wrong = product('kev:\n  - vendorProject: "Example Corp"\n    product: "Example router"\n');
    expect(errorOf(() => checkKevPairs([wrong], catalog, 'content/software'))).toBe(
      'content/software/example-dashboard.yaml: field "kev[0]": vendorProject "Example Corp" with product "Example router" is not in the KEV catalog (catalogVersion 2099.01.02); copy both names exactly from the catalog',
    );
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
    const entries = loadAmplification(REAL_AMPLIFICATION);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const row = rows.find((r) => r['Transport Protocol'] === 'udp' && r['Port Number'] === String(entry.port) && r['Service Name'] === entry.ianaService);
      expect(row, `${entry.protocol} ${entry.port}/udp ${entry.ianaService}`).toBeDefined();
    }
  });

  it('each factor appears in its own quote (the number was copied from the source)', () => {
    for (const entry of loadAmplification(REAL_AMPLIFICATION)) expect(entry.source.quote).toContain(entry.factor);
  });

  it('names file, line and field of a bad factor', () => {
    const text = read(REAL_AMPLIFICATION).replace('factor: "556.9"', 'factor: "huge"');
    expect(errorOf(() => parseAmplificationFile('ports.yaml', text))).toMatch(/^ports\.yaml:\d+: field "ports\[\d+\]\.factor": expected a factor such as "556\.9" or "28 to 54"/);
  });

  it('refuses a port listed twice', () => {
    const text = read(REAL_AMPLIFICATION).replace('port: 17\n', 'port: 19\n');
    expect(errorOf(() => parseAmplificationFile('ports.yaml', text))).toBe('ports.yaml: field "ports[1].port": port 19 is listed twice');
  });
});

describe('security facts per port', () => {
  const catalog = parseKevCatalog(KEV_FIXTURE, read(KEV_FIXTURE));
  const amplification = [{ protocol: 'NTP', port: 123, ianaService: 'ntp', factor: '556.9', source: { url: 'https://example.org/', title: 'T', quote: 'NTP | 556.9' } }];
  const exposure = 'exposure:\n  - port: 3000\n    quote: "Do not expose this port."\n    source:\n      url: https://example.org/security\n      title: Security (Example documentation)\n';
  const map = securityByPort([product(ROUTER_PAIR + exposure)], catalog, amplification);

  it('attaches a product\'s entries to the ports it names, not to the wide ranges it draws from', () => {
    expect(map.get(3000)!.kev).toEqual([{ slug: 'example-dashboard', name: 'Example Dashboard', count: 2, newest: kevEntriesFor(product(ROUTER_PAIR).kev!, catalog) }]);
    expect(map.has(30000)).toBe(false);
  });

  it('keeps the newest KEV_ON_PORT_PAGE entries per product and the full count', () => {
    const many = { ...catalog, vulnerabilities: Array.from({ length: 5 }, (_, i) => ({ ...catalog.vulnerabilities[0]!, cveID: `CVE-2099-000${i}`, dateAdded: `2099-01-0${i + 1}` })) };
    const facts = securityByPort([product(ROUTER_PAIR)], many, []).get(3000)!.kev[0]!;
    expect(facts.count).toBe(5);
    expect(facts.newest.map((v) => v.dateAdded)).toEqual(['2099-01-05', '2099-01-04', '2099-01-03'].slice(0, KEV_ON_PORT_PAGE));
  });

  it('lists only names and counts on a port with more than KEV_PRODUCTS_WITH_ENTRIES such products', () => {
    const crowd = Array.from({ length: KEV_PRODUCTS_WITH_ENTRIES + 1 }, (_, i) => product(ROUTER_PAIR, `content/software/example-${i}.yaml`));
    const facts = securityByPort(crowd, catalog, []).get(3000)!.kev;
    expect(facts.map((k) => [k.slug, k.count, k.newest.length])).toEqual(crowd.map((p) => [p.slug, 2, 0]));
    const two = securityByPort(crowd.slice(0, KEV_PRODUCTS_WITH_ENTRIES), catalog, []).get(3000)!.kev;
    expect(two.every((k) => k.newest.length === 2)).toBe(true);
  });

  it('attaches the exposure quote and the amplification entry to their ports', () => {
    expect(map.get(3000)!.exposure).toEqual([{ slug: 'example-dashboard', name: 'Example Dashboard', quote: 'Do not expose this port.', source: { url: 'https://example.org/security', title: 'Security (Example documentation)' } }]);
    expect(map.get(123)).toEqual({ kev: [], amplification: amplification[0], exposure: [] });
  });

  it('writes the API object the schema describes, with links to the product and the catalog', () => {
    const json = securityJson(map.get(3000))!;
    expect(securityJsonSchema.parse(json)).toEqual(json);
    expect(json.kev[0]!.product).toEqual({ slug: 'example-dashboard', name: 'Example Dashboard', url: '/software/example-dashboard/' });
    expect(json.kev[0]!.newest.map((v) => [v.cveID, v.url])).toEqual([
      ['CVE-2099-0001', 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search_api_fulltext=CVE-2099-0001'],
      ['CVE-2098-0002', 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog?search_api_fulltext=CVE-2098-0002'],
    ]);
    expect(securityJson(map.get(123))!.amplification).toEqual({ protocol: 'NTP', factor: '556.9', source: { url: 'https://example.org/', title: 'T' } });
    expect(securityJson(null)).toBeNull();
  });
});
