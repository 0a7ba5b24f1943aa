/**
 * The triage tool's data file (/tools/triage/data.json, triageFileSchema in src/schemas/api.ts):
 * built once per build from the facts the port pages show, and read back in the browser as
 * lookups by port and by process name. Pure; no Astro imports.
 */
import type { TriageFile } from '../../schemas/api.ts';
import type { PortStatus } from '../../schemas/port-record.ts';
import type { PracticeProtocol, Software } from '../../schemas/software.ts';

/** What a port's page says that the triage rows repeat. */
export interface TriagePortFacts {
  port: number;
  status: PortStatus;
  /** The page heading after "Port N: " (headline, else IANA's service name), or null. */
  label: string | null;
  /** The page's "Likely ghost registration" badge. */
  ghost: boolean;
  /** CISA KEV entries whose component listens on the port (summed over products). */
  kev: number;
  /** UDP amplification protocols on the port, with their factors (389 has LDAP and CLDAP); empty when none. */
  amplification: { protocol: string; factor: string }[];
  /** A narrow use in practice or evidence of use (Wireshark, firewalld, Debian) names the port. */
  witnessed: boolean;
}

export type TriageData = Omit<TriageFile, 'schema' | 'generatedBy' | 'snapshot'>;

/** Whether the registry says nothing about the port: no entry but "Unassigned", or the dynamic range. */
export const registrySilent = (status: PortStatus): boolean => status === 'unassigned' || status === 'dynamic';

/**
 * @param facts one per port, any order (ports with nothing to say may be left out)
 * @param products every product; those with `processes` are kept, with their uses
 * @returns the data file's body: a port is listed when the registry or a witness says something
 *   about it, so an absent port is silent and unwitnessed
 */
export function compactTriageData(facts: Iterable<TriagePortFacts>, products: readonly Software[]): TriageData {
  const sorted = [...facts].sort((a, b) => a.port - b.port);
  return {
    ports: sorted.filter((f) => !registrySilent(f.status) || f.witnessed || f.label !== null).map((f) => [f.port, f.status, f.label]),
    ghost: sorted.filter((f) => f.ghost).map((f) => f.port),
    kev: sorted.filter((f) => f.kev > 0).map((f) => [f.port, f.kev]),
    amplification: sorted.flatMap((f) => f.amplification.map(({ protocol, factor }) => [f.port, protocol, factor] as [number, string, string])),
    products: products
      .filter((p) => p.processes)
      .map((p) => ({
        name: p.name,
        slug: p.slug,
        processes: [...new Set(p.processes!.flatMap((entry) => entry.names))],
        uses: p.uses.map((u) => [u.port.start, u.port.end, u.protocols] as [number, number, PracticeProtocol[]]),
      })),
  };
}

/** One product whose processes a listing may name. */
export type TriageProduct = TriageData['products'][number];

/** What the data says about one port. */
export interface PortFacts {
  status: PortStatus;
  label: string | null;
  ghost: boolean;
  kev: number;
  /** UDP amplification protocols and factors; empty when none. */
  amplification: { protocol: string; factor: string }[];
  /** The registry says nothing (unassigned or dynamic) and no source shows the port in use. */
  nothingKnown: boolean;
}

/**
 * Lookups over the data file, built once per page load: facts by port, products by process
 * name (lower-case, without ".exe").
 */
export class TriageIndex {
  private readonly ports = new Map<number, { status: PortStatus; label: string | null }>();
  private readonly ghost: Set<number>;
  private readonly kev: Map<number, number>;
  private readonly amplification = new Map<number, { protocol: string; factor: string }[]>();
  private readonly byProcess = new Map<string, TriageProduct[]>();
  readonly products: readonly TriageProduct[];

  constructor(data: TriageData) {
    for (const [port, status, label] of data.ports) this.ports.set(port, { status, label });
    this.ghost = new Set(data.ghost);
    this.kev = new Map(data.kev);
    for (const [port, protocol, factor] of data.amplification) this.amplification.set(port, [...(this.amplification.get(port) ?? []), { protocol, factor }]);
    this.products = data.products;
    for (const product of data.products) {
      for (const name of product.processes) {
        const key = processKey(name);
        this.byProcess.set(key, [...(this.byProcess.get(key) ?? []), product]);
      }
    }
  }

  /** @returns the port page's facts; a port the file does not list is silent and unwitnessed */
  facts(port: number): PortFacts {
    const listed = this.ports.get(port);
    const status: PortStatus = listed?.status ?? (port >= 49152 ? 'dynamic' : 'unassigned');
    return {
      status,
      label: listed?.label ?? null,
      ghost: this.ghost.has(port),
      kev: this.kev.get(port) ?? 0,
      amplification: this.amplification.get(port) ?? [],
      nothingKnown: listed === undefined,
    };
  }

  /**
   * @param name a process name from a listing
   * @param truncated whether the tool may have cut the name: then any product name it begins counts
   * @returns the products that list the name among their processes
   */
  productsByProcess(name: string, truncated = false): TriageProduct[] {
    const key = processKey(name);
    if (key === '') return [];
    if (!truncated) return this.byProcess.get(key) ?? [];
    const found = new Set<TriageProduct>();
    for (const [processName, products] of this.byProcess) if (processName.startsWith(key)) for (const p of products) found.add(p);
    return [...found];
  }
}

/** "sshd" and "SSHD.EXE" -> "sshd": Windows names are case-insensitive and end in .exe. */
export const processKey = (name: string): string => name.trim().toLowerCase().replace(/\.exe$/, '');

/** Whether the product's uses cover the port on the protocol (any protocol when the listing gives none). */
export function productUsesPort(product: TriageProduct, port: number, protocol: string | null): boolean {
  return product.uses.some(([start, end, protocols]) => start <= port && port <= end && (protocol === null || (protocols as string[]).includes(protocol)));
}
