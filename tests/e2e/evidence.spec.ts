/**
 * Evidence of use and the ghost badge on the full real build: ports the registry alone calls
 * ghosts but Wireshark, firewalld or Debian show running the registered service lose the badge
 * and name the protocol; ports that other software uses for its own protocol keep it and say
 * both; the seed ghosts keep it and say what was checked; old Windows' dynamic range is
 * explained; busy ports lead with what runs there. Expected values come from the vendored files in
 * content/ and the IANA CSV, read here without the site's code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { axeOn, WCAG_AA } from './axe.ts';
import { test, expect, type Page } from 'playwright/test';
import { rowsForPort } from './registry.ts';
import { namedByProduct, product, productsOnPort, span } from './software-data.ts';

const decodes = readFileSync('content/wireshark/decodes.tsv', 'utf8').trim().split('\n').map((line) => line.split('\t') as [string, string, string]);
const protocolNames = new Map(readFileSync('content/wireshark/protocols.tsv', 'utf8').trim().split('\n').map((line) => line.split('\t')).map(([name, , filter]) => [filter!, name!]));
const dissectorFiles = new Map(readFileSync('content/wireshark/dissector-files.tsv', 'utf8').trim().split('\n').map((line) => line.split('\t') as [string, string]));
const wiresharkVersion = readFileSync('content/wireshark/version.txt', 'utf8').trim().replace(/-[^-]*$/, '');
/** The /etc/services names of a port ("cvspserver"), from the vendored file. */
const etcNames = (port: number) =>
  readFileSync('content/debian-services/services', 'utf8')
    .split('\n')
    .filter((line) => new RegExp(`^\\S+\\s+${port}/(tcp|udp|sctp)\\b`).test(line))
    .map((line) => line.split(/\s+/)[0]!);

/** The registry alone gives them the ghost badge, yet Debian lists each under its registered name: the registered service runs. */
const REGISTERED_RUNS = [11112, 11371, 1099, 2401, 2000, 4899, 1352, 17500, 6346];
/** Debian lists these under Zebra's vty names, not the registered ones: busy, but the registration is still a likely ghost. */
const BUSY_GHOSTS = [2601, 2602, 2603, 2604, 2605, 2606, 2607, 2608];
const SEED_GHOSTS = [3501, 3516, 3624, 3640];
/** The registered service name of a port's first row, from the IANA CSV. */
const registered = (port: number) => rowsForPort(port).find((row) => row.serviceName)!;

const evidence = (page: Page) => page.locator('#evidence');

