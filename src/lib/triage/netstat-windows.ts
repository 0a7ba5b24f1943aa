/**
 * Parses Windows `netstat -ano` and `netstat -abno` (and -an, -anp tcp). The columns are those
 * of Microsoft's netstat documentation (learn.microsoft.com/windows-server/administration/
 * windows-commands/netstat: Proto, Local Address, Foreign Address, State, and the PID that -o
 * adds); the -b layout is netstat's own help text: "the executable name is in [] at the
 * bottom, on top is the component it called".
 *
 * Input: "Active Connections", "  Proto  Local Address  Foreign Address  State  PID", rows such
 * as `  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    1052` and `  UDP    [::]:5353    *:*
 *  2344` (UDP has no state); with -b each row is followed by the service or component names
 * ("RpcSs"), then "[svchost.exe]" or "Can not obtain ownership information".
 * Output: a row per TCP socket in LISTENING and per UDP endpoint (a UDP endpoint listens on
 * its port), with the PID and, with -b, the executable and its services.
 * Skipped, with the reason: titles, headers and blank lines; connections (ESTABLISHED,
 * TIME_WAIT, CLOSE_WAIT...; states are read in English: a localized Windows prints them in
 * its language and its rows are skipped as unrecognised); the -b lines of a skipped row;
 * ports printed as names (netstat without -n).
 */
import { connectionReason, familyOf, isAnyPeer, ListingBuilder, peerReason, namedPortReason, portNumber, REASONS, splitColonEndpoint, type ListenRow, type ParsedListing } from './listing.ts';

/** The states netstat prints for TCP (its help and documentation list them; BOUND comes from -q). */
const STATES = /^(LISTENING|ESTABLISHED|TIME_WAIT|CLOSE_WAIT|CLOSED|CLOSING|FIN_WAIT_1|FIN_WAIT_2|LAST_ACK|SYN_SENT|SYN_RECEIVED|BOUND|DELETE_TCB)$/;

/** @param lines the input's lines (splitLines) */
export function parseNetstatWindows(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  /** The row the -b lines that follow belong to; 'skipped' after a skipped row. */
  let owner: ListenRow | 'skipped' | null = null;
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    const trimmed = text.trim();
    if (/^Active Connections$/i.test(trimmed) || /^Proto\s+Local Address\s+Foreign Address/i.test(trimmed)) {
      owner = null;
      return out.skip(n, REASONS.header);
    }
    const tokens = trimmed.split(/\s+/);
    const proto = /^(TCP|UDP)$/i.exec(tokens[0]!);
    if (!proto) {
      // -b: "[svchost.exe]", a component or service name, or "Can not obtain ownership information".
      if (owner === 'skipped' && /^(\[.+\]|[\w.$-]+|Can ?not obtain ownership information)$/i.test(trimmed)) return out.skip(n, 'process of a connection that was skipped');
      // Only "[name.exe]", a one-word component or service name, or netstat's ownership message continue a row.
      const exe = /^\[(.+)\]$/.exec(trimmed);
      const noOwner = /^Can ?not obtain ownership information$/i.test(trimmed);
      if (owner && owner !== 'skipped' && (exe || noOwner || /^[\w.$-]+$/.test(trimmed))) {
        owner.lines.push(n);
        const process = owner.processes[0];
        if (process && exe) process.name = exe[1]!;
        else if (process && !noOwner) (process.services ??= []).push(trimmed);
        return;
      }
      return out.skip(n, /requires elevation/i.test(trimmed) ? 'netstat -b needs an elevated prompt' : REASONS.notThisFormat);
    }
    owner = 'skipped';
    const protocol = proto[1]!.toLowerCase() as 'tcp' | 'udp';
    const [, local, foreign, ...rest] = tokens;
    const state = rest[0] && !/^\d+$/.test(rest[0]) ? rest.shift()! : null;
    const pid = rest[0] && /^\d+$/.test(rest[0]) ? Number(rest.shift()) : null;
    if (!local || !foreign || rest.length > 0) return out.skip(n, REASONS.notThisFormat);
    // A listener's foreign column is "0.0.0.0:0" or "[::]:0" (TCP) or "*:*" (UDP).
    if (!isAnyPeer(foreign, true)) return out.skip(n, state && STATES.test(state) && state !== 'LISTENING' ? connectionReason(state) : peerReason(foreign));
    if (protocol === 'tcp' && state !== 'LISTENING') return out.skip(n, state && STATES.test(state) ? connectionReason(state) : `TCP state "${state ?? ''}" not recognised (English state names only)`);
    if (protocol === 'udp' && state !== null) return out.skip(n, REASONS.notThisFormat);
    const endpoint = splitColonEndpoint(local);
    if (!endpoint) return out.skip(n, REASONS.notThisFormat);
    const port = portNumber(endpoint.port);
    if (port === null) return out.skip(n, namedPortReason(endpoint.port, '-n'));
    // "[::]:445" is the IPv6 wildcard; "0.0.0.0:135" the IPv4 one.
    const family = local.startsWith('[') ? '6' : familyOf(endpoint.address) ?? '4';
    // The name is filled in by the -b lines that follow; without -b the row has the PID only.
    out.row({ port, protocol, address: endpoint.address, iface: endpoint.iface, family, processes: pid === null ? [] : [{ name: '', pid }] }, [n]);
    owner = out.rows.at(-1)!;
  });
  return out.done('netstat-windows');
}
