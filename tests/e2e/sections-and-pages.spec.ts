/**
 * Linkable sections, neighbour links and the site's other pages.
 */
import { test, expect } from 'playwright/test';
import { MAX_PORT, entriesForPort, firstServiceName, rowsForPort } from './registry.ts';

test.describe('port page sections are linkable', () => {
  test('every section of /ports/22/ has its documented id', async ({ page }) => {
    await page.goto('/ports/22/');
    for (const id of ['summary', 'registration', 'check', 'linux', 'macos', 'windows', 'nmap']) {
      await expect(page.locator(`[id="${id}"]`), `#${id}`).toHaveCount(1);
    }
  });

  test('the tcp and udp anchors sit on the first entry naming each protocol', async ({ page }) => {
    await page.goto('/ports/22/');
    const entries = entriesForPort(22);
    for (const protocol of ['tcp', 'udp']) {
      const firstIndex = entries.findIndex((entry) => entry.protocols.includes(protocol));
      expect(firstIndex, `an entry on port 22 names ${protocol}`).toBeGreaterThanOrEqual(0);
      await expect(page.locator(`[id="${protocol}"]`)).toHaveCount(1);
      await expect(page.locator('#registration article.entry').nth(firstIndex).locator(`[id="${protocol}"]`)).toHaveCount(1);
    }
  });

  test('a #udp link targets the entry that records UDP', async ({ page }) => {
    await page.goto('/ports/3489/#udp');
    const target = await page.evaluate(() => {
      const element = document.querySelector(':target');
      return element ? { id: element.id, entry: element.closest('article.entry')?.querySelector('h3')?.textContent ?? null } : null;
    });
    expect(target?.id).toBe('udp');
    expect(target?.entry).toContain(rowsForPort(3489).find((row) => row.protocol === 'udp')!.serviceName);
  });

  test('port 3640 links its related port 3641 (netplay-port2)', async ({ page }) => {
    expect(firstServiceName(3641)).toBe('netplay-port2');
    await page.goto('/ports/3640/');
    const related = page.locator('#related');
    await expect(related).toBeVisible();
    const link = related.locator('a[href="/ports/3641/"]');
    await expect(link).toHaveCount(1);
    await expect(related.locator('li').filter({ has: page.locator('a[href="/ports/3641/"]') })).toContainText('netplay-port2');
    await link.click();
    await expect(page).toHaveURL(/\/ports\/3641\/$/);
    await expect(page.locator('h1')).toHaveText('Port 3641: netplay-port2');
  });

  test('prev and next links go to the neighbouring port numbers', async ({ page }) => {
    await page.goto('/ports/3489/');
    await expect(page.locator('a[rel=prev]')).toHaveAttribute('href', '/ports/3488/');
    await expect(page.locator('a[rel=next]')).toHaveAttribute('href', '/ports/3490/');
    await page.locator('a[rel=next]').click();
    await expect(page).toHaveURL(/\/ports\/3490\/$/);
    await expect(page.locator('h1')).toHaveText(/^Port 3490(?![0-9])/);
  });

  test('port 0 has no previous port and port 65535 has no next port', async ({ page }) => {
    await page.goto('/ports/0/');
    await expect(page.locator('a[rel=prev]')).toHaveCount(0);
    await expect(page.locator('a[rel=next]')).toHaveAttribute('href', '/ports/1/');
    await page.goto(`/ports/${MAX_PORT}/`);
    await expect(page.locator('a[rel=next]')).toHaveCount(0);
    await expect(page.locator('a[rel=prev]')).toHaveAttribute('href', `/ports/${MAX_PORT - 1}/`);
  });
});

test.describe('other pages', () => {
  test('the home page links to the three port tiers', async ({ page }) => {
    await page.goto('/');
    for (const href of ['/ports/range/0-1023/', '/ports/range/1024-2047/', '/ports/range/49152-50175/']) {
      await expect(page.locator(`main a[href="${href}"]`), href).not.toHaveCount(0);
    }
    for (const heading of ['0–1023', '1024–49151', '49152–65535']) {
      await expect(page.locator('main h3', { hasText: heading })).toHaveCount(1);
    }
  });

  test('/ports/ links all 64 blocks of 1024 ports', async ({ page }) => {
    await page.goto('/ports/');
    const hrefs = await page
      .locator('main a[href^="/ports/range/"]')
      .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')))]);
    const expected = Array.from({ length: 64 }, (_, i) => `/ports/range/${i * 1024}-${i * 1024 + 1023}/`);
    expect(hrefs.sort()).toEqual(expected.sort());
  });

  test('the block page 3072-4095 links port 3489 and leads to it', async ({ page }) => {
    await page.goto('/ports/range/3072-4095/');
    const link = page.locator('main a[href="/ports/3489/"]');
    await expect(link).toHaveCount(1);
    await link.click();
    await expect(page).toHaveURL(/\/ports\/3489\/$/);
    await expect(page.locator('h1')).toHaveText(`Port 3489: ${rowsForPort(3489)[0]!.serviceName}`);
  });

  test('/notes/ lists the notes, including ghost registrations', async ({ page }) => {
    await page.goto('/notes/');
    await expect(page.locator('h1')).toHaveText('Notes');
    expect(await page.locator('main a[href^="/notes/"]').count()).toBeGreaterThan(5);
    await expect(page.locator('main a[href="/notes/ghost-registration/"]')).toHaveCount(1);
    await expect(page.locator('main a[href="/notes/port-3489/"]')).toHaveCount(1);
  });

  test('a note renders its footnotes section', async ({ page }) => {
    await page.goto('/notes/ghost-registration/');
    const footnotes = page.locator('section.footnotes, section[data-footnotes]');
    await expect(footnotes).toHaveCount(1);
    await expect(footnotes.locator('ol > li').first()).toBeVisible();
    // Each footnote reference in the text points at a footnote that exists.
    const refs = await page.locator('a[data-footnote-ref]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) await expect(page.locator(`[id="${ref!.slice(1)}"]`)).toHaveCount(1);
  });

  test('port 3489 shows its note in the #notes section', async ({ page }) => {
    await page.goto('/ports/3489/');
    const notes = page.locator('section#notes');
    await expect(notes).toBeVisible();
    await expect(notes.locator('a[href="/notes/port-3489/"]')).toBeVisible();
    await expect(notes).toContainText('dtp-dia');
  });

  test('an unknown URL answers 404 with the "Page not found" page', async ({ page }) => {
    const response = await page.goto('/ports/70000/');
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('Page not found');
    await expect(page.locator('form[role=search] #search-input')).toBeVisible();
  });
});
