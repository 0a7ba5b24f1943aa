/**
 * Checks that need their own builds, made here with PORT_ATLAS_PORTS (a few port pages,
 * seconds instead of minutes) and served from disk through Playwright's routing:
 * - injection: registry text full of markup, handlers, javascript: URLs and quotes shows
 *   literally, and nothing in it runs;
 * - reproducibility: two builds of the same sources are byte-identical, and the snapshot
 *   date on pages comes from the registry, not the clock;
 * - settings: with PORT_ATLAS_SITE and PORT_ATLAS_REPO (the reproducibility builds set them),
 *   pages get canonical and og:url, the sitemap, robots.txt and OpenSearch files are written,
 *   and notes and port pages link to the repository;
 * - a broken note or product file fails the build, naming its file.
 * Serial: one Astro build at a time. The builds need no site build and no server, so `npm test`
 * runs this file (`npm run test:builds`) beside the real build, in an Astro root of their own.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, test, type BrowserContext } from 'playwright/test';

test.describe.configure({ mode: 'serial' });

const ORIGIN = 'http://fixture.test';

/** The data step's output for the real registry, made once and shared by the builds that use it. */
const SHARED_DATA = 'dist-fixture-shared.generated';

/**
 * The Astro root the fixture builds run in, made on first use: copies of src/, public/ and the
 * config files, with content/ and each installed package linked. Astro keeps state beside its
 * root (.astro/, and the content store in node_modules/.astro/), and the real build, running at
 * the same time under `npm test`, writes its own there: in one shared root, a fixture's broken
 * notes could reach the real build. The output is byte-identical to a build in this project's root.
 * Data files are still read from this project (the working directory): content/, .generated.
 */
let root: string | undefined;
function fixtureRoot(): string {
  if (root !== undefined) return root;
  root = mkdtempSync(join(tmpdir(), 'port-atlas-fixture-root-'));
  for (const dir of ['src', 'public']) cpSync(dir, join(root, dir), { recursive: true });
  for (const file of ['astro.config.mjs', 'tsconfig.json', 'package.json']) copyFileSync(file, join(root, file));
  symlinkSync(resolve('content'), join(root, 'content'));
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync('node_modules')) {
    if (!name.startsWith('.')) symlinkSync(resolve('node_modules', name), join(root, 'node_modules', name));
  }
  return root;
}

