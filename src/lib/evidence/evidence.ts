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
import { isWide, namesPort, WIDE_RANGE_PORTS, type PortUse } from '../software/practice.ts';
import type { RegistryEntry, TransportProtocol } from '../../schemas/port-record.ts';
import { isRegisteredService } from './registered-service.ts';
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
  /** firewalld's service files by name, for what a service opens (ownFirewalldService). */
  firewalldServices: ReadonlyMap<string, FirewalldService>;
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

/**
 * What a firewalld service opens once its `<include>`s are followed: ports by protocol, and
 * whether it also opens an IP protocol (ESP, GRE) or includes a service the files lack.
 */
export function firewalldOpens(service: string, services: ReadonlyMap<string, FirewalldService>, seen = new Set<string>()): { ports: FirewalldService['ports']; more: boolean } {
  const file = services.get(service);
  if (!file || seen.has(service)) return { ports: [], more: !file };
  seen.add(service);
  const included = file.includes.map((name) => firewalldOpens(name, services, seen));
  return { ports: [...file.ports, ...included.flatMap((i) => i.ports)], more: file.opensIpProtocols || included.some((i) => i.more) };
}

/**
 * firewalld's own service for the port, for `firewall-cmd --add-service=`: one whose name is
 * an IANA service name assigned on the port (mongodb on 27017, which also opens 27018-27019),
 * or one that opens this port and nothing else. Never a bundle that opens other ports for
 * other services (freeipa-ldap on 443 opens 80, 88, 123, 389 and 464 too; galera on 3306), nor a
 * service its own file calls deprecated. A name match comes first, then the service whose name
 * sorts first.
 * @param port the port
 * @param evidence the port's evidence (evidenceByPort)
 * @param entries the port's IANA entries
 * @param services firewalld's services by name (EvidenceData.firewalldServices)
 * @returns the service and what it opens, or undefined
 */
export function ownFirewalldService(
  port: number,
  evidence: readonly Evidence[],
  entries: readonly Pick<RegistryEntry, 'kind' | 'serviceName'>[],
  services: ReadonlyMap<string, FirewalldService>,
): { service: string; opens: FirewalldService['ports'] } | undefined {
  const best = ownFirewalldServices(port, evidence, entries, services)[0];
  return best && { service: best.service, opens: best.opens };
}

/**
 * Every firewalld service on the port that is the port's own by ownFirewalldService's rule
 * (named for an IANA service assigned on the port, or opening this port and nothing else; never
 * deprecated), best first: the evidence section prints a firewall-cmd line for these only, so
 * a page never hands out a bundle (freeipa-ldap on 80) as a command.
 * @returns the services with what each opens, name matches first, then by name
 */
export function ownFirewalldServices(
  port: number,
  evidence: readonly Evidence[],
  entries: readonly Pick<RegistryEntry, 'kind' | 'serviceName'>[],
  services: ReadonlyMap<string, FirewalldService>,
): { service: string; opens: FirewalldService['ports'] }[] {
  const ianaNames = new Set(entries.flatMap((e) => (e.kind === 'assigned' && e.serviceName ? [e.serviceName.toLowerCase()] : [])));
  const candidates = [...new Set(evidence.flatMap((e) => (e.source === 'firewalld' ? [e.service] : [])))].flatMap((service) => {
    const file = services.get(service);
    if (!file || file.deprecated) return [];
    const { ports, more } = firewalldOpens(service, services);
    const named = ianaNames.has(service.toLowerCase());
    const onlyThisPort = !more && ports.length > 0 && ports.every((p) => p.start === port && p.end === port);
    return named || onlyThisPort ? [{ service, opens: ports, named }] : [];
  });
  candidates.sort((a, b) => Number(b.named) - Number(a.named) || a.service.localeCompare(b.service, 'en'));
  return candidates.map(({ service, opens }) => ({ service, opens }));
}

/**
 * How each firewalld service on the port relates to it, for the evidence section: `own` (one
 * of ownFirewalldServices; the page prints its firewall-cmd line), `deprecated` (its file says
 * so) or `wider` (it opens other ports or protocols too, a bundle such as freeipa-ldap on 80).
 * @param evidence the port's evidence (evidenceByPort)
 * @param own the port's own services (ownFirewalldServices), computed once by the caller
 * @param services firewalld's services by name (EvidenceData.firewalldServices)
 * @returns service name -> scope, for every firewalld service in the port's evidence
 */
export function firewalldScopes(
  evidence: readonly Evidence[],
  own: readonly { service: string }[],
  services: ReadonlyMap<string, FirewalldService>,
): Record<string, 'own' | 'deprecated' | 'wider'> {
  const owned = new Set(own.map((o) => o.service));
  return Object.fromEntries(
    evidence.flatMap((e) => (e.source === 'firewalld' ? [[e.service, owned.has(e.service) ? 'own' : services.get(e.service)?.deprecated ? 'deprecated' : 'wider'] as const] : [])),
  );
}

/** A source that can show a port in use: a product file, or one of the evidence datasets. */
export type UseWitness = 'practice' | EvidenceSource;
export const USE_WITNESSES: UseWitness[] = ['practice', ...SOURCE_ORDER];