test.describe('evidence of use decides the ghost badge', () => {
  test('ports where the registered service runs lose the badge and name what is there', async ({ page }) => {
    test.setTimeout(120_000); // 9 pages
    for (const port of REGISTERED_RUNS) {
      expect(etcNames(port), `port ${port}`).toContain(registered(port).serviceName);
      await page.goto(`/ports/${port}/`);
      await expect(page.locator('.badge.ghost'), `port ${port}`).toHaveCount(0);
      for (const name of etcNames(port)) await expect(evidence(page), `port ${port}`).toContainText(`Debian lists it in /etc/services as ${name}`);
      for (const [table, , filter] of decodes.filter(([, p]) => Number(p) === port)) {
        const line = evidence(page).locator('li').filter({ hasText: `(display filter ${filter})` });
        await expect(line, `port ${port}`).toContainText(`decodes ${table.split('.')[0]!.toUpperCase()}`);
        await expect(line).toContainText(protocolNames.get(filter)!);
      }
    }
  });

  test('ports other software uses for its own protocol keep the badge, and it says both', async ({ page }) => {
    test.setTimeout(120_000); // 8 pages
    for (const port of BUSY_GHOSTS) {
      const name = etcNames(port)[0]!;
      expect(name, `port ${port}`).not.toBe(registered(port).serviceName);
      await page.goto(`/ports/${port}/`);
      const badge = page.locator('.badge.ghost');
      // A product that uses the port itself (FRRouting's vty ports; the page's lead when several do) is named first; else Debian's entry.
      const users = productsOnPort(port).filter((p) => p.uses.some((u) => span(u)[0] <= port && port <= span(u)[1] && span(u)[1] - span(u)[0] < 64));
      const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // Several users and none heads the page (its h1 is IANA's name): only their number, no name crowned by the alphabet.
      const h1 = (await page.locator('h1').textContent())!;
      const lead = users.find((u) => h1.includes(u.name));
      const inPractice =
        users.length === 0 ? escape(`Debian lists it as ${name}`)
        : users.length > 1 && !lead ? escape(`${users.length} products use it`)
        : `${escape((lead ?? users[0]!).name)} uses it by`;
      await expect(badge, `port ${port}`).toContainText(new RegExp(`${escape(`Registered to ${registered(port).description}, likely a ghost registration; in practice `)}${inPractice}`));
      await expect(badge.getByRole('link', { name: 'likely a ghost registration' })).toHaveAttribute('href', '/notes/ghost-registration/');
      await expect(evidence(page)).toContainText(`Debian lists it in /etc/services as ${name}`);
      await expect(evidence(page)).toContainText(`implements ${registered(port).description}, the registered service`);
    }
  });

  test('2000 links Skinny\'s dissector source at the vendored Wireshark version', async ({ page }) => {
    expect(decodes).toContainEqual(['tcp.port', '2000', 'skinny']);
    await page.goto('/ports/2000/');
    const link = evidence(page).getByRole('link', { name: protocolNames.get('skinny')! });
    await expect(link).toHaveAttribute('href', `https://gitlab.com/wireshark/wireshark/-/blob/v${wiresharkVersion}/${dissectorFiles.get('skinny')}`);
  });

  test('the seed ghosts keep the badge, a product using the port for its own protocol named beside it, and the page says what was checked', async ({ page }) => {
    expect(SEED_GHOSTS.filter((port) => !namedByProduct(port)).length).toBeGreaterThanOrEqual(3);
    for (const port of SEED_GHOSTS) {
      expect(etcNames(port)).toEqual([]);
      await page.goto(`/ports/${port}/`);
      // Kismet's kismet.conf sets remote_capture_port=3501: the port is busy, but Kismet is not iSoft-P2P.
      if (namedByProduct(port)) {
        const kismet = product('kismet');
        const use = kismet.uses.find((u) => u.port === port)!;
        await expect(page.locator('.badge.ghost')).toHaveText(`Registered to ${registered(port).description}, likely a ghost registration; in practice ${kismet.name} uses it by ${use.basis} for its ${use.role}`);
        await expect(page.locator('#in-practice li')).not.toHaveCount(0);
        continue;
      }
      await expect(page.locator('.badge.ghost')).toContainText('Likely ghost registration: no software, dissector or OS service file names it');
      await expect(evidence(page)).toContainText(`None found: no product file, Wireshark ${wiresharkVersion} dissector`);
    }
  });

  test('a firewalld service that opens the port alone names its firewall-cmd line; a bundle is named without one', async ({ page }) => {
    // From the vendored service files: one that opens this port and nothing else (no other
    // <port>, no <include>) is the port's own; freeipa-ldap on 80 also opens 88, 123, 389, 464...
    const servicesOn = (port: number) =>
      readdirSync('content/firewalld/services').flatMap((f) => {
        const xml = readFileSync(`content/firewalld/services/${f}`, 'utf8');
        if (!new RegExp(`port="${port}"`).test(xml)) return [];
        const alone = [...xml.matchAll(/<port [^>]*port="([^"]+)"/g)].every((m) => m[1] === String(port)) && !/<include /.test(xml);
        return [{ service: f.replace(/\.xml$/, ''), alone }];
      });
    for (const port of [6443, 80]) {
      const services = servicesOn(port);
      expect(services.some((s) => s.alone), `port ${port}`).toBe(true);
      if (port === 80) expect(services.some((s) => !s.alone)).toBe(true);
      await page.goto(`/ports/${port}/`);
      for (const { service, alone } of services) {
        await expect(evidence(page)).toContainText(`has a service ${service}`);
        if (alone) await expect(evidence(page)).toContainText(`firewall-cmd --add-service=${service}`);
        else await expect(page.locator('main')).not.toContainText(`--add-service=${service}`);
      }
    }
  });

  test('1030 explains Windows\' old dynamic port range; a dynamic port does not repeat it', async ({ page }) => {
    await page.goto('/ports/1030/');
    await expect(evidence(page)).toContainText('Inside the default dynamic port range of Windows before Vista and Windows Server 2008 (1025–5000). These systems hand such ports to programs that ask for any free one');
    await evidence(page).getByRole('link', { name: /ephemeral ports by OS/ }).click();
    await expect(page.locator('main')).toContainText('1025-5000');
    await page.goto('/ports/50000/');
    await expect(page.locator('#registration')).toContainText('RFC 6335 reserves 49152–65535 for dynamic use');
    await expect(page.locator('main')).not.toContainText('Inside the default dynamic port range');
  });

  test('the data report counts the badges before and after, and matches the built pages', async ({ request }) => {
    const report = await (await request.get('/data-report.json')).json();
    const counts = report.ghostBadges;
    expect(counts.badges).toBeLessThan(counts.registryHeuristic);
    expect(counts.clearedBy.wireshark + counts.clearedBy.firewalld + counts.clearedBy.debian).toBeGreaterThan(0);
    const pages = readdirSync('dist/ports').filter((dir) => /^\d+$/.test(dir)).map((dir) => readFileSync(`dist/ports/${dir}/index.html`, 'utf8'));
    const withBadge = pages.filter((html) => html.includes('class="badge ghost"'));
    expect(withBadge.length).toBe(counts.badges);
    // A badge on a port other software uses says what does ("; in practice ...").
    expect(withBadge.filter((html) => /<li class="badge ghost">Registered to [^<]*<a [^>]*>likely a ghost registration<\/a>; in practice /.test(html)).length).toBe(counts.busy);
  });

  test('axe finds no violations in the evidence section', async ({ page }) => {
    test.setTimeout(90_000); // three pages
    for (const path of ['/ports/2000/', '/ports/3501/', '/ports/6443/']) {
      await page.goto(path);
      const { violations } = await (await axeOn(page)).include('#evidence').withTags(WCAG_AA).analyze();
      expect(violations, path).toEqual([]);
    }
  });
});

