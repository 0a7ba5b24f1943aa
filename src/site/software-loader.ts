/**
 * The content-layer loader of the `software` collection: every product file of
 * content/software/ (or PORT_ATLAS_SOFTWARE_DIR), parsed and validated by
 * src/lib/software/load-software.ts, so a bad file stops the build naming file, line and
 * field, and a `kev` pair that CISA's catalog lacks stops it naming the file. In `astro dev` it reloads the collection when a product file changes.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { loadSoftwareDir, softwareDir } from '../lib/software/load-software.ts';
import { checkKevPairs, loadKevCatalog } from '../lib/security/kev.ts';

function fill({ store, generateDigest }: LoaderContext, dir: string): void {
  const products = loadSoftwareDir(dir);
  // A `kev` pair the catalog lacks stops the build here, naming the product file.
  checkKevPairs(products, loadKevCatalog(), dir.replace(/\/$/, ''));
  store.clear();
  for (const product of products) {
    const data = product as unknown as Record<string, unknown>;
    store.set({ id: product.slug, data, digest: generateDigest(data) });
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
