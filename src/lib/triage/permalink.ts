/**
 * The triage permalink: the parsed rows (never the pasted text) in the URL fragment, which no
 * browser sends to a server, so a colleague who opens the link sees the same rows and the
 * listing never leaves the browser. The fragment is "#rows=" and base64url (RFC 4648 section 5)
 * of the DEFLATE-compressed (RFC 1951, CompressionStream "deflate-raw") JSON of:
 *   [version, format, skipped, lineCount, rows]
 * with each row [port, protocol, address, iface, family, processes, service, uncertain] and
 * each process [name, pid, truncated, services]. Pure apart from the Web Streams API, which
 * browsers and Node 18+ both have.
 */
import type { Family, FormatId, ListenRow, ListingProcess, ListingProtocol } from './listing.ts';

export const PERMALINK_PREFIX = '#rows=';
const VERSION = 1;

/** What a permalink carries. */
export interface SharedListing {
  format: FormatId;
  /** How many lines the listing had, and how many of them were skipped (their text is not shared). */
  lineCount: number;
  skipped: number;
  rows: ListenRow[];
}

type WireProcess = [string, number | null, 0 | 1, string[]];
type WireRow = [number, ListingProtocol | null, string | null, string | null, Family | null, WireProcess[], string, string];

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** @returns the fragment, "#rows=..." */
export async function encodePermalink(listing: SharedListing): Promise<string> {
  const rows: WireRow[] = listing.rows.map((r) => [
    r.port,
    r.protocol,
    r.address,
    r.iface,
    r.family,
    r.processes.map((p): WireProcess => [p.name, p.pid, p.truncated ? 1 : 0, p.services ?? []]),
    r.service ?? '',
    r.uncertain ?? '',
  ]);
  const json = JSON.stringify([VERSION, listing.format, listing.skipped, listing.lineCount, rows]);
  return PERMALINK_PREFIX + toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

const FORMATS = new Set<FormatId>(['ss', 'netstat-linux', 'lsof', 'netstat-macos', 'netstat-windows', 'powershell', 'nmap-normal', 'nmap-grepable', 'nmap-xml', 'plain', 'unknown']);
const isPort = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 65535;
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

function readProcess(value: unknown): ListingProcess | null {
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [name, pid, truncated, services] = value as unknown[];
  if (typeof name !== 'string' || !(pid === null || (Number.isInteger(pid) && (pid as number) >= 0)) || (truncated !== 0 && truncated !== 1)) return null;
  if (!Array.isArray(services) || !services.every((s) => typeof s === 'string')) return null;
  return { name, pid: pid as number | null, ...(truncated ? { truncated: true } : {}), ...(services.length ? { services: services as string[] } : {}) };
}

function readRow(value: unknown): ListenRow | null {
  if (!Array.isArray(value) || value.length !== 8) return null;
  const [port, protocol, address, iface, family, processes, service, uncertain] = value as unknown[];
  if (!isPort(port) || !(protocol === null || protocol === 'tcp' || protocol === 'udp' || protocol === 'sctp')) return null;
  if (!isNullableString(address) || !isNullableString(iface) || !(family === null || family === '4' || family === '6' || family === '46')) return null;
  if (!Array.isArray(processes) || typeof service !== 'string' || typeof uncertain !== 'string') return null;
  const read = processes.map(readProcess);
  if (read.some((p) => p === null)) return null;
  return {
    port,
    protocol,
    address,
    iface,
    family,
    processes: read as ListingProcess[],
    ...(service ? { service } : {}),
    ...(uncertain ? { uncertain } : {}),
    lines: [],
  };
}

/**
 * @param hash location.hash
 * @returns the shared listing (rows without line numbers), or null for any other fragment or a
 *   damaged one: never throws
 */
export async function decodePermalink(hash: string): Promise<SharedListing | null> {
  if (!hash.startsWith(PERMALINK_PREFIX)) return null;
  try {
    const json = new TextDecoder().decode(await pipe(fromBase64Url(hash.slice(PERMALINK_PREFIX.length)), new DecompressionStream('deflate-raw')));
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value) || value[0] !== VERSION || value.length !== 5) return null;
    const [, format, skipped, lineCount, rows] = value as unknown[];
    if (!FORMATS.has(format as FormatId) || !Number.isInteger(skipped) || !Number.isInteger(lineCount) || !Array.isArray(rows)) return null;
    const read = rows.map(readRow);
    if (read.some((r) => r === null)) return null;
    return { format: format as FormatId, skipped: skipped as number, lineCount: lineCount as number, rows: read as ListenRow[] };
  } catch {
    return null;
  }
}
