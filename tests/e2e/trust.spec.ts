/**
 * Safety and accessibility of the built site: no request leaves the site, the
 * Content-Security-Policy allows no inline script and is never violated, axe finds no
 * violations on any kind of page in light or dark mode, and the keyboard reaches everything.
 */
import { axeOn, COLOUR_RULES, describeViolations, WCAG_AA } from './axe.ts';
import { expect, test, type Page } from 'playwright/test';

/** One page of every kind. */
const PAGES = [
  '/',
  '/ports/22/', // assigned, with a note and aliases
  '/ports/4/', // unassigned
  '/ports/6010/', // inside a range
  '/ports/2/', // de-assigned
  '/ports/50000/', // dynamic
  '/ports/',
  '/ports/range/3072-4095/',
  '/notes/',
  '/notes/ghost-registration/',
  '/notes/port-3489/',
  '/service-names/',
  '/software/',
  '/software/kubernetes/',
  '/registry-vs-practice/',
  '/commands/',
  '/tools/free-port/',
  '/tools/triage/',
  '/services/ssh/',
  '/services/',
  '/services/initial/s/', // the most names of one first character
  '/api/',
  '/ports/6443/', // used in practice
  '/search/?q=ssh',
  '/no-such-page/',
];

async function collectViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
});

/** Records every request that leaves the site. */
function outsideRequests(page: Page, baseURL: string): string[] {
  const outside: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL) && !url.startsWith('data:')) outside.push(url);
  });
  return outside;
}

test('searching requests nothing from outside the site and runs Pagefind under the CSP', async ({ page, baseURL }) => {
  const outside = outsideRequests(page, baseURL!);
  await page.goto('/ports/22/');
  await page.locator('#search-input').fill('smartcard');
  await expect(page.locator('[data-search-results] a').first()).toBeVisible();
  // Search runs Pagefind's WebAssembly under the same policy.
  await page.goto('/ports/80/');
  await page.locator('#search-input').fill('ssh');
  await expect(page.locator('[data-search-results] a').first()).toHaveAttribute('href', '/ports/22/');
  expect(await collectViolations(page)).toEqual([]);
  expect(outside).toEqual([]);
});

for (const path of PAGES) {
  // One load per page checks everything: the CSP (no inline script, nothing violated), that the page
  // requests nothing from outside the site, then axe in light mode and, restyled in place, in dark mode.
  test(`${path}: axe finds no accessibility violations (light; colour rules in dark); CSP holds; nothing loads from outside`, async ({ page, baseURL }) => {
    // The registry-vs-practice table and the range pages take axe a while on 2 cores.
    test.setTimeout(180_000);
    const outside = outsideRequests(page, baseURL!);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    const csp = await page.locator('meta[http-equiv="content-security-policy" i]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await page.locator('script:not([src])').count(), 'inline scripts').toBe(0);
    expect(await collectViolations(page)).toEqual([]);
    expect(outside).toEqual([]);

    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const light = await background();
    const inLight = await (await axeOn(page)).withTags(WCAG_AA).analyze();
    expect(describeViolations(inLight.violations), 'light').toEqual([]);
    // The theme follows prefers-color-scheme in CSS alone, so switching it restyles the loaded page.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(), 'the dark theme applies').not.toBe(light);
    const inDark = await (await axeOn(page)).withRules(COLOUR_RULES).analyze();
    expect(describeViolations(inDark.violations), 'dark').toEqual([]);
  });
}

/**
 * Presses Tab until `target` has focus; fails after `max` presses. Port 22's page has grown
 * (evidence, security facts, focusable command boxes), so the Linux tab sits past 60 stops.
 */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('the keyboard alone searches, switches OS tabs and copies a command, with visible focus', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/ports/80/');
  const outline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);

  await page.keyboard.press('Tab');
  await expect(page.locator('.skip-link')).toBeFocused();
  await tabTo(page, page.locator('#search-input'));
  expect(await outline()).not.toBe('none');
  await page.keyboard.type('22');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/ports\/22\/$/);

  // A fresh browser on Linux starts on the Linux tab.
  const selectedTab = page.getByRole('tab', { name: 'Linux' });
  await tabTo(page, selectedTab);
  expect(await outline()).not.toBe('none');
  for (const name of ['macOS', 'Windows', 'nmap', 'Linux']) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name })).toBeFocused();
    await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
  }
  await page.keyboard.press('ArrowRight'); // Linux -> macOS
  await expect(page.locator('#macos')).toBeVisible();

  const copy = page.locator('#macos button.copy').first();
  await tabTo(page, copy);
  expect(await outline()).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(copy).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('sudo lsof -nP -iTCP:22 -sTCP:LISTEN');
});
