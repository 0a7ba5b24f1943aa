/**
 * The "Security" section (#security) on the full real build: CISA KEV entries on port pages and
 * product pages, amplification factors, exposure quotes, /security/, anchors and axe.
 * Expected values come from content/kev/, content/amplification/ and content/software/, read
 * here with JSON.parse and the YAML library, not with the site's code.
 */
import { axeOn, COLOUR_RULES, describeViolations, WCAG_AA } from './axe.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { test, expect } from 'playwright/test';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

interface KevEntry { cveID: string; vendorProject: string; product: string; vulnerabilityName: string; dateAdded: string; knownRansomwareCampaignUse: string }
const catalog = JSON.parse(read('content/kev/known_exploited_vulnerabilities.json')) as { catalogVersion: string; vulnerabilities: KevEntry[] };
const amplification = (parse(read('content/amplification/ports.yaml')) as {
  ports: { protocol: string; port: number; ianaService: string | null; factor: string; source: { url: string }; portSource?: { url: string; quote: string }[] }[];
}).ports;
const productFile = (slug: string) => parse(read(`content/software/${slug}.yaml`)) as {
  name: string;
  kev?: { vendorProject: string; product: string; components: { component: string; ports: number[]; cves: string[]; source?: { url: string; title: string; quote: string } }[] }[];
  exposure?: { port: number; quote: string; source: { url: string } }[];
};
const byCve = new Map(catalog.vulnerabilities.map((v) => [v.cveID, v]));
const newestFirst = (a: KevEntry, b: KevEntry) => b.dateAdded.localeCompare(a.dateAdded) || b.cveID.localeCompare(a.cveID, 'en', { numeric: true });
/** Known ransomware use first, then the newest: the order a port page lists them in. */
const responderFirst = (a: KevEntry, b: KevEntry) => Number(b.knownRansomwareCampaignUse === 'Known') - Number(a.knownRansomwareCampaignUse === 'Known') || newestFirst(a, b);

/** A product's components, straight from its YAML file. */
const componentsOf = (slug: string) => (productFile(slug).kev ?? []).flatMap((pair) => pair.components);
/** The product's entries whose component listens on the port, in a port page's order. */
const entriesOn = (slug: string, port: number): KevEntry[] =>
  componentsOf(slug).filter((c) => c.ports.includes(port)).flatMap((c) => c.cves.map((cve) => byCve.get(cve)!)).sort(responderFirst);
const totalOf = (slug: string) => componentsOf(slug).reduce((sum, c) => sum + c.cves.length, 0);

test('/ports/8291/ lists only the RouterOS entries whose component listens there (WinBox), linked to the catalog and the product page', async ({ page }) => {
  const routerOs = productFile('mikrotik-routeros');
  const expected = entriesOn('mikrotik-routeros', 8291);
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(totalOf('mikrotik-routeros'));
  await page.goto('/ports/8291/');
  const section = page.locator('#security');
  await expect(section.getByRole('heading', { name: /^Security/ })).toBeVisible();
  await expect(section).toContainText(`version ${catalog.catalogVersion}`);
  await expect(section.getByRole('link', { name: routerOs.name, exact: true })).toHaveAttribute('href', '/software/mikrotik-routeros/#security');
  const cves = await section.locator('li li a[href^="https://www.cisa.gov/"]').allTextContents();
  expect(cves).toEqual(expected.map((e) => e.cveID));
  for (const entry of expected) {
    const line = section.locator('li li').filter({ hasText: entry.cveID });
    await expect(line).toContainText(entry.vulnerabilityName);
    await expect(line).toContainText(`added ${entry.dateAdded}`);
    await expect(line.getByRole('link', { name: entry.cveID })).toHaveAttribute('href', new RegExp(`^https://www\\.cisa\\.gov/known-exploited-vulnerabilities-catalog\\?.*${entry.cveID}$`));
  }
  await expect(section).toContainText(`${totalOf('mikrotik-routeros') - expected.length} more for other components on the product page`);
});

