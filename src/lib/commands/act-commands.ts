/**
 * Commands to act on a port: block it, test it from another host, capture its traffic. Pure.
 *
 * One command per tool covers all of the port's protocols where the tool can say so in one
 * rule (ufw's bare port, nft's `meta l4proto` set, pf's `proto { }` list, pcap's `port`);
 * the command changes per protocol only where the tool needs it (Windows -Protocol). A tool
 * that cannot match a protocol gets no command for it, and the block says so.
 *
 * Sources: ACT_SOURCES below, each with the lines its syntax rests on (shown on /commands/,
 * checked in tests/unit/act-commands.test.ts, which also runs ufw, nft, tcpdump and tshark).
 */
import type { TransportProtocol } from '../transport-protocols.ts';

export const ACT_SECTIONS = ['firewall', 'reachability', 'capture'] as const;
export type ActSection = (typeof ACT_SECTIONS)[number];

/** The page that lists ACT_SOURCES with their quotes; each snippet links to its entry. */
export const COMMANDS_PATH = '/commands/';

/** Stands for the host to test; the component marks it up as a placeholder (<var>). */
export const HOST = 'HOST';

export interface Source {
  /** Anchor on /commands/: #ufw. */
  id: string;
  title: string;
  url: string;
  /** Lines of the source, verbatim (runs of spaces collapsed), that the commands follow. */
  quotes: string[];
}

