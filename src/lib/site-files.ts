/**
 * The built site as files: the HTML pages under a folder, and the URL each is served at
 * (build format "directory": /ports/22/ is ports/22/index.html). Used by the search-index
 * and link-check steps. No Astro imports.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * @param skip folders not to enter: a path below dir, or a test on each folder's path
 * @yields every .html file under dir, except in skipped folders
 */
export function* htmlFiles(dir: string, skip?: string | ((folder: string) => boolean)): Generator<string> {
  const skipped = typeof skip === 'function' ? skip : (folder: string) => folder === skip;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !skipped(path)) yield* htmlFiles(path, skipped);
    else if (entry.isFile() && entry.name.endsWith('.html')) yield path;
  }
}

/** dist/ports/22/index.html -> /ports/22/; dist/404.html -> /404.html */
export const urlOfFile = (siteDir: string, file: string): string =>
  `/${relative(siteDir, file).split(sep).join('/')}`.replace(/index\.html$/, '');
