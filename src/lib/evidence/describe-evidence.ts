/**
 * Evidence of use grouped the way a port page says it: one line per dissector, firewalld
 * service or /etc/services name, with the transport protocols it covers. Pure.
 */
import type { DebianEvidence, Evidence, FirewalldEvidence, WiresharkEvidence } from '../../schemas/evidence.ts';
import { TRANSPORT_PROTOCOLS, type TransportProtocol } from '../../schemas/port-record.ts';
import type { PracticeUse } from '../../schemas/software.ts';
import { useClause } from '../software/practice.ts';

/** One page line: the first item of its group stands for all, with every protocol of the group. */
export type EvidenceLine =
  | { source: 'wireshark'; protocols: TransportProtocol[]; item: WiresharkEvidence }
  | { source: 'firewalld'; protocols: TransportProtocol[]; item: FirewalldEvidence }
  | { source: 'debian'; protocols: TransportProtocol[]; item: DebianEvidence };

const keyOf = (e: Evidence): string =>
  e.source === 'wireshark' ? `w:${e.filter}` : e.source === 'firewalld' ? `f:${e.service}:${e.range?.start}-${e.range?.end}` : `d:${e.serviceName}`;

/**
 * @param evidence a port's evidence, as evidenceByPort orders it
 * @returns one line per dissector (display filter), firewalld service (and range) or
 *   /etc/services name, in first-seen order, with its protocols in registry order
 */
export function evidenceLines(evidence: readonly Evidence[]): EvidenceLine[] {
  const lines = new Map<string, { item: Evidence; protocols: Set<TransportProtocol> }>();
  for (const item of evidence) {
    const line = lines.get(keyOf(item));
    if (line) line.protocols.add(item.protocol);
    else lines.set(keyOf(item), { item, protocols: new Set([item.protocol]) });
  }
  return [...lines.values()].map(({ item, protocols }) => ({
    source: item.source,
    item,
    protocols: TRANSPORT_PROTOCOLS.filter((p) => protocols.has(p)),
  }) as EvidenceLine);
}

/** "4.0.17-0+deb12u3" -> "4.0.17": the upstream version in a Debian package version. */
export const upstreamVersion = (debianVersion: string): string => debianVersion.replace(/^\d+:/, '').replace(/-[^-]*$/, '');

/** The dissector's source file at the vendored Wireshark version, on Wireshark's own GitLab. */
export const wiresharkSourceUrl = (version: string, file: string): string =>
  `https://gitlab.com/wireshark/wireshark/-/blob/v${upstreamVersion(version)}/${file}`;

/**
 * What a ghost badge says the port is used for instead, from the products and evidence that
 * are not its registered service (otherUsesOf), or null when there are none.
 * @param lead the product the page leads with (its headline), named first when it is among them;
 *   with several products and no lead among them, only their number is given
 * @returns e.g. "Kismet uses it by default for its remote capture sources (loopback only by
 *   default)", "Kubernetes uses it by default for its Kubernetes API server (kube-apiserver); 3
 *   more products use it too", "54 products use it", "Wireshark decodes it as Zebra Protocol", "Debian lists it as zebra"
 */
export function inPracticeClause(
  others: { products: readonly { slug: string; name: string; use: Pick<PracticeUse, 'basis' | 'role'> }[]; evidence: readonly Evidence[] },
  lead?: { slug: string },
): string | null {
  const products = [...others.products].sort((a, b) => Number(b.slug === lead?.slug) - Number(a.slug === lead?.slug));
  const [first, ...more] = products;
  // With no headline among several products, naming the first would crown one by the alphabet (8000: Ajenti over some fifty).
  if (more.length > 0 && first!.slug !== lead?.slug) return `${products.length} products use it`;
  if (first) {
    const uses = useClause(first.name, 'it', first.use);
    return more.length === 0 ? uses : `${uses}; ${more.length} more product${more.length === 1 ? '' : 's'} use${more.length === 1 ? 's' : ''} it too`;
  }
  const [line] = evidenceLines(others.evidence);
  if (!line) return null;
  if (line.source === 'wireshark') return `Wireshark decodes it as ${line.item.name}`;
  if (line.source === 'firewalld') return `firewalld's ${line.item.service} service opens it`;
  return `Debian lists it as ${line.item.serviceName}`;
}

/** The registered service as a reader knows it: the first assignment's description, else its service name ("iSoft-P2P" for isoft-p2p). */
export function registrantName(entries: readonly { kind: string; serviceName: string | null; description: string }[]): string | null {
  const entry = entries.find((e) => e.kind === 'assigned' && e.serviceName) ?? entries.find((e) => e.kind === 'assigned');
  if (!entry) return null;
  return entry.description.trim() || entry.serviceName;
}