test('a port page shows at most 3 entries per product, ransomware use first; the product page lists them all by component', async ({ page }) => {
  const entries = entriesOn('oracle-weblogic-server', 7001);
  expect(entries.length).toBeGreaterThan(3);
  await page.goto('/ports/7001/');
  const line = page.locator('#security > ul > li').filter({ has: page.getByRole('link', { name: 'Oracle WebLogic Server', exact: true }) });
  await expect(line).toContainText(`${entries.length} entries`);
  expect(await line.locator('li a').allTextContents()).toEqual(entries.slice(0, 3).map((e) => e.cveID));

  await page.goto('/software/apache-tomcat/#security');
  const all = page.locator('#security .kev-list > li');
  await expect(all).toHaveCount(totalOf('apache-tomcat'));
  const expectedOrder = componentsOf('apache-tomcat').flatMap((c) => c.cves.map((cve) => byCve.get(cve)!).sort(newestFirst));
  expect((await all.allTextContents()).map((text) => text.split(' ')[0])).toEqual(expectedOrder.map((e) => e.cveID));
  for (const entry of expectedOrder.filter((e) => e.knownRansomwareCampaignUse === 'Known')) {
    await expect(all.filter({ hasText: entry.cveID })).toContainText('used in ransomware campaigns');
  }
  for (const component of componentsOf('apache-tomcat')) {
    const heading = page.locator('#security h3').filter({ hasText: component.component.slice(1) });
    await expect(heading).toHaveCount(1); // two pairs that name one component alike share one heading
    if (component.ports.length === 0) await expect(heading).toContainText('not linked to a port');
    for (const port of component.ports) await expect(heading.locator(`a[href="/ports/${port}/#security"]`)).toHaveCount(1);
  }
});

for (const [slug, cve] of [['apache-apisix', 'CVE-2022-24112'], ['cisco-ios', 'CVE-2018-0171']] as const) {
  test(`a component placed by the vendor's CVE record cites it beside its heading on the product page and in its ports' JSON (${slug} ${cve})`, async ({ page, request }) => {
    const component = componentsOf(slug).find((c) => c.cves.includes(cve))!;
    expect(component.source, `${slug}.yaml cites the record for ${cve}`).toBeDefined();
    // Components of the same words and ports (in other catalog pairs) share one heading and list every record they cite.
    const alike = componentsOf(slug).filter((c) => c.component === component.component && c.ports.join() === component.ports.join());
    const sources = alike.flatMap((c) => (c.source ? [c.source] : [])).filter((s, i, all) => all.findIndex((t) => t.url === s.url) === i);
    await page.goto(`/software/${slug}/#security`);
    const heading = page.locator('#security h3').filter({ hasText: component.component.slice(1) });
    await expect(heading).toHaveCount(1);
    if (component.ports.length === 0) await expect(heading).toContainText('not linked to a port');
    for (const port of component.ports) await expect(heading.locator(`a[href="/ports/${port}/#security"]`)).toHaveCount(1);
    const note = heading.locator('xpath=following-sibling::*[1]');
    await expect(note).toHaveClass(/kev-source/);
    await expect(note).toHaveText(`Component per ${sources.map((s) => s.title).join(' and ')}`);
    for (const source of sources) {
      const link = note.getByRole('link', { name: source.title, exact: true });
      await expect(link).toHaveAttribute('href', source.url);
      await expect(link).toHaveAttribute('title', source.quote);
    }
    for (const port of component.ports) {
      const json = (await (await request.get(`/api/v1/ports/${port}.json`)).json()) as { security: { kev: { product: { slug: string }; componentSources: unknown[] }[] } };
      const product = json.security.kev.find((k) => k.product.slug === slug)!;
      for (const source of sources) expect(product.componentSources).toContainEqual({ component: component.component, ...source });
    }
  });
}

test('a component whose own catalog text names it carries no "Component per" note (Apache Tomcat)', async ({ page }) => {
  expect(componentsOf('apache-tomcat').some((c) => c.source)).toBe(false);
  await page.goto('/software/apache-tomcat/#security');
  await expect(page.locator('#security h3')).not.toHaveCount(0);
  await expect(page.locator('#security .kev-source')).toHaveCount(0);
});