test.afterAll(() => {
  rmSync(SHARED_DATA, { recursive: true, force: true });
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

/**
 * Runs the data step (once for the real registry; per build for another IANA_CSV) and astro
 * build into outDir; returns the exit status and output.
 */
function tryBuild(outDir: string, env: Record<string, string>): { status: number | null; output: string } {
  const ownData = 'IANA_CSV' in env;
  const generated = ownData ? `${outDir}.generated` : SHARED_DATA;
  const run = (args: string[]) =>
    spawnSync(process.execPath, args, {
      encoding: 'utf8',
      env: { ...process.env, ...env, PORT_ATLAS_GENERATED_DIR: generated, ASTRO_TELEMETRY_DISABLED: '1' },
    });
  rmSync(outDir, { recursive: true, force: true });
  try {
    const steps = [['node_modules/astro/bin/astro.mjs', 'build', '--silent', '--root', fixtureRoot(), '--outDir', resolve(outDir)]];
    if (ownData || !existsSync(generated)) steps.unshift(['scripts/build-data.ts']);
    for (const args of steps) {
      const result = run(args);
      if (result.status !== 0) return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
    }
    return { status: 0, output: '' };
  } finally {
    if (ownData) rmSync(generated, { recursive: true, force: true });
  }
}

/** Like tryBuild, but a failed build fails the test with its output. */
function build(outDir: string, env: Record<string, string>): void {
  const { status, output } = tryBuild(outDir, env);
  if (status !== 0) throw new Error(`build of ${outDir} failed:\n${output}`);
}

/** Serves outDir at ORIGIN from disk, as a static host would. */
async function serve(context: BrowserContext, outDir: string): Promise<void> {
  await context.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const path = join(outDir, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
    if (existsSync(path) && statSync(path).isFile()) await route.fulfill({ path });
    else await route.fulfill({ status: 404, body: 'not found' });
  });
}

test.describe('registry text is shown, never run', () => {
  const OUT = 'dist-fixture-injection';
  const CSV = 'tests/fixtures/injection/registry.csv';
  const rows = parse(readFileSync(CSV, 'utf8'), { columns: true }) as Record<string, string>[];
  const hostile = rows[0]!;

  test.beforeAll(() => {
    test.setTimeout(120_000);
    build(OUT, { IANA_CSV: CSV, IANA_XML: 'tests/fixtures/registry/mini.xml', PORT_ATLAS_PORTS: '3480-3499' });
  });
  test.afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  test('markup, handlers and quotes from every field show literally and nothing runs', async ({ page, context }) => {
    await serve(context, OUT);
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    await page.goto(`${ORIGIN}/ports/3489/`);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The only script is the site's own module; no element carries an event handler.
    expect(await page.locator('script').evaluateAll((s) => s.map((e) => e.getAttribute('src')))).toEqual([
      expect.stringMatching(/^\/_astro\/.+\.js$/),
    ]);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
    );
    expect(handlers).toEqual([]);
    expect(await page.locator('main img, main svg, main b').count()).toBe(0);

    await expect(page.locator('h1')).toHaveText(`Port 3489: ${hostile['Service Name']}`);
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(`Port 3489: ${hostile['Service Name']} (TCP)`);
    const entry = page.locator('#registration article.entry').first();
    await expect(entry.locator('dd', { hasText: 'window.__pwned="description"' })).toHaveText(hostile['Description']!);
    await expect(entry.locator('dd.preformatted')).toHaveText(hostile['Assignment Notes']!);
    await expect(entry.locator('dd', { hasText: '<svg' })).toHaveText(hostile['Unauthorized Use Reported']!);
    // An unresolved handle is shown as its text with underscores as spaces (content/iana/SOURCE.md).
    const assignee = hostile['Assignee']!.slice(1, -1).replace(/_/g, ' ');
    await expect(entry.locator('dt:text-is("Assignee") + dd')).toHaveText(assignee);

    // A javascript: reference stays text; a URL with a quote stays one attribute value.
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    await expect(entry.getByText('javascript:window.__pwned="ref"')).toBeVisible();
    const odd = entry.locator('a[href^="https://example.org/"]');
    expect(await odd.getAttribute('href')).toBe('https://example.org/x"onmouseover="window.__pwned=1');
    expect(await odd.getAttribute('onmouseover')).toBeNull();
  });

  test('a description that is an <img> tag shows as text', async ({ page, context }) => {
    await serve(context, OUT);
    await page.goto(`${ORIGIN}/ports/3490/`);
    await expect(page.locator('#registration dd', { hasText: '<img' })).toHaveText(rows[1]!['Description']!);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  });
});