const DEBIAN = 'https://manpages.debian.org/bookworm';
/** Debian 12's man pages where the tool is in Debian (the versions the tests run). */
export const ACT_SOURCES = {
  ufw: {
    id: 'ufw',
    title: 'ufw(8), ufw 0.36.2',
    url: `${DEBIAN}/ufw/ufw.8.en.html`,
    quotes: [
      'ufw [--dry-run] [rule] [delete] [insert NUM] [prepend] allow|deny|reject|limit [in|out [on INTERFACE]] [log|log-all] [proto PROTOCOL] [from ADDRESS [port PORT | app APPNAME ]] [to ADDRESS [port PORT | app APPNAME ]] [comment COMMENT]',
      'ufw allow 53',
      'This rule will allow tcp and udp port 53 to any address on this host. To specify a protocol, append \'/protocol\' to the port.',
      'ufw supports several different protocols. The following are valid in any rule and enabled when the protocol is not specified: tcp udp',
    ],
  },
  firewallCmd: {
    id: 'firewall-cmd',
    title: 'firewall-cmd(1), firewalld 1.3',
    url: `${DEBIAN}/firewalld/firewall-cmd.1.en.html`,
    quotes: [
      '[--permanent] [--zone=zone] [--permanent] [--policy=policy] --add-port=portid[-portid]/protocol [--timeout=timeval]',
      'Add the port. This option can be specified multiple times.',
      'The port can either be a single port number or a port range portid-portid. The protocol can either be tcp, udp, sctp or dccp.',
      '[--permanent] [--zone=zone] [--permanent] [--policy=policy] --add-service=service [--timeout=timeval]',
      '[--permanent] [--zone=zone] [--permanent] [--policy=policy] --remove-port=portid[-portid]/protocol',
      'Without the --permanent option, a change will only be part of the runtime configuration.',
      'If you want to make a change in runtime and permanent configuration, use the same call with and without the --permanent option.',
    ],
  },
  nft: {
    id: 'nft',
    title: 'nft(8), nftables 1.0.6',
    url: `${DEBIAN}/nftables/nft.8.en.html`,
    quotes: ['Matching destination port of both UDP and TCP.', 'inet filter input meta l4proto {tcp, udp} th dport { 53, 80 }'],
  },
  pf: {
    id: 'pf',
    title: 'pf.conf(5), FreeBSD (macOS\'s pf derives from it)',
    url: 'https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5',
    quotes: [
      'action = "pass" | "match" | "block" [ return ] | [ "no" ] "scrub"',
      'return = "drop" | "return" | "return-rst" [ "( ttl" number ")" ] | …',
      'protospec = "proto" ( proto-name | proto-number | "{" proto-list "}" )',
      'proto-list = ( proto-name | proto-number ) [ [ "," ] proto-list ]',
      'hosts = "all" | "from" ( "any" | "no-route" | "urpf-failed" | "self" | host | "{" host-list "}" ) [ port ] [ os ] "to" ( "any" | "no-route" | "self" | host | "{" host-list "}" ) [ port ]',
      'port = "port" ( unary-op | binary-op | "{" op-list "}" )',
    ],
  },
  pfctl: {
    id: 'pfctl',
    title: 'pfctl(8), FreeBSD',
    url: 'https://man.freebsd.org/cgi/man.cgi?query=pfctl&sektion=8',
    quotes: ['-e Enable the packet filter.', '-f file Load the rules contained in file.'],
  },
  newNetFirewallRule: {
    id: 'new-netfirewallrule',
    title: 'New-NetFirewallRule, Microsoft Learn',
    url: 'https://learn.microsoft.com/en-us/previous-versions/windows/powershell-scripting/jj554908(v=wps.620)',
    quotes: [
      'New-NetFirewallRule -DisplayName <String> [-Action <Action> ] … [-Direction <Direction> ] … [-LocalPort <String[]> ] … [-Protocol <String> ]',
    ],
  },
  nc: {
    id: 'nc',
    title: 'nc(1), netcat-openbsd',
    url: `${DEBIAN}/netcat-openbsd/nc_openbsd.1.en.html`,
    quotes: [
      '-z Only scan for listening daemons, without sending any data to them.',
      '-v Produce more verbose output.',
      'UDP port scans using the -uz combination of flags will always report success irrespective of the target machine\'s state.',
    ],
  },
  testNetConnection: {
    id: 'test-netconnection',
    title: 'Test-NetConnection, Microsoft Learn',
    url: 'https://learn.microsoft.com/en-us/previous-versions/windows/powershell-scripting/dn372891(v=wps.630)',
    quotes: [
      'Test-NetConnection [[-ComputerName] <String> ] -Port <Int32> [-InformationLevel <String> ] [ <CommonParameters>]',
      'The output includes the results of a DNS lookup, a listing of IP interfaces, an option to test a TCP connection, IPsec rules, and confirmation of connection establishment.',
    ],
  },
  nmap: {
    id: 'nmap',
    title: 'nmap(1)',
    url: 'https://nmap.org/book/man-port-scanning-techniques.html',
    quotes: ['-sU (UDP scans)', '-sY (SCTP INIT scan)'],
  },
  tcpdump: {
    id: 'tcpdump',
    title: 'tcpdump(8), tcpdump 4.99',
    url: `${DEBIAN}/tcpdump/tcpdump.8.en.html`,
    quotes: [
      'On Linux systems with 2.2 or later kernels and on recent versions of macOS and Solaris, an interface argument of ``any\'\' can be used to capture packets from all interfaces.',
      '-n Don\'t convert addresses (i.e., host addresses, port numbers, etc.) to names.',
    ],
  },
  pcapFilter: {
    id: 'pcap-filter',
    title: 'pcap-filter(7), libpcap 1.10',
    url: `${DEBIAN}/libpcap0.8/pcap-filter.7.en.html`,
    quotes: [
      'dst port portnamenum True if the packet is IPv4/v6 TCP, UDP or SCTP and has a destination port value of portnamenum.',
      'port portnamenum True if either the source or destination port of the packet is portnamenum.',
    ],
  },
  wireshark: {
    id: 'wireshark',
    title: 'wireshark-filter(4), Wireshark 4.0',
    url: `${DEBIAN}/wireshark-common/wireshark-filter.4.en.html`,
    quotes: ['tcp.port == 80 or tcp.port == 443 or tcp.port == 8080', 'or, || Logical OR (left-associative)'],
  },
} as const satisfies Record<string, Source>;

