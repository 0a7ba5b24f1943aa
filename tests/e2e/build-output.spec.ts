/**
 * The real build in dist/, checked in Node (no browser): a page for every port and the
 * search index loader.
 */
import { existsSync, readdirSync } from 'node:fs';
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