test('a port with more than two such products (8080) names each with its count there, linking to its entries', async ({ page }) => {
  await page.goto('/ports/8080/');
  const names = page.locator('#security .pools a');
  expect((await names.count())).toBeGreaterThan(2);
  for (const slug of ['apache-tomcat', 'jenkins']) {
    const link = page.locator(`#security .pools a[href="/software/${slug}/#security"]`);
    await expect(link).toHaveText(productFile(slug).name);
    await expect(page.locator('#security .pools')).toContainText(`(${entriesOn(slug, 8080).length})`);
  }
  await expect(page.locator('#security a[href^="https://www.cisa.gov/known-exploited-vulnerabilities-catalog?"]')).toHaveCount(0);
});

test('/ports/389/ lists each amplification protocol on the port (LDAP and CLDAP) with its factor and source', async ({ page }) => {
  const on389 = amplification.filter((e) => e.port === 389);
  expect(on389.map((e) => e.protocol).sort()).toEqual(['CLDAP', 'LDAP']);
  await page.goto('/ports/389/');
  const section = page.locator('#security');
  await expect(section).toContainText(`UDP port 389 is abused for reflected DDoS by ${on389.length} protocols`);
  for (const entry of on389) {
    const line = section.locator(`li[data-amplification-protocol="${entry.protocol}"]`);
    await expect(line.locator('[data-amplification-factor]')).toHaveText(entry.factor);
    await expect(line.locator(`a[href="${entry.source.url}"]`)).toHaveCount(1);
  }
});

for (const entry of amplification.filter((e) => e.ianaService === null)) {
  test(`/ports/${entry.port}/ gives ${entry.protocol}'s factor and cites where its port comes from`, async ({ page }) => {
    await page.goto(`/ports/${entry.port}/`);
    const section = page.locator('#security');
    await expect(section.locator('[data-amplification-factor]')).toHaveText(entry.factor);
    await expect(section).toContainText(`UDP port ${entry.port} (${entry.protocol})`);
    const note = section.locator('[data-amplification-port-source]');
    await expect(note).toContainText(`IANA registers no port for it; port ${entry.port} is from`);
    for (const source of entry.portSource!) {
      await expect(note.locator(`a[href="${source.url}"]`)).toHaveCount(1);
      await expect(note.locator('code').filter({ hasText: source.quote.replace(/\s+/g, ' ') })).toHaveCount(1);
    }
  });
}

for (const port of [123, 11211, 5353, 520]) {
  test(`/ports/${port}/ shows its amplification factor as the data file gives it, with its source`, async ({ page }) => {
    const entry = amplification.find((e) => e.port === port)!;
    await page.goto(`/ports/${port}/`);
    const section = page.locator('#security');
    await expect(section.locator('[data-amplification-factor]')).toHaveText(entry.factor);
    await expect(section).toContainText(`UDP port ${port} (${entry.protocol})`);
    await expect(section.locator(`a[href="${entry.source.url}"]`)).toHaveCount(1);
  });
}

test('/ports/2375/ quotes Docker\'s warning with its source', async ({ page }) => {
  const exposure = productFile('docker-engine').exposure!.find((x) => x.port === 2375)!;
  await page.goto('/ports/2375/');
  const quote = page.locator('#security blockquote');
  await expect(quote).toHaveText(exposure.quote);
  await expect(quote).toHaveAttribute('cite', exposure.source.url);
  await expect(page.locator(`#security figcaption a[href="${exposure.source.url}"]`)).toHaveCount(1);
});

test('/security/ lists every amplification protocol with its port and the ports of mapped software, each linking to its section', async ({ page }) => {
  await page.goto('/security/');
  const factors = page.locator('#amplification tbody tr');
  await expect(factors).toHaveCount(amplification.length);
  for (const entry of amplification) {
    const row = factors.filter({ has: page.locator(`a[href="/ports/${entry.port}/#security"]`) }).and(page.locator(`[data-amplification-protocol="${entry.protocol}"]`));
    await expect(row.locator('[data-amplification-factor]')).toHaveText(entry.factor);
    await expect(row.locator('[data-amplification-port-source]')).toHaveCount(entry.portSource ? 1 : 0);
  }
  await expect(page.locator('#kev a[href="/ports/8291/#security"]')).toHaveCount(1);
  await expect(page.locator('#exposure a[href="/ports/2375/#security"]')).toHaveCount(1);
});

