/**
 * The firewall, reachability and capture commands of each port page, checked two ways:
 * against the lines of the man pages they follow (quoted in the comments and in ACT_SOURCES),
 * and by running the real tools where they validate without side effects: bash -n and zsh -n
 * (and the words each shell hands over), ufw --dry-run, nft --check in an empty network
 * namespace, firewall-offline-cmd on a scratch configuration, nmap against 127.0.0.1, nc,
 * tcpdump -d, tshark -Y on an empty capture. A missing tool fails the test with the apt-get line
 * that installs it (npm test installs them first: scripts/test-system-packages.txt). Ports 0 (a port ufw and nc refuse), 4789 (UDP only)
 * and 22 (SCTP too) stand for the cases.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACT_SECTIONS, ACT_SOURCES, actCommands, actProtocols, COMMANDS_PATH, HOST, NFT_SETUP, NFT_SETUP_PATH, opensWords, type ActBlock } from '../../src/lib/commands/act-commands.ts';
import type { TransportProtocol } from '../../src/lib/transport-protocols.ts';

const TCP_UDP: TransportProtocol[] = ['tcp', 'udp'];
const ALL: TransportProtocol[] = ['tcp', 'udp', 'sctp', 'dccp'];
const NFT = 'nft';
const SSH_SERVICE = { service: 'ssh', opens: [{ protocol: 'tcp' as const, start: 22, end: 22 }] };

function snippet(blocks: ActBlock[], section: string, label: string | RegExp): string {
  const found = blocks.find((b) => b.id === section)?.snippets.find((s) => (typeof label === 'string' ? s.label === label : label.test(s.label)));
  if (!found) throw new Error(`no snippet "${label}" in #${section}`);
  return found.command;
}
const labels = (blocks: ActBlock[], section: string) => blocks.find((b) => b.id === section)!.snippets.map((s) => s.label);
const commands = (blocks: ActBlock[], section: string) => blocks.find((b) => b.id === section)!.snippets.map((s) => s.command);
const hints = (blocks: ActBlock[], section: string) => blocks.find((b) => b.id === section)!.hints.join(' ');
/** Every command a POSIX shell runs, over all sections. */
const shellCommands = (blocks: ActBlock[]) => blocks.flatMap((b) => b.snippets.filter((s) => s.shell === 'sh').map((s) => s.command));

