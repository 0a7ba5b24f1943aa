/**
 * `npm run bench`: measures the real build, its output and search, and writes
 * bench/results.json (not committed). Figures go into BENCHMARKS.md by hand, with budgets.
 *
 *   npm run bench                # 3 build + 3 floor runs (interleaved), rebuilds, output, search
 *   npm run bench -- --runs 5    # more runs
 *   npm run bench -- --quick     # 1 run, no floor: for development
 *   npm run bench -- --dev-only  # only the dev-server figures
 *   npm run bench -- --nginx-only  # only the nginx load test, over the current dist/
 *   npm run bench -- --triage-only  # only the triage tool's figures, on the current dist/
 *
 * Build steps run as `npm run build` runs them, each under GNU time (/usr/bin/time, Debian
 * package "time") for wall time and peak resident memory. The floor is the same Astro
 * building 65,536 /ports/N/ pages that print only the number, in a generated temp project.
 * The load test is ApacheBench (`ab`, Debian's apache2-utils) against Debian's nginx serving
 * dist/ with deploy/nginx.conf (scripts/nginx-local.ts) on loopback.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { startNginx } from './nginx-local.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules/.bin');
const DIST = join(ROOT, 'dist');
/** Astro's cache (content store, incremental-build manifest and page copies). */
const ASTRO_CACHE = join(ROOT, 'node_modules/.astro');
/** The note edited for the rebuild figure; restored afterwards. */
const EDITED_NOTE = join(ROOT, 'content/notes/port-3516.mdx');
/** What the dev-server figures edit (restored afterwards) and the pages that must show the edit. */
const DEV_NOTE = { file: join(ROOT, 'content/notes/port-3489.mdx'), page: '/ports/3489/' };
const DEV_PRODUCT = { file: join(ROOT, 'content/software/grafana.yaml'), page: '/ports/3000/', from: 'role: web UI and HTTP API' };
const TIME = '/usr/bin/time';
/** The site's build.concurrency (astro.config.mjs), for the same-settings floor. */
const SITE_CONCURRENCY: number = (await import('../astro.config.mjs')).default.build?.concurrency ?? 1;

interface Measure { seconds: number; peakMiB: number }
interface Stats { median: number; min: number; max: number }

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** `--dev-only`: only the dev-server figures (they need no build). */
const devOnly = args.includes('--dev-only');
/** `--nginx-only`: only the nginx load test, over the dist/ already built. */
const nginxOnly = args.includes('--nginx-only');
/** `--triage-only`: only the triage tool's figures, on the dist/ already built. */
const triageOnly = args.includes('--triage-only');
const runs = quick ? 1 : Number(args[args.indexOf('--runs') + 1] || 3) || 3;

/** Runs a command under GNU time; returns wall seconds and peak RSS of the largest process. */
function timed(command: string, commandArgs: string[], cwd = ROOT, extraEnv: Record<string, string> = {}): Measure {
  const report = join(tmpdir(), `bench-time-${process.pid}.txt`);
  execFileSync(TIME, ['-f', '%e %M', '-o', report, command, ...commandArgs], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1', ...extraEnv },
  });
  const [seconds, kib] = readFileSync(report, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, peakMiB: Math.round(kib! / 1024) };
}

const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
};
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * One `npm run build` (or, incremental, `npm run rebuild`), step by step; `fresh` removes
 * dist/ and Astro's cache first.
 */
function buildOnce(fresh = true, incremental = false) {
  if (fresh) {
    rmSync(DIST, { recursive: true, force: true });
    rmSync(ASTRO_CACHE, { recursive: true, force: true });
  }
  const data = timed(join(BIN, 'node'), ['scripts/build-data.ts']);
  const site = timed(join(BIN, 'astro'), ['build', '--silent'], ROOT, incremental ? { PORT_ATLAS_INCREMENTAL: '1' } : {});
  const search = timed(join(BIN, 'node'), ['scripts/build-search-index.ts']);
  return {
    data, site, search,
    total: { seconds: round(data.seconds + site.seconds + search.seconds), peakMiB: Math.max(data.peakMiB, site.peakMiB, search.peakMiB) },
  };
}

/**
 * A bare Astro project with the same 65,536 routes, each printing only the port number; at
 * Astro's defaults, or with the site's build.concurrency (`sameSettings`), which shows the
 * cost of our own pages alone.
 */
