/**
 * The free-port finder against a brute-force answer computed here from the IANA CSV, the
 * product files and the documented ephemeral ranges, without the site's code.
 */
import { test, expect, type Page } from 'playwright/test';
import { allRows } from './registry.ts';
import { products, span } from './software-data.ts';

// "De-assigned", "De-registered", "Removed", "Deprecated", "Decommissioned" and "De-Commissioned Port" (9006) all withdraw a port.
const WITHDRAWN = /de-?assigned|de-?registered|removed|deprecated|de-?comm?issioned/i;

/** Ports with an IANA row that assigns or reserves them (a service name, or a use described without one). */
function ianaTaken(): Set<number> {
  const taken = new Set<number>();
  for (const row of allRows()) {
    if (row.portNumber === '') continue;
    const [start, end = start] = row.portNumber.split('-').map(Number);
    const assigned = row.serviceName !== '' || !(WITHDRAWN.test(row.description) || WITHDRAWN.test(row.assignmentNotes) || /^\(?unassigned/i.test(row.description));
    if (!assigned) continue;
    for (let port = start!; port <= end!; port++) taken.add(port);
  }
  return taken;
}

/** Ports that uses of up to 64 ports name (`pools` false), or that wider ranges cover (`pools` true). */
function practiceTaken(pools: boolean): Set<number> {
  const taken = new Set<number>();
  for (const product of products()) {
    for (const use of product.uses) {
      const [start, end] = span(use);
      if (end - start + 1 > 64 !== pools) continue;
      for (let p = start; p <= end; p++) taken.add(p);
    }
  }
  return taken;
}

const EPHEMERAL = { linux: [32768, 60999], windows: [49152, 65535], macos: [49152, 65535] } as const;

function expectedFree(start: number, end: number, avoid: { iana: boolean; practice: boolean; pools?: boolean; ephemeral: boolean; privileged: boolean }): number[] {
  const iana = ianaTaken();
  const practice = practiceTaken(false);
  const pools = practiceTaken(true);
  const free: number[] = [];
  for (let port = start; port <= end; port++) {
    if (avoid.iana && iana.has(port)) continue;
    if (avoid.practice && practice.has(port)) continue;
    if (avoid.pools && pools.has(port)) continue;
    if (avoid.ephemeral && Object.values(EPHEMERAL).some(([a, b]) => a <= port && port <= b)) continue;
    if (avoid.privileged && port < 1024) continue;
    free.push(port);
  }
  return free;
}

async function shownFree(page: Page): Promise<number[]> {
  const text = await page.locator('[data-free-port-list]').innerText();
  return text === 'None.' ? [] : text.replace(', …', '').split(', ').map(Number);
}

test.describe('find a free port', () => {
  test('without JavaScript the page shows the free ports for the defaults (every rule but the pools)', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/tools/free-port/');
    const free = expectedFree(1024, 49151, { iana: true, practice: true, ephemeral: true, privileged: true });
    await expect(page.locator('[data-free-port-count]')).toContainText(`${free.length.toLocaleString('en')} ports are free`);
    expect(await shownFree(page)).toEqual(free.slice(0, 100));
    await context.close();
  });

  for (const [range, avoid] of [
    ['3000-3100', { iana: true, practice: true, ephemeral: true, privileged: true }],
    ['8000-8100', { iana: true, practice: false, ephemeral: true, privileged: true }],
    ['49000-50000', { iana: false, practice: true, ephemeral: true, privileged: true }],
    ['0-1100', { iana: true, practice: true, ephemeral: false, privileged: false }],
    ['9000-12000', { iana: true, practice: true, pools: true, ephemeral: true, privileged: true }],
  ] as const) {
    test(`${range} avoiding ${Object.entries(avoid).filter(([, v]) => v).map(([k]) => k).join(', ') || 'nothing'} matches a brute-force count`, async ({ page }) => {
      await page.goto('/tools/free-port/');
      await page.getByLabel('Range', { exact: true }).fill(range);
      const set = async (value: string, on: boolean) => page.locator(`input[value="${value}"]`).setChecked(on);
      await set('iana', avoid.iana);
      await set('practice', avoid.practice);
      await set('practice-ranges', 'pools' in avoid && avoid.pools);
      for (const os of ['linux-ephemeral', 'windows-ephemeral', 'macos-ephemeral']) await set(os, avoid.ephemeral);
      await set('privileged', avoid.privileged);
      await page.getByRole('button', { name: 'Find free ports' }).click();
      const [start, end] = range.split('-').map(Number);
      const free = expectedFree(start!, end!, avoid);
      await expect(page.locator('[data-free-port-count]')).toContainText(`${free.length.toLocaleString('en')} of `);
      expect(await shownFree(page)).toEqual(free.slice(0, 500));
    });
  }

  test('checking one port names every rule that claims it', async ({ page }) => {
    const kubernetes = products().find((p) => p.slug === 'kubernetes')!;
    await page.goto('/tools/free-port/');
    await page.getByLabel('Check one port against every rule').fill('6443');
    await page.getByRole('button', { name: 'Find free ports' }).click();
    const check = page.locator('[data-free-port-check]');
    await expect(check).toContainText('Port 6443: not free');
    await expect(check).toContainText('IANA assignment or reservation');
    await expect(check).toContainText(kubernetes.name);
    await page.getByLabel('Check one port against every rule').fill('50000');
    await page.getByRole('button', { name: 'Find free ports' }).click();
    await expect(check).toContainText('Linux ephemeral range');
    await expect(check).toContainText('Windows ephemeral range');
  });
});
