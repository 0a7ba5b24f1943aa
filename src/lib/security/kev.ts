/**
 * CISA's Known Exploited Vulnerabilities catalog: parsing, the check of the product files'
 * `kev` pairs, and each product's entries. Pure apart from reading the catalog file; no Astro
 * imports. Source of the data: https://www.cisa.gov/known-exploited-vulnerabilities-catalog
 */
import { readFileSync } from 'node:fs';
import { kevCatalogSchema, type KevCatalog, type KevEntry, type KevProduct } from '../../schemas/kev.ts';
import type { Software } from '../../schemas/software.ts';
import { InputError } from '../registry/input-error.ts';

/** Where the vendored catalog lives: content/kev/..., or PORT_ATLAS_KEV_FILE (tests). */
export const kevFile = (): string => process.env.PORT_ATLAS_KEV_FILE || 'content/kev/known_exploited_vulnerabilities.json';

/** ["vulnerabilities", 3, "cveID"] -> "vulnerabilities[3].cveID" */
const fieldName = (path: readonly PropertyKey[]) =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');

/**
 * Parses and validates the catalog's JSON text.
 * @param file path as the user should see it (used in errors)
 * @returns the catalog with the fields the site uses
 * @throws InputError naming the file and the field, with the entry's index
 *   (`vulnerabilities[3].dateAdded`), for bad JSON, a missing or malformed field, or a `count`
 *   that is not the number of entries
 */
export function parseKevCatalog(file: string, text: string): KevCatalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(file, null, null, `not valid JSON: ${(error as Error).message}`);
  }
  const result = kevCatalogSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InputError(file, null, issue.path.length ? fieldName(issue.path) : null, issue.message);
  }
  const catalog = result.data;
  if (catalog.count !== catalog.vulnerabilities.length) {
    throw new InputError(file, null, 'count', `says ${catalog.count} but the file lists ${catalog.vulnerabilities.length} vulnerabilities`);
  }
  return catalog;
}

/** Reads and parses the catalog file (see parseKevCatalog for errors). */
export const loadKevCatalog = (file: string = kevFile()): KevCatalog => parseKevCatalog(file, readFileSync(file, 'utf8'));

const pairKey = ({ vendorProject, product }: KevProduct) => `${vendorProject}\u0000${product}`;

/**
 * Checks every product's `kev` pairs against the catalog: each must be an exact
 * vendorProject/product pair that the catalog lists.
 * @param products the products as loaded from `dir`
 * @param dir the product files' directory, for the error's file name
 * @throws InputError naming the product file and `kev[i]` for a pair the catalog lacks
 */
export function checkKevPairs(products: readonly Software[], catalog: KevCatalog, dir: string): void {
  const known = new Set(catalog.vulnerabilities.map(pairKey));
  for (const product of products) {
    (product.kev ?? []).forEach((pair, i) => {
      if (!known.has(pairKey(pair))) {
        throw new InputError(`${dir}/${product.slug}.yaml`, null, `kev[${i}]`,
          `vendorProject "${pair.vendorProject}" with product "${pair.product}" is not in the KEV catalog (catalogVersion ${catalog.catalogVersion}); copy both names exactly from the catalog`);
      }
    });
  }
}

/**
 * @returns the catalog's entries for the given pairs, newest `dateAdded` first (then by CVE
 *   ID, descending, so the order is stable)
 */
export function kevEntriesFor(pairs: readonly KevProduct[], catalog: KevCatalog): KevEntry[] {
  const wanted = new Set(pairs.map(pairKey));
  return catalog.vulnerabilities
    .filter((entry) => wanted.has(pairKey(entry)))
    .sort((a, b) => b.dateAdded.localeCompare(a.dateAdded) || b.cveID.localeCompare(a.cveID, 'en', { numeric: true }));
}

/** The catalog's page at CISA. */
export const KEV_CATALOG_URL = 'https://www.cisa.gov/known-exploited-vulnerabilities-catalog';

/** CISA's catalog filtered to one CVE (the catalog page's own full-text search). */
export const kevEntryUrl = (cveID: string): string => `${KEV_CATALOG_URL}?search_api_fulltext=${encodeURIComponent(cveID)}`;
