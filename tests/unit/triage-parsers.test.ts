/**
 * The triage parsers over the fixtures of tests/fixtures/triage/ (real ss, netstat, lsof and nmap
 * output made in a network namespace; hand-made macOS, Windows and PowerShell output from the
 * documented formats). Expected rows come from outside the parsers: jc (Debian's jc package,
 * an independent parser of ss, netstat and lsof output) for the formats it reads, nmap's three
 * outputs of one scan checked against each other, and for Windows a reading of the listing's
 * own LISTENING/UDP lines. jc must be installed (.ci/run installs it).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectFormat, parseListing } from '../../src/lib/triage/detect.ts';
import { splitLines, type FormatId, type ListenRow, type ParsedListing } from '../../src/lib/triage/listing.ts';
import { parseSs } from '../../src/lib/triage/ss.ts';
import { parsePowerShell } from '../../src/lib/triage/powershell.ts';

const DIR = 'tests/fixtures/triage';
const FOLDER_FORMAT: Record<string, FormatId> = {
  ss: 'ss',
  'netstat-linux': 'netstat-linux',
  lsof: 'lsof',
  'lsof-macos': 'lsof',
  'netstat-macos': 'netstat-macos',
  'netstat-windows': 'netstat-windows',
  powershell: 'powershell',
  plain: 'plain',
};

/** Every fixture file (not the READMEs), with the format its folder holds. */
function fixtures(): { path: string; format: FormatId; text: string }[] {
  const out: { path: string; format: FormatId; text: string }[] = [];
  for (const folder of readdirSync(DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(DIR, folder.name)).filter((f) => /\.(txt|xml)$/.test(f))) {
      const path = join(DIR, folder.name, file);
      const format = folder.name === 'nmap' ? (file.endsWith('.xml') ? 'nmap-xml' : file.startsWith('grepable') ? 'nmap-grepable' : 'nmap-normal') : FOLDER_FORMAT[folder.name]!;
      out.push({ path, format, text: readFileSync(path, 'utf8') });
    }
  }
  return out;
}

const read = (path: string) => readFileSync(join(DIR, path), 'utf8');

/** The lines of a parse: every input line in a row or in the skipped list. */
function accountedLines(parsed: ParsedListing): Set<number> {
  return new Set([...parsed.rows.flatMap((r) => r.lines), ...parsed.skipped.map((s) => s.line)]);
}

/** "tcp 127.0.0.1 8000" for comparing with an oracle. */
const key = (protocol: string | null, address: string | null, port: number) => `${protocol} ${address} ${port}`;
const rowKeys = (rows: readonly ListenRow[]) => rows.map((r) => key(r.protocol, r.address, r.port)).sort();

