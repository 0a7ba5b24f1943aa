import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorOf } from './helpers.ts';
import { describe, expect, it } from 'vitest';
import { parseDecodes, parseDissectorFiles, parseEtcServices, parseFirewalldService, parseProtocols } from '../../src/lib/evidence/parse-sources.ts';
import { evidenceByPort, firewalldScopes, loadEvidence, ownFirewalldService, ownFirewalldServices, poolsOf, registrantWitnessesOf, witnessesOf } from '../../src/lib/evidence/evidence.ts';
import { evidenceLines, inPracticeClause, registrantName, upstreamVersion, wiresharkSourceUrl } from '../../src/lib/evidence/describe-evidence.ts';
import { registeredFilters } from '../../src/lib/evidence/wireshark-source.ts';
import { ghostVerdict } from '../../src/lib/registry/status.ts';
import { parseYamlAs } from '../../src/lib/yaml-input.ts';
import { portPoolSchema, type Evidence } from '../../src/schemas/evidence.ts';
import { z } from 'zod';
import type { PortUse } from '../../src/lib/software/practice.ts';

const FIXTURE = 'tests/fixtures/evidence';

describe('evidence fixture', () => {
  const data = loadEvidence(FIXTURE);

  it('joins Wireshark, firewalld and Debian rows to their ports, in source order', () => {
    expect(data.byPort.get(2000)).toEqual([
      { source: 'wireshark', protocol: 'tcp', filter: 'skinny', name: 'Skinny Client Control Protocol', file: 'epan/dissectors/packet-skinny.c' },
      { source: 'debian', protocol: 'tcp', serviceName: 'cisco-sccp', aliases: [], comment: 'Cisco SCCP' },
    ]);
    // vnc-server.xml opens 5900-5903: every port of the range, with the range kept.
    for (const port of [5900, 5903]) {
      expect(data.byPort.get(port)).toEqual([
        { source: 'firewalld', protocol: 'tcp', service: 'vnc-server', short: 'Virtual Network Computing Server (VNC)', range: { start: 5900, end: 5903 } },
      ]);
    }
    expect(data.byPort.has(5904)).toBe(false);
    expect(data.byPort.get(6443)!.map((e) => e.source)).toEqual(['wireshark', 'firewalld']);
    expect(data.byPort.get(750)).toEqual([{ source: 'debian', protocol: 'udp', serviceName: 'kerberos4', aliases: ['kerberos-iv', 'kdc'], comment: 'Kerberos (server)' }]);
  });

  it('skips what is no port: DDP sockets in /etc/services, IP protocols in firewalld', () => {
    expect(data.byPort.has(1)).toBe(false);
    const ipsec = [...data.byPort.values()].flat().filter((e) => e.source === 'firewalld' && e.service === 'ipsec');
    expect(ipsec.map((e) => `${e.protocol}/${data.byPort.get(500)?.includes(e) ? 500 : 4500}`).sort()).toEqual(['tcp/4500', 'udp/4500', 'udp/500']);
  });

  it('reads the versions and the pools', () => {
    expect(data.versions).toEqual({ wireshark: '4.0.17-0+deb12u3', firewalld: '1.3.3-1~deb12u2', netbase: '6.4' });
    expect(poolsOf(data.pools, 1030).map((p) => p.id)).toEqual(['windows-before-vista']);
    expect(poolsOf(data.pools, 5001)).toEqual([]);
  });

  it('groups a dissector on TCP and UDP into one line, and links its source at the version', () => {
    // Two dissectors on 17500, one per protocol: two lines, TCP first.
    expect(evidenceLines(data.byPort.get(17500)!).map((l) => [l.source, l.protocols, l.source === 'wireshark' && l.item.filter])).toEqual([
      ['wireshark', ['tcp'], 'db-lsp'],
      ['wireshark', ['udp'], 'db-lsp-disc'],
    ]);
    const both: Evidence[] = (['udp', 'tcp'] as const).map((protocol) => ({ source: 'debian', protocol, serviceName: 'gnutella-svc', aliases: [], comment: null }));
    expect(evidenceLines(both).map((l) => l.protocols)).toEqual([['tcp', 'udp']]);
    expect(upstreamVersion('4.0.17-0+deb12u3')).toBe('4.0.17');
    expect(upstreamVersion('1:2.3-1')).toBe('2.3');
    expect(wiresharkSourceUrl('4.0.17-0+deb12u3', 'epan/dissectors/packet-skinny.c')).toBe(
      'https://gitlab.com/wireshark/wireshark/-/blob/v4.0.17/epan/dissectors/packet-skinny.c',
    );
  });
});

