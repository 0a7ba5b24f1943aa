/**
 * The `software` collection ("seen in practice"), joined to ports the way pages need it.
 * Loaded once per build. Lives outside src/lib because it reads Astro's content layer.
 */
import { getCollection } from 'astro:content';
import { PRACTICE_BASES, type Software } from '../schemas/software.ts';
import type { PortRecord } from '../schemas/port-record.ts';
import { agreesWithRegistry, isWide, namesPort, usesByPort, type PortUse } from '../lib/software/practice.ts';
import { applyGhostOverride } from '../lib/registry/status.ts';
import { generatedRegistry } from '../lib/generated-registry.ts';
import { notesByPort } from './notes.ts';

/** Every product, by name. The loader validated each against src/schemas/software.ts. */
export const software: Software[] = (await getCollection('software'))
  .map((entry) => entry.data as unknown as Software)
  .sort((a, b) => a.name.localeCompare(b.name, 'en'));

/** Port number -> uses covering it (see usesByPort for the order). */
export const practiceByPort: ReadonlyMap<number, PortUse[]> = usesByPort(software);

const bySlug = new Map(software.map((product) => [product.slug, product]));

/** @returns whether a use on the record's port is the service IANA records there (agreesWithRegistry). */
export const agreesOn = (record: PortRecord) => (u: PortUse): boolean => agreesWithRegistry(bySlug.get(u.slug)!, u.use, record);

/** A port where IANA records one thing and practice shows another (or IANA records nothing). */
export interface Disagreement {
  port: number;
  /** The port's assigned IANA service names; empty when IANA assigns nothing. */
  ianaServices: string[];
  /** Narrow uses by products that are not the registered service. */
  uses: PortUse[];
  /** The registry-only ghost heuristic (before practice cleared it). */
  registryLooksGhost: boolean;
}

/**
 * Ports whose single-port uses in practice are not what IANA records, in port order.
 * Uses of a range (NodePorts, RTP, "first free port from 2424") are left out: they would
 * list many ports for one setting.
 */
export const disagreements: Disagreement[] = [...practiceByPort.entries()]
  .sort(([a], [b]) => a - b)
  .flatMap(([port, uses]) => {
    const record = generatedRegistry().records[port]!;
    const agrees = agreesOn(record);
    const others = uses.filter((u) => u.use.port.start === u.use.port.end && !agrees(u));
    if (others.length === 0) return [];
    const ianaServices = [...new Set(record.entries.filter((e) => e.kind === 'assigned' && e.serviceName).map((e) => e.serviceName!))];
    return [{ port, ianaServices, uses: others, registryLooksGhost: record.likelyGhost }];
  });

/** The registry heuristic after any note's `ghost` override: the badge before any witness of use is counted. */
export function registryGhost(port: number): boolean {
  const record = generatedRegistry().records[port]!;
  return applyGhostOverride(record.likelyGhost, (notesByPort.get(port) ?? []).map((note) => note.data.ghost));
}

/** Counts for /data-report.json. */
export function practiceCounts() {
  const ports = [...practiceByPort.keys()];
  const named = ports.filter((port) => namesPort(practiceByPort.get(port)!));
  const namedSet = new Set(named);
  return {
    products: software.length,
    uses: software.reduce((sum, product) => sum + product.uses.length, 0),
    /** Uses by basis: first-party (default, convention) and open-source client code (client). */
    usesByBasis: Object.fromEntries(PRACTICE_BASES.map((basis) => [basis, software.reduce((sum, product) => sum + product.uses.filter((use) => use.basis === basis).length, 0)])),
    /** Products with process names (`processes`), for matching a listing's process column. */
    productsWithProcesses: software.filter((product) => product.processes).length,
    /** Ports that a single-port or narrow-range use names (namesPort). */
    portsNamed: named.length,
    /** Ports covered by any use, wide ranges (RTP pools, NodePorts...) included. */
    portsInAnyRange: ports.length,
    /** Ports the registry heuristic (with note overrides) calls likely ghosts, where a product implementing the registered service shows it running: no ghost badge. */
    ghostFlagsClearedByPractice: named.filter((port) => registryGhost(port) && practiceByPort.get(port)!.some((u) => !isWide(u.use) && agreesOn(generatedRegistry().records[port]!)(u))).length,
    /** Likely ghosts that products name without implementing the registered service: these uses clear no badge (a page that keeps one names them). */
    ghostFlagsOnPortsProductsUse: named.filter((port) => registryGhost(port) && !practiceByPort.get(port)!.some((u) => !isWide(u.use) && agreesOn(generatedRegistry().records[port]!)(u))).length,
    /** Likely ghosts left as they are because only a wide range covers them. */
    ghostFlagsInsideWideRangesOnly: ports.filter((port) => !namedSet.has(port) && registryGhost(port)).length,
    disagreements: disagreements.length,
  };
}
