/**
 * Risk facts per port and per product, computed once per build (src/lib/security/): known
 * exploited vulnerabilities from CISA's KEV catalog (content/kev/), UDP amplification factors
 * (content/amplification/) and the products' exposure warnings. Pages only look them up.
 */
import { loadAmplification } from '../lib/security/amplification.ts';
import { loadKevCatalog } from '../lib/security/kev.ts';
import { kevByProduct, securityByPort, type PortSecurity } from '../lib/security/port-security.ts';
import type { KevEntry } from '../schemas/kev.ts';
import { software } from './software.ts';

/** The vendored catalog (the software loader already checked every product's pairs against it). */
export const kevCatalog = loadKevCatalog();

export const amplification = loadAmplification();

/** Port -> its risk facts; ports without any are absent. */
export const portSecurity: ReadonlyMap<number, PortSecurity> = securityByPort(software, kevCatalog, amplification);

/** Product slug -> all its catalog entries, newest first. */
export const productKev: ReadonlyMap<string, KevEntry[]> = kevByProduct(software, kevCatalog);

/** @returns the port's risk facts, or null when it has none */
export const securityOf = (port: number): PortSecurity | null => portSecurity.get(port) ?? null;
