/**
 * Content collections.
 * notes: content/notes/*.mdx (or PORT_ATLAS_NOTES_DIR, for tests), one file per note; the
 * id and URL slug is the file name without .mdx, lower-cased. Two files with one slug
 * ("Port-22.mdx", "port-22.mdx") fail the build naming both. Frontmatter is validated by
 * src/schemas/note.ts. Read by src/site/notes.ts for the note pages, the notes index and
 * the port pages the notes attach to.
 * software: content/software/*.yaml (or PORT_ATLAS_SOFTWARE_DIR), one file per product and
 * its uses in practice; the id is the file name. Parsed and validated (file, line, field) by
 * src/site/software-loader.ts against src/schemas/software.ts. Read by src/site/software.ts
 * for the port pages, the product pages and /registry-vs-practice/.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { noteFrontmatterSchema } from './schemas/note.ts';
import { notesDir } from './lib/notes-dir.ts';
import { softwareLoader } from './site/software-loader.ts';

const base = notesDir();
const fileOfSlug = new Map<string, string>();

export const collections = {
  notes: defineCollection({
    loader: glob({
      pattern: '*.mdx',
      base,
      generateId: ({ entry }) => {
        const slug = entry.replace(/\.mdx$/, '').toLowerCase();
        const other = fileOfSlug.get(slug);
        if (other !== undefined && other !== entry) {
          throw new Error(`${base}/${entry}: the slug "${slug}" is already taken by ${base}/${other}`);
        }
        fileOfSlug.set(slug, entry);
        return slug;
      },
    }),
    schema: noteFrontmatterSchema,
  }),
  software: defineCollection({ loader: softwareLoader() }),
};
