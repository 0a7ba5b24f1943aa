/**
 * The commands to act on a port (#firewall, #reachability, #capture): exact text per port and
 * protocol, copy buttons, visible # links and "Copy link", the no-JavaScript page, the sources
 * page they link to, and axe on the new sections.
 */
import { axeOn, describeViolations, WCAG_AA } from './axe.ts';
import { test, expect, type Page } from 'playwright/test';
import { products, span } from './software-data.ts';

const SECTIONS = ['firewall', 'reachability', 'capture'] as const;

/** nft(8): the rule, one quoted argument (bash and zsh alike); the table and chain it needs are on /commands/#nft-table. */
const nft = (match: string) => `sudo nft 'add rule inet filter input ${match} drop'`;
/** nft(8): the table and chain, created where missing, each line one quoted argument. */
const NFT_SETUP = [`sudo nft 'add table inet filter'`, `sudo nft 'add chain inet filter input { type filter hook input priority filter; }'`].join('\n');

/** The protocols of the product files' uses naming the port (64 ports or fewer), read from the YAML. */
const productProtocols = (port: number): string[] => [
  ...new Set(products().flatMap((p) => p.uses.filter((u) => span(u)[0] <= port && port <= span(u)[1] && span(u)[1] - span(u)[0] < 64).flatMap((u) => u.protocols))),
];

/**
 * The commands for a port registered on TCP and UDP only (3489, and the unassigned and dynamic
 * ports, which get both), as ufw(8), firewall-cmd(1), nft(8), pf.conf(5), Microsoft Learn,
 * nc(1), nmap(1), pcap-filter(7) and wireshark-filter(4) give them. Blocking covers TCP and UDP;
 * opening and testing cover what is in use: 3489's registration (TCP and UDP, nothing else on
 * it), 8291's MikroTik Winbox and 60000's Proxmox VE migration range (TCP).
 */
function tcpUdpCommands(port: number, inUse: string[] = ['tcp', 'udp']): Record<(typeof SECTIONS)[number], string[]> {
  return {
    firewall: [
      `sudo ufw deny ${port}`,
      `sudo firewall-cmd ${inUse.map((p) => `--add-port=${port}/${p}`).join(' ')}`,
      nft(`meta l4proto { tcp, udp } th dport ${port}`),
      `block drop in proto { tcp udp } from any to any port ${port}`,
      `'TCP', 'UDP' | ForEach-Object { New-NetFirewallRule -DisplayName "Block $_ ${port}" -Direction Inbound -Protocol $_ -LocalPort ${port} -Action Block }`,
    ],
    reachability: [`nc -zv HOST ${port}`, `Test-NetConnection -ComputerName HOST -Port ${port}`, ...(inUse.includes('udp') ? [`sudo nmap -sU -p U:${port} HOST`] : [])],
    capture: [`sudo tcpdump -i any -nn port ${port}`, `tcp.port == ${port} || udp.port == ${port}`],
  };
}

/** The code blocks between one section's heading and the next heading. */
async function commandsOf(page: Page, id: string): Promise<string[]> {
  return page.locator(`#act figure`).evaluateAll(
    (figures, section) =>
      figures
        .filter((figure) => {
          let heading = figure.previousElementSibling;
          while (heading && heading.tagName !== 'H2') heading = heading.previousElementSibling;
          return heading?.id === section;
        })
        .map((figure) => figure.querySelector('pre')!.textContent ?? ''),
    id,
  );
}

