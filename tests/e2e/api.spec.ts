/**
 * The JSON API and the service name pages, against the built site: each port's JSON says what
 * its page says, every sampled file validates against /api/v1/schema.json (ajv, draft
 * 2020-12), and service pages list the registry's ports. Expected values come from the IANA
 * CSV (tests/e2e/registry.ts). Needs a build that includes ports 22, 3489, 6010, 31000 and 50000
 * (a fixture build with PORT_ATLAS_PORTS=22,3489,6010,31000,50000 is enough).
 */
import { test, expect, type APIRequestContext, type Page } from 'playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { existsSync, readdirSync } from 'node:fs';
import { HtmlValidate } from 'html-validate';
import { productsOnPort } from './software-data.ts';
import { allRows, expectedStatus, personWords, protocolPhrase, rowsForPort, sortProtocols } from './registry.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** GET a path of the site and parse it as JSON, failing on any status but 200. */
async function getJson(request: APIRequestContext, path: string): Promise<Json> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type'], path).toContain('json');
  return (await response.json()) as Json;
}

/** The port's object: its own file when it has one, else its entry in the block file. */
async function portObject(request: APIRequestContext, port: number): Promise<{ json: Json; file: Json }> {
  const own = await request.get(`/api/v1/ports/${port}.json`);
  if (own.status() === 200) {
    const file = (await own.json()) as Json;
    return { json: file, file };
  }
  expect(own.status()).toBe(404);
  const start = Math.floor(port / 1024) * 1024;
  const block = await getJson(request, `/api/v1/ports/blocks/${start}-${start + 1023}.json`);
  return { json: block.ports.find((p: Json) => p.port === port), file: block };
}

/**
 * Every service-name link of the index: /services/ links one page per first character, each of
 * which lists its names and marks itself in its navigation. The letter pages are fetched and
 * parsed in the browser (DOMParser), not each loaded as a page: 27 loads took 12 s.
 * @returns [name, href] pairs, and fails the test for a name on the wrong page
 */
async function serviceIndexLinks(page: Page): Promise<[string, string][]> {
  await page.goto('/services/');
  const initials = await page.locator('main ul.initials a').evaluateAll((as) => as.map((a) => [a.textContent ?? '', a.getAttribute('href') ?? ''] as [string, string]));
  expect(initials.length).toBeGreaterThan(20);
  const pages = await page.evaluate((list) => Promise.all(list.map(async ([initial, href]) => {
    const doc = new DOMParser().parseFromString(await (await fetch(href)).text(), 'text/html');
    return {
      initial,
      current: doc.querySelector('.initials-nav [aria-current="page"]')?.textContent ?? null,
      links: [...doc.querySelectorAll('main ul.port-list a')].map((a) => [a.textContent ?? '', a.getAttribute('href') ?? ''] as [string, string]),
    };
  })), initials);
  const links: [string, string][] = [];
  for (const { initial, current, links: here } of pages) {
    expect(current).toBe(initial);
    for (const [name] of here) expect(initial === '0-9' ? /^[^a-z]/.test(name) : name.startsWith(initial), `${name} under ${initial}`).toBe(true);
    links.push(...here);
  }
  return links;
}

/** The registry facts of each entry card of a port page: label -> text. */
function pageEntries(page: Page): Promise<Record<string, string>[]> {
  return page.locator('#registration article.entry').evaluateAll((articles) =>
    articles.map((article) => {
      const facts: Record<string, string> = {};
      for (const dt of article.querySelectorAll('dl > dt')) {
        facts[(dt.textContent ?? '').trim()] = (dt.nextElementSibling?.textContent ?? '').replace(/\s+/g, ' ').trim();
      }
      return facts;
    }),
  );
}

const STATUS_LABELS: Record<string, string> = {
  assigned: 'Assigned',
  reserved: 'Reserved',
  unassigned: 'Unassigned',
  'de-assigned': 'De-assigned',
  dynamic: 'Dynamic range',
};

