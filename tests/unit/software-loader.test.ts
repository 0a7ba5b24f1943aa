/**
 * The product loader keeps what it parsed while a file's text and the code are unchanged
 * (a dev start or a product edit then parses only changed files), and still gives exactly
 * what a fresh parse of every file gives, with every check across files.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { describe, expect, it } from 'vitest';
import { loadSoftwareDir } from '../../src/lib/software/load-software.ts';
import { softwareLoader } from '../../src/site/software-loader.ts';
import { read } from './helpers.ts';

const GOOD = read('tests/fixtures/software/good.yaml');
const OTHER = GOOD.replace('Example Dashboard', 'Other Dashboard').replace('aliases: [exdash]', 'aliases: []');

interface Entry { id: string; data: Record<string, unknown>; digest?: string }

/** The part of Astro's scoped data store the loader uses, with the same rule: an equal digest is not set again. */
function fakeStore(entries: Entry[] = []) {
  const map = new Map(entries.map((entry) => [entry.id, entry]));
  return {
    map,
    values: () => [...map.values()],
    clear: () => map.clear(),
    set: (entry: Entry) => {
      if (entry.digest && map.get(entry.id)?.digest === entry.digest) return false;
      map.set(entry.id, entry);
      return true;
    },
  };
}

async function fill(dir: string, store: ReturnType<typeof fakeStore>): Promise<void> {
  const generateDigest = (data: unknown) => createHash('sha256').update(typeof data === 'string' ? data : JSON.stringify(data)).digest('hex');
  await softwareLoader(dir).load({ store, generateDigest } as unknown as LoaderContext);
}

const productsIn = (store: ReturnType<typeof fakeStore>) => store.values().map((entry) => entry.data).sort((a, b) => String(a.slug).localeCompare(String(b.slug)));

describe('the product loader', () => {
  it('stores exactly what loadSoftwareDir parses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'software-loader-'));
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yaml'), OTHER);
    const store = fakeStore();
    await fill(dir, store);
    expect(productsIn(store)).toEqual(loadSoftwareDir(dir));
  });

  it('after a restart, reuses the stored product of an unchanged file and rereads an edited one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'software-loader-'));
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yaml'), OTHER);
    const first = fakeStore();
    await fill(dir, first);
    // What the next start reads back from Astro's data-store.json: equal data, new objects.
    const restarted = fakeStore(structuredClone(first.values()));
    const storedA = restarted.map.get('a')!.data;
    writeFileSync(join(dir, 'b.yaml'), OTHER.replace('role: web UI', 'role: edited web UI'));
    await fill(dir, restarted);
    expect(restarted.map.get('a')!.data).toBe(storedA);
    expect(JSON.stringify(restarted.map.get('b')!.data)).toContain('edited web UI');
    expect(productsIn(restarted)).toEqual(loadSoftwareDir(dir));
  });

  it('still checks across files and names the file when the others come from the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'software-loader-'));
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yaml'), OTHER);
    const store = fakeStore();
    await fill(dir, store);
    writeFileSync(join(dir, 'c.yaml'), GOOD.replace('aliases: [exdash]', 'aliases: []'));
    await expect(fill(dir, store)).rejects.toThrow(`${dir}/c.yaml: field "name": "Example Dashboard" is already the name of ${dir}/a.yaml`);
    writeFileSync(join(dir, 'c.yaml'), GOOD.replace('protocols: [tcp]', 'protocols: []'));
    await expect(fill(dir, store)).rejects.toThrow(new RegExp(`^${dir}/c\\.yaml:9: field "uses\\[0\\]\\.protocols": `));
  });
});
