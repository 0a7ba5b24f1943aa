/**
 * Commands to act on a port: block it, test it from another host, capture its traffic. Pure.
 *
 * Blocking and capturing cover every protocol a listener could use on the port (TCP and UDP,
 * plus SCTP or DCCP where IANA or a product names them): one command per tool where the tool
 * can say so in one rule (ufw's bare port, nft's `meta l4proto` set, pf's `proto { }` list,
 * pcap's `port`). Commands that open the port, and the reachability tests, cover only the
 * protocols in use there (protocolsInUse in src/lib/evidence/evidence.ts): opening 22/udp and
 * 22/sctp for SSH would widen the firewall for nothing. A tool that cannot match a protocol or
 * a port (ufw and nc refuse port 0) gets no command for it, and the block says so.
 *
 * Every shell command passes bash and zsh alike: nft's rule, whose braces zsh would parse, is
 * one quoted argument.
 *
 * Sources: ACT_SOURCES below, each with the lines its syntax rests on (shown on /commands/,
 * checked in tests/unit/act-commands.test.ts, which also runs ufw, nft, firewall-offline-cmd,
 * nmap, tcpdump, tshark, bash and zsh).
 */
import type { TransportProtocol } from '../transport-protocols.ts';

export const ACT_SECTIONS = ['firewall', 'reachability', 'capture'] as const;
export type ActSection = (typeof ACT_SECTIONS)[number];

/** The page that lists ACT_SOURCES with their quotes; each snippet links to its entry. */
export const COMMANDS_PATH = '/commands/';

/**
 * The section of /commands/ that gives NFT_SETUP, the commands that create the nft table and
 * chain: said once there and linked beside each port page's nft rule, rather than repeated on
 * 65,536 pages (BENCHMARKS.md, issue 24).
 */