describe('the ghost badge needs every source to be silent about the registered service', () => {
  const skinny: Evidence[] = [{ source: 'wireshark', protocol: 'tcp', filter: 'skinny', name: 'Skinny Client Control Protocol', file: null }];
  const sccp = [{ kind: 'assigned' as const, serviceName: 'cisco-sccp', description: 'Cisco SCCP' }];
  const other = [{ kind: 'assigned' as const, serviceName: 'iop', description: 'Iliad-Odyssey Protocol' }];
  const use = { slug: 'x', name: 'X', primary: true, use: { port: { start: 1, end: 1 }, protocols: ['tcp'], role: 'r', basis: 'default', source: { url: 'https://x', title: 't', quote: 'q' } } } as PortUse;

  it('names the witnesses of use', () => {
    expect(witnessesOf([], [])).toEqual([]);
    expect(witnessesOf([use], skinny)).toEqual(['practice', 'wireshark']);
  });

  it('does not count a firewalld service that opens a wide range (ceph: 6800-7300) as a witness', () => {
    const firewalld = (start: number, end: number): Evidence[] => [{ source: 'firewalld', protocol: 'tcp', service: 's', short: '', range: { start, end } }];
    expect(witnessesOf([], firewalld(6800, 7300))).toEqual([]);
    expect(witnessesOf([], firewalld(5900, 5963))).toEqual(['firewalld']);
  });

  it('offers firewalld\'s own service only: one named for the IANA service, or opening this port alone', () => {
    const services = new Map([
      ['s', { service: 's', short: '', ports: [{ protocol: 'tcp' as const, start: 5900, end: 5963 }], includes: [], opensIpProtocols: false, deprecated: false }],
      ['one', { service: 'one', short: '', ports: [{ protocol: 'udp' as const, start: 5901, end: 5901 }], includes: [], opensIpProtocols: false, deprecated: false }],
      ['old', { service: 'old', short: 'Old (deprecated)', ports: [{ protocol: 'tcp' as const, start: 5901, end: 5901 }], includes: [], opensIpProtocols: false, deprecated: true }],
    ]);
    const on5901 = (...names: string[]): Evidence[] => names.map((service) => ({ source: 'firewalld', protocol: 'tcp', service, short: '', range: null }));
    expect(ownFirewalldService(5901, on5901('s'), [], services)).toBeUndefined();
    expect(ownFirewalldService(5901, on5901('s'), [{ kind: 'assigned', serviceName: 's' }], services)?.service).toBe('s');
    expect(ownFirewalldService(5901, on5901('s', 'one'), [], services)).toEqual({ service: 'one', opens: [{ protocol: 'udp', start: 5901, end: 5901 }] });
    expect(ownFirewalldService(5901, on5901('old'), [], services)).toBeUndefined();
    // The evidence section prints a firewall-cmd line for the own ones only.
    const scopes = (evidence: Evidence[], entries: { kind: 'assigned'; serviceName: string }[]) => firewalldScopes(evidence, ownFirewalldServices(5901, evidence, entries, services), services);
    expect(scopes(on5901('s', 'one', 'old'), [])).toEqual({ s: 'wider', one: 'own', old: 'deprecated' });
    expect(scopes(on5901('s'), [{ kind: 'assigned', serviceName: 's' }])).toEqual({ s: 'own' });
  });

  it('keeps the heuristic unless something shows the registered service running', () => {
    const never = () => false;
    expect(ghostVerdict(true, [], registrantWitnessesOf([], [], never, sccp).length > 0)).toBe(true);
    // Skinny is Cisco's SCCP: the registered service runs.
    expect(registrantWitnessesOf([use], skinny, never, sccp)).toEqual(['wireshark']);
    expect(ghostVerdict(true, [], registrantWitnessesOf([], skinny, never, sccp).length > 0)).toBe(false);
    // The same dissector on a port registered to something else only shows the port is busy.
    expect(registrantWitnessesOf([use], skinny, never, other)).toEqual([]);
    expect(registrantWitnessesOf([use], [], () => true, other)).toEqual(['practice']);
    // A note's ghost: true does not outweigh the registered service running.
    expect(ghostVerdict(true, [true], true)).toBe(false);
    expect(ghostVerdict(false, [true], false)).toBe(true);
  });
});