/** Runs jc with a parser option on a fixture; jc is a required test tool. */
function jc(option: string, text: string): Record<string, unknown>[] {
  try {
    return JSON.parse(execFileSync('jc', [option], { input: text, encoding: 'utf8' })) as Record<string, unknown>[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('jc is not installed: apt-get install jc (Debian package; .ci/run installs it)');
    throw error;
  }
}

const CONNECTION_STATE = /\b(ESTAB|ESTABLISHED|TIME[-_]WAIT|CLOSE[-_]WAIT|SYN[-_]SENT|SYN[-_]RECV|FIN[-_]WAIT[-_]?[12]|LAST[-_]ACK|Established|TimeWait|CloseWait|Bound)\b|(?<!<)->/;

describe('triage parsers on the fixtures', () => {
  for (const fixture of fixtures()) {
    it(`recognise ${fixture.path} as ${fixture.format}, and account for every line`, () => {
      const lines = splitLines(fixture.text);
      expect(detectFormat(lines)).toBe(fixture.format);
      const parsed = parseListing(fixture.text);
      expect(parsed.format).toBe(fixture.format);
      expect(parsed.lineCount).toBe(lines.length);
      expect([...accountedLines(parsed)].sort((a, b) => a - b)).toEqual(lines.map((_, i) => i + 1));
      expect(parsed.rows.length).toBeGreaterThan(0);
    });
    it(`never take a connection for a listener in ${fixture.path}`, () => {
      const lines = splitLines(fixture.text);
      for (const row of parseListing(fixture.text).rows) {
        for (const n of row.lines) expect(lines[n - 1], `line ${n} gave port ${row.port}`).not.toMatch(CONNECTION_STATE);
      }
    });
  }
});

describe('triage parsers against jc, an independent parser', () => {
  /** jc --ss reads the output with the Netid column (tulpn, tuanp, tulpne); without it, jc fails. */
  it.each(['ss/tulpn.txt', 'ss/tuanp.txt', 'ss/tulpne.txt'])('read the listening sockets of %s as jc --ss does', (file) => {
    const text = read(file);
    const expected = jc('--ss', text)
      .filter((r) => r.state === 'LISTEN' || r.state === 'UNCONN')
      .map((r) => `${key(r.netid as string, String(r.local_address).replace(/^\[(.*)\]$/, '$1'), Number(r.local_port))} ${r.interface ?? ''}`)
      .sort();
    const rows = parseListing(text).rows.map((r) => `${key(r.protocol, r.address, r.port)} ${r.iface ?? ''}`).sort();
    expect(rows).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
  });

  it.each(['netstat-linux/tulpn.txt', 'netstat-linux/tunap.txt', 'netstat-linux/anp.txt', 'netstat-macos/an-p-tcp.txt', 'netstat-macos/an-p-udp.txt'])(
    'read the listening sockets, processes and PIDs of %s as jc --netstat does',
    (file) => {
      const text = read(file);
      const listening = jc('--netstat', text).filter(
        (r) => r.kind === 'network' && ((/^tcp/.test(String(r.proto)) && r.state === 'LISTEN') || (/^udp/.test(String(r.proto)) && (r.state ?? null) === null && r.foreign_port === '*')),
      );
      // jc keeps a scope on the address ("fe80::1%lo0"); protocol from its proto column (tcp4, tcp46, udp6...).
      const expected = listening.map((r) => `${key(String(r.proto).slice(0, 3), r.local_address as string, Number(r.local_port))} ${r.program_name ? String(r.program_name).split(/[\s:]/)[0] : ''} ${r.pid ?? ''}`).sort();
      const rows = parseListing(text).rows.map((r) => `${key(r.protocol, r.iface ? `${r.address}%${r.iface}` : r.address, r.port)} ${r.processes[0]?.name ?? ''} ${r.processes[0]?.pid ?? ''}`).sort();
      expect(rows).toEqual(expected);
      expect(expected.length).toBeGreaterThan(5);
    },
  );

  it.each(['lsof/itcp-listen.txt', 'lsof/iudp.txt', 'lsof/i.txt', 'lsof-macos/itcp-listen.txt', 'lsof-macos/i.txt'])('read the listening sockets and processes of %s as jc --lsof does', (file) => {
    const text = read(file);
    // jc keeps NAME whole ("*:22 (LISTEN)", "*:5353"): a listener is a TCP LISTEN or a UDP socket without a remote end.
    const perProcess = jc('--lsof', text)
      .filter((r) => /^(IPv4|IPv6)$/.test(String(r.type)) && !String(r.name).includes('->'))
      .map((r) => {
        const name = String(r.name);
        const endpoint = name.replace(/ \(LISTEN\)$/, '');
        const at = endpoint.lastIndexOf(':');
        return { key: `${name.endsWith('(LISTEN)') ? 'tcp' : 'udp'} ${endpoint.slice(0, at).replace(/^\[(.*)\]$/, '$1')} ${endpoint.slice(at + 1)} ${r.type}`, process: `${r.command} ${r.pid}` };
      });
    const expected = [...new Set(perProcess.map((p) => p.key))].sort();
    const rows = parseListing(text).rows;
    expect(rows.map((r) => `${key(r.protocol, r.address, r.port)} IPv${r.family}`).sort()).toEqual(expected);
    // Each process jc saw on a socket is on the one merged row of that socket.
    for (const { key: k, process } of perProcess) {
      const row = rows.find((r) => `${key(r.protocol, r.address, r.port)} IPv${r.family}` === k)!;
      expect(row.processes.map((p) => `${p.name} ${p.pid}`)).toContain(process);
    }
  });
});

describe('nmap: the normal, grepable and XML outputs of one scan give the same rows', () => {
  const rowsOf = (file: string) => parseListing(read(file)).rows.map((r) => `${key(r.protocol, r.address, r.port)} ${r.uncertain ?? 'open'} ${r.service ?? ''}`).sort();
  it.each([['nmap/normal.txt', 'nmap/grepable.txt', 'nmap/scan.xml'], ['nmap/normal-udp6.txt', 'nmap/grepable-udp6.txt', 'nmap/scan-udp6.xml']])('%s, %s and %s', (normal, grepable, xml) => {
    // nmap prints "unknown" in the normal output where the other two leave the service empty.
    const plain = rowsOf(normal).map((r) => r.replace(/ unknown$/, ' '));
    expect(rowsOf(grepable).map((r) => r.replace(/ unknown$/, ' '))).toEqual(plain);
    expect(rowsOf(xml).map((r) => r.replace(/ unknown$/, ' '))).toEqual(plain);
    expect(plain.length).toBeGreaterThan(3);
  });
  it('keep the ports nmap found open|filtered as rows marked uncertain, and skip closed ones with the reason', () => {
    const parsed = parseListing(read('nmap/normal-udp6.txt'));
    const lines = splitLines(read('nmap/normal-udp6.txt'));
    for (const line of lines.filter((l) => /^\d+\/udp\s+open\|filtered/.test(l))) {
      expect(parsed.rows.some((r) => r.protocol === 'udp' && r.port === Number(line.split('/')[0]) && r.uncertain === 'open|filtered')).toBe(true);
    }
    for (const line of lines.filter((l) => /^\d+\/\w+\s+closed/.test(l))) {
      expect(parsed.skipped.find((s) => s.text === line)?.reason).toMatch(/closed/);
    }
  });
  it('give each host its own address (normal-sv.txt scans 127.0.0.1 and 127.0.0.2)', () => {
    const addresses = new Set(parseListing(read('nmap/normal-sv.txt')).rows.map((r) => r.address));
    expect(addresses).toEqual(new Set(['127.0.0.1', '127.0.0.2']));
  });
});

describe('Windows netstat and PowerShell, against the listing\'s own lines', () => {
  /** LISTENING TCP rows and every UDP row, read with a pattern of the test's own. */
  function expectedWindows(text: string): string[] {
    return splitLines(text)
      .map((line) => /^\s*(TCP|UDP)\s+(\S+):(\d+)\s+\S+\s+(LISTENING\s+)?\d+\s*$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null && (m[1] === 'UDP' || m[4] !== undefined))
      .map((m) => key(m[1]!.toLowerCase(), m[2]!.replace(/^\[(.*)\]$/, '$1'), Number(m[3])))
      .sort();
  }
  it.each(['netstat-windows/ano.txt', 'netstat-windows/abno.txt'])('read the LISTENING and UDP rows of %s', (file) => {
    expect(rowKeys(parseListing(read(file)).rows)).toEqual(expectedWindows(read(file)));
  });
  it('give -b rows the executable and the services above it, and a PID alone without -b', () => {
    const withB = parseListing(read('netstat-windows/abno.txt')).rows.find((r) => r.port === 135 && r.family === '4')!;
    expect(withB.processes).toEqual([{ name: 'svchost.exe', pid: 1052, services: ['RpcSs'] }]);
    expect(withB.lines).toHaveLength(3);
    const withoutB = parseListing(read('netstat-windows/ano.txt')).rows.find((r) => r.port === 135 && r.family === '4')!;
    expect(withoutB.processes).toEqual([{ name: '', pid: 1052 }]);
  });
  it.each(['powershell/get-nettcpconnection-listen.txt', 'powershell/get-nettcpconnection.txt', 'powershell/get-netudpendpoint.txt'])('read the Listen rows and UDP endpoints of %s', (file) => {
    const text = read(file);
    const udp = text.includes('Get-NetUDPEndpoint');
    const expected = splitLines(text)
      .map((line) => (udp ? /^(\S+)\s+(\d+)\s*$/.exec(line) : /^(\S+)\s+(\d+)\s+\S+\s+\d+\s+Listen\s/.exec(line)))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => key(udp ? 'udp' : 'tcp', m[1]!, Number(m[2])))
      .sort();
    expect(rowKeys(parseListing(text).rows)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(4);
  });
  it('read a PowerShell table by its header, in another order and with other widths', () => {
    const text = ['OwningProcess LocalPort State  LocalAddress', '------------- --------- -----  ------------', '4             445       Listen ::', '1052          135       Bound  0.0.0.0'].join('\n');
    const parsed = parsePowerShell(splitLines(text));
    expect(parsed.rows.map((r) => [r.protocol, r.address, r.port, r.processes[0]?.pid])).toEqual([['tcp', '::', 445, 4]]);
    expect(parsed.skipped.find((s) => s.line === 4)?.reason).toMatch(/Bound/);
  });
});

describe('what the rows say about the fixtures', () => {
  it('read ss scopes: %lo (bound to the loopback device), the dual-stack "*" and IPv6 brackets', () => {
    const rows = parseListing(read('ss/tulpn.txt')).rows;
    const lines = splitLines(read('ss/tulpn.txt'));
    for (const row of rows) {
      const local = lines[row.lines[0]! - 1]!.trim().split(/\s+/)[4]!;
      expect(local.endsWith(`:${row.port}`)).toBe(true);
      expect(row.iface).toBe(/%(\w+):\d+$/.exec(local)?.[1] ?? null);
      if (local.startsWith('*')) expect(row.family).toBe('46');
      if (local.startsWith('[')) expect(row.family).toBe('6');
    }
  });
  it('take the protocol from the state when ss prints no Netid column (ss -ltnp, ss -lunp)', () => {
    expect(new Set(parseListing(read('ss/ltnp.txt')).rows.map((r) => r.protocol))).toEqual(new Set(['tcp']));
    expect(new Set(parseListing(read('ss/lunp.txt')).rows.map((r) => r.protocol))).toEqual(new Set(['udp']));
  });
  it('join a users:(...) column that a narrow terminal wrapped onto the next line', () => {
    const lines = splitLines(read('ss/ltnp.txt'));
    const wrapped = [lines[0]!, ...lines.slice(1).flatMap((line) => {
      const at = line.indexOf('users:');
      return at < 0 ? [line] : [line.slice(0, at), `        ${line.slice(at).trim()}`];
    })];
    const parsed = parseSs(wrapped);
    expect(parsed.rows.map((r) => r.processes)).toEqual(parseListing(read('ss/ltnp.txt')).rows.map((r) => r.processes));
    expect(accountedLines(parsed).size).toBe(wrapped.length);
  });
  it('merge the sockets that several processes hold (nginx master and worker) into one row', () => {
    const rows = parseListing(read('ss/tulpn.txt')).rows.filter((r) => r.port === 80);
    expect(rows).toHaveLength(2); // IPv4 and IPv6
    for (const row of rows) expect(new Set(row.processes.map((p) => p.name))).toEqual(new Set(['nginx']));
    for (const row of rows) expect(row.processes).toHaveLength(2);
  });
  it('mark lsof command names cut at 9 characters as maybe truncated', () => {
    const rows = parseListing(read('lsof-macos/itcp-listen.txt')).rows;
    expect(rows.find((r) => r.port === 8000)!.processes[0]).toEqual({ name: 'python3.1', pid: 8123, truncated: true });
    expect(rows.find((r) => r.port === 631)!.processes[0]!.truncated).toBeUndefined();
  });
  it('name a process that rewrites its title by its first word (net-tools prints "nginx: master")', () => {
    const row = parseListing(read('netstat-linux/tulpn.txt')).rows.find((r) => r.port === 80)!;
    expect(row.processes[0]!.name).toBe('nginx');
  });
  it('expand a plain list, skip item by item what is not a port, and skip lines with words whole', () => {
    const parsed = parseListing(read('plain/list.txt'));
    const ports = parsed.rows.map((r) => `${r.port}/${r.protocol ?? ''}`);
    expect(ports.slice(0, 3)).toEqual(['22/', '80/', '443/udp']);
    expect(ports.filter((p) => /^60(0\d|10)\//.test(p))).toHaveLength(11);
    expect(ports).toEqual(expect.arrayContaining(['8080/', '8443/tcp', '5986/tcp']));
    expect(parsed.skipped.map((s) => s.text)).toEqual(expect.arrayContaining(['ports seen open on the host:', '70000', '1-65535', '9000-8000']));
  });
  it('read no port from a line of words and numbers, which may be PIDs or inodes', () => {
    expect(parseListing('nc 23559 root 4u IPv4 192314 0t0\n22', 'plain').rows.map((r) => r.port)).toEqual([22]);
  });
});

describe('triage parsers on damaged input', () => {
  it('skip every line of XML that is not well-formed, with the parser\'s message', () => {
    const text = read('nmap/scan.xml').replace('</ports>', '');
    const parsed = parseListing(text);
    expect(parsed.format).toBe('nmap-xml');
    expect(parsed.rows).toEqual([]);
    expect(parsed.skipped.filter((s) => s.text !== '').every((s) => s.reason.startsWith('not well-formed XML'))).toBe(true);
  });
  it('skip everything, saying so, when no format is recognised', () => {
    const parsed = parseListing('hello\n\nworld');
    expect(parsed.format).toBe('unknown');
    expect(parsed.skipped.map((s) => s.line)).toEqual([1, 2, 3]);
  });
  it('say that a port printed as a name needs the numeric flag', () => {
    const parsed = parseListing('Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\ntcp LISTEN 0 128 0.0.0.0:ssh 0.0.0.0:*');
    expect(parsed.skipped[1]!.reason).toMatch(/-n/);
  });
});
