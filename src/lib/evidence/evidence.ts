/**
 * Evidence of use, joined to ports: which dissector, firewall service and /etc/services entry
 * name each port, and which operating systems' dynamic port ranges contain it. Pure apart from
 * loadEvidence, which reads the vendored folders; no Astro imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { portPoolSchema, type Evidence, type EvidenceSource, type EvidenceVersions, type PortPool } from '../../schemas/evidence.ts';
import { TRANSPORT_PROTOCOLS } from '../../schemas/port-record.ts';
import { InputError } from '../registry/input-error.ts';
import { namesPort, WIDE_RANGE_PORTS, type PortUse } from '../software/practice.ts';
import { parseYamlAs } from '../yaml-input.ts';
import {
  parseDecodes,
  parseDissectorFiles,
  parseEtcServices,
  parseFirewalldService,
  parseProtocols,
  type DecodeRow,
  type DissectorInfo,
  type EtcServicesEntry,
  type FirewalldService,
} from './parse-sources.ts';

/** The parsed datasets. */
export interface EvidenceInputs {
  decodes: DecodeRow[];
  dissectors: ReadonlyMap<string, DissectorInfo>;
  dissectorFiles: ReadonlyMap<string, string>;
  firewalld: FirewalldService[];
  etcServices: EtcServicesEntry[];
}

/** Everything the site needs: evidence by port, the OS port pools and the datasets' versions. */
export interface EvidenceData {
  byPort: ReadonlyMap<number, Evidence[]>;
  pools: PortPool[];
  versions: EvidenceVersions;
}

const SOURCE_ORDER: EvidenceSource[] = ['wireshark', 'firewalld', 'debian'];

/**
 * @returns port -> evidence, in source order (Wireshark, firewalld, Debian), then transport
 *   protocol (registry order), then name; ports no source names are absent
 * @throws Error when a decode names a dissector that protocols.tsv lacks (the two files come
 *   from one tshark and must agree)
 */
export function evidenceByPort(inputs: EvidenceInputs): Map<number, Evidence[]> {
  const byPort = new Map<number, Evidence[]>();
  const add = (port: number, evidence: Evidence) => {
    const list = byPort.get(port);
    if (list) list.push(evidence);
    else byPort.set(port, [evidence]);
  };
  for (const row of inputs.decodes) {
    const dissector = inputs.dissectors.get(row.filter);
    if (!dissector) throw new Error(`content/wireshark/decodes.tsv names dissector "${row.filter}", which content/wireshark/protocols.tsv lacks`);
    add(row.port, { source: 'wireshark', protocol: row.protocol, filter: row.filter, name: dissector.name, file: inputs.dissectorFiles.get(row.filter) ?? null });
  }
  for (const service of inputs.firewalld) {
    for (const { protocol, start, end } of service.ports) {
      for (let port = start; port <= end; port++) {
        add(port, { source: 'firewalld', protocol, service: service.service, short: service.short, range: start === end ? null : { start, end } });
      }
    }
  }
  for (const entry of inputs.etcServices) {
    add(entry.port, { source: 'debian', protocol: entry.protocol, serviceName: entry.serviceName, aliases: entry.aliases, comment: entry.comment });
  }
  const nameOf = (e: Evidence) => (e.source === 'wireshark' ? e.filter : e.source === 'firewalld' ? e.service : e.serviceName);
  for (const list of byPort.values()) {
    list.sort(
      (a, b) =>
        SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source) ||
        TRANSPORT_PROTOCOLS.indexOf(a.protocol) - TRANSPORT_PROTOCOLS.indexOf(b.protocol) ||
        nameOf(a).localeCompare(nameOf(b), 'en'),
    );
  }
  return byPort;
}

/** A firewalld service opening more than WIDE_RANGE_PORTS ports: a pool, not a claim on each port. */
export const isWideEvidence = (e: Evidence): boolean => e.source === 'firewalld' && e.range !== null && e.range.end - e.range.start + 1 > WIDE_RANGE_PORTS;

