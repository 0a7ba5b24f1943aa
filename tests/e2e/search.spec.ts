/**
 * The header search: port numbers jump straight to their page without the index; words are
 * answered by the Pagefind index; whatever the reader types is shown as text only.
 */
import { test, expect, type Page } from 'playwright/test';
import { firstServiceName, rowsForPort } from './registry.ts';
import { products, productsOnPort, span, type RawProduct } from './software-data.ts';

const searchInput = (page: Page) => page.locator('form[role=search] #search-input');
const resultLinks = (page: Page) => page.locator('[data-search-results] a');

async function resultHrefs(page: Page): Promise<string[]> {
  return resultLinks(page).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

test.describe('search by port number', () => {
  test('typing a port number offers a "Go to port N" link', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).pressSequentially('3489');
    const link = page.locator('[data-search-results]').getByRole('link', { name: 'Go to port 3489' });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', '/ports/3489/');
  });

  test('a port number and Enter land on its page without touching the index', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto('/');
    await searchInput(page).pressSequentially('3489');
    await searchInput(page).press('Enter');
    await page.waitForURL(/\/ports\/3489\/$/);
    await expect(page.locator('h1')).toHaveText(`Port 3489: ${firstServiceName(3489)}`);
    expect(requests.filter((url) => url.includes('/pagefind/'))).toEqual([]);
  });

  test('a port with a protocol lands on that protocol anchor', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).fill('3489/udp');
    await searchInput(page).press('Enter');
    await page.waitForURL(/\/ports\/3489\/#udp$/);
    expect(new URL(page.url()).hash).toBe('#udp');
    await expect(page.locator('[id="udp"]')).toHaveCount(1);
  });

  test('a port inside a registered range lands on its own page', async ({ page }) => {
    expect(rowsForPort(6010).length).toBeGreaterThan(0);
    await page.goto('/ports/22/');
    await searchInput(page).fill('6010');
    await searchInput(page).press('Enter');
    await page.waitForURL(/\/ports\/6010\/$/);
    await expect(page.locator('h1')).toHaveText(`Port 6010: ${firstServiceName(6010)}`);
  });
});

test.describe('search by name', () => {
  test('typing ssh lists port 22 first', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).fill('ssh');
    await expect(resultLinks(page).first()).toHaveAttribute('href', '/ports/22/');
  });

  test('a search result is titled with its port number and service name', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).fill('ssh');
    await expect(resultLinks(page).first()).toHaveAttribute('href', '/ports/22/');
    // "Port 22: ssh", then " · " and the software documented on the port (content/software/).
    const prefix = `Port 22: ${firstServiceName(22)}`;
    const title = (await resultLinks(page).first().locator('strong').textContent())!;
    expect(title.startsWith(prefix)).toBe(true);
    const names = title.slice(prefix.length).replace(/^ · /, '').split(/, | and /).filter((n) => n && !/^\d+ more$/.test(n));
    const onPort = productsOnPort(22).map((p) => p.name);
    expect(onPort.length).toBeGreaterThan(0);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(onPort).toContain(name);
  });

  test('typing smartcard finds port 3516', async ({ page }) => {
    expect(firstServiceName(3516)).toMatch(/smartcard/);
    await page.goto('/');
    await searchInput(page).fill('smartcard');
    await expect(resultLinks(page).first()).toBeVisible();
    await expect.poll(() => resultHrefs(page)).toContain('/ports/3516/');
  });

  test('typing airplay lists port 7000, where AirPlay receivers listen, in the top three', async ({ page }) => {
    // Issue 25: the port comes from the AirPlay product file (a client-basis use), not from the registry.
    expect(productsOnPort(7000).some((p) => /airplay/i.test(p.name))).toBe(true);
    await page.goto('/');
    await searchInput(page).fill('airplay');
    await expect(resultLinks(page).first()).toBeVisible();
    await expect.poll(async () => (await resultHrefs(page)).slice(0, 3)).toContain('/ports/7000/');
  });

  test('typing netplay finds both netplay ports', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).fill('netplay');
    await expect(resultLinks(page).first()).toBeVisible();
    await expect.poll(() => resultHrefs(page)).toEqual(expect.arrayContaining(['/ports/3640/', '/ports/3641/']));
  });

  test('submitting a word opens the search page with its results', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).fill('smartcard');
    await searchInput(page).press('Enter');
    await page.waitForURL(/\/search\/\?q=smartcard$/);
    const links = page.locator('[data-search-page-results] a');
    await expect(links.first()).toBeVisible();
    await expect
      .poll(() => links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href'))))
      .toContain('/ports/3516/');
    await expect(searchInput(page)).toHaveValue('smartcard');
  });
});