/** Runs a tool; fails with how to install it when it is missing. */
function run(tool: string, args: string[], aptPackage: string): { status: number; out: string } {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: apt-get install -y ${aptPackage} (npm test installs it: scripts/test-system-packages.txt)`);
  }
  return { status: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

/**
 * The words a shell passes to the command of one line (quotes and braces as that shell reads
 * them): bash, and zsh as macOS and many Linux users run it, where an unquoted `{ tcp, udp }`
 * is a parse error.
 */
function shellWords(line: string, shell: 'bash' | 'zsh'): string[] {
  const script = shell === 'bash' ? `set -f; words() { printf '%s\\0' "$@"; }; words ${line}` : `setopt noglob; words() { printf '%s\\0' "$@" }; words ${line}`;
  const out = execFileSync(shell, shell === 'zsh' ? ['-f', '-c', script] : ['-c', script], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

/** Each line's words, the same in bash and zsh, after both parse the whole snippet (-n). */
function wordsOf(command: string): string[][] {
  for (const [shell, aptPackage] of [['bash', 'bash'], ['zsh', 'zsh']] as const) {
    const { status, out } = run(shell, ['-n', '-c', command], aptPackage);
    expect(status, `${shell} -n: ${command}\n${out}`).toBe(0);
  }
  return command.split('\n').map((line) => {
    const words = shellWords(line, 'bash');
    expect(shellWords(line, 'zsh'), `zsh reads ${line} otherwise`).toEqual(words);
    return words;
  });
}

/** The tools load their rule sets or dissectors on each run: seconds each on a busy machine. */
const TOOL_TIMEOUT = 60_000;
const scratch = mkdtempSync(join(tmpdir(), 'act-commands-'));

/**
 * Runs firewall-cmd's arguments through firewall-offline-cmd against a scratch system
 * configuration (--system-config), which it creates, so the machine's /etc/firewalld stays as
 * it is (firewall-offline-cmd(1): "--system-config Path to firewalld system (user) configuration").
 * @returns the exit status and the default zone file it wrote
 */
function firewalldOffline(args: string[], zoneName = 'public'): { status: number; out: string; zone: string } {
  const dir = mkdtempSync(join(scratch, 'firewalld-'));
  if (existsSync('/etc/firewalld/firewalld.conf')) copyFileSync('/etc/firewalld/firewalld.conf', join(dir, 'firewalld.conf'));
  const { status, out } = run('firewall-offline-cmd', [`--system-config=${dir}`, ...args], 'firewalld');
  const zoneFile = join(dir, `zones/${zoneName}.xml`);
  return { status, out, zone: existsSync(zoneFile) ? readFileSync(zoneFile, 'utf8') : '' };
}
/** The `<port>` and `<service>` elements a zone file gained, beyond firewalld's default public zone (ssh, dhcpv6-client). */
const zonePorts = (zone: string) => [...zone.matchAll(/<port port="(\d+)" protocol="(\w+)"\/>/g)].map((m) => `${m[1]}/${m[2]}`);
const zoneServices = (zone: string) => [...zone.matchAll(/<service name="([\w-]+)"\/>/g)].map((m) => m[1]);

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
    expect(() => actCommands(22, TCP_UDP, { inUse: [] })).toThrow(/inUse must name at least one/);
  });

  it('names the port as a whole number in every command, never as part of another', () => {
    for (const port of [0, 22, 3489, 8291, 65535]) {
      for (const block of actCommands(port, ALL, { firewalldService: SSH_SERVICE })) {
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
    for (const port of [0, 22]) {
      for (const block of actCommands(port, ALL, { firewalldService: SSH_SERVICE })) {
        for (const { source } of block.snippets) {
          expect(Object.values(ACT_SOURCES)).toContain(source);
          expect(source.url).toMatch(/^https:\/\//);
          expect(source.quotes.length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('gives shell commands that bash and zsh both parse, and pass on with the same words', () => {
    const cases: [number, TransportProtocol[], TransportProtocol[]][] = [
      [0, TCP_UDP, TCP_UDP],
      [22, ['tcp', 'udp', 'sctp'], ['tcp']],
      [4789, TCP_UDP, ['udp']],
      [9, ALL, ALL],
      [8291, ['tcp'], ['tcp']],
    ];
    for (const [port, protocols, inUse] of cases) {
      for (const command of shellCommands(actCommands(port, protocols, { inUse, firewalldService: SSH_SERVICE }))) wordsOf(command);
    }
  }, TOOL_TIMEOUT);

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
        const [[sudo, ufw, ...args]] = wordsOf(snippet(actCommands(8291, protocols), 'firewall', 'ufw')) as [string[]];
        expect([sudo, ufw]).toEqual(['sudo', 'ufw']);
        const { status, out } = run('ufw', ['--dry-run', ...args], 'ufw');
        expect(status, out).toBe(0);
        const dropped = [...out.matchAll(/^-A ufw-user-input -p (\w+) --dport 8291 -j DROP$/gm)].map((m) => m[1]);
        expect(dropped).toEqual(protocols);
      }
    }, TOOL_TIMEOUT);

    it('allows only what is in use (22: TCP), in the hint', () => {
      expect(hints(actCommands(22, ['tcp', 'udp', 'sctp'], { inUse: ['tcp'] }), 'firewall')).toContain('allow only what uses the port (TCP): sudo ufw allow 22/tcp;');
      expect(hints(actCommands(53, TCP_UDP), 'firewall')).toContain('(TCP and UDP): sudo ufw allow 53;');
      const { status, out } = run('ufw', ['--dry-run', 'allow', '22/tcp'], 'ufw');
      expect(status, out).toBe(0);
    }, TOOL_TIMEOUT);

    it('has no SCTP or DCCP rule: ufw rejects them, so the page says so', () => {
      // ufw(8): "The following are valid in any rule and enabled when the protocol is not specified: tcp udp".
      expect(run('ufw', ['--dry-run', 'deny', '8291/sctp'], 'ufw').status).not.toBe(0);
      const blocks = actCommands(9, ALL);
      expect(commands(blocks, 'firewall').filter((c) => c.startsWith('sudo ufw'))).toEqual(['sudo ufw deny 9']);
      expect(hints(blocks, 'firewall')).toContain('TCP and UDP only, not SCTP and DCCP');
      expect(hints(actCommands(9, TCP_UDP), 'firewall')).not.toContain('only, not');
      expect(labels(actCommands(9, ['sctp']), 'firewall')).not.toContain('ufw');
    }, TOOL_TIMEOUT);

    it('has no rule for port 0, which ufw refuses, and says why', () => {
      const { status, out } = run('ufw', ['--dry-run', 'deny', '0'], 'ufw');
      expect(status).not.toBe(0);
      expect(out).toContain('ERROR: Bad port');
      const blocks = actCommands(0, TCP_UDP);
      expect(labels(blocks, 'firewall')).not.toContain('ufw');
      expect(hints(blocks, 'firewall')).toContain('ufw refuses port 0 ("ERROR: Bad port")');
      // pf and Windows Firewall could not be checked for port 0: left out, and said so.
      expect(labels(blocks, 'firewall')).toEqual(['firewalld: opens TCP and UDP 0', NFT]);
      expect(hints(blocks, 'firewall')).toContain('pf and Windows Firewall rules for port 0 are left out');
    }, TOOL_TIMEOUT);
  });

  describe('firewalld', () => {
    // firewall-cmd(1): "--add-port=portid[-portid]/protocol ... Add the port. This option can be
    // specified multiple times." "The protocol can either be tcp, udp, sctp or dccp."
    it('opens the port once per protocol in use, in one call', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'firewall', 'firewalld: opens TCP and UDP 8291')).toBe('sudo firewall-cmd --add-port=8291/tcp --add-port=8291/udp');
      expect(snippet(actCommands(9, ALL), 'firewall', /^firewalld: opens/)).toBe('sudo firewall-cmd --add-port=9/tcp --add-port=9/udp --add-port=9/sctp --add-port=9/dccp');
      // 22 is registered on UDP and SCTP too, but only TCP is in use: only TCP is opened.
      expect(snippet(actCommands(22, ['tcp', 'udp', 'sctp'], { inUse: ['tcp'] }), 'firewall', 'firewalld: opens TCP 22')).toBe('sudo firewall-cmd --add-port=22/tcp');
      expect(snippet(actCommands(4789, TCP_UDP, { inUse: ['udp'] }), 'firewall', 'firewalld: opens UDP 4789')).toBe('sudo firewall-cmd --add-port=4789/udp');
    });

    it('is accepted by firewall-offline-cmd, which adds exactly those ports (0 included)', () => {
      for (const [port, inUse] of [[22, ['tcp']], [4789, ['udp']], [0, TCP_UDP], [9, ALL]] as [number, TransportProtocol[]][]) {
        const [[sudo, tool, ...args]] = wordsOf(snippet(actCommands(port, ALL, { inUse }), 'firewall', /^firewalld: opens/)) as [string[]];
        expect([sudo, tool]).toEqual(['sudo', 'firewall-cmd']);
        const { status, out, zone } = firewalldOffline(args);
        expect(status, out).toBe(0);
        expect(zonePorts(zone)).toEqual(inUse.map((p) => `${port}/${p}`));
      }
      expect(firewalldOffline(['--add-port=70000/tcp']).status, 'firewall-offline-cmd rejects a bad port').not.toBe(0);
    }, TOOL_TIMEOUT);

    // firewall-cmd(1): "--add-service=service".
    it('offers the port\'s own service, saying what it opens, and firewalld accepts it', () => {
      expect(labels(actCommands(22, TCP_UDP), 'firewall').some((l) => l.includes('service'))).toBe(false);
      const blocks = actCommands(22, TCP_UDP, { firewalldService: SSH_SERVICE });
      expect(snippet(blocks, 'firewall', 'firewalld: its ssh service opens TCP 22')).toBe('sudo firewall-cmd --add-service=ssh');
      // The public zone has ssh already (firewalld's default); the drop zone gains it.
      const [[, , ...args]] = wordsOf(snippet(blocks, 'firewall', /its ssh service/)) as [string[]];
      const { status, out, zone } = firewalldOffline(['--zone=drop', ...args], 'drop');
      expect(status, out).toBe(0);
      expect(zoneServices(zone)).toEqual(['ssh']);
      // What firewalld's own file opens is what the label says.
      const info = run('firewall-offline-cmd', ['--info-service=ssh'], 'firewalld');
      expect(info.out).toMatch(/^\s*ports: 22\/tcp\s*$/m);
      expect(zoneServices(firewalldOffline(['--add-service=mysql']).zone)).toContain('mysql');
      expect(firewalldOffline(['--add-service=no-such-service']).status).not.toBe(0);
    }, TOOL_TIMEOUT);

    it('words what a service opens', () => {
      expect(opensWords([{ protocol: 'tcp', start: 88, end: 88 }, { protocol: 'udp', start: 88, end: 88 }])).toBe('TCP and UDP 88');
      expect(opensWords([{ protocol: 'tcp', start: 27017, end: 27019 }])).toBe('TCP 27017–27019');
      expect(opensWords([{ protocol: 'tcp', start: 53, end: 53 }, { protocol: 'udp', start: 53, end: 53 }, { protocol: 'tcp', start: 853, end: 853 }])).toBe('TCP 53, 853; UDP 53');
    });

    // firewall-cmd(1): "Without the --permanent option, a change will only be part of the runtime
    // configuration. If you want to make a change in runtime and permanent configuration, use the
    // same call with and without the --permanent option." "--remove-port ... Remove the port."
    it('says how to keep the change and how to close the port again', () => {
      const hint = hints(actCommands(22, TCP_UDP), 'firewall');
      expect(hint).toContain('repeat with --permanent to keep');
      expect(hint).toContain('firewall-cmd: --remove-port closes');
    });
  });

  describe('nft', () => {
    // nft(8): "Matching destination port of both UDP and TCP. inet filter input meta l4proto {tcp, udp} th dport { 53, 80 }".
    it('matches all the port\'s protocols in one quoted rule, whose caption links the commands that create the table and chain', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'firewall', NFT)).toBe("sudo nft 'add rule inet filter input meta l4proto { tcp, udp } th dport 8291 drop'");
      expect(snippet(actCommands(8291, ['tcp']), 'firewall', NFT)).toBe("sudo nft 'add rule inet filter input tcp dport 8291 drop'");
      const nft = actCommands(8291, TCP_UDP)[0]!.snippets.find((s) => s.label === NFT)!;
      expect(nft.needs).toEqual({ text: 'create the inet filter table and input chain', href: `${COMMANDS_PATH}#nft-table`, after: ' if missing' });
      expect(NFT_SETUP_PATH).toBe(`${COMMANDS_PATH}#nft-table`);
      // nft(8): "{add | create} table [family] table", "{add | create} chain [family] table chain [{ type type hook hook ... priority priority ; ...}]".
      expect(NFT_SETUP).toEqual(["sudo nft 'add table inet filter'", "sudo nft 'add chain inet filter input { type filter hook input priority filter; }'"]);
    });

    it('is a parse error in zsh unquoted, which is why the rule is quoted', () => {
      const { status, out } = run('zsh', ['-f', '-n', '-c', 'sudo nft add rule inet filter input meta l4proto { tcp, udp } th dport 22 drop'], 'zsh');
      expect(status).not.toBe(0);
      expect(out).toContain('parse error');
    }, TOOL_TIMEOUT);

    /** Runs each line's nft arguments as one nft --check file in an empty network namespace, on top of `ruleset`. */
    function nftCheck(command: string, ruleset = ''): { status: number; out: string } {
      const lines = wordsOf(command).map(([sudo, nft, ...args]) => {
        expect([sudo, nft]).toEqual(['sudo', 'nft']);
        return args.join(' ');
      });
      const file = join(scratch, `rules-${Math.random().toString(36).slice(2)}.nft`);
      writeFileSync(file, `${ruleset}${lines.join('\n')}\n`);
      // A fresh network namespace has no ruleset: the machine's own stays out of the check.
      return run('unshare', ['--net', 'nft', '--check', '-f', file], 'util-linux nftables');
    }

    it('passes nft --check after the /commands/ lines where the table and chain are missing, alone where Debian\'s /etc/nftables.conf made them', () => {
      // Debian 12's /etc/nftables.conf: table inet filter { chain input { type filter hook input priority filter; } ... }
      const debian = 'table inet filter {\n\tchain input {\n\t\ttype filter hook input priority filter; policy accept;\n\t}\n}\n';
      for (const [port, protocols] of [[8291, TCP_UDP], [8291, ['tcp']], [8291, ['sctp']], [0, TCP_UDP], [9, ALL]] as [number, TransportProtocol[]][]) {
        const rule = snippet(actCommands(port, protocols), 'firewall', NFT);
        for (const [command, ruleset] of [[[...NFT_SETUP, rule].join('\n'), ''], [[...NFT_SETUP, rule].join('\n'), debian], [rule, debian]]) {
          const { status, out } = nftCheck(command!, ruleset);
          expect(status, `${command}\n${ruleset}: ${out}`).toBe(0);
        }
      }
      // Without the /commands/ lines, the rule fails on a machine without the table: hence the caption's link.
      expect(nftCheck(snippet(actCommands(22, TCP_UDP), 'firewall', NFT)).status).not.toBe(0);
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
      expect(hints(actCommands(8291, TCP_UDP), 'firewall')).toContain('pf: load with sudo pfctl -f /etc/pf.conf, enable with sudo pfctl -e.');
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
    it('tests a TCP connection with Test-NetConnection, only where TCP is in use', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'reachability', 'Windows, TCP')).toBe(`Test-NetConnection -ComputerName ${HOST} -Port 8291`);
      expect(labels(actCommands(8291, ['udp']), 'reachability')).not.toContain('Windows, TCP');
      expect(labels(actCommands(4789, TCP_UDP, { inUse: ['udp'] }), 'reachability')).not.toContain('Windows, TCP');
    });
  });

  describe('reachability', () => {
    /** The command with HOST set to loopback and sudo dropped (the tests run as root), as words. */
    const onLoopback = (command: string) => wordsOf(command)[0]!.filter((w) => w !== 'sudo').map((w) => (w === HOST ? '127.0.0.1' : w));

    // nc(1): "-z Only scan for listening daemons, without sending any data to them." "-v Produce more verbose output."
    it('scans TCP with nc -zv from another host, HOST standing for it', () => {
      expect(snippet(actCommands(8291, TCP_UDP), 'reachability', 'nc, TCP')).toBe('nc -zv HOST 8291');
    });

    // nc(1), CAVEATS: "UDP port scans using the -uz combination of flags will always report
    // success irrespective of the target machine's state." nmap(1): -sU, "U: for UDP".
    it('tests UDP with nmap -sU, never nc -zvu, and a UDP-only port gets no TCP test', () => {
      const blocks = actCommands(4789, TCP_UDP, { inUse: ['udp'] });
      expect(commands(blocks, 'reachability')).toEqual(['sudo nmap -sU -p U:4789 HOST']);
      expect(hints(blocks, 'reachability')).toContain('nc -zvu always reports success, so nmap -sU tests it');
      expect(commands(actCommands(8291, TCP_UDP), 'reachability')).toEqual(['nc -zv HOST 8291', 'Test-NetConnection -ComputerName HOST -Port 8291', 'sudo nmap -sU -p U:8291 HOST']);
      expect(commands(actCommands(8291, TCP_UDP), 'reachability').some((c) => c.includes('-zvu'))).toBe(false);
      expect(hints(actCommands(8291, ['tcp']), 'reachability')).not.toContain('UDP');
    });

    it('runs: nmap -sU answers for the UDP port on 127.0.0.1', () => {
      const [nmap, ...args] = onLoopback(snippet(actCommands(4789, TCP_UDP, { inUse: ['udp'] }), 'reachability', 'nmap, UDP'));
      const { status, out } = run(nmap!, args, 'nmap');
      expect(status, out).toBe(0);
      expect(out).toMatch(/^4789\/udp\s+(open|closed|open\|filtered|filtered)\s/m);
    }, TOOL_TIMEOUT);

    // nmap(1): "-sY (SCTP INIT scan)".
    it('adds an nmap SCTP INIT scan where the port has SCTP in use, and nmap runs it', () => {
      expect(snippet(actCommands(22, ['tcp', 'udp', 'sctp'], { inUse: ['tcp', 'sctp'] }), 'reachability', 'nmap, SCTP')).toBe('sudo nmap -sY -p 22 HOST');
      expect(labels(actCommands(22, ['tcp', 'udp', 'sctp'], { inUse: ['tcp'] }), 'reachability')).not.toContain('nmap, SCTP');
      const [nmap, ...args] = onLoopback('sudo nmap -sY -p 22 HOST');
      const { status, out } = run(nmap!, args, 'nmap');
      expect(status, out).toBe(0);
      expect(out).toMatch(/^22\/sctp\s/m);
    }, TOOL_TIMEOUT);

    // nmap(1): "Scanning port zero is allowed if you specify it explicitly."
    it('tests port 0 with nmap, since nc refuses it, and says why', () => {
      const refused = run('nc', ['-zv', '127.0.0.1', '0'], 'netcat-openbsd');
      expect(refused.status).not.toBe(0);
      expect(refused.out).toContain('port number too small');
      const blocks = actCommands(0, TCP_UDP);
      expect(commands(blocks, 'reachability')).toEqual(['nmap -p 0 HOST', 'sudo nmap -sU -p U:0 HOST']);
      expect(hints(blocks, 'reachability')).toContain('nc refuses port 0 ("port number too small")');
      for (const command of commands(blocks, 'reachability')) {
        const [nmap, ...args] = onLoopback(command);
        const { status, out } = run(nmap!, args, 'nmap');
        expect(status, out).toBe(0);
        expect(out).toMatch(/^0\/(tcp|udp)\s/m);
      }
    }, TOOL_TIMEOUT);
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
      expect(hints(actCommands(9, ALL), 'capture')).toContain('no DCCP');
    });

    it('compiles with tcpdump -d, without capturing', () => {
      for (const [port, protocols] of [[8291, TCP_UDP], [8291, ['tcp']], [8291, ['udp']], [8291, ['sctp']], [0, TCP_UDP]] as [number, TransportProtocol[]][]) {
        const [[sudo, tcpdump, ...args]] = wordsOf(snippet(actCommands(port, protocols), 'capture', 'tcpdump')) as [string[]];
        expect([sudo, tcpdump]).toEqual(['sudo', 'tcpdump']);
        const { status, out } = run('tcpdump', ['-d', ...args], 'tcpdump');
        expect(status, out).toBe(0);
        // The compiled filter compares the port number (8291 = 0x2063).
        expect(out).toContain(`#0x${port.toString(16)}`);
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
