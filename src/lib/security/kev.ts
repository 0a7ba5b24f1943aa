/**
 * CISA's Known Exploited Vulnerabilities catalog: parsing, the check of the product files'
 * `kev` pairs, and each product's entries. Pure apart from reading the catalog file; no Astro
 * imports. Source of the data: https://www.cisa.gov/known-exploited-vulnerabilities-catalog
 */
import { readFileSync } from 'node:fs';
import { kevCatalogSchema, type KevCatalog, type KevEntry, type KevProduct } from '../../schemas/kev.ts';
import type { Software } from '../../schemas/software.ts';
import { isWide, portsOf, WIDE_RANGE_PORTS } from '../software/practice.ts';
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
 * vendorProject/product pair that the catalog lists, and its `components` must place every
 * catalog entry of the pair exactly once, on ports of the product's own single-port or narrow
 * uses (a wide pool such as an RTP range is not where a component listens).
 * @param products the products as loaded from `dir`
 * @param dir the product files' directory, for the error's file name
 * @throws InputError naming the product file and the field (`kev[i]`, `kev[i].components[j].cves[k]`,
 *   `kev[i].components[j].ports[k]`) for a pair the catalog lacks, a CVE that is not an entry of
 *   the pair, a CVE placed twice, an entry of the pair left out, or a port no narrow use names
 */
export function checkKevPairs(products: readonly Software[], catalog: KevCatalog, dir: string): void {
  const cvesOfPair = new Map<string, Set<string>>();
  for (const entry of catalog.vulnerabilities) {
    const key = pairKey(entry);
    if (!cvesOfPair.has(key)) cvesOfPair.set(key, new Set());
    cvesOfPair.get(key)!.add(entry.cveID);
  }
  for (const product of products) {
    const file = `${dir}/${product.slug}.yaml`;
    const narrowPorts = new Set(product.uses.filter((use) => !isWide(use)).flatMap((use) => portsOf(use.port)));
    (product.kev ?? []).forEach((pair, i) => {
      const cves = cvesOfPair.get(pairKey(pair));
      if (!cves) {
        throw new InputError(file, null, `kev[${i}]`,
          `vendorProject "${pair.vendorProject}" with product "${pair.product}" is not in the KEV catalog (catalogVersion ${catalog.catalogVersion}); copy both names exactly from the catalog`);
      }
      const placed = new Set<string>();
      pair.components.forEach((component, j) => {
        component.cves.forEach((cve, k) => {
          const field = `kev[${i}].components[${j}].cves[${k}]`;
          if (!cves.has(cve)) throw new InputError(file, null, field, `${cve} is not a catalog entry of "${pair.vendorProject}" "${pair.product}" (catalogVersion ${catalog.catalogVersion})`);
          if (placed.has(cve)) throw new InputError(file, null, field, `${cve} is placed in two components; each entry hits one`);
          placed.add(cve);
        });
        component.ports.forEach((port, k) => {
          if (!narrowPorts.has(port)) {
            throw new InputError(file, null, `kev[${i}].components[${j}].ports[${k}]`, `port ${port} is not a port of this file's uses (single ports or ranges of up to ${WIDE_RANGE_PORTS}); add the use with its source first`);
          }
        });
      });
      const missing = [...cves].filter((cve) => !placed.has(cve)).sort();
      if (missing.length > 0) {
        throw new InputError(file, null, `kev[${i}].components`,
          `${missing.join(', ')} of "${pair.vendorProject}" "${pair.product}" ${missing.length === 1 ? 'is' : 'are'} in no component: place each catalog entry of the pair, with ports: [] when its component has no documented port`);
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