/**
 * Which sources show the port in use, by anything. An OS pool is no witness: it says the OS may
 * hand the port to any program, not that something listens there. Nor is a firewalld service
 * that opens more than WIDE_RANGE_PORTS ports (ceph's 6800-7300, samba-dc's 49152-65535): like a
 * product's wide range, it is a pool its software draws from, and says nothing about one port in it.
 * @param uses the port's uses in practice (a product file naming the port: namesPort)
 * @param evidence the port's evidence (evidenceByPort)
 * @returns witnesses in USE_WITNESSES order, each once; empty when nothing shows the port in use
 */
export function witnessesOf(uses: readonly PortUse[], evidence: readonly Evidence[]): UseWitness[] {
  return USE_WITNESSES.filter((witness) => (witness === 'practice' ? namesPort(uses) : evidence.some((e) => e.source === witness && !isWideEvidence(e))));
}

/**
 * Which sources show the *registered* service running on the port: a product implementing it
 * (agrees: agreesWithRegistry), or a dissector, firewalld service or /etc/services entry for it
 * (isRegisteredService). These clear the ghost badge; a product or dissector for another
 * protocol shows only that the port is busy (otherUsesOf).
 * @param uses the port's uses in practice
 * @param evidence the port's evidence
 * @param agrees whether a use implements the registered service
 * @param entries the port's IANA entries
 * @returns witnesses in USE_WITNESSES order, each once
 */
export function registrantWitnessesOf(
  uses: readonly PortUse[],
  evidence: readonly Evidence[],
  agrees: (use: PortUse) => boolean,
  entries: readonly Pick<RegistryEntry, 'kind' | 'serviceName' | 'description'>[],
): UseWitness[] {
  return USE_WITNESSES.filter((witness) =>
    witness === 'practice'
      ? uses.some((u) => !isWide(u.use) && agrees(u))
      : evidence.some((e) => e.source === witness && !isWideEvidence(e) && isRegisteredService(e, entries)),
  );
}

/** What else uses a port: products and evidence that are not its registered service. */
export interface OtherUses {
  /** Narrow uses by products that do not implement the registered service, one per product. */
  products: PortUse[];
  /** Dissectors, firewalld services and /etc/services entries for other protocols (not wide ranges). */
  evidence: Evidence[];
}

/**
 * @param uses the port's uses in practice, as usesByPort sorts them
 * @param evidence the port's evidence
 * @param agrees whether a use implements the registered service
 * @param entries the port's IANA entries
 * @returns the uses and evidence of other software on the port
 */
export function otherUsesOf(
  uses: readonly PortUse[],
  evidence: readonly Evidence[],
  agrees: (use: PortUse) => boolean,
  entries: readonly Pick<RegistryEntry, 'kind' | 'serviceName' | 'description'>[],
): OtherUses {
  const seen = new Set<string>();
  return {
    products: uses.filter((u) => !isWide(u.use) && !agrees(u) && !seen.has(u.slug) && seen.add(u.slug)),
    evidence: evidence.filter((e) => !isWideEvidence(e) && !isRegisteredService(e, entries)),
  };
}

const PROTOCOL_ORDER: readonly TransportProtocol[] = ['tcp', 'udp', 'sctp', 'dccp'];

/**
 * The transport protocols in use on a port: what commands that open the port should open, and
 * reachability tests should try. For the registered service, the protocols that the sources
 * which choose them name (products implementing it, its firewalld service, its /etc/services
 * entry), else IANA's (Wireshark registers dissectors on whatever IANA lists: ssh on SCTP 22);
 * plus the protocols of every other product, dissector, service and entry on the port. With
 * none of these, TCP and UDP.
 * @param entries the port's IANA entries
 * @param uses the port's uses in practice
 * @param evidence the port's evidence
 * @param agrees whether a use implements the registered service (agreesWithRegistry)
 * @returns protocols in registry order; 22 -> [tcp], 53 -> [tcp, udp], 4789 -> [udp]
 */
export function protocolsInUse(
  entries: readonly Pick<RegistryEntry, 'kind' | 'serviceName' | 'description' | 'protocols'>[],
  uses: readonly PortUse[],
  evidence: readonly Evidence[],
  agrees: (use: PortUse) => boolean,
): TransportProtocol[] {
  const narrow = uses.filter((u) => !isWide(u.use));
  const own = evidence.filter((e) => !isWideEvidence(e));
  const chosen = [
    ...narrow.filter(agrees).flatMap((u) => u.use.protocols),
    ...own.filter((e) => e.source !== 'wireshark' && isRegisteredService(e, entries)).map((e) => e.protocol),
  ];
  const registered = chosen.length > 0 ? chosen : entries.filter((e) => e.kind === 'assigned').flatMap((e) => e.protocols);
  const others = otherUsesOf(uses, evidence, agrees, entries);
  const found = new Set<TransportProtocol>([
    ...registered,
    ...narrow.filter((u) => !agrees(u)).flatMap((u) => u.use.protocols),
    ...others.evidence.map((e) => e.protocol),
  ]);
  return found.size > 0 ? PROTOCOL_ORDER.filter((p) => found.has(p)) : ['tcp', 'udp'];
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
    firewalldServices: new Map(inputs.firewalld.map((service) => [service.service, service])),
    pools,
    versions: { wireshark: version('wireshark'), firewalld: version('firewalld'), netbase: version('debian-services') },
  };
}
