/**
 * The triage tool (/tools/triage/) against the built site: real listings pasted into the form,
 * each row checked against the port's own page and JSON file (heading, ghost badge, CISA KEV
 * count, UDP amplification, uses and evidence) and against the product files' process names;
 * the skipped lines, the copies for a ticket (read back from the clipboard), the permalink
 * opened as a colleague would, keyboard-only use, offline use, and axe in light and dark.
 * Expected values come from the fixtures' own lines, the pages, the API files and the product
 * files, never from src/lib/triage/. Needs a build with the fixtures' ports (a full build, or
 * PORT_ATLAS_PORTS=22,53,80,123,3489,3907,5353,5432,8000,8080,8291,11211,13337,41234).
 */
import { test, expect, type APIRequestContext, type Page } from 'playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { axeOn, COLOUR_RULES, describeViolations, WCAG_AA } from './axe.ts';
import { products } from './software-data.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/triage/', import.meta.url));
const fixture = (path: string): string => readFileSync(`${FIXTURES}${path}`, 'utf8');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A table row as the page shows it. */
interface ShownRow {
  port: number;
  href: string;
  protocol: string;
  scope: string;
  process: string;
  usually: string;
  flags: { text: string; href: string | null }[];
  why: string;
  attention: boolean;
}

async function paste(page: Page, text: string): Promise<void> {
  await page.goto('/tools/triage/');
  await page.locator('#triage-input').fill(text);
  await page.locator('form[data-triage] button[type=submit]').click();
  await expect(page.locator('[data-triage-status]')).not.toBeEmpty();
}

function shownRows(page: Page): Promise<ShownRow[]> {
  return page.locator('[data-triage-rows] [role=row]').evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.children] as HTMLElement[];
      const a = cells[0]!.querySelector('a')!;
      return {
        port: Number(a.textContent),
        href: a.getAttribute('href')!,
        protocol: cells[1]!.textContent!.trim(),
        scope: cells[2]!.textContent!.trim(),
        process: cells[3]!.textContent!.trim(),
        usually: cells[4]!.textContent!.trim(),
        flags: [...cells[5]!.querySelectorAll('li')].map((li) => ({ text: li.textContent!.trim(), href: li.querySelector('a')?.getAttribute('href') ?? null })),
        why: cells[5]!.querySelector('.why')?.textContent?.trim() ?? '',
        attention: tr.classList.contains('attention'),
      };
    }),
  );
}

/** The port's API object: its own file when it has one, else its entry in the block file. */
async function portJson(request: APIRequestContext, port: number): Promise<Json> {
  const own = await request.get(`/api/v1/ports/${port}.json`);
  if (own.ok()) return (await own.json()) as Json;
  const start = Math.floor(port / 1024) * 1024;
  const block = (await (await request.get(`/api/v1/ports/blocks/${start}-${start + 1023}.json`)).json()) as Json;
  return block.ports.find((p: Json) => p.port === port);
}

/** What the port's page shows: its heading after "Port N: " and whether it has the ghost badge. */
async function pageFacts(page: Page, port: number): Promise<{ label: string | null; ghost: boolean; status: string }> {
  return page.evaluate(async (p) => {
    const doc = new DOMParser().parseFromString(await (await fetch(`/ports/${p}/`)).text(), 'text/html');
    const h1 = doc.querySelector('h1')!.textContent!.trim();
    return { label: h1.includes(': ') ? h1.slice(h1.indexOf(': ') + 2) : null, ghost: doc.querySelector('.badge.ghost') !== null, status: doc.querySelector('.badges .badge')!.textContent!.trim() };
  }, port);
}

/** Listening lines of an ss listing, read here: LISTEN and UNCONN, with the local port (Netid column or not). */
const ssListening = (text: string): { protocol: string; port: number }[] =>
  text
    .split('\n')
    .map((line) => /^(?:(tcp|udp)\s+)?(LISTEN|UNCONN)\s+\d+\s+\d+\s+\S*:(\d+)\s/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ protocol: m[1] ?? (m[2] === 'LISTEN' ? 'tcp' : 'udp'), port: Number(m[3]) }));

/** Product names by process name, from the product files. */
function productsByProcess(): Map<string, { name: string; ports: [number, number][] }[]> {
  const map = new Map<string, { name: string; ports: [number, number][] }[]>();
  for (const p of products() as (ReturnType<typeof products>[number] & { processes?: { names: string[] }[] })[]) {
    const ports = p.uses.map((u) => (typeof u.port === 'number' ? [u.port, u.port] : String(u.port).split('-').map(Number)) as [number, number]);
    for (const name of (p.processes ?? []).flatMap((e) => e.names)) map.set(name, [...(map.get(name) ?? []), { name: p.name, ports }]);
  }
  return map;
}