describe('what a ghost badge on a busy port says', () => {
  const kismet = { slug: 'kismet', name: 'Kismet', use: { basis: 'default' as const, role: 'remote capture sources' } };
  const other = { slug: 'other', name: 'Other', use: { basis: 'convention' as const, role: 'web UI' } };
  const zebra: Evidence = { source: 'debian', protocol: 'tcp', serviceName: 'zebra', aliases: [], comment: 'zebra vty' };

  it('names the product and its role, the page\'s lead first, then counts the rest', () => {
    expect(inPracticeClause({ products: [kismet], evidence: [] })).toBe('Kismet uses it by default for its remote capture sources');
    expect(inPracticeClause({ products: [kismet, other], evidence: [zebra] }, other)).toBe('Other uses it by convention for its web UI; 1 more product uses it too');
    // Several products and no headline: none is crowned by the alphabet.
    expect(inPracticeClause({ products: [kismet, other], evidence: [zebra] })).toBe('2 products use it');
    expect(inPracticeClause({ products: [], evidence: [zebra] })).toBe('Debian lists it as zebra');
    expect(inPracticeClause({ products: [], evidence: [] })).toBeNull();
  });

  it('names the registration by its description, else its service name', () => {
    expect(registrantName([{ kind: 'assigned', serviceName: 'isoft-p2p', description: 'iSoft-P2P' }])).toBe('iSoft-P2P');
    expect(registrantName([{ kind: 'assigned', serviceName: 'dc', description: '' }])).toBe('dc');
    expect(registrantName([{ kind: 'reserved', serviceName: null, description: 'Reserved' }])).toBeNull();
  });
});

describe('bad evidence files name file, line and field', () => {
  it('Wireshark tables', () => {
    expect(errorOf(() => parseDecodes('tcp.port\t2000\tskinny\ntcp.port\t70000\tx\n', 'decodes.tsv'))).toBe(
      'decodes.tsv:2: field "port": expected a port number 0-65535 or an ascending range such as 5900-5903, got "70000"',
    );
    expect(errorOf(() => parseDecodes('tcp.port 2000 skinny\n', 'decodes.tsv'))).toBe('decodes.tsv:1: expected 3 tab-separated fields (table, port, filter), got 1');
    expect(errorOf(() => parseDecodes('ip.proto\t6\ttcp\n', 'decodes.tsv'))).toBe('decodes.tsv:1: field "table": expected tcp.port, udp.port or sctp.port, got "ip.proto"');
    expect(errorOf(() => parseProtocols('Name\tN\n', 'protocols.tsv'))).toMatch(/^protocols\.tsv:1: expected 3 non-empty tab-separated fields/);
    expect(errorOf(() => parseDissectorFiles('skinny\tpacket-skinny.h\n', 'files.tsv'))).toBe('files.tsv:1: field "source file": expected a path to a .c file, got "packet-skinny.h"');
  });

  it('a decode whose dissector protocols.tsv lacks', () => {
    expect(
      errorOf(() => evidenceByPort({ decodes: [{ protocol: 'tcp', port: 1, filter: 'nope' }], dissectors: new Map(), dissectorFiles: new Map(), firewalld: [], etcServices: [] })),
    ).toBe('content/wireshark/decodes.tsv names dissector "nope", which content/wireshark/protocols.tsv lacks');
  });

  it('firewalld service files', () => {
    const bad = '<?xml version="1.0"?>\n<service>\n  <short>X</short>\n  <port protocol="tcp" port="22"/>\n  <port protocol="tcp" port="99-9"/>\n</service>\n';
    expect(errorOf(() => parseFirewalldService(bad, 'services/x.xml'))).toBe(
      'services/x.xml:5: field "port": expected a port number 0-65535 or an ascending range such as 5900-5903, got "99-9"',
    );
    expect(errorOf(() => parseFirewalldService('<service>\n<port protocol="tcp" port="1">\n</service>', 'services/y.xml'))).toMatch(/^services\/y\.xml:3: malformed XML/);
    expect(errorOf(() => parseFirewalldService('<service><port protocol="icmp" port="7"/></service>', 'z.xml'))).toBe('z.xml:1: field "protocol": expected tcp, udp, sctp or dccp, got "icmp"');
  });

  it('/etc/services', () => {
    expect(errorOf(() => parseEtcServices('ssh\t22/tcp\nbroken\n', 'services'))).toBe('services:2: field "port/protocol": expected "port/protocol" such as 22/tcp after "broken", got ""');
    expect(errorOf(() => parseEtcServices('x\t1/icmp\n', 'services'))).toBe('services:1: field "protocol": expected tcp, udp, sctp or dccp, got "icmp"');
  });

  it('OS port pools', () => {
    const pool = 'https://example.org/';
    const text = `- id: a\n  system: A\n  start: 10\n  end: 5\n  source:\n    url: ${pool}\n    title: t\n    quote: q\n`;
    expect(errorOf(() => parseYamlAs('pools.yaml', text, z.array(portPoolSchema)))).toBe('pools.yaml:4: field "[0].end": the range is reversed or empty: start must be below end');
  });
});

