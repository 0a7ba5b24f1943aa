/**
 * Frontmatter of an MDX note in content/notes/. The file name (without .mdx) is the
 * note's slug and its URL: content/notes/ghost-registration.mdx -> /notes/ghost-registration/.
 */
import { z } from 'zod';

/** The concept notes that code and other notes link to by slug; each must exist. */
export const CONCEPT_SLUGS = [
  'ghost-registration',
  'port-ranges',
  'ephemeral-ports',
  'unauthorized-use',
  'investigate-unknown-listener',
] as const;

export const noteFrontmatterSchema = z
  .object({
    /** Headline of the note page and of its card on a port page; with " · Port Atlas" it must fit a 70-character <title>. */
    title: z
      .string()
      .min(1)
      .max(56)
      // Astro writes & < > " ' as entities, and the <title> length check (html-validate) counts them.
      .refine((title) => title.replace(/[&<>"']/g, '&quot;').length <= 56, 'with & < > " and \' written as HTML entities the title is over 56 characters: reword it'),
    /** One sentence: meta description, note index and search result text. */
    description: z.string().min(1),
    /** `concept`: explains a term; `port`: about specific ports, shown on their pages. */
    kind: z.enum(['concept', 'port']),
    /** Port numbers the note is attached to (RFC 6335: 0-65535). */
    ports: z.array(z.number().int().min(0).max(65535)).default([]),
    /**
     * Overrides the ghost-registration heuristic for every port in `ports`:
     * true = the registered software is known never to have shipped, false = it is in use.
     */
    ghost: z.boolean().optional(),
  })
  .strict()
  .refine((note) => note.kind !== 'port' || note.ports.length > 0, {
    message: 'a note of kind "port" must list at least one port in `ports`',
    path: ['ports'],
  });

export type NoteFrontmatter = z.infer<typeof noteFrontmatterSchema>;
