/**
 * Content collections.
 * notes: content/notes/*.mdx (or PORT_ATLAS_NOTES_DIR, for tests), one file per note; the
 * id and URL slug is the file name without .mdx, lower-cased. Two files with one slug
 * ("Port-22.mdx", "port-22.mdx") fail the build naming both. Frontmatter is validated by
 * src/schemas/note.ts. Read by src/site/notes.ts for the note pages, the notes index and
 * the port pages the notes attach to.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { noteFrontmatterSchema } from './schemas/note.ts';
import { notesDir } from './lib/notes-dir.ts';

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
};
