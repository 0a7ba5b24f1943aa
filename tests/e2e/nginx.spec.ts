/**
 * dist/ behind Debian's nginx with deploy/nginx.conf (its listen and root lines edited, as a
 * user would): the headers of the shared rules (src/lib/deploy-rules.ts, also public/_headers),
 * the short URLs as real 301 redirects, the 404 page with status 404, gzip, immutable caching
 * of /_astro/, CORS and the JSON type for /api/; then a port page and a search in Chromium
 * under the CSP header. nginx runs on a free loopback port with its files in a scratch folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { test, expect } from 'playwright/test';
import { HEADER_RULES, SHORT_URLS, shortUrlPattern, shortUrlTarget } from '../../src/lib/deploy-rules.ts';
import { startNginx, type LocalNginx } from '../../scripts/nginx-local.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

test.describe.configure({ mode: 'serial' });

let nginx: LocalNginx;
test.beforeAll(async () => { nginx = await startNginx({ dist: DIST }); });
test.afterAll(async () => { await nginx?.stop(); });

/** A GET that does not follow redirects and, unless told, asks for no compression. */
const get = (path: string, headers: Record<string, string> = { 'accept-encoding': 'identity' }) =>
  fetch(`${nginx.origin}${path}`, { redirect: 'manual', headers });

/** The headers the rules give a path: those of every rule whose prefix it starts with. */
const expectedHeaders = (path: string) => HEADER_RULES.filter((rule) => path.startsWith(rule.prefix)).flatMap((rule) => rule.headers);

/** The hashed stylesheet and script a port page loads. */
const assets = () => [...readFileSync(`${DIST}ports/3489/index.html`, 'utf8').matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!);

test('every page, /_astro/ file and /api/ file carries the headers of its rules, and only those', async () => {
  const paths = ['/', '/ports/3489/', '/api/', '/api/v1/ports/3489.json', ...assets()];
  expect(paths.filter((p) => p.startsWith('/_astro/'))).toHaveLength(2);
  for (const path of paths) {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    for (const [name, value] of expectedHeaders(path)) expect(response.headers.get(name), `${name} on ${path}`).toBe(value);
    // Headers of other folders' rules stay off: a port page is not immutable, not open to other origins.
    for (const rule of HEADER_RULES.filter((r) => !path.startsWith(r.prefix))) {
      for (const [name] of rule.headers) expect(response.headers.get(name), `${name} on ${path}`).toBeNull();
    }
  }
  expect((await get('/ports/3489/')).headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect((await get(assets().find((a) => a.endsWith('.css'))!)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

test('the JSON API is served as application/json to any origin', async () => {
  for (const path of ['/api/v1/ports/3489.json', '/api/v1/schema.json', '/api/v1/ports/blocks/0-1023.json']) {
    const response = await get(path, { origin: 'https://tickets.example' });
    expect(response.headers.get('content-type'), path).toBe('application/json');
    expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
    expect(() => JSON.parse(readFileSync(`${DIST}${path.slice(1)}`, 'utf8'))).not.toThrow();
    expect(await response.text()).toBe(readFileSync(`${DIST}${path.slice(1)}`, 'utf8'));
  }
});

test('short URLs are 301 redirects to the port page and its protocol anchor', async () => {
  const cases: [string, string][] = [
    ['/3489', '/ports/3489/'], ['/3489/', '/ports/3489/'], ['/3489/udp', '/ports/3489/#udp'], ['/ports/3489/udp', '/ports/3489/#udp'],
    ['/0', '/ports/0/'], ['/65535/tcp', '/ports/65535/#tcp'], ['/ports/22/sctp/', '/ports/22/#sctp'],
  ];
  // Every rule of the shared list is exercised, and the rules agree with the cases (README "Links for tickets").
  for (const rule of SHORT_URLS) expect(cases.some(([from]) => new RegExp(shortUrlPattern(rule)).test(from)), rule.from).toBe(true);
  for (const [from, to] of cases) {
    expect(shortUrlTarget(from), from).toBe(to);
    const response = await get(from);
    expect(response.status, from).toBe(301);
    expect(response.headers.get('location'), from).toBe(to);
    expect(response.headers.get('content-security-policy'), `CSP on the redirect of ${from}`).not.toBeNull();
  }
  // Real files and folders win; numbers that are no port get the 404 page.
  for (const path of ['/favicon.svg', '/ports/3489/', '/notes/', '/api/v1/ports/3489.json']) expect((await get(path)).status, path).toBe(200);
  expect((await get('/ports/3489')).headers.get('location')).toBe('/ports/3489/');
  for (const path of ['/65536', '/03489', '/3489/http', '/ports/70000/udp']) expect((await get(path)).status, path).toBe(404);
});

test('a path with no file gets the site\'s 404 page with status 404 and the headers', async () => {
  const notFound = readFileSync(`${DIST}404.html`, 'utf8');
  for (const path of ['/no-such-page/', '/ports/3489/nothing-here', '/api/v1/ports/99999.json']) {
    const response = await get(path);
    expect(response.status, path).toBe(404);
    expect(await response.text(), path).toBe(notFound);
    expect(response.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
    for (const [name, value] of expectedHeaders('/')) expect(response.headers.get(name), `${name} on ${path}`).toBe(value);
  }
});

test('text is gzipped for clients that accept it, and identical once decompressed', async () => {
  for (const path of ['/ports/3489/', '/api/v1/ports/3489.json', ...assets()]) {
    const plain = await get(path);
    expect(plain.headers.get('content-encoding'), path).toBeNull();
    const gzipped = await get(path, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers.get('content-encoding'), path).toBe('gzip');
    expect(gzipped.headers.get('vary'), path).toBe('Accept-Encoding');
    // fetch decompresses: the bytes are the file's.
    expect(Buffer.from(await gzipped.arrayBuffer()).equals(readFileSync(`${DIST}${path.slice(1)}${path.endsWith('/') ? 'index.html' : ''}`)), path).toBe(true);
  }
});

test('a precompressed .gz beside a file is sent as it is (gzip_static, npm run precompress)', async () => {
  // A scratch root with one page and its .gz, served with the same deploy/nginx.conf.
  const root = mkdtempSync(join(tmpdir(), 'port-atlas-gzip-static-'));
  const page = readFileSync(`${DIST}ports/3489/index.html`);
  const gz = gzipSync(page, { level: 9 });
  mkdirSync(join(root, 'ports/3489'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '');
  writeFileSync(join(root, 'ports/3489/index.html'), page);
  writeFileSync(join(root, 'ports/3489/index.html.gz'), gz);
  const precompressed = await startNginx({ dist: root });
  try {
    // node:http would not decompress, but fetch does: compare the length nginx announces instead.
    const response = await fetch(`${precompressed.origin}/ports/3489/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(Number(response.headers.get('content-length'))).toBe(gz.length);
    expect(Buffer.from(await response.arrayBuffer()).equals(gunzipSync(gz))).toBe(true);
  } finally {
    await precompressed.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('in Chromium: a short URL lands on its anchor, and the page and its search work under the CSP header', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${nginx.origin}/3489/udp`);
  expect(page.url()).toBe(`${nginx.origin}/ports/3489/#udp`);
  await expect(page.locator('h1')).toContainText('Port 3489');
  await page.fill('#search-input', 'grafana');
  await expect(page.locator('[data-search-results] a').first()).toBeVisible();
  expect(problems).toEqual([]);
});
