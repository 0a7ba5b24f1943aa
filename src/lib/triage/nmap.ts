/**
 * Parses nmap's normal output (the terminal's, or -oN) and its grepable output (-oG), as
 * nmap(1) describes them ("OUTPUT": -oN, -oG; the port states of "PORT SCANNING BASICS";
 * docs/refguide.xml in nmap/nmap).
 * A scan shows what answers from where the scanner stands, so each row's address is the
 * scanned host's, and nmap's SERVICE column is its guess from its own port table, not a process.
 *
 * Normal input: "Nmap scan report for localhost (127.0.0.1)" starts a host; then "PORT STATE
 * SERVICE [VERSION]" and rows such as `22/tcp open ssh OpenSSH 9.2p1`.
 * Grepable input: `Host: 127.0.0.1 (localhost)<TAB>Ports: 22/open/tcp//ssh///, 80/closed/tcp//http///`,
 * one line per host, tab-separated labelled fields; Ports is a comma-separated list of entries of
 * seven '/'-separated subfields: port, state, protocol, owner, service, SunRPC info, version.
 * Output: a row per open port; open|filtered (nmap got no answer either way, common for UDP)
 * is a row marked uncertain.
 * Skipped, with the reason: comments, banners, "Host is up", "Not shown", script output and the
 * other report lines; ports in any other state (closed, filtered, unfiltered, closed|filtered),
 * which in grepable output are skipped entry by entry on the host's line.
 */
import { familyOf, ListingBuilder, portNumber, REASONS, type ListingProtocol, type ParsedListing } from './listing.ts';

const PROTOCOLS: Record<string, ListingProtocol> = { tcp: 'tcp', udp: 'udp', sctp: 'sctp' };
/** Port states of the Reference Guide's "Port Scanning Basics". */
export const NMAP_STATES = ['open', 'closed', 'filtered', 'unfiltered', 'open|filtered', 'closed|filtered'] as const;

/** "localhost (127.0.0.1)" -> 127.0.0.1; "::1" -> ::1; "example.test (192.0.2.1)" -> 192.0.2.1. */
function hostAddress(text: string): string {
  const inParens = /\(([^()]+)\)\s*$/.exec(text);
  return (inParens ? inParens[1]! : text).trim();
}

/** The reason a port in a non-open state is no listener. */
export const stateReason = (state: string): string => `nmap state ${state}: nothing found listening`;

/**
 * The row of a port nmap reports open (or open|filtered, kept as `uncertain`), for the normal
 * and the XML output alike.
 * @param address the scanned host's address, null when the report names none
 * @param service nmap's service guess, if any
 */
export const nmapRow = (port: number, protocol: ListingProtocol, address: string | null, service: string | undefined, state: string) => ({
  port,
  protocol,
  address,
  iface: null,
  family: address ? familyOf(address) : null,
  processes: [],
  ...(service ? { service } : {}),
  ...(state === 'open' ? {} : { uncertain: state }),
});

/** @param lines the input's lines (splitLines) */
export function parseNmapNormal(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  let host: string | null = null;
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    const report = /^Nmap scan report for (.+)$/.exec(text);
    if (report) {
      host = hostAddress(report[1]!);
      return out.skip(n, 'nmap host line');
    }
    if (/^PORT\s+STATE\s+SERVICE/.test(text)) return out.skip(n, REASONS.header);
    const row = /^(\d{1,5})\/(tcp|udp|sctp)\s+(\S+)(?:\s+(\S+))?/.exec(text);
    if (!row) return out.skip(n, /^[|]/.test(text) ? 'nmap script output' : 'nmap report line');
    const port = portNumber(row[1]!);
    const state = row[3]!;
    if (port === null) return out.skip(n, REASONS.notThisFormat);
    if (state !== 'open' && state !== 'open|filtered') return out.skip(n, stateReason(state));
    out.row(nmapRow(port, PROTOCOLS[row[2]!]!, host, row[4], state), [n]);
  });
  return out.done('nmap-normal');
}

/** @param lines the input's lines (splitLines) */
export function parseNmapGrepable(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    if (text.startsWith('#')) return out.skip(n, 'nmap comment');
    const host = /^Host: (\S+)/.exec(text);
    const ports = /\tPorts: ([^\t]*)/.exec(text);
    if (!host) return out.skip(n, REASONS.notThisFormat);
    if (!ports) return out.skip(n, 'nmap host status line');
    const address = host[1]!;
    let rows = 0;
    // Split only before the next "port/": a version subfield may hold a comma.
    for (const entry of ports[1]!.split(/,\s*(?=\d+\/)/)) {
      const [portText = '', state = '', protocolText = '', , service = ''] = entry.split('/');
      const port = portNumber(portText);
      const protocol = PROTOCOLS[protocolText];
      if (port === null || !protocol) {
        out.skip(n, REASONS.notThisFormat, entry);
        continue;
      }
      if (state !== 'open' && state !== 'open|filtered') {
        out.skip(n, stateReason(state), entry);
        continue;
      }
      out.row({
        port,
        protocol,
        address,
        iface: null,
        family: familyOf(address),
        processes: [],
        ...(service ? { service } : {}),
        ...(state === 'open' ? {} : { uncertain: state }),
      }, [n]);
      rows++;
    }
    if (rows === 0 && !out.skipped.some((s) => s.line === n)) out.skip(n, 'nmap host line without ports');
  });
  return out.done('nmap-grepable');
}
