/**
 * The content-layer loader of the `software` collection: every product file of
 * content/software/ (or PORT_ATLAS_SOFTWARE_DIR), parsed and validated by
 * src/lib/software/load-software.ts, so a bad file stops the build naming file, line and
 * field, and a `kev` pair that CISA's catalog lacks stops it naming the file. In `astro dev` it reloads the collection when a product file changes.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { loadSoftwareDir, parseSoftwareFile, softwareDir } from '../lib/software/load-software.ts';
import { sourceDigest } from '../lib/source-digest.ts';
import type { Software } from '../schemas/software.ts';
import { checkKevPairs, loadKevCatalog } from '../lib/security/kev.ts';

/**
 * Loads every product file into the store. A file whose text and whose code (src/lib,
 * src/schemas: sourceDigest) are unchanged since an earlier fill, in this run or a stored one
 * (.astro/ in dev, node_modules/.astro/ in builds), is not parsed again: YAML parsing of all
 * ~1,000 files costs ~1.5 s CPU on each dev start and on each product edit. The checks across
 * files (slugs, names, aliases, kev pairs) always run on all of them.
 */
function fill({ store, generateDigest }: LoaderContext, dir: string): void {
  const code = sourceDigest([]);
  const parsed = new Map(store.values().map((entry) => [entry.digest, entry.data as unknown as Software]));
  const digestOf = new Map<string, string>();
  const products = loadSoftwareDir(dir, (file, text) => {
    const digest = generateDigest(`${code}\0${file}\0${text}`);
    const product = parsed.get(digest) ?? parseSoftwareFile(file, text);
    digestOf.set(product.slug, digest);
    return product;
  });
  // A `kev` pair the catalog lacks stops the build here, naming the product file.
  checkKevPairs(products, loadKevCatalog(), dir.replace(/\/$/, ''));
  store.clear();
  for (const product of products) {
    store.set({ id: product.slug, data: product as unknown as Record<string, unknown>, digest: digestOf.get(product.slug)! });
  }
}

/** @returns a loader for the product files in `dir` */
export function softwareLoader(dir: string = softwareDir()): Loader {
  return {
    name: 'port-atlas-software',
    load: async (context) => {
      fill(context, dir);
      context.watcher?.add(dir);
      context.watcher?.on('all', (_event, path) => {
        if (!/\.ya?ml$/.test(path) || !path.includes(dir.replace(/^\.\//, ''))) return;
        try {
          fill(context, dir);
        } catch (error) {
          context.logger.error((error as Error).message);
        }
      });
    },
  };
}
