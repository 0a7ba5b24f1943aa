/**
 * The MDX notes collection, grouped the way pages need it. Loaded once per build.
 * Lives outside src/lib because it reads Astro's content layer.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { CONCEPT_SLUGS } from '../schemas/note.ts';
import { noteCounts, type NoteCounts } from '../lib/note-counts.ts';

export type Note = CollectionEntry<'notes'>;

/** All notes: concept notes first, then by title. */
export const notes: Note[] = (await getCollection('notes')).sort(
  (a, b) => a.data.kind.localeCompare(b.data.kind) || a.data.title.localeCompare(b.data.title),
);

const missing = CONCEPT_SLUGS.filter((slug) => !notes.some((note) => note.id === slug && note.data.kind === 'concept'));
if (missing.length > 0) {
  throw new Error(`content/notes/: missing concept note(s) the site links to: ${missing.map((s) => `${s}.mdx`).join(', ')}`);
}

/** Port number -> the notes attached to it, in `notes` order. */
export const notesByPort: ReadonlyMap<number, Note[]> = (() => {
  const byPort = new Map<number, Note[]>();
  for (const note of notes) {
    for (const port of note.data.ports) byPort.set(port, [...(byPort.get(port) ?? []), note]);
  }
  return byPort;
})();

/** Counts for /data-report.json: notes, port notes, concept notes and ports with at least one note. */
export const notesReport = (): NoteCounts => noteCounts(notes.map((note) => note.data));
