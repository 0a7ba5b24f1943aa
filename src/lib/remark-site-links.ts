/**
 * remark plugin: a note may link only to notes and ports that exist. A link to
 * /notes/<slug>/ needs content/notes/<slug>.mdx (or the notes folder in use); a link to
 * /ports/N/ needs N in 0-65535 (RFC 6335). Anything else fails the build, naming the file
 * and line. No Astro imports.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** @param options.notesDir the folder of the notes collection */
export function remarkSiteLinks(options: { notesDir: string }) {
  return (tree: Root, file: VFile): void => {
    visit(tree, ['link', 'definition'], (node) => {
      const url = (node as { url: string }).url;
      const where = `${file.path}:${node.position?.start.line ?? '?'}`;
      const note = /^\/notes\/([^/#?]+)\/?(?:[#?].*)?$/.exec(url);
      if (note && !existsSync(join(options.notesDir, `${note[1]}.mdx`))) {
        throw new Error(`${where}: link to unknown note "${note[1]}" (${url}); no ${join(options.notesDir, `${note[1]}.mdx`)}`);
      }
      const port = /^\/ports\/(\d+)\/?(?:[#?].*)?$/.exec(url);
      if (port && Number(port[1]) > 65535) {
        throw new Error(`${where}: link to port ${port[1]} (${url}); ports run from 0 to 65535`);
      }
    });
  };
}
