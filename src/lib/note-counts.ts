/**
 * How many notes the site has and how many ports they reach, for /data-report.json (`notes`).
 * Pure: takes the notes' frontmatter (src/schemas/note.ts), so tests can count any set of notes.
 */
import type { NoteFrontmatter } from '../schemas/note.ts';

/** The part of a note's frontmatter that counting needs. */
export type CountableNote = Pick<NoteFrontmatter, 'kind' | 'ports'>;

/** The `notes` object of /data-report.json. */
export interface NoteCounts {
  /** Every note in content/notes, concept and port notes alike. */
  notes: number;
  /** Notes of kind `port` (a family note listing several ports counts once). */
  portNotes: number;
  /** Notes of kind `concept`. */
  conceptNotes: number;
  /** Distinct port numbers (0-65535) that at least one note, of either kind, lists in `ports`: the port pages that show a note. */
  portsWithNote: number;
}

/**
 * Counts notes and the ports they are attached to.
 * @param notes frontmatter of every note, e.g. `notes.map((note) => note.data)` from src/site/notes.ts
 * @returns counts, each an integer >= 0; a port listed by several notes, or twice by one, counts once
 */
export function noteCounts(notes: readonly CountableNote[]): NoteCounts {
  const ports = new Set(notes.flatMap((note) => note.ports));
  return {
    notes: notes.length,
    portNotes: notes.filter((note) => note.kind === 'port').length,
    conceptNotes: notes.filter((note) => note.kind === 'concept').length,
    portsWithNote: ports.size,
  };
}
