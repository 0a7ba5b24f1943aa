/**
 * What every triage parser (src/lib/triage/*.ts) returns: the listening sockets it found, one row
 * each, and every other input line with the reason it was skipped, so that nothing a reader
 * pasted is dropped silently. Also the helpers the parsers share: splitting the input into
 * numbered lines, reading "address:port" endpoints, and merging the rows of one socket that a
 * tool prints once per process (lsof, netstat -b). Pure; no Astro imports.
 */

/** Transport protocols a listing can name. */
export type ListingProtocol = 'tcp' | 'udp' | 'sctp';

/** The address family a tool says a socket has: IPv4, IPv6, or both (a dual-stack IPv6 socket, ss's `*`, macOS `tcp46`). */
export type Family = '4' | '6' | '46';

/** A process that holds the socket, as the listing names it. */
export interface ListingProcess {
  /**
   * The executable or service name as printed ("sshd", "nginx", "svchost.exe"), without a path;
   * empty when the listing gives only a PID (Windows netstat -ano, PowerShell's OwningProcess).
   */
  name: string;
  /** Process ID, when the listing gives one. */
  pid: number | null;
  /**
   * The tool may have cut the name short (lsof prints 9 characters, ss 15, the kernel's comm
   * limit): matching then compares only that many characters.
   */
  truncated?: boolean;
  /** Windows netstat -b: the services or components above the executable ("RpcSs"). */
  services?: string[];
}

/** One listening socket. */
export interface ListenRow {
  port: number;
  /** Null when the input does not say (a bare number in a plain list). */
  protocol: ListingProtocol | null;
  /**
   * The bound address as printed, without brackets or port: "0.0.0.0", "::", "*", "127.0.0.53",
   * "::1"; null when the input gives none (a plain list).
   */
  address: string | null;
  /** The interface a socket is bound to or an IPv6 scope ("lo" from ss's `0.0.0.0%lo:5432`). */
  iface: string | null;
  family: Family | null;
  processes: ListingProcess[];
  /** nmap: its guess of the service from its own port table ("ssh", "http-alt"), not a process. */
  service?: string;
  /** nmap: the port answered neither way ("open|filtered"): probably listening, not certain. */
  uncertain?: string;
  /** 1-based numbers of the input lines the row comes from. */
  lines: number[];
}

/** An input line, or part of one (a port entry of nmap's grepable line), that is not a listening socket. */
export interface SkippedLine {
  line: number;
  text: string;
  reason: string;
}

/** The formats the triage tool reads; see FORMAT_LABELS. */
export type FormatId =
  | 'ss'
  | 'netstat-linux'
  | 'lsof'
  | 'netstat-macos'
  | 'netstat-windows'
  | 'powershell'
  | 'nmap-normal'
  | 'nmap-grepable'
  | 'nmap-xml'
  | 'plain'
  | 'unknown';

/** How the page names each format when it says what it recognised. */
export const FORMAT_LABELS: Record<FormatId, string> = {
  ss: 'ss (Linux)',
  'netstat-linux': 'netstat (Linux, net-tools)',
  lsof: 'lsof',
  'netstat-macos': 'netstat (macOS)',
  'netstat-windows': 'netstat (Windows)',
  powershell: 'PowerShell Get-NetTCPConnection / Get-NetUDPEndpoint',
  'nmap-normal': 'nmap',
  'nmap-grepable': 'nmap grepable output (-oG)',
  'nmap-xml': 'nmap XML output (-oX)',
  plain: 'a list of ports',
  unknown: 'no known format',
};

/** The commands whose output the tool reads, by format, as the page lists them. */
export const FORMAT_COMMANDS: { format: Exclude<FormatId, 'unknown'>; system: string; commands: string[] }[] = [
  { format: 'ss', system: 'Linux', commands: ['sudo ss -tulpn', 'sudo ss -ltnp', 'sudo ss -lunp'] },
  { format: 'netstat-linux', system: 'Linux', commands: ['sudo netstat -tulpn'] },
  { format: 'lsof', system: 'Linux, macOS', commands: ['sudo lsof -nP -iTCP -sTCP:LISTEN', 'sudo lsof -nP -iUDP'] },
  { format: 'netstat-macos', system: 'macOS', commands: ['netstat -an -p tcp', 'netstat -an -p udp'] },
  { format: 'netstat-windows', system: 'Windows', commands: ['netstat -ano', 'netstat -abno'] },
  { format: 'powershell', system: 'Windows', commands: ['Get-NetTCPConnection -State Listen', 'Get-NetUDPEndpoint'] },
  { format: 'nmap-normal', system: 'any, from another host', commands: ['nmap -p- HOST', 'nmap -sU --top-ports 100 HOST'] },
  { format: 'nmap-grepable', system: 'any, from another host', commands: ['nmap -p- -oG - HOST'] },
  { format: 'nmap-xml', system: 'any, from another host', commands: ['nmap -p- -oX - HOST'] },
  { format: 'plain', system: 'anything', commands: ['22, 80, 443/udp, 6000-6010'] },
];

