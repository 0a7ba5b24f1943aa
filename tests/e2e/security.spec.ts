/**
 * The "Security" section (#security) on the full real build: CISA KEV entries on port pages and
 * product pages, amplification factors, exposure quotes, /security/, anchors and axe.
 * Expected values come from content/kev/, content/amplification/ and content/software/, read
 * here with JSON.parse and the YAML library, not with the site's code.
 */
import { axeOn, COLOUR_RULES, describeViolations, WCAG_AA } from './axe.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { test, expect } from 'playwright/test';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

interface KevEntry { cveID: string; vendorProject: string; product: string; vulnerabilityName: string; dateAdded: string; knownRansomwareCampaignUse: string }
const catalog = JSON.parse(read('content/kev/known_exploited_vulnerabilities.json')) as { catalogVersion: string; vulnerabilities: KevEntry[] };
const amplification = (parse(read('content/amplification/ports.yaml')) as { ports: { protocol: string; port: number; factor: string; source: { url: string } }[] }).ports;
const productFile = (slug: string) => parse(read(`content/software/${slug}.yaml`)) as {
  name: string;
  kev?: { vendorProject: string; product: string }[];
  exposure?: { port: number; quote: string; source: { url: string } }[];
};

/** A product's catalog entries, newest first, straight from the JSON. */
function entriesOf(slug: string): KevEntry[] {
  const pairs = productFile(slug).kev ?? [];
  return catalog.vulnerabilities
    .filter((v) => pairs.some((p) => p.vendorProject === v.vendorProject && p.product === v.product))
    .sort((a, b) => b.dateAdded.localeCompare(a.dateAdded) || b.cveID.localeCompare(a.cveID, 'en', { numeric: true }));
}

test('/ports/8291/ lists MikroTik RouterOS\'s catalog entries with dates, linked to the catalog and the product page', async ({ page }) => {
  const routerOs = productFile('mikrotik-routeros');
  const expected = catalog.vulnerabilities.filter((v) => v.vendorProject === 'MikroTik' && v.product === 'RouterOS');
  expect(expected.length).toBeGreaterThan(0);
  await page.goto('/ports/8291/');
  const section = page.locator('#security');
  await expect(section.getByRole('heading', { name: /^Security/ })).toBeVisible();
  await expect(section).toContainText(`version ${catalog.catalogVersion}`);
  await expect(section.getByRole('link', { name: routerOs.name, exact: true })).toHaveAttribute('href', '/software/mikrotik-routeros/#security');
  for (const entry of expected.slice(0, 3)) {
    const line = section.locator('li li').filter({ hasText: entry.cveID });
    await expect(line).toContainText(entry.vulnerabilityName);
    await expect(line).toContainText(`added ${entry.dateAdded}`);
    await expect(line.getByRole('link', { name: entry.cveID })).toHaveAttribute('href', new RegExp(`^https://www\\.cisa\\.gov/known-exploited-vulnerabilities-catalog\\?.*${entry.cveID}$`));
  }
});

test('a port page shows at most the 3 newest entries per product; the product page lists them all', async ({ page }) => {
  const entries = entriesOf('apache-tomcat');
  expect(entries.length).toBeGreaterThan(3);
  await page.goto('/ports/8009/');
  const line = page.locator('#security > ul > li').filter({ has: page.getByRole('link', { name: 'Apache Tomcat', exact: true }) });
  await expect(line).toContainText(`${entries.length} entries, the 3 newest`);
  expect(await line.locator('li').allTextContents()).toHaveLength(3);
  for (const entry of entries.slice(0, 3)) await expect(line).toContainText(entry.cveID);
  await expect(line).not.toContainText(entries[3]!.cveID);

  await page.goto('/software/apache-tomcat/#security');
  const all = page.locator('#security .kev-list > li');
  await expect(all).toHaveCount(entries.length);
  expect((await all.allTextContents()).map((text) => text.split(' ')[0])).toEqual(entries.map((e) => e.cveID));
  for (const entry of entries.filter((e) => e.knownRansomwareCampaignUse === 'Known')) {
    await expect(all.filter({ hasText: entry.cveID })).toContainText('used in ransomware campaigns');
  }
});

test('a port with more than two such products (8080) names each with its count, linking to its entries', async ({ page }) => {
  await page.goto('/ports/8080/');
  const names = page.locator('#security .pools a');
  expect((await names.count())).toBeGreaterThan(2);
  for (const slug of ['apache-tomcat', 'jenkins']) {
    const link = page.locator(`#security .pools a[href="/software/${slug}/#security"]`);
    await expect(link).toHaveText(productFile(slug).name);
    await expect(page.locator('#security .pools')).toContainText(`${productFile(slug).name} (${entriesOf(slug).length})`);
  }
  await expect(page.locator('#security a[href^="https://www.cisa.gov/known-exploited-vulnerabilities-catalog?"]')).toHaveCount(0);
});

for (const port of [123, 11211]) {
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

test('/security/ lists every amplification port and the ports of mapped software, each linking to its section', async ({ page }) => {
  await page.goto('/security/');
  const factors = page.locator('#amplification tbody tr');
  await expect(factors).toHaveCount(amplification.length);
  for (const entry of amplification) {
    const row = factors.filter({ has: page.locator(`a[href="/ports/${entry.port}/#security"]`) });
    await expect(row.locator('[data-amplification-factor]')).toHaveText(entry.factor);
  }
  await expect(page.locator('#kev a[href="/ports/8291/#security"]')).toHaveCount(1);
  await expect(page.locator('#exposure a[href="/ports/2375/#security"]')).toHaveCount(1);
});

test('the #security anchor works: its link, the heading it lands on, and links from /security/', async ({ page }) => {
  await page.goto('/ports/8291/#security');
  await expect(page.locator('#security .anchor')).toHaveAttribute('href', '#security');
  await expect(page.locator('#security-heading')).toBeInViewport();
  await page.goto('/security/');
  await page.locator('#kev a[href="/ports/8291/#security"]').click();
  await expect(page).toHaveURL(/\/ports\/8291\/#security$/);
  await expect(page.locator('#security-heading')).toBeInViewport();
});

for (const path of ['/ports/8291/', '/ports/8080/', '/ports/11211/', '/ports/2375/', '/software/apache-tomcat/', '/security/']) {
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
