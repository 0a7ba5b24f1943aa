/**
 * `npm run check:links`: checks every internal link of the built site in dist/, including
 * #fragment anchors (/ports/22/#windows), by reading the files (no server): each href, src
 * and form action that stays on the site must name a built file, and each fragment an id
 * on that page. HTML is parsed with htmlparser2. Prints the totals; exits non-zero listing
 * the first broken links.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { urlOfFile } from '../src/lib/site-files.ts';

const SITE_DIR = process.argv[2] ?? 'dist';
const ORIGIN = 'http://site.invalid';
const SHOW = 50;

interface Page { ids: Set<string>; links: string[] }

function readPage(file: string): Page {
  const ids = new Set<string>();
  const links: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (attributes.id) ids.add(attributes.id);
      if (name === 'a' && attributes.name) ids.add(attributes.name);
      const url = attributes.href ?? attributes.src ?? (name === 'form' ? attributes.action : undefined);
      if (url !== undefined && name !== 'meta') links.push(url);
    },
  });
  parser.end(readFileSync(file, 'utf8'));
  return { ids, links };
}

/**
 * Every file under dir, listed once: 2.7 million links name ~96,000 files, and asking the
 * file system for each link took 15 of 52 s (BENCHMARKS.md, issue 16).
 * @returns paths as join(dir, ...) gives them, e.g. "dist/ports/22/index.html"
 */
const filesUnder = (dir: string): Set<string> =>
  new Set(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name)),
  );

/** /ports/22/ -> dist/ports/22/index.html; /_astro/x.css -> dist/_astro/x.css; null if not among files */
function fileFor(files: Set<string>, pathname: string): string | null {
  const path = join(SITE_DIR, decodeURIComponent(pathname), pathname.endsWith('/') ? 'index.html' : '');
  return files.has(path) ? path : null;
}

const urlOf = (file: string) => urlOfFile(SITE_DIR, file);

function run(): void {
  const started = performance.now();
  const files = filesUnder(SITE_DIR);
  const pages = new Map<string, Page>();
  for (const file of files) if (file.endsWith('.html')) pages.set(file, readPage(file));

  let checked = 0;
  let fragments = 0;
  const broken: string[] = [];
  // A link that starts with one "/" means the same wherever it stands, and 2.7 million links
  // are mostly the same few thousand: each is parsed, and its file looked up, once.
  const sitePaths = new Map<string, URL>();
  const targets = new Map<string, string | null>();
  for (const [file, page] of pages) {
    const base = new URL(urlOf(file), ORIGIN);
    for (const link of page.links) {
      const siteWide = link.startsWith('/') && !link.startsWith('//');
      let url = siteWide ? sitePaths.get(link) : undefined;
      if (url === undefined) {
        url = new URL(link, base);
        if (siteWide) sitePaths.set(link, url);
      }
      if (url.origin !== ORIGIN) continue; // another site: not ours to check offline
      checked++;
      let target = targets.get(url.pathname);
      if (target === undefined) targets.set(url.pathname, (target = fileFor(files, url.pathname)));
      if (target === null) {
        broken.push(`${urlOf(file)} -> ${link} (no such file)`);
        continue;
      }
      if (url.hash) {
        fragments++;
        const id = decodeURIComponent(url.hash.slice(1));
        const ids = pages.get(target)?.ids;
        if (!ids?.has(id)) broken.push(`${urlOf(file)} -> ${link} (no id "${id}" on ${urlOf(target)})`);
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`links: ${pages.size} pages, ${checked} internal links (${fragments} with #fragments) checked in ${seconds} s, ${broken.length} broken`);
  if (broken.length > 0) {
    for (const line of broken.slice(0, SHOW)) console.error(`  ${line}`);
    if (broken.length > SHOW) console.error(`  … and ${broken.length - SHOW} more`);
    process.exitCode = 1;
  }
}

run();
