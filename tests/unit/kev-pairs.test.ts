/**
 * Every pair of CISA's KEV catalog accounted for once (issue 27): mapped by a product file's
 * `kev` block, or listed in content/kev/pairs.yaml as not a listener, no documented port or not
 * yet researched. Expected pairs are read from the catalog JSON and the YAML files directly.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadKevCatalog, parseKevCatalog } from '../../src/lib/security/kev.ts';
import { kevAccounting, parseKevPairsFile } from '../../src/lib/security/kev-pairs.ts';
import { loadSoftwareDir, parseSoftwareFile } from '../../src/lib/software/load-software.ts';
import { read, errorOf } from './helpers.ts';

const KEV_FIXTURE = 'tests/fixtures/kev/good.json';
const PAIRS = 'content/kev/pairs.yaml';
const fixtureCatalog = parseKevCatalog(KEV_FIXTURE, read(KEV_FIXTURE));
/** The fixture product mapping the Example Corp pair. */
const router = parseSoftwareFile('content/software/example-dashboard.yaml', `${read('tests/fixtures/software/good.yaml')}kev:
  - vendorProject: "Example Corp"
    product: "Example Router"
    components:
      - component: "web UI"
        ports: [3000]
        cves: [CVE-2099-0001, CVE-2098-0002]
`);
const other = (extra = '') => `pairs:\n  - vendorProject: "Other Vendor"\n    product: "Example Router"\n    status: not-a-listener\n    reason: "a desktop application: reached through files"\n${extra}`;

describe('content/kev/pairs.yaml', () => {
  it('accounts for the fixture catalog: one pair mapped, one listed', () => {
    const listed = parseKevPairsFile(PAIRS, other(), fixtureCatalog, [router]);
    const accounting = kevAccounting(fixtureCatalog, [router], listed);
    expect(accounting.mapped).toEqual([{ vendorProject: 'Example Corp', product: 'Example Router', entries: 2, products: ['example-dashboard'] }]);
    expect(accounting.notAListener).toEqual([{ vendorProject: 'Other Vendor', product: 'Example Router', entries: 1, reason: 'a desktop application: reached through files' }]);
    expect(accounting.unaccounted).toEqual([]);
    expect(kevAccounting(fixtureCatalog, [router], []).unaccounted.map((p) => p.vendorProject)).toEqual(['Other Vendor']);
  });

  it('stops on a pair the catalog lacks, a pair listed twice or already mapped, naming file, line and field', () => {
    expect(errorOf(() => parseKevPairsFile(PAIRS, other().replace('"Example Router"', '"Example router"'), fixtureCatalog, [router]))).toBe(
      'content/kev/pairs.yaml:2: field "pairs[0].product": vendorProject "Other Vendor" with product "Example router" is not in the KEV catalog (catalogVersion 2099.01.02); copy both names exactly from the catalog',
    );
    const twice = other(other().split('\n').slice(1).join('\n'));
    expect(errorOf(() => parseKevPairsFile(PAIRS, twice, fixtureCatalog, [router]))).toBe(
      'content/kev/pairs.yaml:6: field "pairs[1]": "Other Vendor" "Example Router" is listed twice (also pairs[0])',
    );
    const mapped = other('  - vendorProject: "Example Corp"\n    product: "Example Router"\n    status: not-a-listener\n    reason: "a router web UI, mapped already"\n');
    expect(errorOf(() => parseKevPairsFile(PAIRS, mapped, fixtureCatalog, [router]))).toBe(
      'content/kev/pairs.yaml:6: field "pairs[1]": "Example Corp" "Example Router" is mapped by content/software/example-dashboard.yaml; list a pair here only when no product file maps it',
    );
  });

  it('needs tried exactly for no-documented-port, and a known status', () => {
    const noTried = other().replace('not-a-listener', 'no-documented-port');
    expect(errorOf(() => parseKevPairsFile(PAIRS, noTried, fixtureCatalog, [router]))).toMatch(/^content\/kev\/pairs\.yaml:\d+: field "pairs\[0\]\.tried": tried is required/);
    expect(errorOf(() => parseKevPairsFile(PAIRS, other().replace('not-a-listener', 'unknown'), fixtureCatalog, [router]))).toMatch(/^content\/kev\/pairs\.yaml:4: field "pairs\[0\]\.status": Invalid option/);
  });
});

describe('the real catalog', () => {
  const catalog = loadKevCatalog();
  const products = loadSoftwareDir('content/software');
  const listed = parseKevPairsFile(PAIRS, read(PAIRS), catalog, products);
  const accounting = kevAccounting(catalog, products, listed);
  /** Straight from the files: catalog pairs, pairs named in product files (with how often), pairs listed in pairs.yaml. */
  const key = (p: { vendorProject: string; product: string }) => `${p.vendorProject}/${p.product}`;
  const catalogPairs = new Set((JSON.parse(read('content/kev/known_exploited_vulnerabilities.json')) as { vulnerabilities: { vendorProject: string; product: string }[] }).vulnerabilities.map(key));
  const mappedCount = new Map<string, number>();
  for (const name of readdirSync('content/software').filter((n) => /\.ya?ml$/.test(n))) {
    for (const pair of (parseYaml(read(`content/software/${name}`)) as { kev?: { vendorProject: string; product: string }[] }).kev ?? []) {
      mappedCount.set(key(pair), (mappedCount.get(key(pair)) ?? 0) + 1);
    }
  }
  const listedKeys = (parseYaml(read(PAIRS)) as { pairs: { vendorProject: string; product: string }[] }).pairs.map(key);

  it('accounts for every catalog pair exactly once: mapped by one product file, or listed once in pairs.yaml', () => {
    const unaccounted = [...catalogPairs].filter((k) => !mappedCount.has(k) && !listedKeys.includes(k));
    const twice = [...catalogPairs].filter((k) => (mappedCount.get(k) ?? 0) + listedKeys.filter((l) => l === k).length > 1);
    expect(unaccounted).toEqual([]);
    expect(twice).toEqual([]);
    expect(accounting.unaccounted).toEqual([]);
    expect(accounting.twice).toEqual([]);
    const counted = accounting.mapped.length + accounting.notAListener.length + accounting.noDocumentedPort.length + accounting.notYetResearched.length;
    expect(counted).toBe(catalogPairs.size);
  });

  it('gives a reason for each pair it lists, and what was tried for each with no documented port', () => {
    for (const pair of [...accounting.notAListener, ...accounting.noDocumentedPort, ...accounting.notYetResearched]) expect(pair.reason.length).toBeGreaterThan(10);
    for (const pair of accounting.noDocumentedPort) expect(pair.tried.length).toBeGreaterThan(10);
  });
});
