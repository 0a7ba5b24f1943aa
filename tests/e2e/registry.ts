/**
 * Expected values for the e2e tests, read straight from the vendored IANA CSV with
 * csv-parse. Nothing here imports the site's own code (src/): the tests compare the built
 * pages with the registry, not with the code that produced them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const CSV_PATH = fileURLToPath(new URL('../../content/iana/service-names-port-numbers.csv', import.meta.url));

export const MAX_PORT = 65535;
export const FIRST_DYNAMIC_PORT = 49152;

export interface Row {
  serviceName: string;
  portNumber: string;
  protocol: string;
  description: string;
  assignee: string;
  contact: string;
  registrationDate: string;
  modificationDate: string;
  reference: string;
  assignmentNotes: string;
  /** 1-based line of the CSV file on which this record starts (the header is line 1). */
  line: number;
}

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number };
}

let cache: Row[] | undefined;

/** Every CSV record, in file order. */
export function allRows(): Row[] {
  if (cache) return cache;
  const text = readFileSync(CSV_PATH, 'utf8');
  const parsed = parse(text, { columns: true, bom: true, info: true }) as ParsedRecord[];
  // info.lines is the line on which a record ends; a record starts on the line after the
  // previous one ends (quoted fields may span several lines).
  let previousEnd = 1;
  cache = parsed.map(({ record, info }) => {
    const row: Row = {
      serviceName: record['Service Name'] ?? '',
      portNumber: record['Port Number'] ?? '',
      protocol: record['Transport Protocol'] ?? '',
      description: record['Description'] ?? '',
      assignee: record['Assignee'] ?? '',
      contact: record['Contact'] ?? '',
      registrationDate: record['Registration Date'] ?? '',
      modificationDate: record['Modification Date'] ?? '',
      reference: record['Reference'] ?? '',
      assignmentNotes: record['Assignment Notes'] ?? '',
      line: previousEnd + 1,
    };
    previousEnd = info.lines;
    return row;
  });
  return cache;
}

/** @returns [start, end] of a row's Port Number ("22" or "6000-6063"), or null when it has none. */
export function portSpan(row: Row): [number, number] | null {
  if (row.portNumber.trim() === '') return null;
  const [start, end = start] = row.portNumber.split('-').map((part) => Number(part.trim()));
  return [start!, end!];
}

/** The CSV rows whose Port Number is `port` or a range containing it, in file order. */
export function rowsForPort(port: number): Row[] {
  return allRows().filter((row) => {
    const span = portSpan(row);
    return span !== null && span[0] <= port && port <= span[1];
  });
}

/** Transport protocols in the order the site lists them. */
export const PROTOCOL_ORDER = ['tcp', 'udp', 'sctp', 'dccp'] as const;

export function sortProtocols(protocols: Iterable<string>): string[] {
  const unique = [...new Set([...protocols].map((p) => p.toLowerCase()))];
  const rank = (p: string) => {
    const i = (PROTOCOL_ORDER as readonly string[]).indexOf(p);
    return i === -1 ? PROTOCOL_ORDER.length : i;
  };
  return unique.sort((a, b) => rank(a) - rank(b));
}

/** "TCP", "TCP and UDP", "TCP, UDP and SCTP". */
export function protocolPhrase(protocols: string[]): string {
  const upper = sortProtocols(protocols).map((p) => p.toUpperCase());
  if (upper.length <= 1) return upper.join('');
  return `${upper.slice(0, -1).join(', ')} and ${upper.at(-1)}`;
}

/** The first service name assigned on the port, or null (reserved, unassigned, dynamic). */
export function firstServiceName(port: number): string | null {
  return rowsForPort(port).find((row) => row.serviceName !== '')?.serviceName ?? null;
}

/** Uppercase protocols of the rows carrying the port's first service name: ["TCP", "UDP"]. */
export function protocolsOfFirstService(port: number): string[] {
  const name = firstServiceName(port);
  if (name === null) return [];
  return sortProtocols(rowsForPort(port).filter((row) => row.serviceName === name).map((row) => row.protocol)).map((p) =>
    p.toUpperCase(),
  );
}

export type Status = 'Assigned' | 'Reserved' | 'Unassigned' | 'De-assigned' | 'Dynamic range';

/** The status the registry gives the port. */
export function expectedStatus(port: number): Status {
  if (port >= FIRST_DYNAMIC_PORT) return 'Dynamic range';
  const rows = rowsForPort(port);
  if (rows.some((row) => row.serviceName !== '')) return 'Assigned';
  if (rows.some((row) => /^de-assigned\b/i.test(row.assignmentNotes))) return 'De-assigned';
  if (rows.some((row) => row.description.trim().toLowerCase() === 'reserved')) return 'Reserved';
  return 'Unassigned';
}

/** RFC 6335 tier label as the site prints it: "registered port (1024–49151)". */
export function expectedTier(port: number): string {
  if (port <= 1023) return 'well-known port (0–1023)';
  if (port <= 49151) return 'registered port (1024–49151)';
  return 'dynamic port (49152–65535)';
}

/**
 * One entry per distinct registration: rows that differ only in their transport protocol
 * (for example the TCP and UDP rows of dtp-dia) are one entry, in file order.
 */
export interface Entry {
  rows: Row[];
  protocols: string[];
}

export function entriesForPort(port: number): Entry[] {
  const entries = new Map<string, Row[]>();
  for (const row of rowsForPort(port)) {
    const key = JSON.stringify([
      row.serviceName,
      row.portNumber,
      row.description,
      row.assignee,
      row.contact,
      row.registrationDate,
      row.modificationDate,
      row.reference,
      row.assignmentNotes,
    ]);
    const group = entries.get(key);
    if (group) group.push(row);
    else entries.set(key, [row]);
  }
  return [...entries.values()].map((rows) => ({ rows, protocols: sortProtocols(rows.map((row) => row.protocol)) }));
}

/** "[RFC4251][RFC9260]" -> ["4251", "9260"]. */
export function rfcNumbers(reference: string): string[] {
  return [...reference.matchAll(/\[RFC(\d+)\]/gi)].map((match) => match[1]!);
}

/** "[Alexei_V_Soloviev]" -> ["Alexei", "V", "Soloviev"]: the words any rendering of the person must contain. */
export function personWords(field: string): string[] {
  return [...field.matchAll(/\[([^\]]+)\]/g)].flatMap((match) => match[1]!.split(/[_\s]+/).filter(Boolean));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2002-05" -> "May 2002"; "2024-12-20" -> "20 December 2024". */
export function humanDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  const monthName = MONTHS[Number(month) - 1]!;
  return day === undefined ? `${monthName} ${year}` : `${Number(day)} ${monthName} ${year}`;
}
