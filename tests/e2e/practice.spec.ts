/**
 * "Seen in practice" on the full real build: products on their ports, product pages, the
 * software index, the disagreement page and search by product name. Expectations come from the
 * product YAML files and the IANA CSV, read without the site's code.
 */
import { test, expect, type Page } from 'playwright/test';
import { product, products, productsOnPort, span } from './software-data.ts';
import { rowsForPort } from './registry.ts';

const searchInput = (page: Page) => page.locator('form[role=search] #search-input');
const resultHrefs = (page: Page) =>
  page.locator('[data-search-results] a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));

test.describe('port pages show the software seen in practice', () => {
  test('6443 shows the Kubernetes API server, and the badge says the registration looks like a ghost while Kubernetes uses the port', async ({ page }) => {
    const kubernetes = product('kubernetes');
    expect(kubernetes.uses.some((use) => use.port === 6443)).toBe(true);
    expect(rowsForPort(6443).map((row) => row.serviceName)).not.toContain('kubernetes');
    await page.goto('/ports/6443/');
    const section = page.locator('#in-practice');
    await expect(section.getByRole('heading', { name: 'Seen in practice' })).toBeVisible();
    await expect(section).toContainText('Not from the IANA registry');
    await expect(section.getByRole('link', { name: kubernetes.name, exact: true })).toHaveAttribute('href', '/software/kubernetes/');
    // Kubernetes does not implement sun-sr-https: the port is busy, the registration still a likely ghost.
    await expect(page.locator('.badge.ghost')).toContainText(`likely a ghost registration; in practice ${kubernetes.name}`);
    await expect(page.locator('#summary')).toContainText('In practice');
  });

  test('5173, unassigned by IANA, shows Vite and says so in the summary', async ({ page }) => {
    expect(rowsForPort(5173).filter((row) => row.serviceName)).toEqual([]);
    const vite = product('vite');
    await page.goto('/ports/5173/');
    await expect(page.locator('#in-practice').getByRole('link', { name: vite.name, exact: true })).toBeVisible();
    // IANA assigns nothing here, so the summary leads with what runs on the port (src/lib/headline.ts).
    await expect(page.locator('#summary')).toContainText(`In practice, ${vite.name} uses port 5173 by default`);
    await expect(page.locator('#summary')).toContainText('that IANA has not assigned to any service');
  });

  test('each use line names role, protocol, default or convention, and links its source', async ({ page }) => {
    // Ports with at most 12 products naming them, so every one gets a full line (a crowded port lists the rest by name).
    const narrowCount = (port: number) => productsOnPort(port).filter((p) => p.uses.some((u) => span(u)[0] <= port && port <= span(u)[1] && span(u)[1] - span(u)[0] < 64)).length;
    const ports = [9090, 25565, 5432, 6379, 27017, 11211, 1883].filter((port) => narrowCount(port) <= 12).slice(0, 3);
    expect(ports).toHaveLength(3);
    for (const port of ports) {
      await page.goto(`/ports/${port}/`);
      for (const p of productsOnPort(port)) {
        const use = p.uses.find((u) => span(u)[0] <= port && port <= span(u)[1])!;
        if (span(use)[1] - span(use)[0] + 1 > 64) {
          // A wide range (an RTP pool, NodePorts) is one compact mention, its details on the product page.
          const pools = page.locator('#in-practice .pools', { hasText: 'port ranges that software draws from' });
          await expect(pools, `${p.slug} on ${port}`).toContainText(`${p.name} ${span(use)[0]}–${span(use)[1]}`);
          continue;
        }
        const line = page.locator('#in-practice li').filter({ has: page.getByRole('link', { name: p.name, exact: true }) }).first();
        await expect(line, `${p.slug} on ${port}`).toContainText(use.role);
        await expect(line).toContainText(use.basis);
        await expect(line.locator(`a[href="${use.source.url}"]`)).toHaveCount(1);
      }
    }
  });

  test('a crowded port (8080) still links every product that uses it', async ({ page }) => {
    const onPort = productsOnPort(8080).filter((p) => p.uses.some((u) => span(u)[0] <= 8080 && 8080 <= span(u)[1] && span(u)[1] - span(u)[0] < 64));
    expect(onPort.length).toBeGreaterThan(12);
    await page.goto('/ports/8080/');
    const hrefs = await page.locator('#in-practice a[href^="/software/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const p of onPort) expect(hrefs, p.slug).toContain(`/software/${p.slug}/`);
    expect(await page.locator('#in-practice li').count()).toBe(12);
  });

  test('the section sits above "How to check what\'s listening" and is linkable', async ({ page }) => {
    await page.goto('/ports/3000/#in-practice');
    const order = await page.evaluate(() => {
      const practice = document.getElementById('in-practice')!;
      const check = document.getElementById('check')!;
      return practice.compareDocumentPosition(check) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
  });

  test('a wide range (Kubernetes NodePorts) shows on a port inside it', async ({ page }) => {
    const nodePorts = product('kubernetes').uses.find((use) => typeof use.port === 'string' && span(use)[1] - span(use)[0] > 1000);
    expect(nodePorts, 'kubernetes.yaml lists the NodePort range').toBeDefined();
    const [start, end] = span(nodePorts!);
    const inside = Math.floor((start + end) / 2);
    await page.goto(`/ports/${inside}/`);
    await expect(page.locator('#in-practice .pools')).toContainText(`${product('kubernetes').name} ${start}–${end}`);
  });
});

test.describe('product pages and the software index', () => {
  test('/software/ lists every product file, linked to its page', async ({ page }) => {
    await page.goto('/software/');
    const hrefs = await page.locator('.product-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual(products().map((p) => `/software/${p.slug}/`).sort());
  });

  test('a product page lists each port with its source and quote', async ({ page }) => {
    for (const slug of ['grafana', 'kubernetes', 'vite']) {
      const p = product(slug);
      await page.goto(`/software/${slug}/`);
      await expect(page.locator('h1')).toHaveText(p.name);
      for (const use of p.uses) {
        const [start] = span(use);
        const card = page.locator(`#port-${start}`).first();
        await expect(card).toContainText(use.role);
        await expect(card.locator(`a[href="${use.source.url}"]`)).toHaveCount(1);
        await expect(card.locator('blockquote')).toHaveText(use.source.quote);
      }
    }
  });

  test('the disagreement page lists 6443 with its IANA service and Kubernetes', async ({ page }) => {
    const iana = rowsForPort(6443).find((row) => row.serviceName)!.serviceName;
    await page.goto('/registry-vs-practice/');
    const row = page.locator('#port-6443');
    await expect(row).toContainText(iana);
    await expect(row).toContainText(product('kubernetes').name);
  });
});

test.describe('search by product name', () => {
  test('grafana finds Grafana\'s page or /ports/3000/ in the top three', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).fill('grafana');
    await expect.poll(async () => (await resultHrefs(page)).slice(0, 3)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/(software\/grafana|ports\/3000)\/$/)]),
    );
  });

  test('kubernetes finds port 6443', async ({ page }) => {
    await page.goto('/');
    await searchInput(page).fill('kubernetes');
    await expect.poll(() => resultHrefs(page)).toContain('/ports/6443/');
  });

  test('an alias finds its product (k8s)', async ({ page }) => {
    expect(product('kubernetes').aliases ?? []).toContain('k8s');
    await page.goto('/');
    await searchInput(page).fill('k8s');
    await expect.poll(async () => (await resultHrefs(page)).slice(0, 3)).toContain('/software/kubernetes/');
  });

  test('a product name search lists its page first for a sample of products', async ({ page }) => {
    for (const slug of ['vite', 'prometheus', 'grafana']) {
      const p = product(slug);
      await page.goto('/');
      await searchInput(page).fill(p.name);
      await expect.poll(async () => (await resultHrefs(page)).slice(0, 3), p.name).toContain(`/software/${slug}/`);
    }
  });
});
