/**
 * Risk facts per port, computed once from the product files, CISA's KEV catalog and the
 * amplification data: which software on the port has known exploited vulnerabilities, whether
 * the port is a UDP amplification vector, and what the products' own documentation says about
 * exposing it. Pure; no Astro imports.
 */
import type { AmplificationEntry } from '../../schemas/amplification.ts';
import type { KevCatalog, KevEntry } from '../../schemas/kev.ts';
import type { KevComponentSource, Software } from '../../schemas/software.ts';
import type { SecurityJson } from '../../schemas/api.ts';
import { softwarePath } from '../paths.ts';
import { kevEntriesFor, kevEntryUrl } from './kev.ts';

/** Entries a port page lists per product (ransomware use first, then the newest); the product page lists all of them. */
export const KEV_ON_PORT_PAGE = 3;

/**
 * A port whose software includes more products with catalog entries than this lists only their
 * names and counts (8080 has four such products; their entries would push the page past the
 * 30 KB budget), the entries being one click away on each product page.
 */
export const KEV_PRODUCTS_WITH_ENTRIES = 2;

/** One product's catalog entries whose component listens on a port, as the port shows them. */
export interface PortKev {
  slug: string;
  name: string;
  /** The product's components that listen on this port and have entries ("admin console"), in file order. */
  components: string[];
  /** The vendor's CVE records or advisories cited for those components (ComponentKev `sources`), in the same order. */
  componentSources: (KevComponentSource & { component: string })[];
  /** How many of the product's entries hit a component listening on this port. */
  count: number;
  /** All of the product's catalog entries, on any component (the product page lists them). */
  total: number;
  /** How many of `count` CISA knows were used in ransomware campaigns. */
  ransomware: number;
  /** The newest dateAdded among the `count` entries (YYYY-MM-DD). */
  newest: string;
  /**
   * The KEV_ON_PORT_PAGE a responder needs first (byResponderPriority); none on a port with
   * more than KEV_PRODUCTS_WITH_ENTRIES such products.
   */
  listed: KevEntry[];
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
  /** The UDP amplification protocols on the port (LDAP and CLDAP on 389), by protocol name; empty when none. */
  amplification: AmplificationEntry[];
  exposure: PortExposure[];
}

const isRansomware = (entry: KevEntry) => entry.knownRansomwareCampaignUse === 'Known';

/**
 * What a responder needs first: entries CISA knows were used in ransomware campaigns, then the
 * newest `dateAdded`, then the higher CVE ID (a stable order).
 */
export function byResponderPriority(a: KevEntry, b: KevEntry): number {
  return (
    Number(isRansomware(b)) - Number(isRansomware(a)) ||
    b.dateAdded.localeCompare(a.dateAdded) ||
    b.cveID.localeCompare(a.cveID, 'en', { numeric: true })
  );
}

/** @returns slug -> the product's catalog entries, newest first, for products with a `kev` field */
export function kevByProduct(products: readonly Software[], catalog: KevCatalog): Map<string, KevEntry[]> {
  return new Map(products.filter((p) => p.kev).map((p) => [p.slug, kevEntriesFor(p.kev!, catalog)]));
}

/** One component of a product with its catalog entries, as the product page lists them. */
export interface ComponentKev {
  component: string;
  /** Ports where the component listens; empty when it has no documented port. */
  ports: number[];
  /** Its entries, newest first. */
  entries: KevEntry[];
  /**
   * The vendor's CVE records or advisories the file cites for the component (its `source`), in
   * file order, one per URL; empty when the catalog entries' own text names the component.
   */
  sources: KevComponentSource[];
}

/**
 * @param product a product with a `kev` field (pairs already checked with checkKevPairs)
 * @returns its components in file order, each with its entries newest first; a component that
 *   two pairs name alike (same words, same ports: Microsoft's "Exchange Server" and "Exchange")
 *   is one
 */
export function kevComponentsOf(product: Software, catalog: KevCatalog): ComponentKev[] {
  const byCve = new Map(catalog.vulnerabilities.map((entry) => [`${entry.vendorProject}\u0000${entry.product}\u0000${entry.cveID}`, entry]));
  const merged = new Map<string, ComponentKev>();
  for (const pair of product.kev ?? []) {
    for (const { component, ports, cves, source } of pair.components) {
      const key = `${component}\u0000${ports.join(',')}`;
      if (!merged.has(key)) merged.set(key, { component, ports, entries: [], sources: [] });
      const into = merged.get(key)!;
      into.entries.push(...cves.map((cve) => byCve.get(`${pair.vendorProject}\u0000${pair.product}\u0000${cve}`)!));
      if (source && !into.sources.some((s) => s.url === source.url)) into.sources.push(source);
    }
  }
  return [...merged.values()].map((c) => ({ ...c, entries: c.entries.sort(newestFirst) }));
}

const newestFirst = (a: KevEntry, b: KevEntry) => b.dateAdded.localeCompare(a.dateAdded) || b.cveID.localeCompare(a.cveID, 'en', { numeric: true });