let validatorCache: Ajv2020 | undefined;
/** Ajv loaded with the site's /api/v1/schema.json, under its $id. */
async function validator(request: APIRequestContext): Promise<Ajv2020> {
  if (validatorCache) return validatorCache;
  const schema = await getJson(request, '/api/v1/schema.json');
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  const ajv = new Ajv2020({ allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(schema);
  validatorCache = ajv;
  return ajv;
}

/** Validates a file against the whole schema and against the definition its `schema` field names. */
async function expectValid(request: APIRequestContext, file: Json, definition: string): Promise<void> {
  const ajv = await validator(request);
  expect(file.schema).toBe(`/api/v1/schema.json#/$defs/${definition}`);
  expect(file.generatedBy).toBe('Port Atlas');
  expect(file.snapshot).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
  for (const id of ['/api/v1/schema.json', file.schema as string]) {
    const validate = ajv.getSchema(id)!;
    expect(validate, id).toBeDefined();
    expect(validate(file), `${id}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  }
}

test.describe('port JSON says what the port page says', () => {
  for (const port of [3489, 6010, 50000, 31000]) {
    test(`port ${port}`, async ({ page, request }) => {
      const { json, file } = await portObject(request, port);
      await expectValid(request, file, file.ports ? 'blockFile' : 'portFile');
      await page.goto(`/ports/${port}/`);

      // Status: the page's badge, the JSON and the CSV agree.
      expect(STATUS_LABELS[json.status]).toBe(expectedStatus(port));
      await expect(page.locator('.badges .badge').first()).toHaveText(STATUS_LABELS[json.status]!);
      expect(json.url).toBe(`/ports/${port}/`);

      // Entries: service names, protocols and assignees as the cards show them.
      const cards = await pageEntries(page);
      if (!json.entries) {
        // A compact block object: the page shows at most IANA's "Unassigned" rows, which the object leaves out.
        expect(['unassigned', 'dynamic']).toContain(json.status);
        expect(cards.map((card) => card['Status'])).toEqual(rowsForPort(port).map(() => 'Unassigned'));
        expect(rowsForPort(port).every((row) => row.description === 'Unassigned')).toBe(true);
      }
      const entries: Json[] = json.entries ?? [];
      if (json.entries) expect(cards).toHaveLength(entries.length);
      const csvNames = [...new Set(rowsForPort(port).map((row) => row.serviceName).filter(Boolean))];
      expect([...new Set(entries.map((e) => e.serviceName).filter(Boolean))]).toEqual(csvNames);
      entries.forEach((entry, i) => {
        const card = cards[i]!;
        if (entry.serviceName) expect(card['Service name']).toBe(entry.serviceName);
        expect(card['Transport protocol']).toBe(protocolPhrase(entry.protocols));
        for (const assignee of entry.assignees as Json[]) expect(card['Assignee']).toContain(assignee.name);
      });
      if (json.entries) {
        const csvProtocols = sortProtocols(rowsForPort(port).map((row) => row.protocol));
        expect(sortProtocols(entries.flatMap((e) => e.protocols))).toEqual(csvProtocols);
      }
      for (const row of rowsForPort(port)) {
        for (const word of personWords(row.assignee)) expect(cards.map((c) => c['Assignee']).join(' ')).toContain(word);
      }

      // The ghost badge and the products seen in practice.
      await expect(page.locator('.badge.ghost')).toHaveCount(json.ghost ? 1 : 0);
      const uses: Json[] = json.uses ?? (json.rangeUses as number[]).map((i) => file.rangeUses[i]);
      // Full lines first, then the crowded port's remaining names and the ranges it lies in, in document order.
      const pageProducts = await page.locator('#in-practice li > a strong, #in-practice p.pools a').allTextContents();
      expect(pageProducts).toEqual(uses.map((use) => use.product.name));
    });
  }

  test('a block file lists every port of its block once, in order', async ({ request }) => {
    const block = await getJson(request, '/api/v1/ports/blocks/49152-50175.json');
    await expectValid(request, block, 'blockFile');
    expect(block.ports.map((p: Json) => p.port)).toEqual(Array.from({ length: 1024 }, (_, i) => 49152 + i));
    expect(new Set(block.ports.map((p: Json) => p.status))).toEqual(new Set(['dynamic']));
  });
});

test.describe('service names', () => {
  test('/services/ssh/ lists port 22 and its JSON says the same', async ({ page, request }) => {
    const ports = [...new Set(allRows().filter((row) => row.serviceName === 'ssh' && row.portNumber).map((row) => Number(row.portNumber)))];
    expect(ports).toEqual([22]);
    await page.goto('/services/ssh/');
    await expect(page.locator('h1')).toHaveText('Service name ssh');
    await expect(page.locator('#entries a[href="/ports/22/"]').first()).toBeVisible();
    const json = await getJson(request, '/api/v1/services/ssh.json');
    await expectValid(request, json, 'serviceFile');
    expect(json.ports).toEqual(ports);
    expect(json.url).toBe('/services/ssh/');
  });

  test('the index pages, one per first character, link every service name of the registry once, lower-case', async ({ page }) => {
    const names = new Set(allRows().map((row) => row.serviceName.toLowerCase()).filter(Boolean));
    const links = await serviceIndexLinks(page);
    expect(links.map(([text]) => text).sort()).toEqual([...names].sort());
    expect(new Set(links.map(([, href]) => href)).size).toBe(names.size);
  });

  test('names with characters such as / * + . have working pages and files of their own', async ({ page, request }) => {
    const names = ['cl/1', 'cl-1', 'sql*net', 'sql-net', 'whois++', 'z39.50'];
    for (const name of names) expect(allRows().some((row) => row.serviceName.toLowerCase() === name), `${name} is in the CSV`).toBe(true);
    for (const name of names) {
      // Found as a reader finds it: the index, the page of its first character, its link there.
      await page.goto('/services/');
      await page.locator('main ul.initials').getByRole('link', { name: /^[a-z]/.test(name) ? name[0] : '0-9', exact: true }).click();
      const href = (await page.locator('main ul.port-list').getByRole('link', { name, exact: true }).getAttribute('href'))!;
      expect(href, name).toMatch(/^\/services\/[a-z0-9._~-]+\/$/);
      await page.goto(href);
      await expect(page.locator('h1 code')).toHaveText(name);
      const json = await getJson(request, href.replace(/^\/services\/(.*)\/$/, '/api/v1/services/$1.json'));
      expect(json.name).toBe(name);
      expect(json.url).toBe(href);
    }
  });

  test('a service name without a port has a page saying so', async ({ page, request }) => {
    const rows = allRows();
    const portless = rows.find((row) => row.serviceName && !row.portNumber && !rows.some((r) => r.serviceName === row.serviceName && r.portNumber))!;
    const json = await getJson(request, `/api/v1/services/${portless.serviceName.toLowerCase()}.json`);
    expect(json.ports).toEqual([]);
    expect(json.entries.map((e: Json) => e.description)).toContain(portless.description);
    await page.goto(json.url);
    await expect(page.locator('.summary')).toContainText('without a port number');
  });
});

test.describe('the whole dataset', () => {
  test('registry.json parses, validates, and leaves out only ports with nothing but an Unassigned entry', async ({ request }) => {
    const registry = await getJson(request, '/api/v1/registry.json');
    await expectValid(request, registry, 'registryFile');
    expect(registry.omitted).toContain('Unassigned');
    const listed = new Set(registry.ports.map((p: Json) => p.port));
    for (const port of [0, 22, 3489, 6010]) expect(listed.has(port), `${port}`).toBe(true);
    // A listed port without an IANA entry beyond "Unassigned" is there for a note, a use in practice or evidence of use.
    for (const port of registry.ports as Json[]) {
      if (port.entries.every((e: Json) => e.kind === 'unassigned')) expect(port.notes.length + port.uses.length + port.evidence.length, `${port.port}`).toBeGreaterThan(0);
    }
    // And a port with only an Unassigned row that no product or note names is left out.
    const unassigned = allRows()
      .filter((row) => row.description === 'Unassigned' && row.portNumber)
      .map((row) => Number(row.portNumber.split('-')[0]))
      .find((port) => rowsForPort(port).length === 1 && productsOnPort(port).length === 0 && !existsSync(`content/notes/port-${port}.mdx`))!;
    expect(listed.has(unassigned), `${unassigned}`).toBe(false);
    const portless = new Set(allRows().filter((row) => row.serviceName && !row.portNumber).map((row) => row.line));
    expect(new Set(registry.serviceNamesWithoutPort.flatMap((e: Json) => e.lines))).toEqual(portless);
  });

  test('the triage data validates, lists the registry\'s ports with their status, and leaves out ports nothing names', async ({ request }) => {
    const data = await getJson(request, '/tools/triage/data.json');
    await expectValid(request, data, 'triageFile');
    const listed = new Map<number, Json>(data.ports.map((p: Json) => [p[0], p]));
    for (const port of [22, 3489, 6010]) {
      expect(listed.get(port)?.[1], `${port}`).toBe(expectedStatus(port).toLowerCase());
      expect(listed.get(port)?.[2], `${port}`).toBeTruthy();
    }
    const unassigned = allRows()
      .filter((row) => row.description === 'Unassigned' && row.portNumber)
      .map((row) => Number(row.portNumber.split('-')[0]))
      .find((port) => rowsForPort(port).length === 1 && productsOnPort(port).length === 0 && !existsSync(`content/notes/port-${port}.mdx`))!;
    const json = await getJson(request, `/api/v1/ports/blocks/${Math.floor(unassigned / 1024) * 1024}-${Math.floor(unassigned / 1024) * 1024 + 1023}.json`);
    const item = json.ports.find((p: Json) => p.port === unassigned);
    if ((item.evidence ?? []).length === 0) expect(listed.has(unassigned), `${unassigned}`).toBe(false);
  });

  test('/api/ documents every endpoint with curl and jq', async ({ page }) => {
    await page.goto('/api/');
    for (const path of ['/api/v1/ports/', '/api/v1/ports/blocks/', '/api/v1/services/', '/api/v1/registry.json', '/api/v1/schema.json', '/tools/triage/data.json']) {
      await expect(page.locator('main')).toContainText(path);
    }
    await expect(page.locator('pre').first()).toContainText('curl -s');
    await expect(page.locator('main')).toContainText('Access-Control-Allow-Origin: *');
  });
});

test('the API page, the service index pages and a sample of service pages are valid HTML', async () => {
  test.setTimeout(60_000);
  const services = readdirSync('dist/services', { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'initial').map((e) => e.name);
  const sample = services.filter((name, i) => i % 97 === 0 || /[~.]/.test(name) || ['ssh', 'http', 'x11'].includes(name));
  const initials = readdirSync('dist/services/initial').map((initial) => `services/initial/${initial}/index.html`);
  const pages = ['api/index.html', 'services/index.html', ...initials, ...sample.map((name) => `services/${name}/index.html`)];
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });
  const problems: string[] = [];
  for (const page of pages) {
    const report = await validator.validateFile(`dist/${page}`);
    for (const message of report.results.flatMap((r) => r.messages)) problems.push(`${page}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`);
  }
  expect(pages.length).toBeGreaterThan(80);
  expect(problems).toEqual([]);
});
