/**
 * remark plugin: footnote ids unique per note. remark-gfm numbers each file's footnotes from 1
 * (`#user-content-fn-1`), and a port page that shows two notes with footnotes would carry each
 * id twice (invalid HTML, and a reference that jumps to the other note's list). Prefixing each
 * footnote's identifier with the note's file name keeps ids apart; the numbers readers see are
 * unchanged (they count references, not identifiers). remark-rehype also names every footnote
 * section's heading `#footnote-label`: rehypeFootnoteLabel makes that one per note too.
 * No Astro imports.
 */
import { basename, extname } from 'node:path';
import type { Root as HastRoot, Element } from 'hast';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** @returns a transformer: footnote `[^1]` of content/notes/port-162.mdx gets the identifier "port-162-1" */
export function remarkFootnoteIds() {
  return (tree: Root, file: VFile): void => {
    if (!file.path) return;
    const prefix = basename(file.path, extname(file.path));
    visit(tree, ['footnoteReference', 'footnoteDefinition'], (node) => {
      const footnote = node as { identifier: string; label?: string | null };
      footnote.identifier = `${prefix}-${footnote.identifier}`;
      if (footnote.label) footnote.label = `${prefix}-${footnote.label}`;
    });
  };
}

const LABEL = 'footnote-label';

/** @returns a transformer: `id="footnote-label"` and the references' aria-describedby become "<note>-footnote-label" */
export function rehypeFootnoteLabel() {
  return (tree: HastRoot, file: VFile): void => {
    if (!file.path) return;
    const id = `${basename(file.path, extname(file.path))}-${LABEL}`;
    visit(tree, 'element', (node: Element) => {
      if (node.properties.id === LABEL) node.properties.id = id;
      const described = node.properties.ariaDescribedBy;
      if (Array.isArray(described) && described.includes(LABEL)) node.properties.ariaDescribedBy = described.map((value) => (value === LABEL ? id : value));
    });
  };
}
