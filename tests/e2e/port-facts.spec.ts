/**
 * Port pages state what the IANA registry records. Every expected value is computed from
 * the CSV (tests/e2e/registry.ts), never copied from the site's code.
 */
import { test, expect, type Page } from 'playwright/test';
import {
  entriesForPort,
  expectedStatus,
  expectedTier,
  firstServiceName,
  humanDate,
  personWords,
  protocolPhrase,
  protocolsOfFirstService,
  rfcNumbers,
  rowsForPort,
} from './registry.ts';
import { namedByProduct } from './software-data.ts';

interface RenderedEntry {
  facts: Record<string, string>;
  times: Record<string, string | null>;
  links: Record<string, { text: string; href: string }[]>;
}

/** The dt/dd pairs of every article.entry in #registration, in page order. */
async function renderedEntries(page: Page): Promise<RenderedEntry[]> {
  return page.locator('#registration article.entry').evaluateAll((articles) =>
    articles.map((article) => {
      const facts: Record<string, string> = {};
      const times: Record<string, string | null> = {};
      const links: Record<string, { text: string; href: string }[]> = {};
      for (const dt of article.querySelectorAll('dl > dt')) {
        const dd = dt.nextElementSibling;
        if (!dd || dd.tagName !== 'DD') continue;
        const label = (dt.textContent ?? '').trim();
        facts[label] = (dd.textContent ?? '').replace(/\s+/g, ' ').trim();
        times[label] = dd.querySelector('time')?.getAttribute('datetime') ?? null;
        links[label] = [...dd.querySelectorAll('a')].map((a) => ({
          text: (a.textContent ?? '').trim(),
          href: a.getAttribute('href') ?? '',
        }));
      }
      return { facts, times, links };
    }),
  );
}

async function metaContent(page: Page, selector: string): Promise<string> {
  const content = await page.locator(selector).getAttribute('content');
  expect(content, `${selector} has content`).not.toBeNull();
  return content!;
}

/** Heading, title, meta tags and badges of /ports/N/ against the registry. */
async function expectHeadAndBadges(page: Page, port: number): Promise<void> {
  const name = firstServiceName(port);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveText(name === null ? `Port ${port}` : `Port ${port}: ${name}`);

  const ogTitle = await metaContent(page, 'meta[property="og:title"]');
  if (name !== null) {
    expect(ogTitle).toBe(`Port ${port}: ${name} (${protocolsOfFirstService(port).join(', ')})`);
  } else {
    expect(ogTitle).toMatch(new RegExp(`^Port ${port}(?![0-9])`));
  }
  await expect(page).toHaveTitle(`${ogTitle} · Port Atlas`);

  const description = await metaContent(page, 'meta[name="description"]');
  expect(description.startsWith(`Port ${port} is a `), `description "${description}"`).toBe(true);
  expect(description).toMatch(/\.$/);
  expect(description).toContain(expectedTier(port));
  if (name !== null) expect(description).toContain(name);
  expect(await metaContent(page, 'meta[property="og:description"]')).toBe(description);

  const badges = page.locator('ul.badges li');
  await expect(badges.first()).toHaveText(expectedStatus(port));
  await expect(badges.filter({ hasText: expectedTier(port) })).toHaveCount(1);
}

/** Each #registration entry against the CSV rows it stands for. */
async function expectEntriesMatchRegistry(page: Page, port: number): Promise<void> {
  const expected = entriesForPort(port);
  await expect(page.locator('#registration article.entry')).toHaveCount(expected.length);
  const rendered = await renderedEntries(page);
  expected.forEach((entry, i) => {
    const row = entry.rows[0]!;
    const { facts, times, links } = rendered[i]!;
    const where = `entry ${i + 1} on /ports/${port}/`;
    if (row.serviceName !== '') expect(facts['Service name'], where).toBe(row.serviceName);
    else expect(facts['Service name'], where).toBeUndefined();
    expect(facts['Transport protocol'], where).toBe(protocolPhrase(entry.protocols));
    expect(facts['Description'], where).toBe(row.description.replace(/\s+/g, ' ').trim());
    if (row.assignee !== '') {
      for (const word of personWords(row.assignee)) expect(facts['Assignee'], where).toContain(word);
    } else {
      expect(facts['Assignee'], where).toBeUndefined();
    }
    if (row.registrationDate !== '') {
      expect(times['Registration date'], where).toBe(row.registrationDate);
      expect(facts['Registration date'], where).toBe(humanDate(row.registrationDate));
    } else {
      expect(facts['Registration date'], where).toBeUndefined();
    }
    if (row.modificationDate !== '') {
      expect(times['Modification date'], where).toBe(row.modificationDate);
      expect(facts['Modification date'], where).toBe(humanDate(row.modificationDate));
    }
    const rfcs = rfcNumbers(row.reference);
    if (rfcs.length > 0) {
      expect(links['Reference'], where).toEqual(
        rfcs.map((n) => ({ text: `RFC${n}`, href: `https://www.rfc-editor.org/rfc/rfc${n}` })),
      );
    } else if (row.reference === '') {
      expect(facts['Reference'], where).toBeUndefined();
    }
    expect(facts['Source'], where).toBe(`IANA CSV line ${entry.rows.map((r) => r.line).join(', ')}`);
  });
}