function floorOnce(sameSettings = false): Measure {
  const dir = mkdtempSync(join(tmpdir(), 'port-atlas-floor-'));
  try {
    mkdirSync(join(dir, 'src/pages/ports'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}\n');
    const concurrency = sameSettings ? `, concurrency: ${SITE_CONCURRENCY}` : '';
    writeFileSync(join(dir, 'astro.config.mjs'), `export default { build: { format: 'directory'${concurrency} } };\n`);
    writeFileSync(
      join(dir, 'src/pages/ports/[port].astro'),
      '---\nexport const getStaticPaths = () => Array.from({ length: 65536 }, (_, port) => ({ params: { port: String(port) } }));\n---\n<p>{Astro.params.port}</p>\n',
    );
    return timed(join(BIN, 'astro'), ['build', '--silent'], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function walk(dir: string, visit: (path: string, size: number) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else visit(path, statSync(path).size);
  }
}

function outputFigures() {
  let bytes = 0;
  let files = 0;
  let widestFolder = 0;
  const countFolder = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    widestFolder = Math.max(widestFolder, entries.length);
    for (const entry of entries) if (entry.isDirectory()) countFolder(join(dir, entry.name));
  };
  countFolder(DIST);
  walk(DIST, (_, size) => { bytes += size; files++; });

  const raw: number[] = [];
  const gz: number[] = [];
  for (let port = 0; port <= 65535; port++) {
    const html = readFileSync(join(DIST, 'ports', String(port), 'index.html'));
    raw.push(html.length);
    gz.push(gzipSync(html).length);
  }
  // What a port page loads: its stylesheet and module scripts (gzip, as hosts serve them).
  const page = readFileSync(join(DIST, 'ports/22/index.html'), 'utf8');
  const assets = [...page.matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!);
  const assetGzip = (ext: string) =>
    assets.filter((a) => a.endsWith(ext)).reduce((sum, a) => sum + gzipSync(readFileSync(join(DIST, a))).length, 0);
  return {
    totalMiB: round(bytes / 2 ** 20), files, widestFolder, portPages: raw.length,
    portPageRaw: { median: stats(raw).median, max: Math.max(...raw) },
    portPageGzip: { median: stats(gz).median, max: Math.max(...gz) },
    cssGzipBytes: assetGzip('.css'),
    jsGzipBytes: assetGzip('.js'),
  };
}

const QUERIES = ['3489', '3489/udp', 'ssh', 'http', 'smartcard', 'x11', 'netplay', 'remote desktop', 'grafana', 'kubernetes'];

/** Time from the last keystroke to results shown, and bytes fetched, per query, in Chromium. */
async function searchFigures() {
  const port = 4390;
  const server = spawn(join(BIN, 'astro'), ['preview', '--host', '127.0.0.1', '--port', String(port)], { cwd: ROOT, stdio: 'ignore' });
  try {
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    let bytes = 0;
    let indexRequests = 0;
    // Transfer size of each response (headers + body as sent): what a cold or warm query costs.
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes();
      bytes += sizes.responseHeadersSize + sizes.responseBodySize;
    });
    page.on('request', (request) => { if (request.url().includes('/pagefind/')) indexRequests++; });
    await page.goto(`http://127.0.0.1:${port}/ports/22/`);
    await page.waitForLoadState('networkidle');

    const results = [];
    let cold = true;
    for (const query of QUERIES) {
      await page.fill('#search-input', '');
      await page.waitForTimeout(100);
      bytes = 0;
      indexRequests = 0;
      // The whole query arrives as one input event, so "last keystroke" is that event and a
      // cold query includes loading Pagefind. Time runs to the results list's next change.
      await page.evaluate(() => {
        const w = window as unknown as { __t0: number; __shown: Promise<number> };
        const list = document.querySelector('[data-search-results]')!;
        w.__shown = new Promise((done) =>
          new MutationObserver((_, observer) => { observer.disconnect(); done(performance.now()); }).observe(list, { childList: true }),
        );
        window.addEventListener('input', () => { w.__t0 = performance.now(); }, { capture: true, once: true });
      });
      await page.fill('#search-input', query);
      const ms = await page.evaluate(async () => {
        const w = window as unknown as { __t0: number; __shown: Promise<number> };
        return (await w.__shown) - w.__t0;
      });
      await page.waitForLoadState('networkidle');
      const usedIndex = indexRequests > 0;
      results.push({ query, msToResults: Math.round(ms), bytes, indexRequests, cold: usedIndex && cold });
      if (usedIndex) cold = false;
    }
    // Number jump: Enter on a port number must not touch the index.
    await page.goto(`http://127.0.0.1:${port}/ports/80/`);
    indexRequests = 0;
    await page.fill('#search-input', '3489');
    await Promise.all([page.waitForURL('**/ports/3489/'), page.keyboard.press('Enter')]);
    await browser.close();
    return { queries: results, numberJumpIndexRequests: indexRequests };
  } finally {
    server.kill();
  }
}