export interface ParsedListing {
  format: FormatId;
  rows: ListenRow[];
  skipped: SkippedLine[];
  /** How many lines the input has (a final newline does not start another). */
  lineCount: number;
}

/**
 * How much of a listing was skipped, as the page says it: whole lines (blank ones apart) and
 * entries skipped on a line that also gave rows (a closed port in nmap's grepable line, a word
 * in a list of ports).
 */
export function skipCounts(parsed: Pick<ParsedListing, 'rows' | 'skipped'>): { lines: number; blank: number; entries: number } {
  const rowLines = new Set(parsed.rows.flatMap((row) => row.lines));
  const skippedLines = new Set<number>();
  let blank = 0;
  let entries = 0;
  for (const s of parsed.skipped) {
    if (rowLines.has(s.line)) entries++;
    else if (s.reason === REASONS.blank) blank++;
    else skippedLines.add(s.line);
  }
  return { lines: skippedLines.size, blank, entries };
}

/** Reasons shared by several parsers, so the page can group them. */
export const REASONS = {
  blank: 'blank line',
  header: 'column header or title',
  notThisFormat: 'not a line of this format',
} as const;

/** Text -> its lines, 1-based; CRLF and LF both end a line; a final line break adds no empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n|\r/);
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** A port number 0-65535 written in decimal, else null ("ssh", "*", "70000"). */
export function portNumber(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

export interface Endpoint {
  address: string;
  iface: string | null;
  /** The text after the separator: digits, "*" or a service name. */
  port: string;
}

/**
 * Splits an endpoint that puts the port after the last ':' (ss, Linux netstat, lsof, Windows
 * netstat): "0.0.0.0:22", "[::]:22", "*:22", ":::22" (net-tools' IPv6 wildcard),
 * "127.0.0.53%lo:53" and "*%lo:41234" (ss: bound to device lo), "[fe80::1]%eth0:546",
 * "[fe80::1%7]:546" (Windows zone index). Returns null when there is no ':'.
 */
export function splitColonEndpoint(text: string): Endpoint | null {
  const at = text.lastIndexOf(':');
  if (at < 0) return null;
  return { ...splitHost(text.slice(0, at)), port: text.slice(at + 1) };
}

/** macOS netstat: "127.0.0.1.8000", "*.22", "::1.8080", "fe80::1%lo0.5353": the port after the last '.'. */
export function splitDotEndpoint(text: string): Endpoint | null {
  const at = text.lastIndexOf('.');
  if (at < 0) return null;
  return { ...splitHost(text.slice(0, at)), port: text.slice(at + 1) };
}

/** "[::1]" -> ::1; "[fe80::1]%eth0" and "fe80::1%eth0" -> fe80::1 on eth0; "[fe80::1%7]" -> fe80::1 on 7. */
function splitHost(host: string): { address: string; iface: string | null } {
  let address = host;
  let iface: string | null = null;
  const bracket = /^\[([^\]]*)\](?:%(.+))?$/.exec(host);
  if (bracket) {
    address = bracket[1]!;
    iface = bracket[2] ?? null;
  }
  const percent = address.indexOf('%');
  if (percent >= 0) {
    iface ??= address.slice(percent + 1);
    address = address.slice(0, percent);
  }
  return { address, iface: iface === '' ? null : iface };
}

/** The address a wildcard bind prints as: "*", "0.0.0.0", "::" (and "" for a bare ":::22" host part). */
export const isWildcard = (address: string): boolean => ['*', '0.0.0.0', '::', '', '[::]'].includes(address);

/** IPv4 127.0.0.0/8, IPv6 ::1, IPv4-mapped loopback, or the name localhost. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  if (a === 'localhost' || a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Interface names of the loopback device on Linux (lo), macOS and the BSDs (lo0). */
export const isLoopbackInterface = (iface: string): boolean => /^lo\d*$/.test(iface);

/** The family an address shows by its form, when it does: "::1" is IPv6, "127.0.0.1" IPv4, "*" says nothing. */
export function familyOf(address: string): Family | null {
  if (address.includes(':')) return address.toLowerCase().startsWith('::ffff:') && address.includes('.') ? '4' : '6';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return '4';
  return null;
}