/**
 * Products a query names, read from content/software/: the query is a product's name, an alias,
 * the first whole words of either, or its vendor; with `prefix`, also the start of one of them.
 */
function productsNamedBy(query: string, prefix = false): RawProduct[] {
  const names = (p: RawProduct) => [p.name, ...(p.aliases ?? []), ...(p.vendor ? [p.vendor] : [])].map((n) => n.toLowerCase());
  return products().filter((p) => names(p).some((n) => n === query || n.startsWith(`${query} `) || (prefix && n.startsWith(query))));
}

test.describe('search by product name, alias and vendor', () => {
  // Issue 14: a query that is a product's name, its first word, a prefix, an alias or its
  // vendor finds that product, or the port it lists first, in the top three.
  const cases: { query: string; prefix?: boolean; why: string }[] = [
    { query: 'oracle', why: 'the first word of "Oracle Database" and its alias' },
    { query: 'mikrotik', why: 'a vendor' },
    { query: 'microsoft', why: 'a vendor whose name most of its products do not carry' },
    { query: 'postgres', why: "PostgreSQL's alias" },
    { query: 'grafana', why: 'a product name that starts several others' },
    { query: 'kiban', prefix: true, why: 'a prefix typed on the way to "Kibana"' },
    { query: 'ubiquiti', why: 'a vendor of several products, named by only one of them (issue 25)' },
    { query: 'alibaba', why: 'a vendor that none of its products is named after (issue 25)' },
  ];
  for (const { query, prefix, why } of cases) {
    test(`"${query}" (${why}) lists a product it names, or that product's first port, in the top three`, async ({ page }) => {
      const named = productsNamedBy(query, prefix);
      expect(named.length, `no product in content/software/ is named by "${query}"`).toBeGreaterThan(0);
      const targets = named.flatMap((p) => [`/software/${p.slug}/`, `/ports/${span(p.uses[0]!)[0]}/`]);
      await page.goto('/');
      await searchInput(page).fill(query);
      await expect(resultLinks(page).first()).toBeVisible();
      await expect.poll(async () => (await resultHrefs(page)).slice(0, 3).some((href) => targets.includes(href))).toBe(true);
    });
  }

  test('a product page shows its vendor', async ({ page }) => {
    const withVendor = products().find((p) => p.vendor);
    expect(withVendor).toBeDefined();
    await page.goto(`/software/${withVendor!.slug}/`);
    await expect(page.locator('dl.facts dt:text-is("Vendor") + dd')).toHaveText(withVendor!.vendor!);
  });
});

test.describe('search input is shown as text only', () => {
  const QUERY = '<img src=x onerror=alert(1)>';

  test('markup typed in the search box never becomes an element', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto('/');
    await expect(page.locator('img')).toHaveCount(0);
    await searchInput(page).fill(QUERY);
    const list = page.locator('[data-search-results]');
    await expect(list).toBeVisible();
    // Nothing in the index matches, so the list echoes the query, as text.
    await expect(list).toContainText(QUERY);
    await expect(page.locator('img')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('markup in a search page URL is shown as text in its heading', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto(`/search/?q=${encodeURIComponent(QUERY)}`);
    await expect(page.locator('h1')).toContainText(QUERY);
    await expect(searchInput(page)).toHaveValue(QUERY);
    // Let the index answer, then check nothing was injected.
    await expect(page.locator('[data-search-page-results]')).toContainText(QUERY);
    await expect(page.locator('img')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });
});
