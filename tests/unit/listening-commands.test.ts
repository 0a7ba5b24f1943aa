import { spawnSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listeningCommands, macosUdp, OPERATING_SYSTEMS } from '../../src/lib/commands/listening-commands.ts';

/** Runs a command line in a shell as root runs it (sudo dropped); fails with how to install a missing tool. */
function sh(shell: 'bash' | 'zsh', command: string): { status: number; out: string } {
  const result = spawnSync(shell, shell === 'zsh' ? ['-f', '-c', command.replace(/^sudo /, '')] : ['-c', command.replace(/^sudo /, '')], { encoding: 'utf8' });
  if (result.error) throw new Error(`${shell} is not installed: apt-get install -y ${shell} (npm test installs it: scripts/test-system-packages.txt)`);
  return { status: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

/** A UDP socket on 127.0.0.1: bound to `port` (0: any free one), connected to `to` if given. */
async function udp(port: number, to?: number): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
  if (to !== undefined) {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(to, '127.0.0.1', () => resolve());
    });
  }
  return socket;
}
const close = (socket: Socket) => new Promise<void>((resolve) => socket.close(() => resolve()));

const commandsFor = (port: number) =>
  Object.fromEntries(listeningCommands(port).map((block) => [block.os, block.snippets.map((s) => s.command)]));

describe('listeningCommands', () => {
  it('gives Linux an exact ss port filter for TCP and UDP', () => {
    expect(commandsFor(22).linux).toEqual(["sudo ss -ltnp 'sport = :22'", "sudo ss -lunp 'sport = :22'"]);
  });

  it('gives macOS lsof with numeric output, a TCP LISTEN state filter, and a UDP local-port filter', () => {
    expect(commandsFor(3489).macos).toEqual([
      'sudo lsof -nP -iTCP:3489 -sTCP:LISTEN',
      "sudo lsof -nP -iUDP:3489 | awk 'NR == 1 { head = $0; next } $NF ~ /^[^-]*:3489(->|$)/ { if (head) print head; head = \"\"; print }'",
    ]);
  });

  it('parses in bash and zsh alike', () => {
    for (const port of [0, 53, 65535]) {
      for (const block of listeningCommands(port).filter((b) => b.shell === 'sh')) {
        for (const { command } of block.snippets) for (const shell of ['bash', 'zsh'] as const) expect(sh(shell, `set -n; ${command}`).status, `${shell}: ${command}`).toBe(0);
      }
    }
  });

  // lsof(8) -i selects by the local or the remote address: a client talking to port 53 matches
  // -iUDP:53. Run here with Debian's lsof, whose NAME column macOS's shares.
  it('lists a UDP socket bound to the port and not one that only talks to it (lsof, run in bash and zsh)', async () => {
    const server = await udp(0);
    const port = server.address().port;
    const client = await udp(0, port);
    const other = await udp(0);
    const stranger = await udp(0, other.address().port);
    try {
      const raw = sh('bash', `lsof -nP -iUDP:${port}`).out;
      expect(raw, 'lsof -iUDP also matches the remote port').toContain(`->127.0.0.1:${port}`);
      for (const shell of ['bash', 'zsh'] as const) {
        const { out } = sh(shell, macosUdp(port));
        const lines = out.trim().split('\n');
        expect(lines[0], shell).toMatch(/^COMMAND\s+PID\s/);
        expect(lines.slice(1).map((line) => line.split(/\s+/).at(-1)), shell).toEqual([`127.0.0.1:${port}`]);
      }
      await close(server);
      // Only a client talking to the port is left: no output at all, not even the header.
      expect(sh('bash', macosUdp(port)).out).toBe('');
    } finally {
      for (const socket of [client, other, stranger]) await close(socket);
    }
  });

  it('finds listeners with ss, lsof and nmap on loopback', async () => {
    const tcp = createServer();
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const tcpPort = (tcp.address() as { port: number }).port;
    const socket = await udp(0);
    const udpPort = socket.address().port;
    try {
      const tcpCommands = commandsFor(tcpPort);
      const udpCommands = commandsFor(udpPort);
      expect(sh('bash', tcpCommands.linux![0]!).out).toContain(`127.0.0.1:${tcpPort}`);
      expect(sh('bash', udpCommands.linux![1]!).out).toContain(`127.0.0.1:${udpPort}`);
      expect(sh('bash', tcpCommands.macos![0]!).out).toContain(`127.0.0.1:${tcpPort} (LISTEN)`);
      // nmap without -sV (service probes take seconds): the port list is what the snippet sets.
      expect(sh('bash', tcpCommands.nmap![0]!.replace(' -sV', '')).out).toMatch(new RegExp(`^${tcpPort}/tcp\\s+open\\s`, 'm'));
      expect(sh('bash', udpCommands.nmap![1]!).out).toMatch(new RegExp(`^${udpPort}/udp\\s+(open|open\\|filtered)\\s`, 'm'));
    } finally {
      await close(socket);
      await new Promise((resolve) => tcp.close(resolve));
    }
  });

  it('gives Windows PowerShell cmdlets that name the owning process', () => {
    const [tcp, udp] = commandsFor(80).windows!;
    expect(tcp).toMatch(/^Get-NetTCPConnection -LocalPort 80 -State Listen /);
    expect(udp).toMatch(/^Get-NetUDPEndpoint -LocalPort 80 /);
    for (const command of [tcp, udp]) {
      expect(command).toContain('OwningProcess');
      expect(command).toContain('(Get-Process -Id $_.OwningProcess).ProcessName');
    }
  });

  it('gives nmap a TCP version scan and a UDP scan of exactly that port', () => {
    expect(commandsFor(65535).nmap).toEqual(['nmap -p 65535 -sV localhost', 'sudo nmap -sU -p U:65535 localhost']);
  });

  it('never matches the port as text, which would also hit longer ports (:22 in :2222)', () => {
    for (const port of [0, 22, 80, 3489, 49152, 65535]) {
      for (const command of Object.values(commandsFor(port)).flat()) {
        expect(command).not.toMatch(/grep|findstr|Select-String/);
        // The port appears only as a whole number.
        for (const match of command.matchAll(/\d+/g)) {
          if (match[0].length >= String(port).length && match[0] !== String(port)) expect(match[0]).not.toContain(String(port));
        }
      }
    }
  });

  it('covers every OS with one TCP and one UDP command, in a fixed order', () => {
    const blocks = listeningCommands(443);
    expect(blocks.map((b) => b.os)).toEqual([...OPERATING_SYSTEMS]);
    for (const block of blocks) {
      expect(block.snippets).toHaveLength(2);
      expect(block.snippets[0]!.label).toMatch(/TCP/);
      expect(block.snippets[1]!.label).toMatch(/UDP/);
    }
  });

  it('rejects a number that is not a port', () => {
    expect(() => listeningCommands(65536)).toThrow(RangeError);
    expect(() => listeningCommands(-1)).toThrow(RangeError);
    expect(() => listeningCommands(1.5)).toThrow(RangeError);
  });
});