test.describe('triage', () => {
  test('explains a real ss -tuanp listing: a row per listening socket, connections skipped and shown on request', async ({ page }) => {
    const text = fixture('ss/tuanp.txt');
    await paste(page, text);
    const listening = ssListening(text);
    const lines = text.trimEnd().split('\n');
    await expect(page.locator('[data-triage-status]')).toContainText(`ss (Linux): ${listening.length} listening sockets, ${lines.length - listening.length} lines skipped`);
    const rows = await shownRows(page);
    expect(rows.map((r) => `${r.protocol.toLowerCase()} ${r.port}`).sort()).toEqual(listening.map((l) => `${l.protocol} ${l.port}`).sort());
    // Every connection line is in the skipped list, with its reason, once the reader asks.
    const details = page.locator('[data-triage-skipped]');
    await expect(details).not.toHaveAttribute('open');
    await details.locator('summary').click();
    const skipped = await details.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent!)));
    expect(skipped).toHaveLength(lines.length - listening.length);
    for (const line of lines.filter((l) => /ESTAB|TIME-WAIT/.test(l))) {
      const entry = skipped.find(([, , shown]) => shown === line);
      expect(entry, line).toBeDefined();
      expect(entry![1]).toMatch(/connect/);
    }
  });

  test('says what each port usually is, and flags it, as the port page and its JSON file do', async ({ page, request }) => {
    await paste(page, fixture('ss/tulpn.txt'));
    const rows = await shownRows(page);
    expect(rows.length).toBeGreaterThan(10);
    for (const port of new Set(rows.map((r) => r.port))) {
      const shown = rows.filter((r) => r.port === port);
      const facts = await pageFacts(page, port);
      const json = await portJson(request, port);
      for (const row of shown) {
        expect(row.href).toBe(`/ports/${port}/`);
        expect(row.usually, `port ${port}`).toBe(facts.label ?? facts.status.toLowerCase());
        const flag = (text: RegExp) => row.flags.find((f) => text.test(f.text));
        expect(Boolean(flag(/ghost/)), `ghost on ${port}`).toBe(facts.ghost);
        const kev = (json.security?.kev ?? []).reduce((sum: number, k: Json) => sum + k.count, 0);
        if (kev > 0) {
          expect(flag(/known exploited/)).toEqual({ text: `${kev} known exploited ${kev === 1 ? 'vulnerability' : 'vulnerabilities'}`, href: `/ports/${port}/#security` });
          expect(row.attention, `KEV on ${port} comes first`).toBe(true);
        } else expect(flag(/known exploited/)).toBeUndefined();
        const amplifications: Json[] = json.security?.amplifications ?? [];
        if (amplifications.length > 0 && row.protocol === 'UDP') expect(flag(/amplification/)?.text).toBe(`UDP amplification (${amplifications.map((a) => `${a.protocol}, factor ${a.factor}`).join('; ')})`);
        else expect(flag(/amplification/)).toBeUndefined();
        // "Registry says nothing, no software known": no entry but Unassigned (or the dynamic range), no use of up to
        // 64 ports, no evidence of use (a firewalld service opening a wider range is a pool, not evidence for each port).
        const narrowUse = (json.uses ?? []).some((u: Json) => u.port.end - u.port.start + 1 <= 64);
        const evidence = (json.evidence ?? []).some((e: Json) => !(e.source === 'firewalld' && e.range && e.range.end - e.range.start + 1 > 64));
        const nothingKnown = ['unassigned', 'dynamic'].includes(json.status) && !narrowUse && !evidence;
        expect(Boolean(flag(/registry says nothing/)), `nothing known on ${port}`).toBe(nothingKnown);
      }
    }
    // Attention first: no row that comes first follows one that does not.
    const firstLater = rows.findIndex((r) => !r.attention);
    expect(rows.slice(firstLater).every((r) => !r.attention)).toBe(true);
  });

  test('says whether each process is the software known on its port, from the product files', async ({ page, request }) => {
    await paste(page, fixture('ss/tulpn.txt'));
    const rows = await shownRows(page);
    const known = productsByProcess();
    for (const row of rows) {
      const name = /^(\S+) \(/.exec(row.process)![1]!;
      const makers = known.get(name) ?? [];
      const json = await portJson(request, row.port);
      const here = makers.filter((m) => (json.uses ?? []).some((u: Json) => u.product.name === m.name));
      if (here.length > 0) expect(row.process).toContain(`${name}: ${here.map((m) => m.name).join(', ')}, expected`);
      else if (makers.length > 0) expect(row.process).toContain(`${name} on ${row.port}: ${makers.length === 1 ? 'the product that uses' : 'products that use'} ${name}`);
      else expect(row.process).toContain(`${name}: matches nothing known`);
    }
    // The fixture runs OpenSSH's sshd on 22 and NGINX on 80 and on 3489, which NGINX's file does not name.
    expect(rows.find((r) => r.port === 22)!.process).toMatch(/sshd: OpenSSH, expected/);
    expect(rows.find((r) => r.port === 3489)!.process).toMatch(/nginx on 3489: the product that uses nginx is NGINX \(/);
  });

  test('recognises the other formats: Windows netstat -abno, PowerShell, macOS netstat and lsof, nmap XML and grepable, a list', async ({ page }) => {
    const cases: [string, string, (line: string) => number | null][] = [
      ['netstat-windows/abno.txt', 'netstat (Windows)', (l) => Number(/^\s*(?:TCP\s+\S+:(\d+)\s+\S+\s+LISTENING|UDP\s+\S+:(\d+))\s/.exec(l)?.slice(1).find(Boolean) ?? NaN) || null],
      ['powershell/get-nettcpconnection.txt', 'PowerShell', (l) => Number(/^\S+\s+(\d+)\s+\S+\s+\d+\s+Listen\s/.exec(l)?.[1] ?? NaN) || null],
      ['netstat-macos/an-p-tcp.txt', 'netstat (macOS)', (l) => Number(/^tcp\S*\s+\d+\s+\d+\s+\S+\.(\d+)\s+\*\.\*\s+LISTEN/.exec(l)?.[1] ?? NaN) || null],
      ['lsof-macos/i.txt', 'lsof', (l) => Number(/:(\d+) \(LISTEN\)$|UDP (?!\S*->)\S+:(\d+)\s*$/.exec(l)?.slice(1).find(Boolean) ?? NaN) || null],
      ['nmap/scan.xml', 'nmap XML output', (l) => Number(/<port protocol="\w+" portid="(\d+)"><state state="open"/.exec(l)?.[1] ?? NaN) || null],
      ['nmap/grepable-udp6.txt', 'nmap grepable output', () => null],
      ['plain/list.txt', 'a list of ports', () => null],
    ];
    // The list: every port of every item on lines of ports only, ranges of up to 1,024 ports.
    const listed = (text: string) =>
      text.split('\n').filter((line) => /^[\d\s,;/tcpud-]+$/.test(line)).flatMap((line) => line.split(/[,;\s]+/).filter(Boolean)).flatMap((item) => {
        const [start, end = start] = item.split('/')[0]!.split('-').map(Number);
        return end! <= 65535 && start! <= end! && end! - start! < 1024 ? Array.from({ length: end! - start! + 1 }, (_, i) => start! + i) : [];
      });
    for (const [file, label, listens] of cases) {
      const text = fixture(file);
      await paste(page, text);
      await expect(page.locator('[data-triage-status]')).toContainText(label);
      const ports = (await shownRows(page)).map((r) => r.port);
      expect(ports.length, file).toBeGreaterThan(0);
      const expected = text.split('\n').map(listens).filter((p): p is number => p !== null);
      if (expected.length) expect(new Set(ports), file).toEqual(new Set(expected));
      if (file.startsWith('plain/')) expect(new Set(ports)).toEqual(new Set(listed(text)));
      else for (const port of ports) expect(text, `${file}: ${port}`).toMatch(new RegExp(`\\b${port}\\b`));
    }
  });

  test('copies the table as Markdown, Jira and CSV, the same rows as shown', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await paste(page, fixture('lsof/i.txt'));
    const rows = await shownRows(page);
    const clip = async (name: string) => {
      await page.getByRole('button', { name }).click();
      return page.evaluate(() => navigator.clipboard.readText());
    };
    const csv = parseCsv(await clip('Copy as CSV')) as string[][];
    expect(csv[0]!.slice(0, 4)).toEqual(['Port', 'Port link', 'Protocol', 'Bound to']);
    expect(csv.slice(1).map((r) => [Number(r[0]), new URL(r[1]!).pathname, r[2], r[3]])).toEqual(rows.map((r) => [r.port, r.href, r.protocol, r.scope]));
    const markdown = (await clip('Copy as Markdown')).trimEnd().split('\n');
    expect(markdown).toHaveLength(rows.length + 2);
    expect(markdown[2]).toMatch(new RegExp(`^\\| \\[${rows[0]!.port}\\]\\(http://[^)]+/ports/${rows[0]!.port}/\\) \\| ${rows[0]!.protocol} \\|`));
    const jira = (await clip('Copy as Jira')).trimEnd().split('\n');
    expect(jira[0]).toMatch(/^\|\|Port\|\|Protocol\|\|/);
    expect(jira).toHaveLength(rows.length + 1);
  });

  test('gives a permalink that holds the rows, not the listing, and shows a colleague the same rows', async ({ page, context, browser }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const text = fixture('netstat-windows/abno.txt');
    await paste(page, text);
    const rows = await shownRows(page);
    await page.getByRole('button', { name: 'Copy permalink' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const url = new URL(link);
    expect(url.pathname).toBe('/tools/triage/');
    expect(url.search).toBe('');
    expect(url.hash).toMatch(/^#rows=[\w-]+$/);
    // The pasted text is not in the link (not even its process names or a line of it).
    for (const word of ['svchost', 'TermService', 'LISTENING', '0.0.0.0']) expect(decodeURIComponent(link)).not.toContain(word);
    const colleague = await browser.newContext({ baseURL: new URL(page.url()).origin });
    const theirs = await colleague.newPage();
    await theirs.goto(`${url.pathname}${url.hash}`);
    await expect(theirs.locator('[data-triage-status]')).toContainText('Rows from a shared link. netstat (Windows)');
    await expect(theirs.locator('#triage-input')).toHaveValue('');
    expect(await shownRows(theirs)).toEqual(rows);
    await colleague.close();
  });

  test('works with the keyboard alone', async ({ page }) => {
    await page.goto('/tools/triage/');
    await expect(page.locator('form[data-triage]')).toBeVisible();
    for (let i = 0; i < 30 && !(await page.locator('#triage-input').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(page.locator('#triage-input')).toBeFocused();
    await page.keyboard.insertText(fixture('ss/ltnp.txt'));
    await page.keyboard.press('Tab');
    await expect(page.locator('form[data-triage] button[type=submit]')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#results-heading')).toBeFocused();
    await expect(page.locator('[data-triage-rows] [role=row]')).toHaveCount(ssListening(fixture('ss/ltnp.txt')).length);
    // Onwards: the skipped lines open with the keyboard, then the copy buttons.
    await page.keyboard.press('Tab');
    await expect(page.locator('[data-triage-skipped] summary')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-triage-skipped]')).toHaveAttribute('open');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Copy as Markdown' })).toBeFocused();
    // Ctrl+Enter in the text area explains too.
    await page.locator('#triage-input').fill(fixture('ss/lunp.txt'));
    await page.locator('#triage-input').press('Control+Enter');
    await expect(page.locator('[data-triage-status]')).toContainText(`${ssListening(fixture('ss/lunp.txt')).length} listening sockets`);
  });

  test('asks nothing of another site and works offline once loaded', async ({ page, context }) => {
    const origins = new Set<string>();
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto('/tools/triage/');
    await page.waitForLoadState('networkidle');
    await context.setOffline(true);
    await page.locator('#triage-input').fill(fixture('nmap/normal.txt'));
    await page.locator('form[data-triage] button[type=submit]').click();
    await expect(page.locator('[data-triage-status]')).toContainText('nmap: ');
    await context.setOffline(false);
    expect([...origins]).toEqual([new URL(page.url()).origin]);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("script-src 'self'");
  });

  test('is linked from the home page, the free-port finder and every port page\'s "How to check what\'s listening"', async ({ page }) => {
    for (const path of ['/', '/tools/free-port/', '/ports/22/', '/ports/3489/']) {
      await page.goto(path);
      const link = path.startsWith('/ports/') ? page.locator('#check a[href="/tools/triage/"]') : page.locator('main a[href="/tools/triage/"]');
      await expect(link, path).toHaveCount(1);
    }
    await expect(page.locator('#check a[href="/tools/triage/"]')).toHaveText('Paste the whole output here');
  });

  test('is axe clean in light and dark, with rows and the skipped lines shown', async ({ page }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await paste(page, fixture('ss/tuanp.txt'));
      await page.locator('[data-triage-skipped] summary').click();
      const axe = (await axeOn(page)).withTags(WCAG_AA);
      const { violations } = await (colorScheme === 'dark' ? axe.withRules(COLOUR_RULES) : axe).analyze();
      expect(describeViolations(violations), colorScheme).toEqual([]);
    }
  });
});