describe('the vendored datasets (content/)', () => {
  const data = loadEvidence('content');
  // Expected values straight from the files, split here without the code under test.
  const decodeRows = readFileSync('content/wireshark/decodes.tsv', 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const etcLine = (port: number) => readFileSync('content/debian-services/services', 'utf8').split('\n').find((l) => new RegExp(`^\\S+\\s+${port}/tcp\\b`).test(l));

  it('has every decode row on its port', () => {
    for (const [table, port, filter] of decodeRows) {
      const protocol = table!.split('.')[0];
      expect(data.byPort.get(Number(port))!.some((e) => e.source === 'wireshark' && e.protocol === protocol && e.filter === filter)).toBe(true);
    }
  });

  it('names the protocols on ports the registry alone calls ghosts', () => {
    const names = (port: number) => data.byPort.get(port)?.map((e) => (e.source === 'wireshark' ? e.filter : e.source === 'firewalld' ? e.service : e.serviceName));
    for (const port of [11112, 11371, 1099, 2401, 2000, 4899, 1352, 2601, 2605, 2608, 17500, 6346]) {
      expect(names(port), `port ${port}`).toContain(etcLine(port)!.split(/\s+/)[0]);
    }
    expect(names(2000)).toContain('skinny');
    expect(names(17500)).toEqual(expect.arrayContaining(['db-lsp', 'db-lsp-disc', 'dropbox-lansync']));
  });

  it('has nothing on the seed ghosts', () => {
    for (const port of [3501, 3516, 3624, 3640]) expect(data.byPort.get(port)).toBeUndefined();
  });

  it('keeps every firewalld service file', () => {
    const files = readdirSync('content/firewalld/services').filter((f) => f.endsWith('.xml'));
    const services = new Set([...data.byPort.values()].flat().flatMap((e) => (e.source === 'firewalld' ? [e.service] : [])));
    // Files whose only <port> elements are IP protocols (or that only include others) open no port.
    const withPorts = files.filter((f) => /<port [^>]*port="\d/.test(readFileSync(join('content/firewalld/services', f), 'utf8')));
    expect([...services].sort()).toEqual(withPorts.map((f) => f.replace(/\.xml$/, '')).sort());
  });
});

describe('dissector source files', () => {
  it('reads literal and #define arguments of proto_register_protocol', () => {
    const source = [
      '#define PNAME  "Dropbox LAN sync Protocol"',
      '#define PSNAME "DB-LSP"',
      '#define PFNAME "db-lsp"',
      'proto_db_lsp = proto_register_protocol (PNAME, PSNAME, PFNAME);',
      'proto_skinny = proto_register_protocol("Skinny Client Control Protocol",',
      '                                       "SKINNY", "skinny");',
      'proto_x = proto_register_protocol_in_name_only("X", "X", "x.sub", proto_parent, FT_PROTOCOL);',
      'proto_y = proto_register_protocol(N, S, ELSEWHERE);',
    ].join('\n');
    expect(registeredFilters(source)).toEqual(['db-lsp', 'skinny', 'x.sub']);
  });
});
