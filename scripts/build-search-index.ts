/**
 * The search step of `npm run build`: Pagefind indexes the pages of dist/ that carry
 * data-pagefind-body (assigned, reserved and de-assigned ports, ports with notes, notes,
 * service names) and writes dist/pagefind/. Unassigned and dynamic ports stay out: a port
 * number never needs the index, the search box jumps to /ports/N/ directly.
 *
 * Pages are chosen here by reading them, so the page template stays the one place that
 * decides; handing Pagefind only those ~6,500 pages takes half the time of letting it
 * parse all 65,000 (measured: 8.9 s against 17.6 s, BENCHMARKS.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { htmlFiles, urlOfFile } from '../src/lib/site-files.ts';

const SITE_DIR = 'dist';
const INDEX_DIR = join(SITE_DIR, 'pagefind');
const MARK = 'data-pagefind-body';
/**
 * Words on thousands of pages (field labels, status badges, the summary sentence, values
 * marked .facet) would bloat every index chunk a query loads; they stay out of the index.
 * The summary still reaches results as metadata (data-pagefind-meta).
 */
const EXCLUDE = ['dt', '.badges', '.summary', '.facet', '.breadcrumbs'];

async function run(): Promise<void> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDE });
  if (!index) throw new Error(`pagefind: could not create an index: ${errors.join('; ')}`);
  try {
    let pages = 0;
    for (const file of htmlFiles(SITE_DIR, INDEX_DIR)) {
      const content = readFileSync(file, 'utf8');
      if (!content.includes(MARK)) continue;
      const added = await index.addHTMLFile({ url: urlOfFile(SITE_DIR, file), content });
      if (added.errors.length > 0) throw new Error(`pagefind: ${file}: ${added.errors.join('; ')}`);
      pages++;
    }
    if (pages === 0) throw new Error(`pagefind: no page in ${SITE_DIR} has ${MARK}; run \`astro build\` first`);
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