export interface ActSnippet {
  /** The tool, with OS or protocol where it matters: "ufw", "Windows, TCP only". */
  label: string;
  /** Exactly what to paste. */
  command: string;
  /** Where it goes: a shell, PowerShell, a pf.conf line, Wireshark's filter bar. */
  shell: 'sh' | 'powershell' | 'pf.conf' | 'wireshark';
  source: Source;
}

export interface ActBlock {
  /** Stable anchor id: #firewall, #reachability, #capture. */
  id: ActSection;
  /** Heading text. */
  title: string;
  snippets: ActSnippet[];
  /** Sentences on what the commands leave out and how to reverse them. */
  hints: string[];
}

export interface ActOptions {
  /** firewalld's service for the port (a file in firewalld's services/), when there is one. */
  firewalldService?: string;
}

const ORDER: readonly TransportProtocol[] = ['tcp', 'udp', 'sctp', 'dccp'];
const UPPER: Record<TransportProtocol, string> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP', dccp: 'DCCP' };

/**
 * The protocols to give commands for: TCP and UDP always (as "what's listening" does: a
 * listener need not match its registration), SCTP and DCCP when an IANA entry other than
 * "Unassigned" or a use in practice names them. Unassigned rows name all four protocols only
 * because their CSV column is empty, so they add nothing.
 * @param entries the port record's IANA entries (kind, protocols)
 * @param uses the protocols of each use in practice
 * @returns protocols in registry order (tcp, udp, sctp, dccp)
 */
export function actProtocols(
  entries: readonly { kind: string; protocols: readonly TransportProtocol[] }[],
  uses: readonly { protocols: readonly TransportProtocol[] }[],
): TransportProtocol[] {
  const named = new Set<TransportProtocol>(['tcp', 'udp']);
  for (const entry of entries) if (entry.kind !== 'unassigned') entry.protocols.forEach((p) => named.add(p));
  for (const use of uses) use.protocols.forEach((p) => named.add(p));
  return ORDER.filter((p) => named.has(p));
}

