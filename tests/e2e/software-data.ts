/**
 * Expected values for the "seen in practice" e2e tests, read straight from the product files
 * in content/software/ with the YAML library. Nothing here imports the site's own code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const SOFTWARE_DIR = fileURLToPath(new URL('../../content/software/', import.meta.url));

export interface RawUse {
  port: number | string;
  protocols: string[];
  role: string;
  basis: 'default' | 'convention';
  setting?: string;
  source: { url: string; title: string; quote: string };
}
export interface RawProduct {
  slug: string;
  name: string;
  category: string;
  aliases?: string[];
  vendor?: string;
  uses: RawUse[];
}

let cache: RawProduct[] | undefined;

/** Every product file, by slug. */
export function products(): RawProduct[] {
  cache ??= readdirSync(SOFTWARE_DIR)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ slug: name.replace(/\.yaml$/, ''), ...(parse(readFileSync(`${SOFTWARE_DIR}${name}`, 'utf8')) as Omit<RawProduct, 'slug'>) }));
  return cache;
}

export const product = (slug: string): RawProduct => {
  const found = products().find((p) => p.slug === slug);
  if (!found) throw new Error(`content/software/${slug}.yaml is missing`);
  return found;
};

/** [start, end] of a use's port or range. */
export function span(use: RawUse): [number, number] {
  if (typeof use.port === 'number') return [use.port, use.port];
  const [start, end] = use.port.split('-').map(Number);
  return [start!, end!];
}

/** Products with a use covering `port`. */
export const productsOnPort = (port: number): RawProduct[] =>
  products().filter((p) => p.uses.some((use) => span(use)[0] <= port && port <= span(use)[1]));

/**
 * Whether a product file names the port itself: a single port or a range of at most 64 ports
 * covers it. Such a port's page may lead with the product rather than IANA's name.
 */
export const namedByProduct = (port: number): boolean =>
  products().some((p) => p.uses.some((use) => span(use)[0] <= port && port <= span(use)[1] && span(use)[1] - span(use)[0] < 64));
