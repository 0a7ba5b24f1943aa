/**
 * Content collections.
 * notes: content/notes/*.mdx, one file per note; the id (and URL slug) is the file name
 * without .mdx. Frontmatter is validated by src/schemas/note.ts. Read by src/site/notes.ts
 * for the note pages, the notes index and the port pages the notes attach to.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { noteFrontmatterSchema } from './schemas/note.ts';

export const collections = {
  notes: defineCollection({
    loader: glob({ pattern: '*.mdx', base: './content/notes' }),
    schema: noteFrontmatterSchema,
  }),
};