test.describe('reproducible builds', () => {
  const PORTS = '0-40,3480-3520,6000-6010,49150-49160,65530-65535';
  const A = 'dist-fixture-repro-a';
  const B = 'dist-fixture-repro-b';
  const SETTINGS = { PORT_ATLAS_PORTS: PORTS, PORT_ATLAS_SITE: 'https://ports.example.org', PORT_ATLAS_REPO: 'https://git.example.org/port-atlas' };

  test.afterAll(() => {
    rmSync(A, { recursive: true, force: true });
    rmSync(B, { recursive: true, force: true });
  });

  function files(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort();
  }

  test('two builds of the same sources are byte-identical', () => {
    test.setTimeout(240_000);
    build(A, SETTINGS);
    build(B, SETTINGS);
    const list = files(A);
    expect(list.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(100);
    expect(files(B)).toEqual(list);
    const different = list.filter((f) => !readFileSync(join(A, f)).equals(readFileSync(join(B, f))));
    expect(different).toEqual([]);
  });

  test('pages date the data by the registry, not by the clock', () => {
    const rows = parse(readFileSync('content/iana/service-names-port-numbers.csv', 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    const newest = rows.flatMap((r) => [r['Registration Date']!, r['Modification Date']!]).filter(Boolean).sort().at(-1)!;
    const [year, month, day] = newest.split('-').map(Number);
    const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const html = readFileSync(join(A, 'ports/22/index.html'), 'utf8');
    expect(html).toContain(`records up to ${day} ${months[month! - 1]} ${year}`);
    const today = new Date().toISOString().slice(0, 10);
    if (today !== newest) expect(html).not.toContain(today);
  });

  test('with a site URL, pages carry canonical and og:url, and sitemap, robots.txt and OpenSearch are written', () => {
    const html = readFileSync(join(A, 'ports/3489/index.html'), 'utf8');
    expect(html).toContain('<link rel="canonical" href="https://ports.example.org/ports/3489/">');
    expect(html).toContain('<meta property="og:url" content="https://ports.example.org/ports/3489/">');
    expect(html).toContain('<link rel="search" type="application/opensearchdescription+xml" title="Port Atlas" href="/opensearch.xml">');
    expect(readFileSync(join(A, 'robots.txt'), 'utf8')).toContain('Sitemap: https://ports.example.org/sitemap-index.xml');
    expect(readFileSync(join(A, 'opensearch.xml'), 'utf8')).toContain('template="https://ports.example.org/search/?q={searchTerms}"');
    const index = readFileSync(join(A, 'sitemap-index.xml'), 'utf8');
    const maps = [...index.matchAll(/<loc>https:\/\/ports\.example\.org\/(sitemap-\d+\.xml)<\/loc>/g)].map((m) => m[1]!);
    expect(maps.length).toBeGreaterThan(0);
    const urls = maps.flatMap((file) => [...readFileSync(join(A, file), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
    for (const file of maps) expect([...readFileSync(join(A, file), 'utf8').matchAll(/<loc>/g)].length).toBeLessThanOrEqual(50_000);
    expect(urls).toContain('https://ports.example.org/ports/3489/');
    expect(urls.every((url) => url.startsWith('https://ports.example.org/'))).toBe(true);
  });

  test('with a repository URL, notes link "Edit this note" and port pages "Report a problem with this page"', () => {
    expect(readFileSync(join(A, 'notes/port-3489/index.html'), 'utf8')).toContain('href="https://git.example.org/port-atlas/edit/main/content/notes/port-3489.mdx"');
    const report = /<a href="([^"]+)"[^>]*>Report a problem with this page<\/a>/.exec(readFileSync(join(A, 'ports/3489/index.html'), 'utf8'));
    expect(report).not.toBeNull();
    const url = new URL(report![1]!.replaceAll('&amp;', '&'));
    expect(`${url.origin}${url.pathname}`).toBe('https://git.example.org/port-atlas/issues/new');
    expect(url.searchParams.get('title')).toBe('Problem with /ports/3489/');
  });
});

test.describe('a broken product file fails the build, naming its file and line', () => {
  const OUT = 'dist-fixture-software';
  test.afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  test('a use without a source', () => {
    test.setTimeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'port-atlas-software-'));
    try {
      const good = readFileSync('tests/fixtures/software/good.yaml', 'utf8');
      writeFileSync(join(dir, 'zz-no-source.yaml'), good.replace(/    source:\n      url: https:\/\/example.org\/docs\/config\n.*\n.*\n/, ''));
      const { status, output } = tryBuild(OUT, { PORT_ATLAS_SOFTWARE_DIR: dir, PORT_ATLAS_PORTS: '22' });
      expect(status).not.toBe(0);
      expect(output).toContain('zz-no-source.yaml:8: field "uses[0].source"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('a broken note fails the build, naming its file', () => {
  const OUT = 'dist-fixture-notes';
  const cases: [string, Record<string, string>, RegExp][] = [
    ['missing frontmatter', { 'zz-bare.mdx': 'Just a body.\n' }, /zz-bare[\s\S]*title[\s\S]*(expected|required)/i],
    ['a missing field', { 'zz-no-description.mdx': '---\ntitle: X\nkind: port\nports: [22]\n---\nBody.\n' }, /zz-no-description[\s\S]*description/],
    ['a port outside 0-65535', { 'zz-big-port.mdx': '---\ntitle: X\ndescription: Y.\nkind: port\nports: [70000]\n---\nBody.\n' }, /zz-big-port[\s\S]*65535/],
    ['a link to an unknown note', { 'zz-bad-link.mdx': '---\ntitle: X\ndescription: Y.\nkind: port\nports: [22]\n---\nSee [this](/notes/no-such-note/).\n' }, /zz-bad-link\.mdx:7: link to unknown note "no-such-note"/],
    ['two notes with one slug', { 'Port-22.mdx': '---\ntitle: X\ndescription: Y.\nkind: port\nports: [22]\n---\nBody.\n' }, /(Port-22\.mdx|port-22\.mdx): the slug "port-22" is already taken by .*(port-22\.mdx|Port-22\.mdx)/],
  ];

  test.afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  for (const [name, files, expected] of cases) {
    test(name, () => {
      test.setTimeout(120_000);
      const notes = mkdtempSync(join(tmpdir(), 'port-atlas-notes-'));
      try {
        cpSync('content/notes', notes, { recursive: true });
        for (const [file, text] of Object.entries(files)) writeFileSync(join(notes, file), text);
        const { status, output } = tryBuild(OUT, { PORT_ATLAS_NOTES_DIR: notes, PORT_ATLAS_PORTS: '22' });
        expect(status).not.toBe(0);
        expect(output).toMatch(expected);
      } finally {
        rmSync(notes, { recursive: true, force: true });
      }
    });
  }
});