/** The first firewalld service that opens the port itself (not as part of a wide range), for `firewall-cmd --add-service=`. */
export function firewalldServiceOf(evidence: readonly Evidence[]): string | undefined {
  for (const e of evidence) if (e.source === 'firewalld' && !isWideEvidence(e)) return e.service;
  return undefined;
}

/** A source that can show a port in use: a product file, or one of the evidence datasets. */
export type UseWitness = 'practice' | EvidenceSource;
export const USE_WITNESSES: UseWitness[] = ['practice', ...SOURCE_ORDER];

/**
 * Which sources show the port in use. An OS pool is no witness: it says the OS may hand the
 * port to any program, not that something listens there. Nor is a firewalld service that opens
 * more than WIDE_RANGE_PORTS ports (ceph's 6800-7300, samba-dc's 49152-65535): like a product's
 * wide range, it is a pool its software draws from, and says nothing about one port in it.
 * @param uses the port's uses in practice (a product file naming the port: namesPort)
 * @param evidence the port's evidence (evidenceByPort)
 * @returns witnesses in USE_WITNESSES order, each once; empty when nothing shows the port in use
 */
export function witnessesOf(uses: readonly PortUse[], evidence: readonly Evidence[]): UseWitness[] {
  return USE_WITNESSES.filter((witness) => (witness === 'practice' ? namesPort(uses) : evidence.some((e) => e.source === witness && !isWideEvidence(e))));
}

/**
 * @param pools the OS pools
 * @returns the pools containing the port, in file order
 */
export const poolsOf = (pools: readonly PortPool[], port: number): PortPool[] => pools.filter((pool) => pool.start <= port && port <= pool.end);

/**
 * Reads the vendored datasets under a content folder.
 * @param root "content" (tests pass a fixture folder with the same layout):
 *   wireshark/{decodes,protocols,dissector-files}.tsv, firewalld/services/*.xml,
 *   debian-services/services, os-port-pools/pools.yaml, and each dataset's version.txt
 * @throws InputError naming file, line and field for a malformed file; Error for a missing one
 */
export function loadEvidence(root: string): EvidenceData {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const servicesDir = join(root, 'firewalld/services');
  const version = (dir: string) => {
    const text = read(`${dir}/version.txt`).trim();
    if (!text) throw new InputError(join(root, dir, 'version.txt'), 1, null, 'is empty: expected the Debian package version');
    return text;
  };
  const inputs: EvidenceInputs = {
    decodes: parseDecodes(read('wireshark/decodes.tsv'), join(root, 'wireshark/decodes.tsv')),
    dissectors: parseProtocols(read('wireshark/protocols.tsv'), join(root, 'wireshark/protocols.tsv')),
    dissectorFiles: parseDissectorFiles(read('wireshark/dissector-files.tsv'), join(root, 'wireshark/dissector-files.tsv')),
    firewalld: readdirSync(servicesDir)
      .filter((name) => name.endsWith('.xml'))
      .sort()
      .map((name) => parseFirewalldService(readFileSync(join(servicesDir, name), 'utf8'), join(servicesDir, name))),
    etcServices: parseEtcServices(read('debian-services/services'), join(root, 'debian-services/services')),
  };
  const poolsFile = join(root, 'os-port-pools/pools.yaml');
  const pools = parseYamlAs(poolsFile, read('os-port-pools/pools.yaml'), z.array(portPoolSchema));
  const twice = pools.find((pool, i) => pools.findIndex((other) => other.id === pool.id) !== i);
  if (twice) throw new InputError(poolsFile, null, 'id', `"${twice.id}" names two pools`);
  return {
    byPort: evidenceByPort(inputs),
    pools,
    versions: { wireshark: version('wireshark'), firewalld: version('firewalld'), netbase: version('debian-services') },
  };
}