test.describe('a port page states what the registry records', () => {
  test('port 0 is reserved, well-known, with one TCP and UDP entry from the CSV', async ({ page }) => {
    expect(expectedStatus(0)).toBe('Reserved');
    await page.goto('/ports/0/');
    await expectHeadAndBadges(page, 0);
    await expect(page.locator('ul.badges li').first()).toHaveText('Reserved');
    await expect(page.locator('ul.badges')).toContainText('well-known port (0–1023)');
    await expectEntriesMatchRegistry(page, 0);
  });

  test('port 22 names ssh with its CSV description and links the RFC4251 reference', async ({ page }) => {
    const rows = rowsForPort(22);
    expect(rows.map((row) => row.serviceName)).toContain('ssh');
    await page.goto('/ports/22/');
    await expectHeadAndBadges(page, 22);
    await expect(page.locator('h1')).toHaveText('Port 22: ssh');
    await expectEntriesMatchRegistry(page, 22);
    const firstReference = page
      .locator('#registration article.entry')
      .first()
      .locator('dt:text-is("Reference") + dd a');
    await expect(firstReference).toHaveText('RFC4251');
    await expect(firstReference).toHaveAttribute('href', 'https://www.rfc-editor.org/rfc/rfc4251');
  });

  test('port 3489 shows dtp-dia, its assignee and the May 2002 registration date', async ({ page }) => {
    const [row] = rowsForPort(3489);
    expect(row?.serviceName).toBe('dtp-dia');
    await page.goto('/ports/3489/');
    await expectHeadAndBadges(page, 3489);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Port 3489: dtp-dia (TCP, UDP)');
    await expectEntriesMatchRegistry(page, 3489);
    const entry = page.locator('#registration article.entry');
    await expect(entry.locator('dt:text-is("Registration date") + dd time')).toHaveAttribute('datetime', row!.registrationDate);
    await expect(entry.locator('dt:text-is("Registration date") + dd')).toHaveText('May 2002');
    await expect(entry.locator('dt:text-is("Assignee") + dd')).toHaveText('Alexei V. Soloviev, a contact at lab127.karelia.ru');
    await expect(entry.locator('dt:text-is("Source") + dd')).toHaveText(
      `IANA CSV line ${rowsForPort(3489).map((r) => r.line).join(', ')}`,
    );
  });

  test('port 6010 inherits the x11 registration of the range 6000-6063', async ({ page }) => {
    expect(rowsForPort(6010).map((row) => row.portNumber)).toEqual(['6000-6063', '6000-6063']);
    await page.goto('/ports/6010/');
    await expectHeadAndBadges(page, 6010);
    await expect(page.locator('h1')).toHaveText('Port 6010: x11');
    await expectEntriesMatchRegistry(page, 6010);
  });

  test('port 6010 links both ends of the x11 range in its range section', async ({ page }) => {
    await page.goto('/ports/6010/');
    const range = page.locator('section#range');
    await expect(range).toBeVisible();
    await expect(range.locator('code', { hasText: 'x11' })).toBeVisible();
    await expect(range.locator('a[href="/ports/6000/"]')).toHaveText('6000');
    await expect(range.locator('a[href="/ports/6063/"]')).toHaveText('6063');
  });

  test('port 6010 range section reads "part of x11, ports 6000–6063" as a sentence', async ({ page }) => {
    await page.goto('/ports/6010/');
    await expect(page.locator('section#range')).toContainText('Port 6010 is part of x11, ports 6000–6063 (64 ports).');
  });

  // The first and last dynamic ports that no product names (a product's port leads with the product: evidence.spec.ts).
  const lowest = Array.from({ length: 16384 }, (_, i) => 49152 + i).find((port) => !namedByProduct(port))!;
  const highest = Array.from({ length: 16384 }, (_, i) => 65535 - i).find((port) => !namedByProduct(port))!;
  for (const port of [lowest, highest]) {
    test(`port ${port} is in the dynamic range and has no registration entries`, async ({ page }) => {
      expect(rowsForPort(port)).toEqual([]);
      await page.goto(`/ports/${port}/`);
      await expectHeadAndBadges(page, port);
      await expect(page.locator('ul.badges li').first()).toHaveText('Dynamic range');
      await expect(page.locator('ul.badges')).toContainText('dynamic port (49152–65535)');
      await expect(page.locator('#registration')).toBeVisible();
      await expect(page.locator('#registration article.entry')).toHaveCount(0);
    });
  }

  test('status badges follow the registry: de-assigned port 2 and unassigned port 4', async ({ page }) => {
    for (const [port, status] of [
      [2, 'De-assigned'],
      [4, 'Unassigned'],
    ] as const) {
      expect(expectedStatus(port)).toBe(status);
      await page.goto(`/ports/${port}/`);
      await expectHeadAndBadges(page, port);
      await expectEntriesMatchRegistry(page, port);
    }
  });
});
