import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { noteCounts } from '../../src/lib/note-counts.ts';
import { noteFrontmatterSchema } from '../../src/schemas/note.ts';

describe('noteCounts', () => {
  test('a family note counts once, and a port listed by several notes counts once', () => {
    const counts = noteCounts([
      { kind: 'port', ports: [137, 138, 139] },
      { kind: 'port', ports: [139] },
      { kind: 'concept', ports: [] },
      { kind: 'concept', ports: [49152, 65535] },
    ]);
    expect(counts).toEqual({ notes: 4, portNotes: 2, conceptNotes: 2, portsWithNote: 5 });
  });

  test('no notes, no ports', () => {
    expect(noteCounts([])).toEqual({ notes: 0, portNotes: 0, conceptNotes: 0, portsWithNote: 0 });
  });

  test('counts content/notes as its frontmatter says', () => {
    const dir = 'content/notes';
    const files = readdirSync(dir).filter((file) => file.endsWith('.mdx'));
    const frontmatter = files.map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
      expect(match, file).not.toBeNull();
      return noteFrontmatterSchema.parse(parse(match![1]!));
    });
    // Expected values straight from the files: one note per file, `kind` and `ports` as written.
    const ports = new Set<number>();
    for (const note of frontmatter) for (const port of note.ports) ports.add(port);
    const counts = noteCounts(frontmatter);
    expect(counts.notes).toBe(files.length);
    expect(counts.portNotes).toBe(frontmatter.filter((note) => note.kind === 'port').length);
    expect(counts.conceptNotes + counts.portNotes).toBe(files.length);
    expect(counts.portsWithNote).toBe(ports.size);
    // The notes on this site reach more ports than there are notes (family notes list several).
    expect(counts.portsWithNote).toBeGreaterThan(counts.portNotes);
  });
});
