/**
 * The firewall, reachability and capture commands of each port page, checked two ways:
 * against the lines of the man pages they follow (quoted in the comments and in ACT_SOURCES),
 * and by running the real tools where they validate without side effects: ufw --dry-run,
 * nft --check, tcpdump -d, tshark -Y on an empty capture. A missing tool fails the test with
 * the apt-get line that installs it (.ci/run installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACT_SECTIONS, ACT_SOURCES, actCommands, actProtocols, HOST, type ActBlock } from '../../src/lib/commands/act-commands.ts';
import type { TransportProtocol } from '../../src/lib/transport-protocols.ts';

const TCP_UDP: TransportProtocol[] = ['tcp', 'udp'];
const ALL: TransportProtocol[] = ['tcp', 'udp', 'sctp', 'dccp'];

function snippet(blocks: ActBlock[], section: string, label: string): string {
  const found = blocks.find((b) => b.id === section)?.snippets.find((s) => s.label === label);
  if (!found) throw new Error(`no snippet "${label}" in #${section}`);
  return found.command;
}
const labels = (blocks: ActBlock[], section: string) => blocks.find((b) => b.id === section)!.snippets.map((s) => s.label);

/** Runs a tool; fails with how to install it when it is missing. */
function run(tool: string, args: string[], aptPackage: string): { status: number; out: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: apt-get install -y ${aptPackage} (.ci/run does this)`);
  }
  return { status: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

/** The words a POSIX shell passes to the command (quotes and braces as bash reads them). */
function shellWords(command: string): string[] {
  const out = execFileSync('bash', ['-c', `set -f; words() { printf '%s\\0' "$@"; }; words ${command}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** The tools load their rule sets or dissectors on each run: seconds each on a busy machine. */
const TOOL_TIMEOUT = 60_000;
const scratch = mkdtempSync(join(tmpdir(), 'act-commands-'));

describe('actProtocols', () => {
  it('gives TCP and UDP for every port, as the listening commands do', () => {
    expect(actProtocols([], [])).toEqual(TCP_UDP);
    expect(actProtocols([{ kind: 'assigned', protocols: ['tcp'] }], [])).toEqual(TCP_UDP);
  });

  it('adds SCTP and DCCP only when an assignment, reservation or use names them', () => {
    // 22: ssh on tcp/udp and sctp (content/iana CSV).
    expect(actProtocols([{ kind: 'assigned', protocols: ['tcp', 'udp'] }, { kind: 'assigned', protocols: ['sctp'] }], [])).toEqual(['tcp', 'udp', 'sctp']);
    expect(actProtocols([{ kind: 'de-assigned', protocols: ['dccp'] }], [])).toEqual(['tcp', 'udp', 'dccp']);
    expect(actProtocols([], [{ protocols: ['sctp'] }])).toEqual(['tcp', 'udp', 'sctp']);
    // An "Unassigned" row has an empty protocol column, read as all four: that names nothing.
    expect(actProtocols([{ kind: 'unassigned', protocols: ALL }], [])).toEqual(TCP_UDP);
  });
});

describe('actCommands', () => {
  it('gives the three sections in order, each with a title naming the port', () => {
    const blocks = actCommands(8291, TCP_UDP);
    expect(blocks.map((b) => b.id)).toEqual([...ACT_SECTIONS]);
    for (const block of blocks) expect(block.title).toMatch(/\b8291\b/);
  });

  it('rejects a port outside 0-65535 and an empty protocol list', () => {
    expect(() => actCommands(65536, TCP_UDP)).toThrow(RangeError);
    expect(() => actCommands(1.5, TCP_UDP)).toThrow(/integer 0-65535/);
    expect(() => actCommands(22, [])).toThrow(/at least one/);
  });

  it('names the port as a whole number in every command, never as part of another', () => {
    for (const port of [0, 22, 3489, 8291, 65535]) {
      for (const block of actCommands(port, ALL, { firewalldService: 'ssh' })) {
        for (const { command } of block.snippets) {
          if (command === 'sudo firewall-cmd --add-service=ssh') continue;
          const numbers = command.match(/\d+/g) ?? [];
          expect(numbers, command).toContain(String(port));
          for (const n of numbers) if (n !== String(port)) expect(n.includes(String(port)), `${n} in ${command}`).toBe(false);
        }
      }
    }
  });

  it('links every snippet to a source with an https URL and quoted lines', () => {
    for (const block of actCommands(22, ALL, { firewalldService: 'ssh' })) {
      for (const { source } of block.snippets) {
        expect(Object.values(ACT_SOURCES)).toContain(source);
        expect(source.url).toMatch(/^https:\/\//);
        expect(source.quotes.length).toBeGreaterThan(0);
      }
    }
  });

  describe('ufw', () => {
    // ufw(8): "ufw allow 53 ... This rule will allow tcp and udp port 53 to any address on this
    // host. To specify a protocol, append '/protocol' to the port." and "ufw deny 53".
    it('denies the bare port for TCP and UDP, port/protocol for one', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'firewall', 'ufw')).toBe('sudo ufw deny 8291');
      expect(snippet(actCommands(8291, ['tcp']), 'firewall', 'ufw')).toBe('sudo ufw deny 8291/tcp');
      expect(snippet(actCommands(8291, ['udp', 'sctp']), 'firewall', 'ufw')).toBe('sudo ufw deny 8291/udp');
    });

    it('is accepted by ufw --dry-run, which drops exactly the page\'s protocols', () => {
      for (const protocols of [TCP_UDP, ['tcp'], ['udp']] as TransportProtocol[][]) {
        const command = snippet(actCommands(8291, protocols), 'firewall', 'ufw');
        const [sudo, ufw, ...args] = shellWords(command);
        expect([sudo, ufw]).toEqual(['sudo', 'ufw']);
        const { status, out } = run('ufw', ['--dry-run', ...args], 'ufw');
        expect(status, out).toBe(0);
        const dropped = [...out.matchAll(/^-A ufw-user-input -p (\w+) --dport 8291 -j DROP$/gm)].map((m) => m[1]);
        expect(dropped).toEqual(protocols);
      }
    }, TOOL_TIMEOUT);

    it('has no SCTP or DCCP rule: ufw rejects them, so the page says so', () => {
      // ufw(8): "The following are valid in any rule and enabled when the protocol is not specified: tcp udp".
      expect(run('ufw', ['--dry-run', 'deny', '8291/sctp'], 'ufw').status).not.toBe(0);
      const blocks = actCommands(9, ALL);
      expect(blocks[0]!.snippets.map((s) => s.command).filter((c) => c.startsWith('sudo ufw'))).toEqual(['sudo ufw deny 9']);
      expect(blocks[0]!.hints.join(' ')).toContain('TCP and UDP only, not SCTP and DCCP');
      expect(actCommands(9, TCP_UDP)[0]!.hints.join(' ')).not.toContain('only, not');
      expect(labels(actCommands(9, ['sctp']), 'firewall')).not.toContain('ufw');
    }, TOOL_TIMEOUT);
  });

  describe('firewalld', () => {
    // firewall-cmd(1): "--add-port=portid[-portid]/protocol ... Add the port. This option can be
    // specified multiple times." "The protocol can either be tcp, udp, sctp or dccp."
    it('adds the port once per protocol in one call', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'firewall', 'firewalld: opens it')).toBe('sudo firewall-cmd --add-port=8291/tcp --add-port=8291/udp');
      expect(snippet(actCommands(9, ALL), 'firewall', 'firewalld: opens it')).toBe(
        'sudo firewall-cmd --add-port=9/tcp --add-port=9/udp --add-port=9/sctp --add-port=9/dccp',
      );
    });

    // firewall-cmd(1): "--add-service=service".
    it('adds the firewalld service only when one is given', () => {
      expect(labels(actCommands(22, TCP_UDP), 'firewall')).not.toContain('firewalld service: opens all its ports');
      expect(snippet(actCommands(22, TCP_UDP, { firewalldService: 'ssh' }), 'firewall', 'firewalld service: opens all its ports')).toBe('sudo firewall-cmd --add-service=ssh');
    });

    // firewall-cmd(1): "Without the --permanent option, a change will only be part of the runtime
    // configuration. If you want to make a change in runtime and permanent configuration, use the
    // same call with and without the --permanent option." "--remove-port ... Remove the port."
    it('says how to keep the change and how to close the port again', () => {
      const hint = actCommands(22, TCP_UDP)[0]!.hints[0]!;
      expect(hint).toContain('repeat with --permanent to keep');
      expect(hint).toContain('firewall-cmd: --remove-port closes');
    });
  });

  describe('nft', () => {
    // nft(8): "Matching destination port of both UDP and TCP. inet filter input meta l4proto {tcp, udp} th dport { 53, 80 }".
    it('matches all the port\'s protocols in one rule of the inet filter table', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'firewall', 'nft (Debian\'s inet filter table)')).toBe(
        'sudo nft add rule inet filter input meta l4proto { tcp, udp } th dport 8291 drop',
      );
      expect(snippet(actCommands(8291, ['tcp']), 'firewall', 'nft (Debian\'s inet filter table)')).toBe('sudo nft add rule inet filter input tcp dport 8291 drop');
    });

    it('passes nft --check against Debian\'s default table, as the shell hands it over', () => {
      for (const protocols of [TCP_UDP, ['tcp'], ['sctp'], ALL] as TransportProtocol[][]) {
        const [sudo, nft, ...args] = shellWords(snippet(actCommands(8291, protocols), 'firewall', 'nft (Debian\'s inet filter table)'));
        expect([sudo, nft]).toEqual(['sudo', 'nft']);
        // Debian 12's /etc/nftables.conf: table inet filter { chain input { type filter hook input priority filter; } ... }
        const file = join(scratch, 'rule.nft');
        writeFileSync(file, `table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter;\n\t}\n}\n${args.join(' ')}\n`);
        const { status, out } = run('nft', ['--check', '-f', file], 'nftables');
        expect(status, `${args.join(' ')}: ${out}`).toBe(0);
      }
    }, TOOL_TIMEOUT);
  });

  describe('pf (macOS)', () => {
    // pf.conf(5): action = "pass" | "match" | "block" [ return ]; return = "drop" | ...;
    // protospec = "proto" ( proto-name | proto-number | "{" proto-list "}" );
    // proto-list = ( proto-name | proto-number ) [ [ "," ] proto-list ];
    // hosts = "all" | "from" ( "any" | ... ) [ port ] [ os ] "to" ( "any" | ... ) [ port ].
    it('gives a pf.conf block line with a protocol list, and how to load it', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'firewall', 'macOS: pf.conf line')).toBe('block drop in proto { tcp udp } from any to any port 8291');
      expect(snippet(actCommands(8291, ['udp']), 'firewall', 'macOS: pf.conf line')).toBe('block drop in proto udp from any to any port 8291');
      // pfctl(8): "-f file Load the rules contained in file." "-e Enable the packet filter."
      expect(actCommands(8291, TCP_UDP)[0]!.hints.join(' ')).toContain('pf: load with sudo pfctl -f /etc/pf.conf, enable with sudo pfctl -e.');
    });
  });

  describe('Windows', () => {
    // Microsoft Learn: New-NetFirewallRule -DisplayName <String> [-Action <Action>] [-Direction <Direction>]
    // [-LocalPort <String[]>] [-Protocol <String>]: one protocol per rule.
    it('creates one inbound block rule per protocol', () => {
      expect(snippet(actCommands(8291, ['tcp']), 'firewall', 'Windows')).toBe(
        'New-NetFirewallRule -DisplayName "Block TCP 8291" -Direction Inbound -Protocol TCP -LocalPort 8291 -Action Block',
      );
      expect(snippet(actCommands(8291, TCP_UDP), 'firewall', 'Windows')).toBe(
        "'TCP', 'UDP' | ForEach-Object { New-NetFirewallRule -DisplayName \"Block $_ 8291\" -Direction Inbound -Protocol $_ -LocalPort 8291 -Action Block }",
      );
    });

    // Microsoft Learn: Test-NetConnection [[-ComputerName] <String>] -Port <Int32>; "an option to test a TCP connection".
    it('tests a TCP connection with Test-NetConnection', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'reachability', 'Windows, TCP')).toBe(`Test-NetConnection -ComputerName ${HOST} -Port 8291`);
      expect(labels(actCommands(8291, ['udp']), 'reachability')).not.toContain('Windows, TCP');
    });
  });

  describe('reachability', () => {
    // nc(1): "-z Only scan for listening daemons, without sending any data to them." "-v Produce more verbose output."
    it('scans TCP with nc -zv from another host, HOST standing for it', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'reachability', 'nc, TCP')).toBe('nc -zv HOST 8291');
    });

    // nc(1), CAVEATS: "UDP port scans using the -uz combination of flags will always report
    // success irrespective of the target machine's state."
    it('gives no nc UDP command, and says why, pointing to nmap -sU', () => {
      const blocks = actCommands(8291, TCP_UDP);
      expect(blocks[1]!.snippets.map((s) => s.command).some((c) => c.includes('-zvu'))).toBe(false);
      expect(blocks[1]!.hints.join(' ')).toMatch(/nc -zvu always reports success: use nmap -sU/);
      expect(actCommands(8291, ['tcp'])[1]!.hints.join(' ')).not.toContain('UDP');
    });

    // nmap(1): "-sY (SCTP INIT scan)".
    it('adds an nmap SCTP INIT scan where the port has SCTP', () => {
      expect(snippet(actCommands(22, ['tcp', 'udp', 'sctp']), 'reachability', 'nmap, SCTP')).toBe('sudo nmap -sY -p 22 HOST');
      expect(labels(actCommands(22, TCP_UDP), 'reachability')).not.toContain('nmap, SCTP');
    });
  });

  describe('capture', () => {
    // pcap-filter(7): "port portnamenum True if either the source or destination port of the packet is
    // portnamenum"; "dst port ... True if the packet is IPv4/v6 TCP, UDP or SCTP". tcpdump(8): an
    // interface argument of "any" captures on all interfaces (Linux, macOS); -n no name lookups.
    it('captures with tcpdump on all interfaces, the protocol named when there is one', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'capture', 'tcpdump')).toBe('sudo tcpdump -i any -nn port 8291');
      expect(snippet(actCommands(8291, ['tcp']), 'capture', 'tcpdump')).toBe('sudo tcpdump -i any -nn tcp port 8291');
      expect(snippet(actCommands(8291, ['udp', 'dccp']), 'capture', 'tcpdump')).toBe('sudo tcpdump -i any -nn udp port 8291');
      expect(labels(actCommands(8291, ['dccp']), 'capture')).not.toContain('tcpdump');
      expect(actCommands(9, ALL)[2]!.hints.join(' ')).toContain('no DCCP');
    });

    it('compiles with tcpdump -d, without capturing', () => {
      for (const protocols of [TCP_UDP, ['tcp'], ['udp'], ['sctp']] as TransportProtocol[][]) {
        const [sudo, tcpdump, ...args] = shellWords(snippet(actCommands(8291, protocols), 'capture', 'tcpdump'));
        expect([sudo, tcpdump]).toEqual(['sudo', 'tcpdump']);
        const { status, out } = run('tcpdump', ['-d', ...args], 'tcpdump');
        expect(status, out).toBe(0);
        // The compiled filter compares the port number (8291 = 0x2063).
        expect(out).toContain(`#0x${(8291).toString(16)}`);
      }
    }, TOOL_TIMEOUT);

    // wireshark-filter(4): "tcp.port == 80 or tcp.port == 443 or tcp.port == 8080"; "or, || Logical OR".
    it('gives a Wireshark display filter that tshark accepts', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'capture', 'Wireshark filter')).toBe('tcp.port == 8291 || udp.port == 8291');
      const empty = join(scratch, 'empty.pcap');
      // A pcap file with only its global header (magic, version 2.4, snaplen 65535, Ethernet).
      const header = Buffer.alloc(24);
      header.writeUInt32LE(0xa1b2c3d4, 0);
      header.writeUInt16LE(2, 4);
      header.writeUInt16LE(4, 6);
      header.writeUInt32LE(65535, 16);
      header.writeUInt32LE(1, 20);
      writeFileSync(empty, header);
      for (const protocols of [TCP_UDP, ALL, ['sctp']] as TransportProtocol[][]) {
        const filter = snippet(actCommands(8291, protocols), 'capture', 'Wireshark filter');
        const { status, out } = run('tshark', ['-r', empty, '-Y', filter], 'tshark');
        expect(status, `${filter}: ${out}`).toBe(0);
      }
      expect(run('tshark', ['-r', empty, '-Y', 'tcp.prot == 8291'], 'tshark').status, 'tshark rejects a bad filter').not.toBe(0);
    }, TOOL_TIMEOUT);
  });
});
