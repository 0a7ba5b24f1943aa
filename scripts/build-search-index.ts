/**
 * The search step of `npm run build`: Pagefind indexes the built site in dist/ and writes
 * dist/pagefind/. Only pages marked data-pagefind-body are indexed (assigned, reserved and
 * de-assigned ports, ports with notes, notes); a port number never needs the index, the
 * search box jumps to /ports/N/ directly.
 */
import * as pagefind from 'pagefind';

const SITE_DIR = 'dist';

async function run(): Promise<void> {
  const started = performance.now();
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`pagefind: could not create an index: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: SITE_DIR });
    if (added.errors.length > 0) throw new Error(`pagefind: indexing ${SITE_DIR} failed: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error(`pagefind: no pages indexed in ${SITE_DIR}; run \`astro build\` first`);
    const written = await index.writeFiles({ outputPath: `${SITE_DIR}/pagefind` });
    if (written.errors.length > 0) throw new Error(`pagefind: writing the index failed: ${written.errors.join('; ')}`);
    console.log(`search: indexed ${added.page_count} pages into ${SITE_DIR}/pagefind in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await pagefind.close();
  }
}

run().catch((error: Error) => {
  console.error(error.message);
  process.exitCode = 1;
});