/** Where a socket listens, in words: what a responder needs to know first. */
export interface BindScope {
  /** all: every interface; loopback: this host only; address: one address (or interface); unknown: the input does not say. */
  kind: 'all' | 'loopback' | 'address' | 'unknown';
  /** "all interfaces (IPv4)", "loopback only", "192.0.2.7", "all addresses on eth0", "not given". */
  words: string;
}

const FAMILY_WORDS: Record<Family, string> = { '4': 'IPv4', '6': 'IPv6', '46': 'IPv4 and IPv6' };

/**
 * @returns the row's bind scope: a wildcard is "all interfaces" (with the family when the tool
 *   says it), unless bound to a device: then "all addresses on <iface>", which is loopback only
 *   for lo/lo0; 127.0.0.0/8 and ::1 are "loopback only"; any other address is named as printed
 */
export function bindScope(row: Pick<ListenRow, 'address' | 'iface' | 'family'>): BindScope {
  const { address, iface, family } = row;
  if (address === null) return { kind: 'unknown', words: 'not given' };
  if (isWildcard(address)) {
    if (iface) return isLoopbackInterface(iface) ? { kind: 'loopback', words: `loopback only (all addresses on ${iface})` } : { kind: 'address', words: `all addresses on ${iface}` };
    return { kind: 'all', words: family ? `all interfaces (${FAMILY_WORDS[family]})` : 'all interfaces' };
  }
  if (isLoopbackAddress(address)) return { kind: 'loopback', words: 'loopback only' };
  if (iface && isLoopbackInterface(iface)) return { kind: 'loopback', words: `loopback only (${address} on ${iface})` };
  return { kind: 'address', words: iface ? `${address} on ${iface}` : address };
}

/** The key of one socket: rows with the same key are one socket that several processes hold. */
const socketKey = (row: ListenRow): string => [row.protocol, row.family, row.address, row.iface, row.port, row.uncertain ?? ''].join('|');

/**
 * Merges rows of the same socket (lsof and netstat -b print a socket once per process that
 * holds it: nginx's master and worker), keeping the first row's place, every line number and
 * each distinct process (by name and PID) once.
 */
export function mergeSockets(rows: readonly ListenRow[]): ListenRow[] {
  const byKey = new Map<string, ListenRow>();
  for (const row of rows) {
    const key = socketKey(row);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...row, processes: [...row.processes], lines: [...row.lines] });
      continue;
    }
    for (const line of row.lines) if (!seen.lines.includes(line)) seen.lines.push(line);
    for (const process of row.processes) {
      if (!seen.processes.some((p) => p.name === process.name && p.pid === process.pid)) seen.processes.push(process);
    }
    seen.service ??= row.service;
  }
  return [...byKey.values()];
}

/** Collects rows and skipped lines as a parser walks the input. */
export class ListingBuilder {
  readonly rows: ListenRow[] = [];
  readonly skipped: SkippedLine[] = [];
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    this.lines = lines;
  }

  row(row: Omit<ListenRow, 'lines'>, lines: number[]): void {
    this.rows.push({ ...row, lines });
  }

  /** Skips line `line` (1-based) with `reason`; `text` defaults to the whole line. */
  skip(line: number, reason: string, text: string = this.lines[line - 1] ?? ''): void {
    this.skipped.push({ line, text, reason });
  }

  /** Blank lines are skipped everywhere with the same reason; returns whether the line was blank. */
  skipBlank(line: number): boolean {
    if ((this.lines[line - 1] ?? '').trim() !== '') return false;
    this.skip(line, REASONS.blank);
    return true;
  }

  done(format: FormatId): ParsedListing {
    return { format, rows: this.rows, skipped: this.skipped.sort((a, b) => a.line - b.line), lineCount: this.lines.length };
  }
}

/** A TCP or UDP state that means a connection (or a closing one), not a listener: ESTABLISHED, TIME_WAIT... */
export const connectionReason = (state: string): string => `connection (${state}), not a listening socket`;

/**
 * Whether a foreign (peer) address column says "any": a listening or unconnected socket shows a
 * wildcard port there ("0.0.0.0:*", "[::]:*", "*:*"; Windows netstat "0.0.0.0:0" with `zero`).
 * A specific port means a connection, whatever the state column says.
 */
export const isAnyPeer = (column: string, zero = false): boolean => (zero ? /:(\*|0)$/ : /:\*$/).test(column);

/** Why a line whose peer is a specific address:port is skipped. */
export const peerReason = (peer: string): string => `connection to ${peer}, not a listening socket`;

/** The reason for a port printed as a name (a tool run without its numeric flag). */
export const namedPortReason = (port: string, flag: string): string =>
  `port given as a name ("${port}"): run the command with ${flag} for numbers`;
