/**
 * Parses the output of net-tools' `netstat` on Linux (netstat(8)): `netstat -tulpn`,
 * `netstat -tunap`, `netstat -anp` (with its UNIX socket section), with or without -p and the
 * User/Inode columns of -e.
 *
 * Input: "Active Internet connections (only servers)", "Proto Recv-Q Send-Q Local Address
 * Foreign Address State PID/Program name", rows such as `tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN
 * 812/sshd: /usr/sbin` and `udp6 0 0 :::5353 :::* 640/avahi-daemon: r` (UDP has no state);
 * the port follows the last ':' (":::22" is the IPv6 wildcard).
 * Output: a row per TCP socket in LISTEN and per UDP socket with no state (bound, not
 * connected). The program column is what net-tools reads from /proc/PID/cmdline, so a process
 * that rewrites its title shows as "nginx: master" or "sshd: /usr/sbin": the name is the first
 * word, without the colon. net-tools prints no interface scope (ss shows `%lo`; netstat does not).
 * Skipped, with the reason: titles, column headers and blank lines; TCP connections
 * (ESTABLISHED, TIME_WAIT, ...); connected UDP sockets (state ESTABLISHED); raw sockets; the
 * UNIX domain socket section; ports printed as names (netstat without -n).
 */
import { connectionReason, familyOf, isAnyPeer, peerReason, ListingBuilder, namedPortReason, portNumber, REASONS, splitColonEndpoint, type ListingProcess, type ListingProtocol, type ParsedListing } from './listing.ts';

const PROTOCOLS: Record<string, { protocol: ListingProtocol; v6: boolean }> = {
  tcp: { protocol: 'tcp', v6: false },
  tcp6: { protocol: 'tcp', v6: true },
  udp: { protocol: 'udp', v6: false },
  udp6: { protocol: 'udp', v6: true },
  udpl: { protocol: 'udp', v6: false },
  udpl6: { protocol: 'udp', v6: true },
  sctp: { protocol: 'sctp', v6: false },
  sctp6: { protocol: 'sctp', v6: true },
};
/** An address column: host:port, host:* or a service name with -n left out (":::80", "0.0.0.0:*", "*:ssh"). */
const ENDPOINT = /^\S+:(\*|[\w-]+)$/;

/** tcp_state names in net-tools' netstat.c. */
const STATES = /^(ESTABLISHED|SYN_SENT|SYN_RECV|FIN_WAIT1|FIN_WAIT2|TIME_WAIT|CLOSE|CLOSE_WAIT|LAST_ACK|LISTEN|CLOSING|UNKNOWN)$/;
/** net-tools prints "PID/Program name" in a 20-character field (PROGNAME_WIDTH), cutting longer names. */
export const NETSTAT_PROGRAM_WIDTH = 20;

/** "812/sshd: /usr/sbin" -> sshd (pid 812); "-" -> none. */
export function parseNetstatProgram(text: string): ListingProcess[] {
  const match = /^(\d+)\/(.*)$/.exec(text.trim());
  if (!match) return [];
  const pid = match[1]!;
  const title = match[2]!.trim();
  const name = title.split(/[\s:]/)[0]!;
  if (name === '') return [];
  // The field is cut at 19 characters plus a space; a title that fills it may have lost letters.
  const truncated = name === title && pid.length + 1 + title.length >= NETSTAT_PROGRAM_WIDTH - 1;
  return [{ name, pid: Number(pid), ...(truncated ? { truncated: true } : {}) }];
}

/** @param lines the input's lines (splitLines) */
export function parseNetstatLinux(lines: readonly string[]): ParsedListing {
  const out = new ListingBuilder(lines);
  let unixSection = false;
  lines.forEach((text, i) => {
    const n = i + 1;
    if (out.skipBlank(n)) return;
    if (/^Active (Internet connections|UNIX domain sockets|Bluetooth connections|IPX|AX\.25|NET\/ROM|X\.25)/.test(text)) {
      unixSection = !text.startsWith('Active Internet');
      return out.skip(n, REASONS.header);
    }
    if (/^Proto\s+(Recv-Q|RefCnt)\b/.test(text)) return out.skip(n, REASONS.header);
    const tokens = text.trim().split(/\s+/);
    const kind = PROTOCOLS[tokens[0]!];
    if (!kind) {
      if (/^(raw|raw6)$/.test(tokens[0]!)) return out.skip(n, 'raw socket: no port');
      return out.skip(n, unixSection || tokens[0] === 'unix' ? 'UNIX domain socket: no port' : REASONS.notThisFormat);
    }
    const [, recvQ, sendQ, local, foreign, ...rest] = tokens;
    // Both addresses are host:port (or *:*), and a state, if any, stands right after them: a line
    // where they do not is damaged, and its columns cannot be trusted (a connection's state could
    // sit one column off and the socket pass for a listener).
    if (!/^\d+$/.test(recvQ ?? '') || !/^\d+$/.test(sendQ ?? '') || !local || !foreign || !ENDPOINT.test(local) || !ENDPOINT.test(foreign)) return out.skip(n, REASONS.notThisFormat);
    if (rest.slice(1).some((token) => STATES.test(token))) return out.skip(n, REASONS.notThisFormat);
    const state = rest[0] && STATES.test(rest[0]) ? rest.shift()! : null;
    if (!isAnyPeer(foreign) && (state === 'LISTEN' || state === null)) return out.skip(n, peerReason(foreign));
    if (kind.protocol === 'udp' ? state !== null : state !== 'LISTEN') {
      return out.skip(n, kind.protocol === 'udp' ? `connected UDP socket (${state}), not a listener` : state ? connectionReason(state) : 'TCP socket without a state');
    }
    const endpoint = splitColonEndpoint(local);
    if (!endpoint) return out.skip(n, REASONS.notThisFormat);
    const port = portNumber(endpoint.port);
    if (port === null) return out.skip(n, namedPortReason(endpoint.port, '-n'));
    // The PID/Program column starts at the first "PID/" token (after User and Inode with -e).
    const start = rest.findIndex((token) => /^\d+\//.test(token));
    const processes = start >= 0 ? parseNetstatProgram(rest.slice(start).join(' ')) : [];
    const family = kind.v6 ? (endpoint.address === '::' ? '6' : familyOf(endpoint.address) ?? '6') : '4';
    out.row({ port, protocol: kind.protocol, address: endpoint.address, iface: endpoint.iface, family, processes }, [n]);
  });
  return out.done('netstat-linux');
}