/** "TCP", "TCP and UDP", "TCP, UDP and SCTP". */
function protocolWords(protocols: readonly TransportProtocol[]): string {
  const words = protocols.map((p) => UPPER[p]);
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/**
 * @param port 0-65535
 * @param protocols the port's protocols (actProtocols); at least one
 * @param options firewalldService adds `firewall-cmd --add-service=<name>`
 * @returns the firewall, reachability and capture blocks, in ACT_SECTIONS order
 * @throws RangeError when port is not an integer in 0-65535 or protocols names none of tcp, udp, sctp, dccp
 */
export function actCommands(port: number, protocols: readonly TransportProtocol[], options: ActOptions = {}): ActBlock[] {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer 0-65535, got ${port}`);
  }
  const all = ORDER.filter((p) => protocols.includes(p));
  if (all.length === 0) throw new RangeError(`protocols must name at least one of ${ORDER.join(', ')}, got [${protocols.join(', ')}]`);
  const has = (p: TransportProtocol) => all.includes(p);
  // ufw, pf, Windows and nc match TCP and UDP ports only; pcap's port matches TCP, UDP and SCTP.
  const tcpUdp = all.filter((p) => p === 'tcp' || p === 'udp');
  const pcap = all.filter((p) => p !== 'dccp');
  const S = ACT_SOURCES;

  const firewall: ActSnippet[] = [];
  if (tcpUdp.length > 0) {
    // ufw(8): a bare port covers tcp and udp; "/protocol" narrows it.
    firewall.push({ label: 'ufw', command: `sudo ufw deny ${tcpUdp.length === 2 ? port : `${port}/${tcpUdp[0]}`}`, shell: 'sh', source: S.ufw });
  }
  firewall.push({
    label: 'firewalld: opens it',
    command: `sudo firewall-cmd ${all.map((p) => `--add-port=${port}/${p}`).join(' ')}`,
    shell: 'sh',
    source: S.firewallCmd,
  });
  if (options.firewalldService) {
    firewall.push({ label: 'firewalld service: opens all its ports', command: `sudo firewall-cmd --add-service=${options.firewalldService}`, shell: 'sh', source: S.firewallCmd });
  }
  // nft(8) matches TCP and UDP with "meta l4proto {tcp, udp} th dport"; SCTP and DCCP put the
  // destination port at the same offset (RFC 9260 section 3.1, RFC 4340 section 5.1).
  const nftMatch = all.length === 1 ? `${all[0]} dport ${port}` : `meta l4proto { ${all.join(', ')} } th dport ${port}`;
  firewall.push({ label: 'nft (Debian\'s inet filter table)', command: `sudo nft add rule inet filter input ${nftMatch} drop`, shell: 'sh', source: S.nft });
  if (tcpUdp.length > 0) {
    const pfProto = tcpUdp.length === 1 ? tcpUdp[0] : `{ ${tcpUdp.join(' ')} }`;
    firewall.push({ label: 'macOS: pf.conf line', command: `block drop in proto ${pfProto} from any to any port ${port}`, shell: 'pf.conf', source: S.pf });
    const rule = (protocol: string) => `New-NetFirewallRule -DisplayName "Block ${protocol} ${port}" -Direction Inbound -Protocol ${protocol} -LocalPort ${port} -Action Block`;
    firewall.push({
      label: 'Windows',
      // -Protocol takes one protocol, so one rule each.
      command: tcpUdp.length === 1 ? rule(UPPER[tcpUdp[0]!]) : `'TCP', 'UDP' | ForEach-Object { ${rule('$_')} }`,
      shell: 'powershell',
      source: S.newNetFirewallRule,
    });
  }
  const firewallHints = [
    'To allow: ufw allow, nft accept, pf pass, -Action Allow. pf: load with sudo pfctl -f /etc/pf.conf, enable with sudo pfctl -e. firewall-cmd: --remove-port closes; repeat with --permanent to keep.',
  ];
  const notTcpUdp = all.filter((p) => p === 'sctp' || p === 'dccp');
  if (notTcpUdp.length > 0) firewallHints.push(`ufw, pf and the Windows rule here match TCP and UDP only, not ${protocolWords(notTcpUdp)}.`);

  const reachability: ActSnippet[] = [];
  if (has('tcp')) {
    reachability.push(
      { label: 'nc, TCP', command: `nc -zv ${HOST} ${port}`, shell: 'sh', source: S.nc },
      { label: 'Windows, TCP', command: `Test-NetConnection -ComputerName ${HOST} -Port ${port}`, shell: 'powershell', source: S.testNetConnection },
    );
  }
  if (has('sctp')) reachability.push({ label: 'nmap, SCTP', command: `sudo nmap -sY -p ${port} ${HOST}`, shell: 'sh', source: S.nmap });
  // nc(1), CAVEATS: -uz "will always report success irrespective of the target machine's state".
  const reachabilityHints = [`Run from another host.${has('udp') ? ' For UDP, nc -zvu always reports success: use nmap -sU (above).' : ''}`];

  const capture: ActSnippet[] = [];
  if (pcap.length > 0) {
    capture.push({ label: 'tcpdump', command: `sudo tcpdump -i any -nn ${pcap.length === 1 ? `${pcap[0]} port` : 'port'} ${port}`, shell: 'sh', source: S.tcpdump });
  }
  capture.push({ label: 'Wireshark filter', command: all.map((p) => `${p}.port == ${port}`).join(' || '), shell: 'wireshark', source: S.wireshark });
  const captureHints = has('dccp') ? ['tcpdump\'s port filter has no DCCP.'] : [];

  return [
    { id: 'firewall', title: `Block or allow port ${port}`, snippets: firewall, hints: firewallHints },
    { id: 'reachability', title: `Test port ${port} from another host`, snippets: reachability, hints: reachabilityHints },
    { id: 'capture', title: `Capture port ${port}'s traffic`, snippets: capture, hints: captureHints },
  ];
}