/**
 * @param products every product (sorted as pages list them)
 * @param catalog the KEV catalog (pairs already checked with checkKevPairs)
 * @param amplification the amplification entries (loadAmplification's order: by port, then protocol)
 * @returns port -> its facts, only for ports that have any. A catalog entry attaches only to
 *   the ports its component listens on (the product file's kev `components`), never to the
 *   product's other ports; a port lists the KEV_ON_PORT_PAGE entries a responder needs first,
 *   or none on a port with more than KEV_PRODUCTS_WITH_ENTRIES such products; an exposure
 *   quote attaches to the ports its `port` names; every amplification protocol attaches to its
 *   port, in the order given.
 */
export function securityByPort(products: readonly Software[], catalog: KevCatalog, amplification: readonly AmplificationEntry[]): Map<number, PortSecurity> {
  const byPort = new Map<number, PortSecurity>();
  const at = (port: number) => {
    if (!byPort.has(port)) byPort.set(port, { kev: [], amplification: [], exposure: [] });
    return byPort.get(port)!;
  };
  for (const product of products) {
    const components = kevComponentsOf(product, catalog);
    const total = components.reduce((sum, c) => sum + c.entries.length, 0);
    const ports = [...new Set(components.flatMap((c) => c.ports))].sort((a, b) => a - b);
    for (const port of ports) {
      const here = components.filter((c) => c.ports.includes(port));
      const entries = here.flatMap((c) => c.entries).sort(byResponderPriority);
      at(port).kev.push({ slug: product.slug, name: product.name, components: here.map((c) => c.component), componentSources: here.flatMap((c) => c.sources.map((source) => ({ component: c.component, ...source }))), count: entries.length, total, ransomware: entries.filter(isRansomware).length, newest: entries.map((e) => e.dateAdded).sort().at(-1)!, listed: entries.slice(0, KEV_ON_PORT_PAGE) });
    }
    for (const exposure of product.exposure ?? []) {
      for (let p = exposure.port.start; p <= exposure.port.end; p++) {
        at(p).exposure.push({ slug: product.slug, name: product.name, quote: exposure.quote, source: exposure.source });
      }
    }
  }
  for (const facts of byPort.values()) {
    if (facts.kev.length > KEV_PRODUCTS_WITH_ENTRIES) facts.kev = facts.kev.map((k) => ({ ...k, listed: [] }));
  }
  for (const entry of amplification) at(entry.port).amplification.push(entry);
  return byPort;
}

/** A port's catalog facts summed over its products, for ordering /security/. */
export interface PortKevSummary {
  port: number;
  /** Entries on the port that CISA knows were used in ransomware campaigns. */
  ransomware: number;
  /** All entries on the port. */
  count: number;
  /** The newest dateAdded among them. */
  newest: string;
}

/**
 * @param byPort securityByPort's result
 * @returns the ports with catalog entries, in the order a responder needs them: most entries with
 *   known ransomware use first, then the newest entry, then the port number
 */
export function portsByResponderPriority(byPort: ReadonlyMap<number, PortSecurity>): PortKevSummary[] {
  return [...byPort.entries()]
    .filter(([, s]) => s.kev.length > 0)
    .map(([port, s]) => ({
      port,
      ransomware: s.kev.reduce((sum, k) => sum + k.ransomware, 0),
      count: s.kev.reduce((sum, k) => sum + k.count, 0),
      newest: s.kev.map((k) => k.newest).sort().at(-1)!,
    }))
    .sort((a, b) => b.ransomware - a.ransomware || b.newest.localeCompare(a.newest) || a.port - b.port);
}

/**
 * The port's facts as the JSON API writes them (src/schemas/api.ts `security`), or null when it
 * has none. `amplifications` lists every amplification protocol on the port; `amplification`,
 * kept for readers of the API before several protocols could share a port, is its first entry
 * (or null).
 */
export function securityJson(security: PortSecurity | null | undefined): SecurityJson | null {
  if (!security) return null;
  const product = (slug: string, name: string) => ({ slug, name, url: softwarePath(slug) });
  const amplifications = security.amplification.map(({ protocol, factor, ianaService, source, portSource }) => ({
    protocol,
    factor,
    ianaService,
    source: { url: source.url, title: source.title },
    portSource: portSource?.map(({ url, title, quote }) => ({ url, title, quote })) ?? null,
  }));
  return {
    kev: security.kev.map(({ slug, name, components, componentSources, count, total, listed }) => ({
      product: product(slug, name),
      components,
      componentSources: componentSources.map(({ component, url, title, quote }) => ({ component, url, title, quote })),
      count,
      total,
      listed: listed.map((entry) => ({
        cveID: entry.cveID,
        vulnerabilityName: entry.vulnerabilityName,
        dateAdded: entry.dateAdded,
        knownRansomwareCampaignUse: entry.knownRansomwareCampaignUse,
        url: kevEntryUrl(entry.cveID),
      })),
    })),
    amplification: amplifications[0] ?? null,
    amplifications,
    exposure: security.exposure.map(({ slug, name, quote, source }) => ({ product: product(slug, name), quote, source })),
  };
}
