/**
 * Parses the output of iproute2's `ss` (ss(8)): `ss -tulpn`, `ss -ltnp`, `ss -lunp`, `ss -tuanp`,
 * with or without the Netid column (ss prints it when more than one socket table is shown),
 * with or without the Process column (-p) and with the extended columns of -e.
 *
 * Input: "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process" and rows such
 * as `tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,fd=3))`; endpoints
 * "0.0.0.0:22", "[::]:22", "*:5353" (a dual-stack IPv6 socket), "127.0.0.53%lo:53" (bound to
 * device lo), "[::1]:631".
 * Output: a row per LISTEN socket (TCP, SCTP, MPTCP) and per UNCONN UDP socket (a bound UDP
 * socket is how UDP listens), with the users:(...) processes. Without the Netid column the
 * protocol comes from the state: LISTEN is TCP, UNCONN is UDP (the tables -t and -u show).
 * Skipped, with the reason: titles and blank lines; connections (ESTAB, TIME-WAIT, SYN-SENT and
 * the other TCP states, a connected UDP socket); UNIX, raw, netlink and packet sockets (no
 * port); ports printed as names (ss without -n). A line that holds only users:(...) continues
 * the row above it (a narrow terminal wraps the Process column).
 */
import { connectionReason, familyOf, isAnyPeer, ListingBuilder, peerReason, namedPortReason, portNumber, REASONS, splitColonEndpoint, type Family, type ListingProcess, type ListingProtocol, type ParsedListing } from './listing.ts';

/** The Netid values of ss(8) whose sockets have ports, and what they are. */
const PORT_NETIDS: Record<string, ListingProtocol> = { tcp: 'tcp', udp: 'udp', sctp: 'sctp', mptcp: 'tcp' };
/** Netid values without ports: UNIX, raw IP, netlink, packet, vsock, TIPC, XDP sockets. */
const PORTLESS_NETIDS = /^(u_str|u_dgr|u_seq|raw|nl|p_raw|p_dgr|v_str|v_dgr|tipc|xdp|icmp6?|dccp)$/;
/** TCP states as ss(8) prints them (include/net/tcp_states.h names, hyphenated). */
const TCP_STATES = /^(LISTEN|ESTAB|SYN-SENT|SYN-RECV|FIN-WAIT-1|FIN-WAIT-2|TIME-WAIT|CLOSE|CLOSE-WAIT|LAST-ACK|CLOSING|UNCONN|NEW-SYN-RECV|BOUND-INACTIVE)$/;

/** The process name as the kernel keeps it (comm) is at most 15 characters; ss prints that. */
export const SS_NAME_LIMIT = 15;

/** users:(("nginx",pid=2,fd=6),("nginx",pid=1,fd=6)) -> the processes, each name and PID once. */
export function parseSsUsers(text: string): ListingProcess[] {
  const processes: ListingProcess[] = [];
  for (const match of text.matchAll(/\("((?:[^"\\]|\\.)*)",pid=(\d+)/g)) {
    const name = match[1]!;
    const pid = Number(match[2]);
    if (!processes.some((p) => p.name === name && p.pid === pid)) processes.push({ name, pid, ...(name.length >= SS_NAME_LIMIT ? { truncated: true } : {}) });
  }
  return processes;
}

const isHeader = (line: string): boolean => /^\s*(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local\s+Address:Port/.test(line);

/** @param lines the input's lines (splitLines) */
export function parseSs(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  let last: { processes: ListingProcess[]; lines: number[] } | null = null;
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    if (isHeader(text)) return out.skip(n, REASONS.header);
    const tokens = text.trim().split(/\s+/);
    // A wrapped Process column: only users:(...) on the line.
    if (/^\s/.test(text) && tokens.length === 1 && tokens[0]!.startsWith('users:(')) {
      if (last) {
        last.processes.push(...parseSsUsers(tokens[0]!).filter((p) => !last!.processes.some((q) => q.name === p.name && q.pid === p.pid)));
        last.lines.push(n);
        return;
      }
      return out.skip(n, 'process column of a line that was skipped');
    }
    last = null;
    const netid = PORT_NETIDS[tokens[0]!] || PORTLESS_NETIDS.test(tokens[0]!) ? tokens.shift()! : null;
    const [state, recvQ, sendQ, local, peer, ...rest] = tokens;
    if (!state || !TCP_STATES.test(state) || !/^\d+$/.test(recvQ ?? '') || !/^\d+$/.test(sendQ ?? '') || !local || !peer) return out.skip(n, REASONS.notThisFormat);
    if (netid && !PORT_NETIDS[netid]) return out.skip(n, `${netid} socket: no port`);
    const protocol: ListingProtocol | null = netid ? PORT_NETIDS[netid]! : state === 'LISTEN' ? 'tcp' : state === 'UNCONN' ? 'udp' : null;
    if (state !== 'LISTEN' && state !== 'UNCONN') return out.skip(n, protocol === 'udp' ? `connected UDP socket (${state}), not a listener` : connectionReason(state));
    if (!isAnyPeer(peer)) return out.skip(n, peerReason(peer));
    if (protocol === null) return out.skip(n, REASONS.notThisFormat);
    // LISTEN on UDP or UNCONN on TCP (a closed socket) is not a listener.
    if ((state === 'UNCONN') !== (protocol === 'udp')) return out.skip(n, `${protocol.toUpperCase()} socket in state ${state}, not listening`);
    const endpoint = splitColonEndpoint(local);
    if (!endpoint) return out.skip(n, REASONS.notThisFormat);
    const port = portNumber(endpoint.port);
    if (port === null) return out.skip(n, namedPortReason(endpoint.port, '-n'));
    // ss prints a dual-stack IPv6 wildcard (IPV6_V6ONLY off) as "*", an IPv6-only one as "[::]".
    const family: Family | null = endpoint.address === '*' ? '46' : local.startsWith('[') ? '6' : familyOf(endpoint.address);
    const processes = parseSsUsers(rest.join(' '));
    const row = { port, protocol, address: endpoint.address, iface: endpoint.iface, family, processes };
    out.row(row, [n]);
    last = out.rows.at(-1)!;
  });
  return out.done('ss');
}
