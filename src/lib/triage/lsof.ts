/**
 * Parses the output of `lsof -nP -iTCP -sTCP:LISTEN`, `lsof -nP -iUDP` and `lsof -nP -i` (lsof(8),
 * lsof-org/lsof; the same columns on Linux and macOS).
 *
 * Input: "COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME" and rows such as
 * `sshd 812 root 3u IPv4 17301 0t0 TCP *:22 (LISTEN)` or `avahi-dae 640 avahi 12u IPv4 1730 0t0
 * UDP *:5353`; NAME is "local", "local->remote", then "(STATE)" for TCP. On macOS DEVICE is a
 * kernel address such as 0x5c3e7e1f2ab0c3d1. lsof prints one line per process that holds a
 * socket: rows of the same socket are merged later (mergeSockets).
 * Output: a row per TCP socket in LISTEN and per UDP socket with no remote end; the family
 * comes from TYPE (IPv4, IPv6), the process from COMMAND and PID. COMMAND is cut to 9
 * characters unless lsof runs with +c, so a 9-character name may be the start of a longer one.
 * Skipped, with the reason: the header, lsof's warnings and blank lines; connections (a NAME
 * with "->", or a TCP state other than LISTEN); a TCP socket without a state; ports printed as
 * names (lsof without -P); other file types.
 */
import { connectionReason, ListingBuilder, namedPortReason, portNumber, REASONS, splitColonEndpoint, type Family, type ListingProtocol, type ParsedListing } from './listing.ts';

/** lsof prints at most 9 characters of the command name by default (the +c option changes it). */
export const LSOF_NAME_LIMIT = 9;

const PROTOCOLS: Record<string, ListingProtocol> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp' };

/** lsof escapes unprintable characters and spaces in COMMAND as \xNN. */
const unescape = (name: string): string => name.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** @param lines the input's lines (splitLines) */
export function parseLsof(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    if (/^COMMAND\s+PID\b/.test(text)) return out.skip(n, REASONS.header);
    if (/^lsof: |^\s*Output information may be incomplete/.test(text)) return out.skip(n, 'lsof warning');
    const tokens = text.trim().split(/\s+/);
    // NODE is TCP/UDP right after TYPE (IPv4/IPv6), DEVICE and SIZE/OFF; COMMAND and PID come first.
    const type = tokens.findIndex((token, j) => j >= 2 && (token === 'IPv4' || token === 'IPv6'));
    const node = type >= 0 ? tokens.findIndex((token, j) => j > type && PROTOCOLS[token] !== undefined) : -1;
    if (type < 0 || node < 0 || !/^\d+$/.test(tokens[1] ?? '')) return out.skip(n, type < 0 ? 'not an Internet socket' : REASONS.notThisFormat);
    const protocol = PROTOCOLS[tokens[node]!]!;
    const name = tokens.slice(node + 1).join(' ');
    const match = /^(\S+?)(?:->(\S+))?(?:\s+\(([A-Za-z_0-9]+)\))?$/.exec(name);
    if (!match) return out.skip(n, REASONS.notThisFormat);
    const [, local, remote, state] = match;
    if (remote !== undefined) return out.skip(n, state ? connectionReason(state) : `connected ${protocol.toUpperCase()} socket (remote ${remote}), not a listener`);
    if (protocol !== 'udp' && state !== 'LISTEN') return out.skip(n, state ? connectionReason(state) : `${protocol.toUpperCase()} socket without a state: run lsof with -sTCP:LISTEN`);
    const endpoint = splitColonEndpoint(local!);
    if (!endpoint) return out.skip(n, REASONS.notThisFormat);
    const port = portNumber(endpoint.port);
    if (port === null) return out.skip(n, namedPortReason(endpoint.port, '-P'));
    const command = unescape(tokens[0]!);
    const family: Family = tokens[type] === 'IPv6' ? '6' : '4';
    out.row({ port, protocol, address: endpoint.address, iface: endpoint.iface, family, processes: [{ name: command, pid: Number(tokens[1]), ...(command.length >= LSOF_NAME_LIMIT ? { truncated: true } : {}) }] }, [n]);
  });
  return out.done('lsof');
}
