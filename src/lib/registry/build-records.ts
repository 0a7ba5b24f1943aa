/**
 * Validated CSV rows + people directory -> one PortRecord for each port 0-65535, and a
 * data report that accounts for every row. Pure.
 */
import {
  MAX_PORT,
  TRANSPORT_PROTOCOLS,
  type PortRecord,
  type RegistryEntry,
} from '../../schemas/port-record.ts';
import type { RegistryRow } from './parse-csv.ts';
import { resolveParty, type PeopleDirectory } from './parse-people.ts';
import { entryKind, isLikelyGhost, portStatus, tierOf } from './status.ts';

/** How many related-port links a page shows at most. */
const MAX_RELATED = 12;

/** Accounts for every CSV row and summarises the registry; written as data-report.json. */
export interface DataReport {
  /** Newest Registration or Modification Date in the CSV: how current the snapshot is. */
  newestRecordDate: string | null;
  counts: {
    /** Data rows in the CSV (header excluded). */
    rows: number;
    /** Rows with a port number or range: each is shown on the page of every port it covers. */
    rowsOnPortPages: number;
    /** Rows with a service name and no port: listed on /service-names/. */
    serviceNameOnlyRows: number;
    /** Rows identical to an earlier row in every field: shown once, listed in `duplicates`. */
    duplicateRows: number;
    /** Rows with a port range rather than a single port. */
    rangeRows: number;
    ports: number;
    assignedPorts: number;
    reservedPorts: number;
    unassignedPorts: number;
    deassignedPorts: number;
    dynamicPorts: number;
    likelyGhostPorts: number;
    /** Distinct Assignee/Contact handles, and how many the XML could not resolve. */
    handles: number;
    unresolvedHandles: number;
  };
  serviceNameOnly: { line: number; serviceName: string; protocol: string | null; description: string }[];
  duplicates: { line: number; duplicateOfLine: number }[];
  unresolvedHandles: string[];
}

export interface RegistryBuild {
  /** Index = port number; exactly MAX_PORT + 1 records. */
  records: PortRecord[];
  report: DataReport;
}

/**
 * Builds the port records.
 *
 * Ranges are expanded onto every port they cover. Rows of one port that differ only in
 * transport protocol are merged into one entry listing the protocols; an empty protocol
 * counts as tcp, udp, sctp and dccp (IANA's use on Unassigned and Reserved blocks).
 * Aliases (several service names on one port) stay separate entries, in CSV order.
 *
 * @param rows from parseRegistryCsv, in file order
 * @param people from parsePeopleXml; an empty map shows every handle unresolved
 */
export function buildPortRecords(rows: RegistryRow[], people: PeopleDirectory): RegistryBuild {
  const rowsByPort: RegistryRow[][] = Array.from({ length: MAX_PORT + 1 }, () => []);
  const serviceNameOnly: DataReport['serviceNameOnly'] = [];
  const duplicates: DataReport['duplicates'] = [];
  const firstLineOf = new Map<string, number>();
  const handles = new Set<string>();

  for (const row of rows) {
    const key = JSON.stringify({ ...row, line: 0 });
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      duplicates.push({ line: row.line, duplicateOfLine: first });
      continue;
    }
    firstLineOf.set(key, row.line);
    for (const handle of [...row.assigneeHandles, ...row.contactHandles]) handles.add(handle);
    if (row.ports === null) {
      serviceNameOnly.push({
        line: row.line,
        serviceName: row.serviceName ?? '',
        protocol: row.protocol,
        description: row.description,
      });
      continue;
    }
    for (let port = row.ports.start; port <= row.ports.end; port++) rowsByPort[port]!.push(row);
  }

  const entriesByPort = rowsByPort.map((portRows) => mergeRows(portRows, people));
  const related = relatedPorts(entriesByPort);
  const records: PortRecord[] = entriesByPort.map((entries, port) => {
    const status = portStatus(port, entries);
    return {
      port,
      tier: tierOf(port),
      status,
      entries,
      likelyGhost: isLikelyGhost(port, status, entries),
      related: related[port]!,
    };
  });

  const unresolvedHandles = [...handles].filter((handle) => !people.has(handle)).sort();
  const countStatus = (status: PortRecord['status']) => records.filter((r) => r.status === status).length;
  return {
    records,
    report: {
      newestRecordDate: newestDate(rows),
      counts: {
        rows: rows.length,
        rowsOnPortPages: rows.length - duplicates.length - serviceNameOnly.length,
        serviceNameOnlyRows: serviceNameOnly.length,
        duplicateRows: duplicates.length,
        rangeRows: rows.filter((row) => row.ports !== null && row.ports.end > row.ports.start).length,
        ports: records.length,
        assignedPorts: countStatus('assigned'),
        reservedPorts: countStatus('reserved'),
        unassignedPorts: countStatus('unassigned'),
        deassignedPorts: countStatus('de-assigned'),
        dynamicPorts: countStatus('dynamic'),
        likelyGhostPorts: records.filter((r) => r.likelyGhost).length,
        handles: handles.size,
        unresolvedHandles: unresolvedHandles.length,
      },
      serviceNameOnly,
      duplicates,
      unresolvedHandles,
    },
  };
}

