import { describe, expect, it } from 'vitest';
import { listeningCommands, OPERATING_SYSTEMS } from '../../src/lib/commands/listening-commands.ts';

const commandsFor = (port: number) =>
  Object.fromEntries(listeningCommands(port).map((block) => [block.os, block.snippets.map((s) => s.command)]));

describe('listeningCommands', () => {
  it('gives Linux an exact ss port filter for TCP and UDP', () => {
    expect(commandsFor(22).linux).toEqual(["sudo ss -ltnp 'sport = :22'", "sudo ss -lunp 'sport = :22'"]);
  });

  it('gives macOS lsof with numeric output and a TCP LISTEN state filter', () => {
    expect(commandsFor(3489).macos).toEqual(['sudo lsof -nP -iTCP:3489 -sTCP:LISTEN', 'sudo lsof -nP -iUDP:3489']);
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
