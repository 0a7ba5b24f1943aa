/**
 * Citable links: section anchors and their copy buttons, "Copy for a ticket" in three formats,
 * short URLs forwarded by the 404 page, "/" to search, and the layout on phones and paper.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from 'playwright/test';
import { firstServiceName } from './registry.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test.describe('section links', () => {
  test('every section of a port page has a visible # link to its anchor, without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/ports/3000/');
    for (const id of ['summary', 'registration', 'tcp', 'in-practice', 'check', 'linux', 'macos', 'windows', 'nmap']) {
      const link = page.locator(`a[aria-labelledby="sl"][href="#${id}"]`);
      await expect(link, `#${id}`).toHaveCount(1);
      await expect(link, `#${id}`).toBeVisible();
      await expect(link, `#${id}`).toHaveAccessibleName('Link to this section');
      await expect(page.locator(`[id="${id}"]`)).toHaveCount(1);
    }
    await context.close();
  });

  test('"Copy link" next to a section heading copies the page URL with its anchor', async ({ page, baseURL }) => {
    await page.goto('/ports/3489/');
    await page.locator('#registration h2').getByRole('button', { name: 'Copy link to this section' }).click();
    expect(await clipboard(page)).toBe(`${baseURL}/ports/3489/#registration`);
    await expect(page.locator('#copy-status')).toHaveText('Link copied');
  });

  test('the OS tabs copy a link to the chosen system\'s commands', async ({ page, baseURL }) => {
    await page.goto('/ports/3489/');
    await page.getByRole('tab', { name: 'Windows' }).click();
    await page.getByRole('button', { name: 'Copy link to these commands' }).click();
    expect(await clipboard(page)).toBe(`${baseURL}/ports/3489/#windows`);
  });
});

test.describe('copy for a ticket', () => {
  test('copies the summary and link as plain text, Markdown and Jira markup, and remembers the choice', async ({ page, baseURL }) => {
    await page.goto('/ports/3489/');
    const summary = (await page.locator('meta[name=description]').getAttribute('content'))!;
    const title = (await page.locator('meta[property="og:title"]').getAttribute('content'))!;
    expect(title).toBe(`Port 3489: ${firstServiceName(3489)} (TCP, UDP)`);
    expect(summary).toContain('Port 3489');
    const url = `${baseURL}/ports/3489/`;
    const format = page.getByLabel('Copy for a ticket as');
    const copy = page.getByRole('button', { name: 'Copy this port\'s summary and link for a ticket' });
    const expected: Record<string, string> = {
      plain: `${summary} ${url}`,
      markdown: `${summary} [${title}](${url})`,
      jira: `${summary} [${title}|${url}]`,
    };
    for (const [value, line] of Object.entries(expected)) {
      await format.selectOption(value);
      await copy.click();
      expect(await clipboard(page)).toBe(line);
    }
    await expect(page.locator('#copy-status')).toHaveText('Summary and link copied');
    await page.goto('/ports/22/');
    await expect(page.getByLabel('Copy for a ticket as')).toHaveValue('jira');
  });

  test('is reachable by keyboard', async ({ page }) => {
    await page.goto('/ports/22/');
    await page.getByLabel('Copy for a ticket as').focus();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Copy this port\'s summary and link for a ticket' })).toBeFocused();
  });
});

test.describe('short URLs', () => {
  // As a static host without redirect rules does: files from dist/, else dist/404.html with status 404.
  // (astro preview answers slashless paths itself when trailingSlash is "always".)
  const ORIGIN = 'http://static-host.test';
  test.beforeEach(async ({ context }) => {
    await context.route(`${ORIGIN}/**`, async (route) => {
      const { pathname } = new URL(route.request().url());
      const path = join('dist', decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
      if (existsSync(path) && statSync(path).isFile()) await route.fulfill({ path });
      else await route.fulfill({ status: 404, path: 'dist/404.html', contentType: 'text/html' });
    });
  });

  for (const [path, target] of [
    ['/3489/udp', '/ports/3489/#udp'],
    ['/3489', '/ports/3489/'],
    ['/ports/3489/udp', '/ports/3489/#udp'],
    ['/65535/', '/ports/65535/'],
  ]) {
    test(`${path} ends on ${target} through the 404 page`, async ({ page }) => {
      await page.goto(`${ORIGIN}${path}`);
      await page.waitForURL((url) => url.pathname + url.hash === target);
      await expect(page.locator('h1')).toContainText(`Port ${target!.split('/')[2]}`);
    });
  }

  test('a number above 65535 stays on the 404 page', async ({ page }) => {
    await page.goto(`${ORIGIN}/70000`);
    await expect(page.locator('h1')).toHaveText('Page not found');
    expect(new URL(page.url()).pathname).toBe('/70000');
  });
});

test.describe('keyboard shortcut', () => {
  test('"/" focuses the search box, but not while typing in a field', async ({ page }) => {
    await page.goto('/ports/22/');
    await page.keyboard.press('/');
    const input = page.locator('#search-input');
    await expect(input).toBeFocused();
    await input.fill('ab');
    await page.keyboard.press('/');
    await expect(input).toHaveValue('ab/');
  });
});

test.describe('phones and print', () => {
  test('on a 390 px screen the registry card stacks labels above values', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await page.goto('/ports/3489/');
    const dt = await page.locator('#registration dt', { hasText: 'Transport protocol' }).first().boundingBox();
    const dd = await page.locator('#registration dt:text-is("Transport protocol") + dd').first().boundingBox();
    expect(Math.abs(dt!.x - dd!.x)).toBeLessThan(2);
    expect(dd!.y).toBeGreaterThan(dt!.y);
    await page.close();
  });

  test('printing shows every OS block and no buttons or tabs', async ({ page }) => {
    await page.goto('/ports/3489/');
    await page.emulateMedia({ media: 'print' });
    for (const id of ['linux', 'macos', 'windows', 'nmap']) await expect(page.locator(`#${id}`)).toBeVisible();
    await expect(page.locator('[role=tablist]')).toBeHidden();
    expect(await page.locator('button:visible').count()).toBe(0);
  });
});