/** Dates compare as strings: both IANA forms are ISO 8601 prefixes ("2002-05" < "2002-05-01"). */
function newestDate(rows: RegistryRow[]): string | null {
  let newest: string | null = null;
  for (const row of rows) {
    for (const date of [row.registrationDate, row.modificationDate]) {
      if (date !== null && (newest === null || date > newest)) newest = date;
    }
  }
  return newest;
}

/** Merges a port's rows that say the same thing on different protocols. */
function mergeRows(rows: RegistryRow[], people: PeopleDirectory): RegistryEntry[] {
  const merged = new Map<string, RegistryEntry>();
  for (const row of rows) {
    const { line, protocol, ...facts } = row;
    const key = JSON.stringify(facts);
    const protocols = protocol === null ? [...TRANSPORT_PROTOCOLS] : [protocol];
    const existing = merged.get(key);
    if (existing) {
      for (const p of protocols) if (!existing.protocols.includes(p)) existing.protocols.push(p);
      existing.lines.push(line);
      continue;
    }
    merged.set(key, {
      kind: entryKind(row),
      serviceName: row.serviceName,
      protocols,
      description: row.description,
      assignees: row.assigneeHandles.map((handle) => resolveParty(handle, people)),
      contacts: row.contactHandles.map((handle) => resolveParty(handle, people)),
      registrationDate: row.registrationDate,
      modificationDate: row.modificationDate,
      references: row.references,
      serviceCode: row.serviceCode,
      unauthorizedUseReported: row.unauthorizedUseReported,
      assignmentNotes: row.assignmentNotes,
      range: row.ports && row.ports.end > row.ports.start ? { ...row.ports } : null,
      lines: [line],
    });
  }
  for (const entry of merged.values()) {
    entry.protocols.sort((a, b) => TRANSPORT_PROTOCOLS.indexOf(a) - TRANSPORT_PROTOCOLS.indexOf(b));
  }
  return [...merged.values()];
}

/**
 * The stem that links numbered siblings: "netplay-port1" and "netplay-port2" share
 * "netplay-port"; "imap3" joins "imap". Stems shorter than 3 characters link nothing.
 */
function nameStem(serviceName: string): string | null {
  const stem = serviceName.replace(/-?\d+$/, '');
  return stem.length >= 3 ? stem : null;
}

/**
 * For each port, other single-port assignments with the same service name or stem.
 * Range rows are left out: range membership is shown on its own.
 */
function relatedPorts(entriesByPort: RegistryEntry[][]): PortRecord['related'][] {
  const byStem = new Map<string, { port: number; serviceName: string }[]>();
  const stemsOf = (entries: RegistryEntry[]) =>
    new Set(
      entries
        .filter((e) => e.kind === 'assigned' && e.serviceName && e.range === null)
        .map((e) => nameStem(e.serviceName!))
        .filter((stem): stem is string => stem !== null),
    );
  entriesByPort.forEach((entries, port) => {
    for (const entry of entries) {
      if (entry.kind !== 'assigned' || !entry.serviceName || entry.range !== null) continue;
      const stem = nameStem(entry.serviceName);
      if (stem === null) continue;
      const list = byStem.get(stem) ?? [];
      if (!list.some((item) => item.port === port && item.serviceName === entry.serviceName)) {
        list.push({ port, serviceName: entry.serviceName });
      }
      byStem.set(stem, list);
    }
  });
  return entriesByPort.map((entries, port) => {
    const seen = new Set<number>([port]);
    const related: PortRecord['related'] = [];
    for (const stem of stemsOf(entries)) {
      for (const item of byStem.get(stem) ?? []) {
        if (seen.has(item.port)) continue;
        seen.add(item.port);
        related.push(item);
      }
    }
    return related.sort((a, b) => a.port - b.port).slice(0, MAX_RELATED);
  });
}