test.describe('commands to act on a port', () => {
  for (const port of [3489, 8291, 60000]) {
    test(`/ports/${port}/ gives the TCP and UDP commands for exactly port ${port}`, async ({ page }) => {
      await page.goto(`/ports/${port}/`);
      // No product names 3489; 8291 and 60000 are used on TCP only.
      const inUse = productProtocols(port).length > 0 ? productProtocols(port) : ['tcp', 'udp'];
      expect(port === 3489 ? inUse : productProtocols(port)).toEqual(port === 3489 ? ['tcp', 'udp'] : ['tcp']);
      const expected = tcpUdpCommands(port, inUse);
      for (const id of SECTIONS) expect(await commandsOf(page, id), `#${id}`).toEqual(expected[id]);
    });
  }

  test('port 22, registered for ssh on UDP and SCTP too (IANA CSV), blocks all three but opens only TCP, what SSH uses', async ({ page }) => {
    await page.goto('/ports/22/');
    const firewall = await commandsOf(page, 'firewall');
    // OpenSSH's file, firewalld's ssh.xml and Debian's /etc/services all give 22/tcp.
    expect(firewall).toContain('sudo firewall-cmd --add-port=22/tcp');
    expect(firewall).toContain('sudo firewall-cmd --add-service=ssh');
    expect(firewall).toContain(nft('meta l4proto { tcp, udp, sctp } th dport 22'));
    expect(firewall).toContain('sudo ufw deny 22');
    await expect(page.locator('#act > p', { hasText: 'ufw, pf and the Windows rule here match TCP and UDP only, not SCTP.' })).toHaveCount(1);
    await expect(page.locator('#act > p', { hasText: 'allow only what uses the port (TCP): sudo ufw allow 22/tcp' })).toHaveCount(1);
    expect(await commandsOf(page, 'reachability')).toEqual(['nc -zv HOST 22', 'Test-NetConnection -ComputerName HOST -Port 22']);
    expect(await commandsOf(page, 'capture')).toContain('tcp.port == 22 || udp.port == 22 || sctp.port == 22');
  });

  test('port 0: no ufw or nc, which refuse it; nmap tests it, and the page says why', async ({ page }) => {
    await page.goto('/ports/0/');
    const all = [...(await commandsOf(page, 'firewall')), ...(await commandsOf(page, 'reachability'))];
    expect(all.filter((c) => /\bufw\b|\bnc\b/.test(c))).toEqual([]);
    expect(await commandsOf(page, 'reachability')).toEqual(['nmap -p 0 HOST', 'sudo nmap -sU -p U:0 HOST']);
    await expect(page.locator('#act > p', { hasText: 'ufw refuses port 0 ("ERROR: Bad port")' })).toHaveCount(1);
    await expect(page.locator('#act > p', { hasText: 'nc refuses port 0 ("port number too small")' })).toHaveCount(1);
  });

  test('UDP-only ports (4789 VXLAN) get a UDP test and open UDP only', async ({ page }) => {
    await page.goto('/ports/4789/');
    expect(await commandsOf(page, 'reachability')).toEqual(['sudo nmap -sU -p U:4789 HOST']);
    expect(await commandsOf(page, 'firewall')).toContain('sudo firewall-cmd --add-port=4789/udp');
  });

  test('firewalld offers a port\'s own service, never a bundle such as freeipa-ldap', async ({ page }) => {
    for (const [port, service] of [[443, 'https'], [80, 'http'], [88, 'kerberos'], [3306, 'mysql'], [7389, null]] as const) {
      await page.goto(`/ports/${port}/`);
      const firewall = await commandsOf(page, 'firewall');
      expect(firewall.filter((c) => c.includes('--add-service=')), `port ${port}`).toEqual(service ? [`sudo firewall-cmd --add-service=${service}`] : []);
    }
  });

  test('HOST is marked as a placeholder', async ({ page }) => {
    await page.goto('/ports/3489/');
    await expect(page.locator('#act pre var')).toHaveText(['HOST', 'HOST', 'HOST']);
  });

  test('each section has a visible # link, and a link to it lands on its heading', async ({ page }) => {
    for (const id of SECTIONS) {
      await page.goto(`/ports/3489/#${id}`);
      const heading = page.locator(`h2#${id}`);
      await expect(heading).toBeInViewport();
      await expect(heading.locator(`a[aria-labelledby="sl"][href="#${id}"]`)).toBeVisible();
    }
  });

  test('the nft rule\'s caption says the table and chain may be missing and links the commands that create them', async ({ page }) => {
    await page.goto('/ports/3489/');
    const figure = page.locator('#act figure', { has: page.locator('pre', { hasText: "sudo nft 'add rule" }) });
    await expect(figure.locator('figcaption')).toHaveText('nft (create the inet filter table and input chain if missing)');
    await expect(page.getByRole('figure', { name: 'nft (create the inet filter table and input chain if missing)' })).toHaveCount(1);
    await figure.getByRole('link', { name: 'create the inet filter table and input chain' }).click();
    await expect(page).toHaveURL(/\/commands\/#nft-table$/);
    const section = page.locator('section#nft-table');
    await expect(section.locator('h2')).toBeInViewport();
    await expect(section.locator('figure pre')).toHaveText(NFT_SETUP);
    await expect(section).toContainText('nftables.service');
    await expect(section.locator('a[href="#nft"]')).toHaveText('nft(8)');
  });

  test('the sources link leads to each tool\'s quoted man or vendor page', async ({ page }) => {
    await page.goto('/ports/3489/');
    await page.locator('#act').getByRole('link', { name: 'Sources of these commands' }).click();
    await expect(page).toHaveURL(/\/commands\/$/);
    for (const id of ['ufw', 'firewall-cmd', 'nft', 'pf', 'pfctl', 'new-netfirewallrule', 'nc', 'test-netconnection', 'nmap', 'tcpdump', 'pcap-filter', 'wireshark']) {
      const section = page.locator(`section#${id}`);
      await expect(section.locator('h2 a[href^="https://"]'), id).toHaveCount(1);
      expect(await section.locator('q').count(), id).toBeGreaterThan(0);
    }
  });

  test.describe('copy buttons', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('each Copy button copies its exact command, HOST included, and then says Copied', async ({ page }) => {
      await page.goto('/ports/3489/');
      const figures = page.locator('#act figure');
      const expected = Object.values(tcpUdpCommands(3489)).flat();
      await expect(figures).toHaveCount(expected.length);
      for (let i = 0; i < expected.length; i++) {
        const button = figures.nth(i).locator('button.copy');
        await expect(button).toHaveText('Copy');
        await button.click();
        await expect(button).toHaveText('Copied');
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected[i]);
      }
    });

    test('/commands/#nft-table\'s Copy button copies the two lines that create the table and chain', async ({ page }) => {
      await page.goto('/commands/#nft-table');
      await page.locator('#nft-table figure button.copy').click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(NFT_SETUP);
    });

    test('"Copy link" beside a heading copies the page URL with its anchor', async ({ page, baseURL }) => {
      await page.goto('/ports/3489/');
      for (const id of SECTIONS) {
        await page.locator(`h2#${id}`).getByRole('button', { name: 'Copy link to this section' }).click();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${baseURL}/ports/3489/#${id}`);
      }
    });
  });

  test('axe finds no accessibility violations in the new sections or the sources page', async ({ page }) => {
    test.setTimeout(120_000);
    for (const [path, scope] of [['/ports/22/', '#act'], ['/commands/', 'main']] as const) {
      await page.goto(path);
      const { violations } = await (await axeOn(page)).include(scope).withTags(WCAG_AA).analyze();
      expect(describeViolations(violations).map((line) => `${path} ${line}`)).toEqual([]);
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('all three sections and their commands show, with no buttons', async ({ page }) => {
    await page.goto('/ports/3489/');
    for (const id of SECTIONS) await expect(page.locator(`h2#${id}`)).toBeVisible();
    await expect(page.locator('#act figure pre')).toHaveCount(Object.values(tcpUdpCommands(3489)).flat().length);
    for (const pre of await page.locator('#act figure pre').all()) await expect(pre).toBeVisible();
    await expect(page.locator('#act button')).toHaveCount(0);
  });

  test('the nft table and chain commands show on /commands/', async ({ page }) => {
    await page.goto('/commands/#nft-table');
    await expect(page.locator('#nft-table figure pre')).toBeVisible();
    await expect(page.locator('#nft-table figure pre')).toHaveText(NFT_SETUP);
  });
});
