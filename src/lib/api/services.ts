/**
 * Service names: every IANA service name (RFC 6335 section 5.1: case-insensitive) with its
 * entries, ports, protocols and aliases, for /services/<name>/ and /api/v1/services/<name>.json.
 * Pure; no Astro imports.
 */
import type { PortRecord, RegistryEntry } from '../../schemas/port-record.ts';
import { TRANSPORT_PROTOCOLS, type TransportProtocol } from '../../schemas/port-record.ts';
import type { ServiceEntry, ServiceJson } from '../../schemas/api.ts';
import { entryKind } from '../registry/status.ts';
import { portPath, servicePath, serviceSegment } from '../paths.ts';

/** A row of the data report's `serviceNameOnly`: a service name the registry lists without a port. */
export interface PortlessRow {
  line: number;
  serviceName: string;
  protocol: string | null;
  description: string;
}

const byProtocolOrder = (a: TransportProtocol, b: TransportProtocol) => TRANSPORT_PROTOCOLS.indexOf(a) - TRANSPORT_PROTOCOLS.indexOf(b);

function entryOf(entry: RegistryEntry, port: number): ServiceEntry {
  const span = entry.range ?? { start: port, end: port };
  return {
    kind: entry.kind,
    serviceName: entry.serviceName!,
    ports: { start: span.start, end: span.end },
    protocols: entry.protocols,
    description: entry.description,
    url: portPath(span.start),
    lines: entry.lines,
  };
}

/**
 * Portless rows of one name, merged like port entries: rows that differ only in protocol are
 * one entry; an empty protocol counts as all four (as the port records count it).
 */
function portlessEntries(rows: readonly PortlessRow[]): ServiceEntry[] {
  const merged = new Map<string, ServiceEntry>();
  for (const row of rows) {
    const protocols = row.protocol ? [row.protocol as TransportProtocol] : [...TRANSPORT_PROTOCOLS];
    const key = JSON.stringify([row.serviceName, row.description]);
    const found = merged.get(key);
    if (found) {
      found.protocols = [...new Set([...found.protocols, ...protocols])].sort(byProtocolOrder);
      found.lines.push(row.line);
      continue;
    }
    merged.set(key, {
      kind: entryKind({ serviceName: row.serviceName, description: row.description, assignmentNotes: null }),
      serviceName: row.serviceName,
      ports: null,
      protocols,
      description: row.description,
      url: null,
      lines: [row.line],
    });
  }
  return [...merged.values()];
}

/**
 * @param records all port records (index = port)
 * @param portless the data report's service names without a port
 * @returns one object per lower-case service name, sorted by name; entries in CSV order
 *   (a range entry such as x11's 6000-6063 once, not once per port)
 * @throws Error naming the service names when two of them would get the same URL segment
 */
export function buildServices(records: readonly PortRecord[], portless: readonly PortlessRow[]): ServiceJson[] {
  const entriesByName = new Map<string, Map<string, ServiceEntry>>();
  const add = (entry: ServiceEntry) => {
    const name = entry.serviceName.toLowerCase();
    const entries = entriesByName.get(name) ?? new Map<string, ServiceEntry>();
    entries.set(entry.lines.join(','), entry); // a range's entry is on every port it covers: keep it once
    entriesByName.set(name, entries);
  };
  for (const record of records) {
    for (const entry of record.entries) if (entry.serviceName) add(entryOf(entry, record.port));
  }
  for (const entry of portlessEntries(portless)) add(entry);

  // Port -> lower-case names on it, for aliases.
  const namesOnPort = new Map<number, Set<string>>();
  for (const record of records) {
    const names = new Set(record.entries.filter((e) => e.serviceName).map((e) => e.serviceName!.toLowerCase()));
    if (names.size > 1) namesOnPort.set(record.port, names);
  }

  assertUniqueSegments([...entriesByName.keys()]);
  return [...entriesByName.keys()].sort().map((name) => {
    const entries = [...entriesByName.get(name)!.values()].sort((a, b) => a.lines[0]! - b.lines[0]!);
    const ports = new Set<number>();
    for (const entry of entries) {
      for (let port = entry.ports?.start ?? 0; entry.ports && port <= entry.ports.end; port++) ports.add(port);
    }
    const aliasPorts = new Map<string, number[]>();
    for (const port of [...ports].sort((a, b) => a - b)) {
      for (const other of namesOnPort.get(port) ?? []) {
        if (other !== name) aliasPorts.set(other, [...(aliasPorts.get(other) ?? []), port]);
      }
    }
    return {
      name,
      url: servicePath(name),
      ports: [...ports].sort((a, b) => a - b),
      protocols: [...new Set(entries.flatMap((e) => e.protocols))].sort(byProtocolOrder),
      entries,
      aliases: [...aliasPorts.entries()]
        .sort(([a], [b]) => a.localeCompare(b, 'en'))
        .map(([other, shared]) => ({ name: other, ports: shared, url: servicePath(other) })),
    };
  });
}

/**
 * @param names lower-case service names
 * @throws Error listing every group of names that share a URL segment (serviceSegment)
 */
export function assertUniqueSegments(names: readonly string[]): void {
  const bySegment = new Map<string, string[]>();
  for (const name of names) {
    const segment = serviceSegment(name);
    bySegment.set(segment, [...(bySegment.get(segment) ?? []), name]);
  }
  const clashes = [...bySegment.entries()].filter(([, group]) => group.length > 1);
  if (clashes.length > 0) {
    const list = clashes.map(([segment, group]) => `${group.map((n) => `"${n}"`).join(', ')} -> /services/${segment}/`).join('; ');
    throw new Error(`service names with the same URL: ${list}`);
  }
}

/**
 * The group a service name is listed under on the service-name index pages.
 * @param name a lower-case service name
 * @returns its first letter "a" to "z", or "0-9" for any other first character (in the registry
 *   only digits, as in 3com-tsmux: RFC 6335 section 5.1 rules out a leading hyphen)
 */
export const serviceInitial = (name: string): string => (/^[a-z]/.test(name) ? name[0]! : '0-9');

/**
 * Services grouped by serviceInitial, "0-9" first, then "a" to "z"; each group keeps the input's order.
 * @param services sorted by name (as buildServices returns them)
 * @returns [initial, services] pairs; an initial no name starts with is left out
 */
export function servicesByInitial<T extends { name: string }>(services: readonly T[]): [string, T[]][] {
  const groups = Map.groupBy(services, (service) => serviceInitial(service.name));
  return [...groups.entries()].sort(([a], [b]) => (a === '0-9' ? -1 : b === '0-9' ? 1 : a.localeCompare(b)));
}