/** Every product file's kev components, straight from the YAML files. */
const allComponents = () => readdirSync(fileURLToPath(new URL('../../content/software/', import.meta.url)))
  .filter((name) => /\.ya?ml$/.test(name))
  .flatMap((name) => productFile(name.replace(/\.ya?ml$/, '')).kev ?? [])
  .flatMap((pair) => pair.components);

test('/security/ lists the ports with the most ransomware-linked entries first, then the newest entry', async ({ page }) => {
  const byPort = new Map<number, Set<string>>();
  for (const c of allComponents()) for (const port of c.ports) for (const cve of c.cves) (byPort.get(port) ?? byPort.set(port, new Set()).get(port)!).add(cve);
  const expected = [...byPort.entries()].map(([port, cves]) => {
    const entries = [...cves].map((cve) => byCve.get(cve)!);
    return { port, ransomware: entries.filter((e) => e.knownRansomwareCampaignUse === 'Known').length, newest: entries.map((e) => e.dateAdded).sort().at(-1)! };
  }).sort((a, b) => b.ransomware - a.ransomware || b.newest.localeCompare(a.newest) || a.port - b.port);
  expect(expected[0]!.ransomware).toBeGreaterThan(0);
  await page.goto('/security/');
  const rows = page.locator('#kev tbody tr');
  await expect(rows).toHaveCount(expected.length);
  expect((await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-kev-port')))))).toEqual(expected.map((e) => e.port));
  for (const [i, e] of expected.slice(0, 5).entries()) {
    await expect(rows.nth(i).locator('[data-kev-ransomware]')).toHaveText(String(e.ransomware));
    await expect(rows.nth(i)).toContainText(e.newest);
  }
});

test('/data-report.json accounts for every catalog pair once: mapped, not a listener, no documented port or not yet researched', async ({ request }) => {
  const report = (await (await request.get('/data-report.json')).json()) as { kev: { catalogPairs: { total: number; mapped: number; notAListener: number; noDocumentedPort: number; notYetResearched: number; unaccounted: number; pairs: Record<string, { vendorProject: string; product: string }[]> } } };
  const pairs = report.kev.catalogPairs;
  const inCatalog = new Set(catalog.vulnerabilities.map((v) => `${v.vendorProject}/${v.product}`));
  expect(pairs.total).toBe(inCatalog.size);
  expect(pairs.unaccounted).toBe(0);
  const listed = ['mapped', 'notAListener', 'noDocumentedPort', 'notYetResearched'].flatMap((k) => pairs.pairs[k]!.map((p) => `${p.vendorProject}/${p.product}`));
  expect(listed.length).toBe(inCatalog.size);
  expect(new Set(listed)).toEqual(inCatalog);
  expect(pairs.mapped + pairs.notAListener + pairs.noDocumentedPort + pairs.notYetResearched).toBe(inCatalog.size);
});

test('the #security anchor works: its link, the heading it lands on, and links from /security/', async ({ page }) => {
  await page.goto('/ports/8291/#security');
  await expect(page.locator('#security a[aria-labelledby="sl"]')).toHaveAttribute('href', '#security');
  await expect(page.locator('#security h2')).toBeInViewport();
  await page.goto('/security/');
  await page.locator('#kev a[href="/ports/8291/#security"]').click();
  await expect(page).toHaveURL(/\/ports\/8291\/#security$/);
  await expect(page.locator('#security h2')).toBeInViewport();
});

for (const path of ['/ports/8291/', '/ports/8080/', '/ports/11211/', '/ports/389/', '/ports/6881/', '/ports/2375/', '/software/apache-tomcat/', '/security/']) {
  test(`${path}: axe finds no accessibility violations in the security sections (light; colour rules in dark)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(path);
    // One load: the theme follows prefers-color-scheme in CSS alone, so switching it restyles the page.
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const axe = (await axeOn(page)).include(path === '/security/' ? 'main' : '#security');
      const { violations } = await (colorScheme === 'light' ? axe.withTags(WCAG_AA) : axe.withRules(COLOUR_RULES)).analyze();
      expect(describeViolations(violations).map((line) => `${colorScheme} ${line}`)).toEqual([]);
    }
  });
}