/** Starts `astro preview` of dist/ on `port` and waits until it answers. */
async function preview(port: number) {
  const server = spawn(join(BIN, 'astro'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], { cwd: ROOT, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  return server;
}

/**
 * A synthetic `ss -tulpn` listing of `count` listening sockets: TCP and UDP, IPv4 and IPv6,
 * wildcard, loopback and %lo binds, processes some products name (sshd, nginx) and others,
 * on ports from 1 up, so that they fall on assigned, ghost, KEV and silent ports alike.
 */
export function syntheticSsListing(count: number): string {
  const lines = ['Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess'];
  const binds = ['0.0.0.0', '127.0.0.1', '[::]', '*', '[::1]', '0.0.0.0%lo'];
  const names = ['sshd', 'nginx', 'java', 'python3', 'socat', 'node', 'redis-server', 'postgres'];
  for (let i = 0; i < count; i++) {
    const udp = i % 5 === 4;
    const bind = binds[i % binds.length]!;
    const peer = bind.startsWith('[') || bind === '*' ? '[::]:*' : '0.0.0.0:*';
    const port = 1 + ((i * 37) % 65000);
    lines.push(`${udp ? 'udp   UNCONN' : 'tcp   LISTEN'} 0      ${udp ? 0 : 128}    ${bind}:${port}    ${peer}    users:(("${names[i % names.length]}",pid=${1000 + i},fd=3))`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The triage tool in Chromium: what its first use transfers (the page, its stylesheet and
 * scripts, the data file; gzip as hosts serve them, read from dist/), and the time from
 * submitting 2,000 listening sockets to the rows on screen (parse, annotate, render), median
 * of five, after the data file has loaded.
 */
async function triageFigures() {
  const port = 4393;
  const server = await preview(port);
  try {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await (await browser.newContext()).newPage();
    const fetched: string[] = [];
    let transfer = 0;
    page.on('requestfinished', async (request) => {
      fetched.push(new URL(request.url()).pathname);
      const sizes = await request.sizes();
      transfer += sizes.responseHeadersSize + sizes.responseBodySize;
    });
    await page.goto(`http://127.0.0.1:${port}/tools/triage/`);
    await page.waitForLoadState('networkidle');
    await page.fill('#triage-input', readFileSync(join(ROOT, 'tests/fixtures/triage/ss/tulpn.txt'), 'utf8'));
    await page.click('form[data-triage] button[type=submit]');
    await page.waitForSelector('[data-triage-rows] [role=row]');
    await page.waitForLoadState('networkidle');
    const files = [...new Set(fetched)].filter((path) => path !== '/favicon.svg');
    const fileOf = (path: string) => join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    const gzipBytes = Object.fromEntries(files.map((path) => [path, gzipSync(readFileSync(fileOf(path))).length]));
    const firstUseGzipBytes = Object.values(gzipBytes).reduce((sum, n) => sum + n, 0);

    const listing = syntheticSsListing(2000);
    const samples: number[] = [];
    let rowsShown = 0;
    page.setDefaultTimeout(120_000);
    for (let i = 0; i < 5; i++) {
      // Set the text directly: typing 150 KB would measure Playwright, not the tool.
      await page.locator('#triage-input').evaluate((area: HTMLTextAreaElement, text: string) => { area.value = text; }, listing);
      const result = await page.evaluate(async () => {
        const body = document.querySelector('[data-triage-rows]')!;
        const shown = new Promise<number>((done) => new MutationObserver((_, observer) => { observer.disconnect(); done(performance.now()); }).observe(body, { childList: true }));
        const t0 = performance.now();
        document.querySelector<HTMLFormElement>('form[data-triage]')!.requestSubmit();
        const t1 = await shown;
        // The frame after the DOM change: layout and paint of the new rows.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return { ms: Math.max(t1, performance.now()) - t0, rows: body.childElementCount };
      });
      samples.push(result.ms);
      rowsShown = result.rows;
    }
    await browser.close();
    return { firstUseGzipBytes, firstUseGzipBytesByFile: gzipBytes, firstUseTransferBytesFromPreview: transfer, sockets2000: { rowsShown, ms: stats(samples.map(Math.round)) } };
  } finally {
    server.kill();
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls url every 50 ms until `ready(body)`; returns seconds since `since`. Throws after 120 s. */
async function waitFor(url: string, since: number, ready: (body: string) => boolean): Promise<number> {
  while (performance.now() - since < 120_000) {
    try {
      const response = await fetch(url);
      if (response.ok && ready(await response.text())) return round((performance.now() - since) / 1000);
    } catch { /* not up yet */ }
    await sleep(50);
  }
  throw new Error(`${url} did not become ready within 120 s`);
}

/**
 * `npm run dev` as a writer runs it: seconds from the command to the first answer of
 * /ports/3489/, then from saving an edited note (and an edited product file) to its port
 * page showing the edit. Each figure is one sample; run() takes the median of `runs`.
 */
async function devOnce() {
  const port = 4391;
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const server = spawn('npm', ['run', 'dev', '--', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'], {
    cwd: ROOT, stdio: ['ignore', openSync(join(ROOT, 'bench/dev-server.log'), 'w'), 'inherit'], detached: true,
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const originals = new Map<string, string>();
  const edit = (file: string, change: (text: string) => string) => {
    if (!originals.has(file)) originals.set(file, readFileSync(file, 'utf8'));
    writeFileSync(file, change(originals.get(file)!));
  };
  try {
    const firstPage = await waitFor(base + DEV_NOTE.page, started, () => true);
    await waitFor(base + DEV_PRODUCT.page, performance.now(), () => true); // compile the page once before timing edits
    const noteMark = `Benchmark edit ${Date.now()}.`;
    const savedNote = performance.now();
    edit(DEV_NOTE.file, (text) => `${text}\n${noteMark}\n`);
    const noteEdit = await waitFor(base + DEV_NOTE.page, savedNote, (body) => body.includes(noteMark));
    await sleep(2000); // let the note's reload settle, so the product figure is timed alone
    const productMark = `web UI and HTTP API ${Date.now()}`;
    const savedProduct = performance.now();
    edit(DEV_PRODUCT.file, (text) => text.replace(DEV_PRODUCT.from, `role: ${productMark}`));
    const productEdit = await waitFor(base + DEV_PRODUCT.page, savedProduct, (body) => body.includes(productMark));
    return { firstPage, noteEdit, productEdit };
  } finally {
    for (const [file, text] of originals) writeFileSync(file, text);
    try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* already gone */ }
    await sleep(1000);
  }
}

/**
 * What a dev start redid that an unchanged checkout does not need, read from its log: the data
 * step rewriting .generated/, Astro clearing its content store (its config digest includes
 * server.host and server.port, so a start with other flags clears it), Vite re-bundling its
 * dependency cache. After the first start all three should be false.
 */
function devStartRework(): { dataStepRan: boolean; contentStoreCleared: boolean; depsRebundled: boolean } {
  const log = readFileSync(join(ROOT, 'bench/dev-server.log'), 'utf8');
  return {
    dataStepRan: log.includes('data: wrote'),
    contentStoreCleared: log.includes('Clearing content store'),
    depsRebundled: log.includes('Re-optimizing dependencies'),
  };
}

async function devFigures() {
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push({ ...(await devOnce()), rework: devStartRework() });
    console.log(`bench: dev ${i + 1}: ${JSON.stringify(samples.at(-1))}`);
  }
  return {
    firstPageSeconds: stats(samples.map((s) => s.firstPage)),
    noteEditSeconds: stats(samples.map((s) => s.noteEdit)),
    productEditSeconds: stats(samples.map((s) => s.productEdit)),
    reworkPerStart: samples.map((s) => s.rework),
  };
}

/** The load test: what issue 24 asks of the nginx setup. */
const LOAD = { page: '/ports/3489/', requests: 20_000, concurrency: 100 };

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds (user + system) that nginx's master and workers have used so far, from /proc. */
function nginxCpuSeconds(dir: string): number {
  const master = readFileSync(join(dir, 'nginx.pid'), 'utf8').trim();
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { continue; }
    // Fields after the command name in parentheses: state ppid ... utime (14th) stime (15th).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (pid === master || fields[1] === master) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

/** One `ab` run; throws when a request failed or did not answer 200. */
function abOnce(url: string, headers: string[]): { requestsPerSecond: number; failed: number; non2xx: number; bytesPerResponse: number } {
  const out = execFileSync('ab', ['-q', '-n', String(LOAD.requests), '-c', String(LOAD.concurrency), ...headers.flatMap((h) => ['-H', h]), url], { encoding: 'utf8' });
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, 'm').exec(out)?.[1] ?? 0);
  const result = {
    requestsPerSecond: field('Requests per second'),
    failed: field('Failed requests'),
    non2xx: field('Non-2xx responses'),
    bytesPerResponse: field('Document Length'),
  };
  if (field('Complete requests') !== LOAD.requests || result.failed > 0 || result.non2xx > 0) throw new Error(`ab ${url}: ${JSON.stringify(result)}\n${out}`);
  return result;
}

/**
 * Requests per second for one port page from nginx with deploy/nginx.conf (two workers, one per
 * core): uncompressed, gzipped on the fly (no .gz beside the page), and from a precompressed .gz
 * file (gzip_static, in a scratch root holding only that page and its .gz).
 * The three servers run side by side and their ab runs alternate, so a busy minute on this
 * shared machine hits all three alike; each figure is the median of `rounds`.
 */
async function nginxFigures(rounds = 5) {
  if (!existsSync('/usr/bin/ab')) throw new Error('/usr/bin/ab not found: apt-get install -y apache2-utils (scripts/test-system-packages.txt)');
  const scratch = mkdtempSync(join(tmpdir(), 'port-atlas-gzip-static-'));
  const page = readFileSync(join(DIST, LOAD.page, 'index.html'));
  mkdirSync(join(scratch, LOAD.page), { recursive: true });
  writeFileSync(join(scratch, LOAD.page, 'index.html'), page);
  writeFileSync(join(scratch, LOAD.page, 'index.html.gz'), gzipSync(page, { level: 9 }));
  writeFileSync(join(scratch, 'index.html'), '');
  // ab speaks HTTP/1.0, which nginx does not compress for by default (gzip_http_version 1.1);
  // browsers speak 1.1 or later, so the compressing runs let 1.0 have what 1.1 gets.
  const conf = readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8');
  const gzipConf = conf.replace('    gzip on;\n', '    gzip on;\n    gzip_http_version 1.0;\n');
  const gzip = ['Accept-Encoding: gzip'];
  const variants = [
    { name: 'identity', server: await startNginx({ workers: 2 }), headers: [] as string[] },
    { name: 'gzipOnTheFly', server: await startNginx({ workers: 2, conf: gzipConf }), headers: gzip },
    { name: 'gzipStatic', server: await startNginx({ workers: 2, dist: scratch, conf: gzipConf }), headers: gzip },
  ];
  try {
    const samples = new Map(variants.map((v) => [v.name, [] as (ReturnType<typeof abOnce> & { nginxCpuMsPer1000: number })[]]));
    for (let pass = 0; pass < rounds; pass++) {
      for (const v of variants) {
        // nginx's own CPU per request holds up on a busy machine better than requests/s does.
        const cpu = nginxCpuSeconds(v.server.dir);
        const run = abOnce(`${v.server.origin}${LOAD.page}`, v.headers);
        samples.get(v.name)!.push({ ...run, nginxCpuMsPer1000: round((nginxCpuSeconds(v.server.dir) - cpu) * 1e6 / LOAD.requests) });
      }
      console.log(`bench: nginx round ${pass + 1}: ${variants.map((v) => `${v.name} ${samples.get(v.name)!.at(-1)!.requestsPerSecond}`).join(', ')} requests/s`);
    }
    const figures = Object.fromEntries(variants.map((v) => {
      const runs = samples.get(v.name)!;
      return [v.name, { requestsPerSecond: stats(runs.map((r) => r.requestsPerSecond)), nginxCpuMsPer1000Requests: stats(runs.map((r) => r.nginxCpuMsPer1000)), failed: runs.reduce((n, r) => n + r.failed + r.non2xx, 0), bytesPerResponse: runs[0]!.bytesPerResponse }];
    }));
    return { ...LOAD, rounds, workers: 2, tool: 'ab (apache2-utils)', ...figures };
  } finally {
    for (const v of variants) await v.server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  if (devOnly) {
    console.log(JSON.stringify(await devFigures(), null, 2));
    return;
  }
  if (nginxOnly) {
    const output = outputFigures();
    console.log(JSON.stringify({ output, nginx: await nginxFigures() }, null, 2));
    return;
  }
  if (triageOnly) {
    console.log(JSON.stringify({ date: new Date().toISOString().slice(0, 10), machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) }, triage: await triageFigures() }, null, 2));
    return;
  }
  if (!existsSync(TIME)) throw new Error(`${TIME} not found: apt-get install -y time`);
  console.log(`bench: ${runs} build run(s)${quick ? ', quick mode (no floor)' : ' and floor run(s)'}`);
  // Build and floor runs alternate, so drift on a shared machine hits both sides alike;
  // the ratio is the median of the per-pair ratios.
  const builds: ReturnType<typeof buildOnce>[] = [];
  const floors: Measure[] = [];
  const sameFloors: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    builds.push(buildOnce());
    console.log(`bench: build ${i + 1}: ${JSON.stringify(builds.at(-1))}`);
    if (quick) continue;
    floors.push(floorOnce());
    console.log(`bench: floor ${i + 1}: ${JSON.stringify(floors.at(-1))}`);
    sameFloors.push(floorOnce(true));
    console.log(`bench: floor with concurrency ${SITE_CONCURRENCY}, ${i + 1}: ${JSON.stringify(sameFloors.at(-1))}`);
  }
  // `npm run rebuild`: a first incremental build fills the cache, then nothing changed,
  // then one MDX note edited.
  const primed = buildOnce(true, true);
  console.log(`bench: rebuild, first (fills the cache): ${JSON.stringify(primed)}`);
  const unchanged = buildOnce(false, true);
  console.log(`bench: rebuild, nothing changed: ${JSON.stringify(unchanged)}`);
  const original = readFileSync(EDITED_NOTE, 'utf8');
  let noteEdited: ReturnType<typeof buildOnce>;
  try {
    writeFileSync(EDITED_NOTE, `${original}\nEdited by the benchmark.\n`);
    noteEdited = buildOnce(false, true);
    // The rebuild must show the edit on the note's page and on its port's page.
    for (const page of ['notes/port-3516/index.html', 'ports/3516/index.html']) {
      if (!readFileSync(join(DIST, page), 'utf8').includes('Edited by the benchmark.')) throw new Error(`rebuild: dist/${page} does not show the edited note`);
    }
  } finally {
    writeFileSync(EDITED_NOTE, original);
  }
  console.log(`bench: rebuild, one note edited: ${JSON.stringify(noteEdited)}`);
  buildOnce(false, true); // leave dist/ matching the sources
  const step = (name: 'data' | 'site' | 'search' | 'total') => ({
    seconds: stats(builds.map((b) => b[name].seconds)),
    peakMiB: stats(builds.map((b) => b[name].peakMiB)),
  });
  const build = { data: step('data'), site: step('site'), search: step('search'), total: step('total') };
  const floor = floors.length ? { seconds: stats(floors.map((f) => f.seconds)), peakMiB: stats(floors.map((f) => f.peakMiB)) } : null;
  const results = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, astro: JSON.parse(readFileSync(join(ROOT, 'node_modules/astro/package.json'), 'utf8')).version, pagefind: JSON.parse(readFileSync(join(ROOT, 'node_modules/pagefind/package.json'), 'utf8')).version },
    runs,
    build,
    floor,
    ratioToFloor: floors.length ? stats(builds.map((b, i) => b.total.seconds / floors[i]!.seconds)) : null,
    floorSameSettings: sameFloors.length ? { concurrency: SITE_CONCURRENCY, seconds: stats(sameFloors.map((f) => f.seconds)), peakMiB: stats(sameFloors.map((f) => f.peakMiB)) } : null,
    ratioToSameSettingsFloor: sameFloors.length ? stats(builds.map((b, i) => b.total.seconds / sameFloors[i]!.seconds)) : null,
    rebuild: { first: primed.total.seconds, unchanged: unchanged.total.seconds, oneNoteEdited: noteEdited.total.seconds, siteStep: { unchanged: unchanged.site.seconds, oneNoteEdited: noteEdited.site.seconds } },
    output: outputFigures(),
    search: await searchFigures(),
    nginx: await nginxFigures(),
    triage: await triageFigures(),
    dev: await devFigures(),
  };
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log(JSON.stringify(results, null, 2));
  console.log('bench: wrote bench/results.json');
}

run().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 1;
});
