/**
 * Whether a dissector, firewalld service, /etc/services entry or product is the service IANA
 * registered on its port, and what follows from it on the real data: the ghost badge (a verdict
 * on the registration), the firewalld service a page offers, and the protocols "opens it"
 * commands open. Expected values come from the vendored files, read here without the code
 * under test where the check allows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRegisteredService } from '../../src/lib/evidence/registered-service.ts';
import { firewalldOpens, loadEvidence, otherUsesOf, ownFirewalldService, protocolsInUse, registrantWitnessesOf } from '../../src/lib/evidence/evidence.ts';
import { loadSoftwareDir } from '../../src/lib/software/load-software.ts';
import { agreesWithRegistry, usesByPort, type PortUse } from '../../src/lib/software/practice.ts';
import { buildPortRecords } from '../../src/lib/registry/build-records.ts';
import { parseRegistryCsv } from '../../src/lib/registry/parse-csv.ts';
import { parsePeopleXml } from '../../src/lib/registry/parse-people.ts';
import { ghostVerdict } from '../../src/lib/registry/status.ts';
import type { Evidence } from '../../src/schemas/evidence.ts';
import { read, REAL_CSV, REAL_XML } from './helpers.ts';

const entry = (serviceName: string, description: string) => ({ kind: 'assigned' as const, serviceName, description });
const wireshark = (filter: string, name: string): Evidence => ({ source: 'wireshark', protocol: 'tcp', filter, name, file: null });

describe('isRegisteredService', () => {
  it('matches by name, alias and first part of the service name', () => {
    expect(isRegisteredService(wireshark('ssh', 'SSH Protocol'), [entry('ssh', 'The Secure Shell (SSH) Protocol')])).toBe(true);
    expect(isRegisteredService({ source: 'debian', protocol: 'udp', serviceName: 'l2f', aliases: ['l2tp'], comment: null }, [entry('l2tp', 'l2tp')])).toBe(true);
    expect(isRegisteredService(wireshark('ff', 'FOUNDATION Fieldbus'), [entry('ff-fms', 'FF Fieldbus Message Specification')])).toBe(true);
  });

  it('matches by acronym and by description (H.225 for the H.323 gatekeeper ports, Skinny for Cisco SCCP)', () => {
    // protocols.tsv: "H323-MESSAGES  H.225.0  h225", on udp 1718 and 1719 in decodes.tsv.
    expect(isRegisteredService(wireshark('h225', 'H323-MESSAGES'), [entry('h323gatestat', 'H.323 Unicast Gatekeeper Signaling')])).toBe(true);
    expect(isRegisteredService(wireshark('skinny', 'Skinny Client Control Protocol'), [entry('cisco-sccp', 'Cisco SCCP')])).toBe(true);
    expect(isRegisteredService(wireshark('mikey', 'Multimedia Internet KEYing'), [entry('mikey', 'MIKEY')])).toBe(true);
    expect(isRegisteredService(wireshark('pgsql', 'PostgreSQL'), [entry('postgresql', 'PostgreSQL Database')])).toBe(true);
    expect(isRegisteredService(wireshark('rmi', 'Java RMI'), [entry('rmiregistry', 'RMI Registry')])).toBe(true);
  });

  it('does not match another protocol on the port, nor a common word', () => {
    expect(isRegisteredService(wireshark('kismet', 'Kismet Client/Server Protocol'), [entry('rtsclient', 'Resource Tracking system client')])).toBe(false);
    expect(isRegisteredService({ source: 'debian', protocol: 'tcp', serviceName: 'zebra', aliases: [], comment: 'zebra vty' }, [entry('discp-client', 'discp client')])).toBe(false);
    expect(isRegisteredService(wireshark('winsrepl', 'WINS (Windows Internet Name Service) Replication'), [entry('name', 'Host Name Server')])).toBe(false);
    expect(isRegisteredService(wireshark('uftp', 'UDP based FTP w/ multicast'), [entry('dcutility', 'Dev Consortium Utility')])).toBe(false);
    // A reserved row registers no service.
    expect(isRegisteredService(wireshark('wg', 'WireGuard Protocol'), [{ kind: 'reserved', serviceName: null, description: 'Reserved' }])).toBe(false);
  });
});

describe('on the real data', () => {
  const { records } = buildPortRecords(parseRegistryCsv(read(REAL_CSV), REAL_CSV), parsePeopleXml(read(REAL_XML), REAL_XML));
  const products = loadSoftwareDir('content/software');
  const bySlug = new Map(products.map((p) => [p.slug, p]));
  const uses = usesByPort(products);
  const evidence = loadEvidence('content');
  const facts = (port: number) => {
    const record = records[port]!;
    const agrees = (u: PortUse) => agreesWithRegistry(bySlug.get(u.slug)!, u.use, record);
    return { record, uses: uses.get(port) ?? [], evidence: evidence.byPort.get(port) ?? [], agrees };
  };
  const ghost = (port: number) => {
    const { record, uses, evidence, agrees } = facts(port);
    return ghostVerdict(record.likelyGhost, [], registrantWitnessesOf(uses, evidence, agrees, record.entries).length > 0);
  };

  it('clears the badge where the registered service runs: a dissector, service file or entry for it', () => {
    for (const port of [2000, 1099, 2401, 1352, 17500, 6346, 11112, 11371]) {
      expect(records[port]!.likelyGhost, `port ${port}`).toBe(true);
      expect(ghost(port), `port ${port}`).toBe(false);
    }
  });

  it('keeps it where other software uses the port for its own protocol, and names that software', () => {
    // 3501: Kismet's remote capture (kismet.conf); 2601-2608: Zebra's vty ports in /etc/services; 6443: Kubernetes.
    for (const port of [3501, 2601, 2605, 2608, 6443]) {
      expect(ghost(port), `port ${port}`).toBe(true);
      const { uses, evidence, agrees, record } = facts(port);
      const others = otherUsesOf(uses, evidence, agrees, record.entries);
      expect(others.products.length + others.evidence.length, `port ${port}`).toBeGreaterThan(0);
    }
    const { uses: on3501, evidence: ev3501, agrees, record } = facts(3501);
    expect(otherUsesOf(on3501, ev3501, agrees, record.entries).products.map((u) => u.name)).toEqual(['Kismet']);
  });

  describe('firewalld\'s own service', () => {
    const own = (port: number) => ownFirewalldService(port, facts(port).evidence, records[port]!.entries, evidence.firewalldServices)?.service;
    const file = (service: string) => readFileSync(`content/firewalld/services/${service}.xml`, 'utf8');

    it('is never a bundle or a deprecated file (443, 80, 88, 123, 389, 464, 636, 3306, 7389)', () => {
      for (const port of [443, 80, 88, 123, 389, 464, 636, 3306, 7389]) {
        const service = own(port);
        expect(['freeipa-ldap', 'freeipa-ldaps', 'freeipa-replication', 'galera'], `port ${port}`).not.toContain(service);
        if (!service) continue;
        expect(file(service), `${service} on ${port}`).not.toMatch(/deprecated/i);
        const ianaNames = records[port]!.entries.filter((e) => e.kind === 'assigned').map((e) => e.serviceName);
        const ports = [...file(service).matchAll(/<port [^>]*port="([\d-]+)"/g)].map((m) => m[1]);
        expect(ianaNames.includes(service) || ports.every((p) => p === String(port)), `${service} on ${port}`).toBe(true);
      }
      expect(own(443)).toBe('https');
      expect(own(80)).toBe('http');
      expect(own(88)).toBe('kerberos');
      expect(own(3306)).toBe('mysql');
      expect(own(7389)).toBeUndefined();
    });

    it('follows includes when it reports what a service opens', () => {
      const includes = readdirSync('content/firewalld/services').filter((f) => /<include service="rdp"/.test(file(f.replace(/\.xml$/, ''))));
      expect(includes).toContain('ms-wbt.xml');
      expect(firewalldOpens('ms-wbt', evidence.firewalldServices)).toEqual(firewalldOpens('rdp', evidence.firewalldServices));
      expect(firewalldOpens('docker-swarm', evidence.firewalldServices).more, 'docker-swarm also opens ESP').toBe(true);
    });
  });

  it('opens only the protocols in use: 22 TCP (not IANA\'s UDP and SCTP), 53 TCP and UDP, 4789 UDP, 6081 UDP too', () => {
    const inUse = (port: number) => {
      const { record, uses, evidence, agrees } = facts(port);
      return protocolsInUse(record.entries, uses, evidence, agrees);
    };
    expect(records[22]!.entries.flatMap((e) => e.protocols)).toEqual(expect.arrayContaining(['udp', 'sctp']));
    expect(inUse(22)).toEqual(['tcp']);
    expect(inUse(53)).toEqual(['tcp', 'udp']);
    expect(inUse(4789)).toEqual(['udp']);
    expect(inUse(6081)).toContain('udp');
    // Nothing on an unassigned, unused port: TCP and UDP, as the listening commands check.
    expect(records[4]!.entries.every((e) => e.kind === 'unassigned')).toBe(true);
    expect(inUse(4)).toEqual(['tcp', 'udp']);
  });
});
