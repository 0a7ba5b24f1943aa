/**
 * Risk facts per port, computed once from the product files, CISA's KEV catalog and the
 * amplification data: which software on the port has known exploited vulnerabilities, whether
 * the port is a UDP amplification vector, and what the products' own documentation says about
 * exposing it. Pure; no Astro imports.
 */
import type { AmplificationEntry } from '../../schemas/amplification.ts';
import type { KevCatalog, KevEntry } from '../../schemas/kev.ts';
import type { Software } from '../../schemas/software.ts';
import { isWide } from '../software/practice.ts';
import type { SecurityJson } from '../../schemas/api.ts';
import { softwarePath } from '../paths.ts';
import { kevEntriesFor, kevEntryUrl } from './kev.ts';

/** Entries a port page lists per product (the newest); the product page lists all of them. */
export const KEV_ON_PORT_PAGE = 3;

/**
 * A port whose software includes more products with catalog entries than this lists only their
 * names and counts (8080 has four such products; their entries would push the page past the
 * 30 KB budget), the entries being one click away on each product page.
 */
export const KEV_PRODUCTS_WITH_ENTRIES = 2;

/** One product's catalog entries as a port shows them. */
export interface PortKev {
  slug: string;
  name: string;
  /** All of the product's catalog entries. */
  count: number;
  /** The KEV_ON_PORT_PAGE newest (by dateAdded); none on a port with more than KEV_PRODUCTS_WITH_ENTRIES such products. */
  newest: KevEntry[];
}

/** A product's documented warning about exposing the port. */
export interface PortExposure {
  slug: string;
  name: string;
  quote: string;
  source: { url: string; title: string };
}

export interface PortSecurity {
  kev: PortKev[];
  amplification: AmplificationEntry | null;
  exposure: PortExposure[];
}

/** @returns slug -> the product's catalog entries, newest first, for products with a `kev` field */
export function kevByProduct(products: readonly Software[], catalog: KevCatalog): Map<string, KevEntry[]> {
  return new Map(products.filter((p) => p.kev).map((p) => [p.slug, kevEntriesFor(p.kev!, catalog)]));
}

/**
 * @param products every product (sorted as pages list them)
 * @param catalog the KEV catalog (pairs already checked with checkKevPairs)
 * @param amplification the amplification entries
 * @returns port -> its facts, only for ports that have any. A product's KEV entries attach to
 *   the ports its narrow uses name (not to wide pools such as RTP ranges, where the product
 *   does not listen on every port), the KEV_ON_PORT_PAGE newest of them, or none on a port
 *   with more than KEV_PRODUCTS_WITH_ENTRIES such products; an exposure quote attaches to the
 *   ports its `port` names.
 */
export function securityByPort(products: readonly Software[], catalog: KevCatalog, amplification: readonly AmplificationEntry[]): Map<number, PortSecurity> {
  const byPort = new Map<number, PortSecurity>();
  const at = (port: number) => {
    if (!byPort.has(port)) byPort.set(port, { kev: [], amplification: null, exposure: [] });
    return byPort.get(port)!;
  };
  const kev = kevByProduct(products, catalog);
  for (const product of products) {
    const entries = kev.get(product.slug) ?? [];
    const ports = new Set<number>();
    if (entries.length > 0) {
      for (const use of product.uses.filter((u) => !isWide(u))) for (let p = use.port.start; p <= use.port.end; p++) ports.add(p);
    }
    for (const port of [...ports].sort((a, b) => a - b)) {
      at(port).kev.push({ slug: product.slug, name: product.name, count: entries.length, newest: entries.slice(0, KEV_ON_PORT_PAGE) });
    }
    for (const exposure of product.exposure ?? []) {
      for (let p = exposure.port.start; p <= exposure.port.end; p++) {
        at(p).exposure.push({ slug: product.slug, name: product.name, quote: exposure.quote, source: exposure.source });
      }
    }
  }
  for (const facts of byPort.values()) {
    if (facts.kev.length > KEV_PRODUCTS_WITH_ENTRIES) facts.kev = facts.kev.map((k) => ({ ...k, newest: [] }));
  }
  for (const entry of amplification) at(entry.port).amplification = entry;
  return byPort;
}

/** The port's facts as the JSON API writes them (src/schemas/api.ts `security`), or null when it has none. */
export function securityJson(security: PortSecurity | null | undefined): SecurityJson | null {
  if (!security) return null;
  const product = (slug: string, name: string) => ({ slug, name, url: softwarePath(slug) });
  return {
    kev: security.kev.map(({ slug, name, count, newest }) => ({
      product: product(slug, name),
      count,
      newest: newest.map((entry) => ({
        cveID: entry.cveID,
        vulnerabilityName: entry.vulnerabilityName,
        dateAdded: entry.dateAdded,
        knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse,
        url: kevEntryUrl(entry.cveID),
      })),
    })),
    amplification: security.amplification && {
      protocol: security.amplification.protocol,
      factor: security.amplification.factor,
      source: { url: security.amplification.source.url, title: security.amplification.source.title },
    },
    exposure: security.exposure.map(({ slug, name, quote, source }) => ({ product: product(slug, name), quote, source })),
  };
}
