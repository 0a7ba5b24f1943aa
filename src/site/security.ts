/**
 * Risk facts per port and per product, computed once per build (src/lib/security/): known
 * exploited vulnerabilities from CISA's KEV catalog (content/kev/), UDP amplification factors
 * (content/amplification/) and the products' exposure warnings. Pages only look them up.
 */
import { loadAmplification } from '../lib/security/amplification.ts';
import { loadKevCatalog } from '../lib/security/kev.ts';
import { kevAccounting, loadKevPairs } from '../lib/security/kev-pairs.ts';
import { kevByProduct, kevComponentsOf, securityByPort, type ComponentKev, type PortSecurity } from '../lib/security/port-security.ts';
import type { KevEntry } from '../schemas/kev.ts';
import { software } from './software.ts';

/** The vendored catalog (the software loader already checked every product's pairs against it). */
export const kevCatalog = loadKevCatalog();

export const amplification = loadAmplification();

/** content/kev/pairs.yaml: the catalog pairs no product file maps, each with why (checked against the catalog and the product files). */
export const kevPairs = loadKevPairs(kevCatalog, software);

/** How every catalog pair is accounted for: mapped, not a listener, no documented port, not yet researched. */
export const kevPairAccounting = kevAccounting(kevCatalog, software, kevPairs);

/** Port -> its risk facts; ports without any are absent. */
export const portSecurity: ReadonlyMap<number, PortSecurity> = securityByPort(software, kevCatalog, amplification);

/** Product slug -> all its catalog entries, newest first. */
export const productKev: ReadonlyMap<string, KevEntry[]> = kevByProduct(software, kevCatalog);

/** Product slug -> its catalog entries by component, with the ports each component listens on. */
export const productKevComponents: ReadonlyMap<string, ComponentKev[]> = new Map(
  software.filter((product) => product.kev).map((product) => [product.slug, kevComponentsOf(product, kevCatalog)]),
);

/** @returns the port's risk facts, or null when it has none */
export const securityOf = (port: number): PortSecurity | null => portSecurity.get(port) ?? null;

/** Counts for /data-report.json: how the catalog's entries reach ports through the product files' kev components. */
export function kevCounts() {
  const components = [...productKevComponents.values()].flat();
  const onPorts = components.filter((c) => c.ports.length > 0);
  return {
    catalogVersion: kevCatalog.catalogVersion,
    /** vendorProject/product pairs named by some product file. */
    pairs: new Set(software.flatMap((product) => (product.kev ?? []).map((pair) => `${pair.vendorProject}/${pair.product}`))).size,
    products: productKevComponents.size,
    /** Catalog entries the product files place in a component. */
    entries: components.reduce((sum, c) => sum + c.entries.length, 0),
    /** Entries whose component listens on a documented port: these show on port pages. */
    entriesOnPorts: onPorts.reduce((sum, c) => sum + c.entries.length, 0),
    /** Entry-port links: each entry once per port its component listens on. */
    portLinks: onPorts.reduce((sum, c) => sum + c.entries.length * c.ports.length, 0),
    /** Ports whose Security section lists catalog entries. */
    ports: [...portSecurity.values()].filter((s) => s.kev.length > 0).length,
    /** Catalog pairs with entries on ports, of those mapped. */
    pairsOnPorts: new Set(software.flatMap((product) => (product.kev ?? []).filter((pair) => pair.components.some((c) => c.ports.length > 0)).map((pair) => `${pair.vendorProject}/${pair.product}`))).size,
    /** Every catalog pair, accounted for once (issue 27): counts, then the pairs in each. */
    catalogPairs: {
      total: new Set(kevCatalog.vulnerabilities.map((e) => `${e.vendorProject}/${e.product}`)).size,
      mapped: kevPairAccounting.mapped.length,
      notAListener: kevPairAccounting.notAListener.length,
      noDocumentedPort: kevPairAccounting.noDocumentedPort.length,
      notYetResearched: kevPairAccounting.notYetResearched.length,
      unaccounted: kevPairAccounting.unaccounted.length,
      pairs: {
        mapped: kevPairAccounting.mapped,
        notAListener: kevPairAccounting.notAListener,
        noDocumentedPort: kevPairAccounting.noDocumentedPort,
        notYetResearched: kevPairAccounting.notYetResearched,
        unaccounted: kevPairAccounting.unaccounted,
      },
    },
  };
}