test.describe('busy ports lead with what runs there', () => {
  test('6443: the Kubernetes API server first, IANA\'s sun-sr-https after it', async ({ page }) => {
    const iana = rowsForPort(6443).find((row) => row.serviceName)!.serviceName;
    await page.goto('/ports/6443/');
    await expect(page.locator('h1')).toHaveText('Port 6443: Kubernetes API server');
    await expect(page).toHaveTitle(new RegExp(`^Port 6443: Kubernetes API server \\(IANA: ${iana}\\)`));
    await expect(page.locator('#summary')).toContainText(/^In practice, Kubernetes uses port 6443 by default/);
    await expect(page.locator('#summary')).toContainText(`IANA assigns it to ${iana}`);
  });

  test('a port whose software is the registered service keeps IANA\'s name (22: ssh)', async ({ page }) => {
    await page.goto('/ports/22/');
    await expect(page.locator('h1')).toHaveText('Port 22: ssh');
  });

  test('a dissector for the registered protocol keeps IANA\'s name, matched by description (1719: H.225 for h323gatestat)', async ({ page }) => {
    expect(decodes).toContainEqual(['udp.port', '1719', 'h225']);
    await page.goto('/ports/1719/');
    await expect(page.locator('h1')).toHaveText(`Port 1719: ${rowsForPort(1719).find((row) => row.serviceName)!.serviceName}`);
  });

  test('a range never heads a port IANA assigns or a product uses by itself (8006, 1720, 1755)', async ({ page }) => {
    // esbuild tries 8000-8009; Proxmox VE's web interface is on 8006 itself.
    expect(product('esbuild').uses.some((u) => u.port === '8000-8009')).toBe(true);
    await page.goto('/ports/8006/');
    await expect(page.locator('h1')).toHaveText(/^Port 8006: Proxmox VE /);
    await expect(page.locator('#summary')).toContainText(/^In practice, Proxmox VE uses port 8006 by default/);
    // KDE Connect's 1716-1764 covers H.323's 1720 and MMS's 1755: IANA's names lead.
    for (const port of [1720, 1755]) {
      await page.goto(`/ports/${port}/`);
      await expect(page.locator('h1'), `port ${port}`).toHaveText(`Port ${port}: ${rowsForPort(port).find((row) => row.serviceName)!.serviceName}`);
    }
  });

  test('a honeypot never heads a port, and the page says what it is (2121: Conpot)', async ({ page }) => {
    expect(product('conpot').uses.some((u) => u.port === 2121)).toBe(true);
    await page.goto('/ports/2121/');
    await expect(page.locator('h1')).toHaveText(`Port 2121: ${rowsForPort(2121).find((row) => row.serviceName)!.serviceName}`);
    await expect(page.locator('#in-practice')).toContainText('Conpot (a honeypot: it imitates other systems to attract attackers)');
  });
});

test('search finds a port by the protocol name Wireshark gives it', async ({ page }) => {
  await page.goto('/');
  await page.locator('form[role=search] #search-input').fill('skinny');
  await expect(page.locator('[data-search-results] a[href="/ports/2000/"]')).toBeVisible();
});