export const NFT_SETUP_ID = 'nft-table';
export const NFT_SETUP_PATH = `${COMMANDS_PATH}#${NFT_SETUP_ID}`;

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
    quotes: [
      'Matching destination port of both UDP and TCP.',
      'inet filter input meta l4proto {tcp, udp} th dport { 53, 80 }',
      '{add | create} table [family] table [ {comment comment ;} { flags \'flags ; }]',
      'add Add a new table for the given family with the given name.',
      '{add | create} chain [family] table chain [{ type type hook hook [device device] priority priority ; [policy policy ;] [comment comment ;] }]',
      'add Add a new chain in the specified table. When a hook and priority value are specified, the chain is created as a base chain and hooked up to the networking stack.',
      'create Similar to the add command, but returns an error if the chain already exists.',
    ],
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
  nmapPorts: {
    id: 'nmap-ports',
    title: 'nmap(1), port specification, Nmap 7.93',
    url: 'https://nmap.org/book/man-port-specification.html',
    quotes: [
      '-p port ranges (Only scan specified ports)',
      'Scanning port zero is allowed if you specify it explicitly.',
      'When scanning a combination of protocols (e.g. TCP and UDP), you can specify a particular protocol by preceding the port numbers by T: for TCP, U: for UDP, S: for SCTP, or P: for IP Protocol.',
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
  /**
   * What the command needs first, linked after the label: "nft (<a>create the inet filter table
   * and input chain</a> if missing)".
   */
  needs?: { text: string; href: string; after: string };
  /** Exactly what to paste; several lines are run one after the other. */
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

/** A firewalld service that is the port's own (ownFirewalldService), and the ports it opens. */
export interface FirewalldOffer {
  service: string;
  opens: readonly { protocol: TransportProtocol; start: number; end: number }[];
}

export interface ActOptions {
  /**
   * The protocols in use on the port (protocolsInUse): the only ones "opens it" commands open
   * and reachability tests try. Defaults to the blocked protocols.
   */
  inUse?: readonly TransportProtocol[];
  /** firewalld's own service for the port, when there is one (ownFirewalldService). */
  firewalldService?: FirewalldOffer;
}

const ORDER: readonly TransportProtocol[] = ['tcp', 'udp', 'sctp', 'dccp'];
const UPPER: Record<TransportProtocol, string> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP', dccp: 'DCCP' };

/**
 * The protocols to block and capture: TCP and UDP always (as "what's listening" does: a
 * listener need not match its registration), SCTP and DCCP when an IANA entry other than
 * "Unassigned" or a use in practice names them. Unassigned rows name all four protocols only
 * because their CSV column is empty, so they add nothing.
 * @param entries the port's IANA entries (kind, protocols)
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

/** "TCP 22", "TCP and UDP 53", "TCP 27017–27019": what a firewalld service opens. */
export function opensWords(opens: FirewalldOffer['opens']): string {
  const span = ({ start, end }: { start: number; end: number }) => (start === end ? String(start) : `${start}–${end}`);
  const byProtocol = new Map<TransportProtocol, string[]>();
  for (const item of opens) byProtocol.set(item.protocol, [...(byProtocol.get(item.protocol) ?? []), span(item)]);
  // Group protocols that open the same ports: "TCP and UDP 88" rather than "TCP 88, UDP 88".
  const groups = new Map<string, TransportProtocol[]>();
  for (const protocol of ORDER) {
    const ports = byProtocol.get(protocol);
    if (ports) groups.set(ports.join(', '), [...(groups.get(ports.join(', ')) ?? []), protocol]);
  }
  return [...groups].map(([ports, protocols]) => `${protocolWords(protocols)} ${ports}`).join('; ');
}

/** ufw's port argument: the bare port for TCP and UDP, "N/proto" for one of them (ufw(8)). */
const ufwPort = (port: number, tcpUdp: readonly TransportProtocol[]) => (tcpUdp.length === 2 ? String(port) : `${port}/${tcpUdp[0]}`);

/**
 * nft's match for the protocols: `tcp dport N`, or `meta l4proto { tcp, udp } th dport N`
 * (nft(8)); SCTP and DCCP put the destination port at the same offset (RFC 9260 section 3.1,
 * RFC 4340 section 5.1).
 */
const nftMatch = (port: number, protocols: readonly TransportProtocol[]) =>
  protocols.length === 1 ? `${protocols[0]} dport ${port}` : `meta l4proto { ${protocols.join(', ')} } th dport ${port}`;

/**
 * The table and chain the rule goes in, created where missing: Debian has them only once
 * nftables.service (disabled by default) has loaded /etc/nftables.conf. `add` leaves an existing
 * table or chain as it is (nft(8): `create` "returns an error if the chain already exists").
 * Each line is one quoted argument, so that bash and zsh pass the braces and semicolon to nft.
 * Shown once, on /commands/ (NFT_SETUP_PATH), which each port page's nft rule links to.
 */
export const NFT_SETUP = [`sudo nft 'add table inet filter'`, `sudo nft 'add chain inet filter input { type filter hook input priority filter; }'`];

/**
 * @param port 0-65535
 * @param protocols the protocols to block and capture (actProtocols); at least one
 * @param options the protocols in use (what "opens it" and reachability cover) and firewalld's own service
 * @returns the firewall, reachability and capture blocks, in ACT_SECTIONS order
 * @throws RangeError when port is not an integer in 0-65535, or protocols or options.inUse name
 *   none of tcp, udp, sctp, dccp
 */
export function actCommands(port: number, protocols: readonly TransportProtocol[], options: ActOptions = {}): ActBlock[] {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer 0-65535, got ${port}`);
  }
  const all = ORDER.filter((p) => protocols.includes(p));
  if (all.length === 0) throw new RangeError(`protocols must name at least one of ${ORDER.join(', ')}, got [${protocols.join(', ')}]`);
  const inUse = ORDER.filter((p) => (options.inUse ?? all).includes(p));
  if (inUse.length === 0) throw new RangeError(`inUse must name at least one of ${ORDER.join(', ')}, got [${options.inUse?.join(', ')}]`);
  const has = (p: TransportProtocol) => inUse.includes(p);
  // ufw, pf, Windows and nc match TCP and UDP ports only; pcap's port matches TCP, UDP and SCTP.
  const tcpUdp = all.filter((p) => p === 'tcp' || p === 'udp');
  const tcpUdpInUse = inUse.filter((p) => p === 'tcp' || p === 'udp');
  const pcap = all.filter((p) => p !== 'dccp');
  // ufw answers "ERROR: Bad port" and nc "port number too small" for port 0 (both run in the
  // tests); pf and Windows Firewall rules for it could not be checked here, so none is offered.
  const zero = port === 0;
  const S = ACT_SOURCES;

  const firewall: ActSnippet[] = [];
  if (tcpUdp.length > 0 && !zero) {
    // ufw(8): a bare port covers tcp and udp; "/protocol" narrows it.
    firewall.push({ label: 'ufw', command: `sudo ufw deny ${ufwPort(port, tcpUdp)}`, shell: 'sh', source: S.ufw });
  }
  firewall.push({
    label: `firewalld: opens ${protocolWords(inUse)} ${port}`,
    command: `sudo firewall-cmd ${inUse.map((p) => `--add-port=${port}/${p}`).join(' ')}`,
    shell: 'sh',
    source: S.firewallCmd,
  });
  if (options.firewalldService) {
    const { service, opens } = options.firewalldService;
    firewall.push({ label: `firewalld: its ${service} service opens ${opensWords(opens)}`, command: `sudo firewall-cmd --add-service=${service}`, shell: 'sh', source: S.firewallCmd });
  }
  firewall.push({
    label: 'nft',
    // The rule fails where the table or chain is missing: the caption says so and links NFT_SETUP.
    needs: { text: 'create the inet filter table and input chain', href: NFT_SETUP_PATH, after: ' if missing' },
    command: `sudo nft 'add rule inet filter input ${nftMatch(port, all)} drop'`,
    shell: 'sh',
    source: S.nft,
  });
  if (tcpUdp.length > 0 && !zero) {
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
  const allow = zero
    ? 'To allow rather than block: nft accept.'
    : `To allow rather than block, allow only what uses the port (${protocolWords(inUse)})${tcpUdpInUse.length > 0 ? `: sudo ufw allow ${ufwPort(port, tcpUdpInUse)}` : ''}; nft accept, pf pass, -Action Allow.`;
  const firewallHints = [
    `${allow}${zero ? '' : ' pf: load with sudo pfctl -f /etc/pf.conf, enable with sudo pfctl -e.'} firewall-cmd: --remove-port closes; repeat with --permanent to keep.`,
  ];
  if (zero) firewallHints.push('ufw refuses port 0 ("ERROR: Bad port"), so there is no ufw rule; pf and Windows Firewall rules for port 0 are left out, as they could not be checked.');
  const notTcpUdp = all.filter((p) => p === 'sctp' || p === 'dccp');
  if (notTcpUdp.length > 0 && !zero) firewallHints.push(`ufw, pf and the Windows rule here match TCP and UDP only, not ${protocolWords(notTcpUdp)}.`);

  const reachability: ActSnippet[] = [];
  if (has('tcp') && zero) {
    // nmap(1): "Scanning port zero is allowed if you specify it explicitly."
    reachability.push({ label: 'nmap, TCP', command: `nmap -p 0 ${HOST}`, shell: 'sh', source: S.nmapPorts });
  } else if (has('tcp')) {
    reachability.push(
      { label: 'nc, TCP', command: `nc -zv ${HOST} ${port}`, shell: 'sh', source: S.nc },
      { label: 'Windows, TCP', command: `Test-NetConnection -ComputerName ${HOST} -Port ${port}`, shell: 'powershell', source: S.testNetConnection },
    );
  }
  // nmap(1): -sU, and "U: for UDP" in -p.
  if (has('udp')) reachability.push({ label: 'nmap, UDP', command: `sudo nmap -sU -p U:${port} ${HOST}`, shell: 'sh', source: S.nmap });
  if (has('sctp')) reachability.push({ label: 'nmap, SCTP', command: `sudo nmap -sY -p ${port} ${HOST}`, shell: 'sh', source: S.nmap });
  const reachabilityHints = [`Run from another host.${zero && has('tcp') ? ' nc refuses port 0 ("port number too small"); nmap scans it when asked for it by number.' : ''}${has('udp') ? ' For UDP, nc -zvu always reports success, so nmap -sU tests it.' : ''}`];
  if (reachability.length === 0) reachabilityHints.push(`No tool here tests ${protocolWords(inUse)} from another host.`);

  const capture: ActSnippet[] = [];
  if (pcap.length > 0) {
    capture.push({ label: 'tcpdump', command: `sudo tcpdump -i any -nn ${pcap.length === 1 ? `${pcap[0]} port` : 'port'} ${port}`, shell: 'sh', source: S.tcpdump });
  }
  capture.push({ label: 'Wireshark filter', command: all.map((p) => `${p}.port == ${port}`).join(' || '), shell: 'wireshark', source: S.wireshark });
  const captureHints = all.includes('dccp') ? ['tcpdump\'s port filter has no DCCP.'] : [];

  return [
    { id: 'firewall', title: `Block or allow port ${port}`, snippets: firewall, hints: firewallHints },
    { id: 'reachability', title: `Test port ${port} from another host`, snippets: reachability, hints: reachabilityHints },
    { id: 'capture', title: `Capture port ${port}'s traffic`, snippets: capture, hints: captureHints },
  ];
}
