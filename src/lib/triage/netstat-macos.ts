/**
 * Parses macOS `netstat -an -p tcp` and `netstat -an -p udp` (and `netstat -an`, whose other
 * sections are skipped). The format is that of netstat.tproj/inet.c and inet6.c in Apple's
 * network_cmds (protopr, inetprint, inet6print): netstat(1) itself shows no sample output.
 *
 * Input: "Active Internet connections (including servers)", "Proto Recv-Q Send-Q  Local Address
 * Foreign Address (state)", rows such as `tcp4 0 0 127.0.0.1.8000 *.* LISTEN` or `udp46 0 0
 * *.5353 *.*`. The protocol column is tcp or udp followed by 4, 6 or 46 (a socket of both
 * families); an endpoint is address.port with the port after the last '.', "*" for the
 * wildcard address or an unset port, and a link-local IPv6 address carries its scope
 * ("fe80::1%lo0.5353"). netstat cuts addresses longer than 16 characters (inetprint's "%.16s"),
 * so a long IPv6 address may arrive shortened; the port is never cut.
 * Output: a row per TCP socket in LISTEN and per UDP socket whose foreign end is "*.*".
 * Skipped, with the reason: titles, headers and blank lines; connections (any other TCP state,
 * a UDP socket with a foreign address); the UNIX domain, kernel control and kernel event
 * sections; ports printed as names (netstat without -n).
 */
import { connectionReason, familyOf, ListingBuilder, namedPortReason, portNumber, REASONS, splitDotEndpoint, type Family, type ParsedListing } from './listing.ts';

/** @param lines the input's lines (splitLines) */
export function parseNetstatMacos(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  let otherSection = false;
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    if (/^Active /.test(text) || /^Registered kernel control modules/.test(text) || /^Current listen queue sizes/.test(text)) {
      otherSection = !/^Active Internet connections/.test(text);
      return out.skip(n, REASONS.header);
    }
    if (/^Proto\s+Recv-Q\s+Send-Q\b/.test(text)) return out.skip(n, REASONS.header);
    const tokens = text.trim().split(/\s+/);
    const proto = /^(tcp|udp)(4|6|46)?$/.exec(tokens[0]!);
    if (!proto) return out.skip(n, otherSection ? 'UNIX domain or kernel socket: no port' : REASONS.notThisFormat);
    const [, recvQ, sendQ, local, foreign, state] = tokens;
    if (!/^\d+$/.test(recvQ ?? '') || !/^\d+$/.test(sendQ ?? '') || !local || !foreign) return out.skip(n, REASONS.notThisFormat);
    const protocol = proto[1] as 'tcp' | 'udp';
    if (protocol === 'tcp' && state !== 'LISTEN') return out.skip(n, state ? connectionReason(state) : 'TCP socket without a state');
    if (protocol === 'udp' && foreign !== '*.*') return out.skip(n, `connected UDP socket (foreign ${foreign}), not a listener`);
    const endpoint = splitDotEndpoint(local);
    if (!endpoint) return out.skip(n, REASONS.notThisFormat);
    const port = portNumber(endpoint.port);
    if (port === null) return out.skip(n, namedPortReason(endpoint.port, '-n'));
    const family: Family | null = (proto[2] as Family | undefined) ?? familyOf(endpoint.address);
    out.row({ port, protocol, address: endpoint.address, iface: endpoint.iface, family, processes: [] }, [n]);
  });
  return out.done('netstat-macos');
}
