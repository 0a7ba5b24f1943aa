/**
 * The search step of `npm run build`: Pagefind indexes the pages of dist/ that carry
 * data-pagefind-body (assigned, reserved and de-assigned ports, ports with notes, notes,
 * products, service names) and writes dist/pagefind/. Unassigned and dynamic ports stay out:
 * a port number never needs the index, the search box jumps to /ports/N/ directly.
 *
 * Pages are chosen by the mark, so the page templates stay the one place that decides. Of the
 * 65,536 port pages only those the build lists in /data-report.json (`searchIndex.ports`, from
 * the same decision, src/lib/search-scope.ts) are read: reading all of them took most of this
 * step on a cold disk (BENCHMARKS.md). A listed page without the mark fails the step.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { htmlFiles, urlOfFile } from '../src/lib/site-files.ts';
import { parsePortList } from '../src/lib/port-list.ts';
import { withoutIds } from '../src/lib/search-scope.ts';
import { SECTION_LINK_SELECTOR } from '../src/lib/section-link.ts';

/** `node scripts/build-search-index.ts [dir]`: the built site to index, dist/ unless given (astro build --outDir). */
const SITE_DIR = process.argv[2] ?? 'dist';
const INDEX_DIR = join(SITE_DIR, 'pagefind');
const PORTS_DIR = join(SITE_DIR, 'ports');
const REPORT = join(SITE_DIR, 'data-report.json');
const MARK = 'data-pagefind-body';

/** The port pages to read, from the build's data report. */
function indexedPorts(): Set<number> {
  const spec: unknown = JSON.parse(readFileSync(REPORT, 'utf8')).searchIndex?.ports;
  if (typeof spec !== 'string') throw new Error(`${REPORT}: no searchIndex.ports; run \`astro build\` first`);
  return parsePortList(spec);
}

/** dist/ports/3489 -> 3489; other folders -> null */
const portOfFolder = (folder: string): number | null =>
  dirname(folder) === PORTS_DIR && /^\d+$/.test(basename(folder)) ? Number(basename(folder)) : null;
/**
 * Words on thousands of pages (field labels, status badges, the summary sentence, values
 * marked .facet, the section headings of port and product pages such as "What IANA records"
 * and "Seen in practice", the "#" section links) would bloat every index chunk a query loads;
 * they stay out of the index. So do a port's service name a second time (its card's heading
 * already carries it, the link to /services/ repeats it) and notes' footnotes (source titles
 * and URLs, cited in the text as well). Each result fragment a query downloads holds its page's
 * indexed text, and the page table every first search loads stores each page's word count in
 * one byte below 24 words and two or more above (CBOR). The summary still reaches results as metadata
 * (data-pagefind-meta). The footer is excluded here rather than marked data-pagefind-ignore on
 * every page.
 */
const EXCLUDE = [
  'dt', '.badges', '.summary', '.facet', '.breadcrumbs', 'section > h2', SECTION_LINK_SELECTOR,
  'dd > a[href^="/services/"]', '.footnotes', '.site-footer',
];

async function run(): Promise<void> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDE });
  if (!index) throw new Error(`pagefind: could not create an index: ${errors.join('; ')}`);
  try {
    const added: Promise<void>[] = [];
    const ports = indexedPorts();
    const skip = (folder: string) => {
      const port = portOfFolder(folder);
      return folder === INDEX_DIR || (port !== null && !ports.has(port));
    };
    for (const file of htmlFiles(SITE_DIR, skip)) {
      const content = readFileSync(file, 'utf8');
      if (!content.includes(MARK)) {
        // Port folders not listed were skipped, so a port page here is a listed one.
        if (portOfFolder(dirname(file)) !== null) throw new Error(`pagefind: ${file} is listed in ${REPORT} but lacks ${MARK}`);
        continue;
      }
      // Not awaited one by one: each page is a round trip to Pagefind's process, and sent
      // together they take ~6 s instead of ~9 s here (BENCHMARKS.md).
      // Without ids: Pagefind would store each as an anchor in the page's fragment, which no result uses.
      added.push(index.addHTMLFile({ url: urlOfFile(SITE_DIR, file), content: withoutIds(content) }).then(({ errors }) => {
        if (errors.length > 0) throw new Error(`pagefind: ${file}: ${errors.join('; ')}`);
      }));
    }
    await Promise.all(added);
    const pages = added.length;
    if (pages === 0) throw new Error(`pagefind: no page in ${SITE_DIR} has ${MARK}; run \`astro build\` first`);
    // Files are named by content hash and Pagefind skips those already there, so after
    // `npm run rebuild` (which keeps dist/) only changed fragments are written; the replaced
    // ones stay unreferenced until the next full build empties dist/.
    const written = await index.writeFiles({ outputPath: INDEX_DIR });
    if (written.errors.length > 0) throw new Error(`pagefind: writing the index failed: ${written.errors.join('; ')}`);
    console.log(`search: indexed ${pages} pages into ${INDEX_DIR} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await pagefind.close();
  }
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
