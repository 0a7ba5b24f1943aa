/**
 * The "what's listening" commands: exact text per port, OS tabs with a remembered choice,
 * copy buttons, and the no-JavaScript fallback.
 */
import { test, expect, type Page } from 'playwright/test';
import { firstServiceName } from './registry.ts';

const OS_IDS = ['linux', 'macos', 'windows', 'nmap'] as const;
type Os = (typeof OS_IDS)[number];
const TAB_NAMES: Record<Os, string> = { linux: 'Linux', macos: 'macOS', windows: 'Windows', nmap: 'nmap' };

/** The commands for port N as documented; Windows commands are prefixes (a pipeline follows). */
function expectedCommands(port: number): Record<Os, { exact: boolean; commands: string[] }> {
  return {
    linux: { exact: true, commands: [`sudo ss -ltnp 'sport = :${port}'`, `sudo ss -lunp 'sport = :${port}'`] },
    // lsof -iUDP:N also lists sockets talking to port N elsewhere: awk keeps those bound to N.
    macos: {
      exact: true,
      commands: [
        `sudo lsof -nP -iTCP:${port} -sTCP:LISTEN`,
        `sudo lsof -nP -iUDP:${port} | awk 'NR == 1 { head = $0; next } $NF ~ /^[^-]*:${port}(->|$)/ { if (head) print head; head = ""; print }'`,
      ],
    },
    windows: {
      exact: false,
      commands: [`Get-NetTCPConnection -LocalPort ${port} -State Listen`, `Get-NetUDPEndpoint -LocalPort ${port}`],
    },
    nmap: { exact: true, commands: [`nmap -p ${port} -sV localhost`, `sudo nmap -sU -p U:${port} localhost`] },
  };
}

async function snippetTexts(page: Page, os: Os): Promise<string[]> {
  return page.locator(`section#check section#${os} figure pre`).allTextContents();
}

async function expectCommandsForPort(page: Page, port: number): Promise<void> {
  const expected = expectedCommands(port);
  for (const os of OS_IDS) {
    const texts = await snippetTexts(page, os);
    const { exact, commands } = expected[os];
    expect(texts, `${os} snippets on /ports/${port}/`).toHaveLength(commands.length);
    commands.forEach((command, i) => {
      if (exact) expect(texts[i], `${os} snippet ${i + 1}`).toBe(command);
      else expect(texts[i]!.startsWith(command), `${os} snippet ${i + 1} "${texts[i]}" starts with "${command}"`).toBe(true);
      // The port appears as the whole number, never as part of another one.
      expect(texts[i]!.match(/\d+/g)?.filter((n) => n === String(port)).length ?? 0).toBeGreaterThan(0);
    });
  }
}

async function expectSelected(page: Page, selected: Os): Promise<void> {
  const tablist = page.locator('[role=tablist]');
  for (const os of OS_IDS) {
    const tab = tablist.getByRole('tab', { name: TAB_NAMES[os], exact: true });
    await expect(tab).toHaveAttribute('aria-selected', String(os === selected));
    if (os === selected) await expect(page.locator(`section#${os}`)).toBeVisible();
    else await expect(page.locator(`section#${os}`)).toBeHidden();
  }
}

test.describe('commands to check a port', () => {
  for (const port of [0, 22, 3489, 6010, 65535]) {
    test(`the commands on /ports/${port}/ name exactly port ${port}`, async ({ page }) => {
      await page.goto(`/ports/${port}/`);
      await expectCommandsForPort(page, port);
    });
  }

  test('with JavaScript, OS tabs show only the selected block', async ({ page }) => {
    await page.goto('/ports/22/');
    const tablist = page.locator('[role=tablist]');
    await expect(tablist).toHaveCount(1);
    await expect(tablist.getByRole('tab')).toHaveText(['Linux', 'macOS', 'Windows', 'nmap']);
    const selected = tablist.locator('[role=tab][aria-selected=true]');
    await expect(selected).toHaveCount(1);
    for (const os of OS_IDS) {
      await tablist.getByRole('tab', { name: TAB_NAMES[os], exact: true }).click();
      await expectSelected(page, os);
    }
  });

  test('a chosen OS tab is remembered on another port page', async ({ page }) => {
    await page.goto('/ports/22/');
    await page.locator('[role=tablist]').getByRole('tab', { name: 'Windows', exact: true }).click();
    await expectSelected(page, 'windows');
    const stored = await page.evaluate(() => Object.keys(localStorage).map((key) => localStorage.getItem(key)));
    expect(stored).toContain('windows');

    await page.goto('/ports/80/');
    await expect(page.locator('[role=tablist]').getByRole('tab', { name: 'Windows', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.locator('section#windows')).toBeVisible();
    await expect(page.locator('section#linux')).toBeHidden();
    await expectSelected(page, 'windows');
  });

  test('a link to /ports/443/#nmap selects the nmap tab', async ({ page }) => {
    await page.goto('/ports/443/#nmap');
    await expectSelected(page, 'nmap');
    await expectCommandsForPort(page, 443);
  });

  test.describe('copy buttons', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('each Copy button copies its exact command and then says Copied', async ({ page }) => {
      await page.goto('/ports/3489/');
      const figures = page.locator('section#check figure');
      const total = await figures.count();
      expect(total).toBe(8);
      await expect(page.locator('section#check figure button.copy')).toHaveCount(total);
      for (const os of OS_IDS) {
        await page.locator('[role=tablist]').getByRole('tab', { name: TAB_NAMES[os], exact: true }).click();
        const osFigures = page.locator(`section#${os} figure`);
        for (let i = 0; i < (await osFigures.count()); i++) {
          const figure = osFigures.nth(i);
          const command = (await figure.locator('pre').textContent()) ?? '';
          const button = figure.locator('button.copy');
          await expect(button).toHaveText('Copy');
          await button.click();
          await expect(button).toHaveText('Copied');
          expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
        }
      }
      // The copied Linux command is the documented one, character for character.
      await page.locator('[role=tablist]').getByRole('tab', { name: 'Linux', exact: true }).click();
      await page.locator('section#linux figure').first().locator('button.copy').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("sudo ss -ltnp 'sport = :3489'");
    });
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('all four OS blocks are visible and there is no tablist', async ({ page }) => {
    await page.goto('/ports/3489/');
    await expect(page.locator('[role=tablist]')).toHaveCount(0);
    for (const os of OS_IDS) await expect(page.locator(`section#${os}`)).toBeVisible();
    await expect(page.locator('button.copy')).toHaveCount(0);
    await expectCommandsForPort(page, 3489);
  });

  test('the registry facts are visible', async ({ page }) => {
    await page.goto('/ports/3489/');
    await expect(page.locator('h1')).toHaveText(`Port 3489: ${firstServiceName(3489)}`);
    await expect(page.locator('ul.badges li').first()).toBeVisible();
    await expect(page.locator('#summary')).toBeVisible();
    const entry = page.locator('#registration article.entry').first();
    await expect(entry).toBeVisible();
    await expect(entry.locator('dt:text-is("Service name") + dd')).toBeVisible();
    await expect(entry.locator('dt:text-is("Registration date") + dd time')).toBeVisible();
  });
});
