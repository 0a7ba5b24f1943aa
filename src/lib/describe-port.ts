/**
 * Plain sentences about a port, made only from its record: page title, summary line and
 * meta description. Pure.
 */
import { TRANSPORT_PROTOCOLS, type PortRecord, type RegistryEntry, type Tier, type TransportProtocol } from '../schemas/port-record.ts';
import { TIER_BOUNDS } from './registry/status.ts';
import { joinWords } from './words.ts';
import { practiceSentence, type PortUse } from './software/practice.ts';
import { headlineSentence, type Headline } from './headline.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "TCP", "UDP", "SCTP", "DCCP". */
export const protocolLabel = (protocol: TransportProtocol): string => protocol.toUpperCase();

/** ["tcp","udp"] -> "TCP and UDP"; all four -> "TCP, UDP, SCTP and DCCP". */
export function joinProtocols(protocols: readonly TransportProtocol[]): string {
  return joinWords(protocols.map(protocolLabel));
}

export { joinWords };

/** "2002-05" -> "May 2002"; "2021-10-01" -> "1 October 2021" (no locale, so builds are reproducible). */
export function formatRegistryDate(date: string): string {
  const [year, month, day] = date.split('-');
  const monthName = MONTHS[Number(month) - 1];
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

/** "well-known port (0–1023)" etc., RFC 6335 section 6. */
export function tierPhrase(tier: Tier): string {
  const { start, end } = TIER_BOUNDS[tier];
  const name = tier === 'dynamic' ? 'dynamic port' : `${tier} port`;
  return `${name} (${start}–${end})`;
}

/** The entry a port is known by: its first assignment in CSV order, if any. */
export function primaryEntry(record: PortRecord): RegistryEntry | undefined {
  return record.entries.find((entry) => entry.kind === 'assigned' && entry.serviceName) ??
    record.entries.find((entry) => entry.kind === 'assigned');
}

/**
 * What a port page's heading names after "Port N: ": the busy port's headline (practiceHeadline),
 * else IANA's service name of its primary entry; null when it names nothing ("Port 4").
 */
export function headingLabel(record: PortRecord, headline: Headline | null = null): string | null {
  return headline?.label ?? primaryEntry(record)?.serviceName ?? null;
}

/** Every protocol the port's assignments of this entry's service name cover, in registry order. */
function protocolsOf(record: PortRecord, entry: RegistryEntry): TransportProtocol[] {
  const sameName = record.entries.filter((e) => e.kind === 'assigned' && e.serviceName === entry.serviceName);
  const set = new Set(sameName.flatMap((e) => e.protocols));
  return TRANSPORT_PROTOCOLS.filter((p) => set.has(p));
}

/**
 * @param headline what the port is known for in practice, where that is not IANA's service (practiceHeadline)
 * @returns the page title and link-unfurl title, e.g. "Port 3489: dtp-dia (TCP, UDP)",
 *   "Port 4: unassigned", "Port 50000: dynamic range"; with a headline it leads and IANA's name
 *   follows while the title stays within 57 characters: "Port 6443: Kubernetes API server (IANA:
 *   sun-sr-https)"; a longer one drops IANA's name, then the label for the product's name, then
 *   the headline altogether
 */
export function portTitle(record: PortRecord, headline: Headline | null = null): string {
  const primary = primaryEntry(record);
  if (headline) {
    // The first that fits 57 characters (70 with " · Port Atlas"): label and IANA name, label, product name.
    const lead = `Port ${record.port}: ${headline.label}`;
    const fits = [primary?.serviceName ? `${lead} (IANA: ${primary.serviceName})` : lead, lead, `Port ${record.port}: ${headline.lead.name}`].find((t) => t.length <= 57);
    if (fits) return fits;
  }
  if (primary) {
    const name = primary.serviceName ?? primary.description;
    return `Port ${record.port}: ${name} (${protocolsOf(record, primary).map(protocolLabel).join(', ')})`;
  }
  const status = record.status === 'dynamic' ? 'dynamic range' : record.status;
  return `Port ${record.port}: ${status}`;
}

/**
 * @param record the port's registry record
 * @param uses the port's uses in practice (usesByPort); narrow ones are named after what IANA records
 * @param headline what the port is known for in practice, where that is not IANA's service: then
 *   the summary leads with it (headlineSentence) and IANA's facts follow
 * @returns plain sentences: the tier, what IANA records, and who uses the port in practice,
 *   e.g. "Port 3489 is a registered port (1024–49151). IANA assigns it to dtp-dia (DTP/DIA)
 *   on TCP and UDP, registered in May 2002 by Alexei V. Soloviev."
 */
export function portSummary(record: PortRecord, uses: readonly PortUse[] = [], headline: Headline | null = null): string {
  if (headline) return `${headlineSentence(record.port, headline)} ${registrySummary(record)}`;
  const practice = practiceSentence(uses);
  return practice ? `${registrySummary(record)} ${practice}` : registrySummary(record);
}

/** The tier and what IANA records (portSummary without practice). */
function registrySummary(record: PortRecord): string {
  const { port, tier, status } = record;
  const opening = `Port ${port} is a ${tierPhrase(tier)}`;
  if (status === 'dynamic') {
    return `${opening}: IANA never assigns these; operating systems hand them out as temporary (ephemeral) ports.`;
  }
  const primary = primaryEntry(record);
  if (status === 'assigned' && primary) {
    // An empty Description (82 ports, e.g. commplex-main on 5000) leaves just the service name.
    const name = primary.serviceName
      ? primary.description ? `${primary.serviceName} (${primary.description})` : primary.serviceName
      : primary.description;
    const range = primary.range ? ` as part of the range ${primary.range.start}–${primary.range.end}` : '';
    const assignee = primary.assignees[0]?.name;
    // With a date: "registered in May 2002" or "on 23 April 2015", "by <assignee>"; without one, just name the assignee.
    const date = primary.registrationDate;
    const when = date
      ? `, registered ${date.length > 7 ? 'on' : 'in'} ${formatRegistryDate(date)}${assignee ? ` by ${assignee}` : ''}`
      : assignee ? `; the assignee is ${assignee}` : '';
    const aliases = [...new Set(record.entries.filter((e) => e.kind === 'assigned' && e.serviceName && e.serviceName !== primary.serviceName).map((e) => e.serviceName!))];
    const also = aliases.length ? ` Also listed as ${joinWords(aliases)}.` : '';
    // An assignee ending in a full stop ("MongoDB, Inc.") ends the sentence itself.
    return `${opening}. IANA assigns it${range} to ${name} on ${joinProtocols(protocolsOf(record, primary))}${when}${when.endsWith('.') ? '' : '.'}${also}`;
  }
  const withdrawn = record.entries.find((e) => e.kind === 'de-assigned');
  if (status === 'de-assigned' && withdrawn) {
    // Handles in the note read as names; the note's own full stop, if any, is not doubled.
    const why = (withdrawn.assignmentNotes ?? withdrawn.description)
      .replace(/\[([^\]]+)\]/g, (_, handle: string) => handle.replace(/_/g, ' '))
      .replace(/\.$/, '');
    return `${opening} with no current assignment; IANA records: ${why}.`;
  }
  if (status === 'reserved') return `${opening}, reserved by IANA and not assigned to any service.`;
  return `${opening} that IANA has not assigned to any service.`;
}

/**
 * The summary as a meta description of at most `max` characters (about what search engines
 * and chat unfurls show). A longer summary loses whole trailing clauses, cut at "; ", ". "
 * or ", ", and still ends with a full stop; only a single over-long clause is cut at a
 * word, with "…".
 */
export function metaDescription(record: PortRecord, uses: readonly PortUse[] = [], max = 160, headline: Headline | null = null): string {
  const summary = portSummary(record, uses, headline).replace(/\s+/g, ' ');
  if (summary.length <= max) return summary;
  const head = summary.slice(0, max);
  for (const boundary of ['. ', '; ', ', ']) {
    const at = head.lastIndexOf(boundary);
    if (at > max / 2) return `${head.slice(0, at).replace(/[.;,]$/, '')}.`;
  }
  return `${head.slice(0, head.lastIndexOf(' '))}…`;
}
