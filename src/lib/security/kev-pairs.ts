/**
 * Every vendorProject/product pair of CISA's KEV catalog accounted for (issue 27): mapped by a
 * product file's `kev` block, or listed in content/kev/pairs.yaml as not a network listener,
 * a listener with no documented port, or not yet researched. Pure apart from reading the file;
 * no Astro imports.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { KevCatalog } from '../../schemas/kev.ts';
import { kevPairsFileSchema, type KevPairAccount } from '../../schemas/kev-pairs.ts';
import type { Software } from '../../schemas/software.ts';
import { InputError } from '../registry/input-error.ts';
import { parseYamlAs } from '../yaml-input.ts';

/** Where the list lives: content/kev/pairs.yaml, or PORT_ATLAS_KEV_PAIRS_FILE (tests). */
export const kevPairsFile = (): string => process.env.PORT_ATLAS_KEV_PAIRS_FILE || 'content/kev/pairs.yaml';

const key = (p: { vendorProject: string; product: string }) => `${p.vendorProject}\u0000${p.product}`;

/**
 * Parses and checks content/kev/pairs.yaml against the catalog and the product files.
 * @param file path as the user should see it
 * @param text the file's YAML text
 * @param catalog the KEV catalog
 * @param products every product file (their `kev` pairs are the mapped ones)
 * @returns the listed pairs in file order
 * @throws InputError naming file, line and field on bad YAML or a schema violation
 *   (`pairs[3].tried`), a pair the catalog lacks (`pairs[i].product`), a pair listed twice, or
 *   a pair that a product file already maps (`pairs[i]`)
 */
export function parseKevPairsFile(file: string, text: string, catalog: KevCatalog, products: readonly Software[]): KevPairAccount[] {
  const { pairs } = parseYamlAs(file, text, kevPairsFileSchema);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const lineOf = (i: number) => {
    const node = document.getIn(['pairs', i], true);
    return isNode(node) && node.range ? lineCounter.linePos(node.range[0]).line : null;
  };
  const inCatalog = new Set(catalog.vulnerabilities.map(key));
  const mappedBy = new Map(products.flatMap((p) => (p.kev ?? []).map((pair) => [key(pair), p.slug] as const)));
  const seen = new Map<string, number>();
  pairs.forEach((pair, i) => {
    const k = key(pair);
    if (!inCatalog.has(k)) {
      throw new InputError(file, lineOf(i), `pairs[${i}].product`, `vendorProject "${pair.vendorProject}" with product "${pair.product}" is not in the KEV catalog (catalogVersion ${catalog.catalogVersion}); copy both names exactly from the catalog`);
    }
    if (seen.has(k)) throw new InputError(file, lineOf(i), `pairs[${i}]`, `"${pair.vendorProject}" "${pair.product}" is listed twice (also pairs[${seen.get(k)}])`);
    seen.set(k, i);
    if (mappedBy.has(k)) {
      throw new InputError(file, lineOf(i), `pairs[${i}]`, `"${pair.vendorProject}" "${pair.product}" is mapped by content/software/${mappedBy.get(k)}.yaml; list a pair here only when no product file maps it`);
    }
  });
  return pairs;
}

/** Reads and checks the file (see parseKevPairsFile for errors). */
export const loadKevPairs = (catalog: KevCatalog, products: readonly Software[], file: string = kevPairsFile()): KevPairAccount[] =>
  parseKevPairsFile(file, readFileSync(file, 'utf8'), catalog, products);

/** One catalog pair and how many entries it has. */
export interface PairRef {
  vendorProject: string;
  product: string;
  entries: number;
}

/** How every catalog pair is accounted for. */
export interface KevAccounting {
  /** Pairs a product file maps, with the file's slug(s): more than one is accounting twice. */
  mapped: (PairRef & { products: string[] })[];
  notAListener: (PairRef & { reason: string })[];
  noDocumentedPort: (PairRef & { reason: string; tried: string })[];
  notYetResearched: (PairRef & { reason: string })[];
  /** Catalog pairs neither mapped nor listed (should be none). */
  unaccounted: PairRef[];
  /** Pairs mapped by two product files (should be none). */
  twice: PairRef[];
}

/**
 * @param catalog the KEV catalog
 * @param products every product file
 * @param listed the pairs of content/kev/pairs.yaml (already checked: none is also mapped)
 * @returns every catalog pair in exactly one list, each list in catalog-pair order (vendor,
 *   then product); `unaccounted` and `twice` name what breaks the rule
 */
export function kevAccounting(catalog: KevCatalog, products: readonly Software[], listed: readonly KevPairAccount[]): KevAccounting {
  const entries = new Map<string, PairRef>();
  for (const e of catalog.vulnerabilities) {
    const k = key(e);
    if (!entries.has(k)) entries.set(k, { vendorProject: e.vendorProject, product: e.product, entries: 0 });
    entries.get(k)!.entries++;
  }
  const mappedBy = new Map<string, string[]>();
  for (const p of products) {
    for (const pair of p.kev ?? []) {
      const k = key(pair);
      if (!mappedBy.has(k)) mappedBy.set(k, []);
      if (!mappedBy.get(k)!.includes(p.slug)) mappedBy.get(k)!.push(p.slug);
    }
  }
  const listedBy = new Map(listed.map((pair) => [key(pair), pair]));
  const result: KevAccounting = { mapped: [], notAListener: [], noDocumentedPort: [], notYetResearched: [], unaccounted: [], twice: [] };
  const order = [...entries.entries()].sort(([a], [b]) => a.localeCompare(b, 'en'));
  for (const [k, ref] of order) {
    const slugs = mappedBy.get(k);
    const pair = listedBy.get(k);
    if (slugs) {
      result.mapped.push({ ...ref, products: slugs });
      if (slugs.length > 1) result.twice.push(ref);
    } else if (!pair) result.unaccounted.push(ref);
    else if (pair.status === 'not-a-listener') result.notAListener.push({ ...ref, reason: pair.reason });
    else if (pair.status === 'no-documented-port') result.noDocumentedPort.push({ ...ref, reason: pair.reason, tried: pair.tried! });
    else result.notYetResearched.push({ ...ref, reason: pair.reason });
  }
  return result;
}
