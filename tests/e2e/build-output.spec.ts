/**
 * The real build in dist/, checked in Node (no browser): a page for every port, the search
 * index loader, and every internal link. First in file order, so the link check (~40 s) runs
 * beside the browser tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parsePortList } from '../../src/lib/port-list.ts';
import { parse as parseYaml } from 'yaml';
import { noteFrontmatterSchema } from '../../src/schemas/note.ts';
import { fileURLToPath } from 'node:url';
import { test, expect } from 'playwright/test';
import { MAX_PORT } from './registry.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

test('the build has an index.html for every port from 0 to 65535', () => {
  const missing: number[] = [];
  let present = 0;
  for (let port = 0; port <= MAX_PORT; port++) {
    if (existsSync(`${DIST}ports/${port}/index.html`)) present++;
    else missing.push(port);
  }
  expect(missing.slice(0, 20), `${missing.length} ports have no page`).toEqual([]);
  expect(present).toBe(MAX_PORT + 1);
  // No stray numeric page beyond the port range either.
  const numeric = readdirSync(`${DIST}ports`).filter((name) => /^\d+$/.test(name));
  expect(numeric).toHaveLength(MAX_PORT + 1);
});

test('the build ships the Pagefind loader at dist/pagefind/pagefind.js', () => {
  expect(existsSync(`${DIST}pagefind/pagefind.js`)).toBe(true);
});

test('every internal link and #fragment of the build names a file and an id on it (npm run check:links)', () => {
  test.setTimeout(180_000);
  const result = spawnSync(process.execPath, ['scripts/check-links.ts', DIST], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(/internal links \(\d+ with #fragments\) checked in [\d.]+ s, 0 broken/);
  expect(Number(/links: (\d+) pages/.exec(result.stdout)?.[1])).toBeGreaterThan(65_536);
  expect(result.status).toBe(0);
});

test('the data report lists exactly the port pages that carry the search mark (a sample of every 97th port and the edges)', () => {
  const listed = parsePortList(JSON.parse(readFileSync(`${DIST}data-report.json`, 'utf8')).searchIndex.ports);
  expect(listed.size).toBeGreaterThan(6000);
  for (let port = 0; port <= MAX_PORT; port += port < 65500 ? 97 : 1) {
    const marked = readFileSync(`${DIST}ports/${port}/index.html`, 'utf8').includes('data-pagefind-body');
    expect(marked, `port ${port}`).toBe(listed.has(port));
  }
});

test('the data report counts the notes of content/notes, and the ports they list are the port pages with a Notes section (those ports and a sample of every 97th)', () => {
  const files = readdirSync('content/notes').filter((file) => file.endsWith('.mdx'));
  const notes = files.map((file) => ({
    slug: file.replace(/\.mdx$/, '').toLowerCase(),
    ...noteFrontmatterSchema.parse(parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(`content/notes/${file}`, 'utf8'))![1]!)),
  }));
  const withNote = new Set(notes.flatMap((note) => note.ports));
  const report = JSON.parse(readFileSync(`${DIST}data-report.json`, 'utf8')).notes;
  expect(report).toEqual({
    notes: files.length,
    portNotes: notes.filter((note) => note.kind === 'port').length,
    conceptNotes: notes.filter((note) => note.kind === 'concept').length,
    portsWithNote: withNote.size,
  });
  for (const note of notes) expect(existsSync(`${DIST}notes/${note.slug}/index.html`), note.slug).toBe(true);
  for (const port of withNote) {
    const html = readFileSync(`${DIST}ports/${port}/index.html`, 'utf8');
    expect(html.includes('<section id="notes"'), `port ${port}`).toBe(true);
    for (const note of notes.filter((n) => n.ports.includes(port))) expect(html.includes(`href="/notes/${note.slug}/"`), `port ${port}: ${note.slug}`).toBe(true);
  }
  for (let port = 0; port <= MAX_PORT; port += 97) {
    if (withNote.has(port)) continue;
    expect(readFileSync(`${DIST}ports/${port}/index.html`, 'utf8').includes('<section id="notes"'), `port ${port}`).toBe(false);
  }
});
