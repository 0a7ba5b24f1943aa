/**
 * "Seen in practice" joined to ports: which products use each port, whether that agrees with
 * what IANA records there, and the sentences pages say about it. Pure; no Astro imports.
 */
import type { PortRecord } from '../../schemas/port-record.ts';
// Types only: a value import would bundle zod into the browser scripts that use this module (free-port), and zod's new Function breaks the CSP.
import type { PortSpan, PracticeBasis, PracticeUse, Software } from '../../schemas/software.ts';
import { joinWords } from '../words.ts';

/** One product's use of a port, as a port page lists it. */
export interface PortUse {
  slug: string;
  name: string;
  use: PracticeUse;
  /** Whether this is the product's first listed use: the port it is known for (Grafana's 3000). */
  primary: boolean;
  /** The product's `imitation` (a honeypot or an emulator), when it stands in for other software. */
  imitation?: Software['imitation'];
  /** Set when the product's file lists more than CATALOGUE_USES uses: a catalogue of protocol ports (Traccar's 266 tracker protocols). */
  catalogue?: true;
}

/**
 * A product with more uses than this lists a catalogue of ports, one per protocol it speaks
 * (Traccar opens one for each of its 266 tracker protocols): each is true and shown, but none
 * says what a reader most likely finds on that port, so none leads a page (src/lib/headline.ts).
 */
export const CATALOGUE_USES = 100;

/**
 * A use spanning more ports than this (Kubernetes NodePorts 30000-32767, an RTP media range)
 * is "wide": listed on every port it covers, but not named in summaries, titles or the
 * search index, where thousands of pages would repeat it.
 */
export const WIDE_RANGE_PORTS = 64;

export const spanSize = (span: PortSpan): number => span.end - span.start + 1;
export const isWide = (use: PracticeUse): boolean => spanSize(use.port) > WIDE_RANGE_PORTS;

/** Every port of a span, ascending. */
export const portsOf = (span: PortSpan): number[] => Array.from({ length: spanSize(span) }, (_, i) => span.start + i);

/**
 * Whether software is documented to listen on this port itself: a single-port or narrow-range
 * use. A wide range is a pool the software draws ports from (RTP media, NodePorts, TURN
 * relays), which says nothing about one port in it: it neither clears the ghost mark nor
 * claims the port in the free-port finder's "used in practice" rule.
 */
export const namesPort = (uses: readonly PortUse[]): boolean => uses.some((u) => !isWide(u.use));

/** What a product that stands in for other software is, as a port page says it beside the product's name. */
export const IMITATION_WORDS: Record<NonNullable<Software['imitation']>, string> = {
  honeypot: 'a honeypot: it imitates other systems to attract attackers',
  emulator: 'an emulator: it imitates other software',
};

/** "3000" or "30000–32767" */
export const spanLabel = (span: PortSpan): string => (span.start === span.end ? String(span.start) : `${span.start}–${span.end}`);

/** First-party facts before what client code shows (a Record, so the compiler asks for every basis). */
const BASIS_RANK: Record<PracticeBasis, number> = { default: 0, convention: 1, client: 2 };
export const basisRank = (basis: PracticeBasis): number => BASIS_RANK[basis];

/**
 * How a summary says a use, after the subject: "Grafana uses it by default for its web UI",
 * "open-source clients of Sonos connect to it for its UPnP control API".
 * @param name the product's name
 * @param where "it" or "port 6443"
 */
export function useClause(name: string, where: string, use: Pick<PracticeUse, 'basis' | 'role'>): string {
  if (use.basis === 'client') return `open-source clients of ${name} connect to ${where} for its ${use.role}`;
  return `${name} uses ${where} ${use.basis === 'default' ? 'by default' : 'by convention'} for its ${use.role}`;
}

/** The basis as a page's facet line says it. */
export const BASIS_LABEL: Record<PracticeBasis, string> = { default: 'default', convention: 'convention', client: 'seen in client code' };

/**
 * Narrow before wide, default before convention before client, a product's main port (its first use) before
 * its other ports, then product name, then port: on 8080, Jenkins and Tomcat come before
 * products that also happen to offer something there.
 */
function compareUses(a: PortUse, b: PortUse): number {
  return (
    Number(isWide(a.use)) - Number(isWide(b.use)) ||
    basisRank(a.use.basis) - basisRank(b.use.basis) ||
    Number(!a.primary) - Number(!b.primary) ||
    a.name.localeCompare(b.name, 'en') ||
    a.use.port.start - b.use.port.start
  );
}

/**
 * @param products every product file, validated
 * @returns port number -> the uses covering it (a range use under each of its ports), sorted
 *   by compareUses; ports nobody uses are absent
 */
export function usesByPort(products: readonly Software[]): Map<number, PortUse[]> {
  const byPort = new Map<number, PortUse[]>();
  for (const product of products) {
    for (const [i, use] of product.uses.entries()) {
      const entry: PortUse = {
        slug: product.slug, name: product.name, use, primary: i === 0,
        ...(product.imitation && { imitation: product.imitation }),
        ...(product.uses.length > CATALOGUE_USES && { catalogue: true as const }),
      };
      for (let port = use.port.start; port <= use.port.end; port++) {
        const list = byPort.get(port);
        if (list) list.push(entry);
        else byPort.set(port, [entry]);
      }
    }
  }
  for (const list of byPort.values()) list.sort(compareUses);
  return byPort;
}

/** Words too common in roles and registry descriptions to tell two services apart. */
const STOP_WORDS = new Set(
  'the and for with over from when only via use used user users data server servers service services protocol port ports client clients connection connections default api system systems application network remote management manager tcp udp'.split(' '),
);

/** Protocol names that the registry and products spell differently. */
const SYNONYMS: Record<string, string> = {
  dns: 'domain', domain: 'dns', dhcp: 'bootps', bootps: 'dhcp', dhcpv6: 'dhcp', smb: 'microsoft', cifs: 'microsoft',
  ike: 'isakmp', isakmp: 'ike', modbus: 'mbap', mbap: 'modbus', www: 'http', https: 'http', ldaps: 'ldap', imaps: 'imap',
  pop3s: 'pop3', submissions: 'submission', xmpp: 'jabber', jabber: 'xmpp', postgres: 'postgresql', irc: 'ircu', ircu: 'irc',
  otlp: 'opentelemetry', opentelemetry: 'otlp', bonjour: 'mdns', rdp: 'wbt', password: 'kpasswd',
};

/** Lower-case letters and digits only: "Microsoft SQL Server" -> "microsoftsqlserver". */
const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Distinctive lower-case words of a text (3+ letters, no stop words), plus protocol synonyms. */
export function distinctiveWords(text: string): Set<string> {
  const found = text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length >= 3 && !STOP_WORDS.has(word));
  return new Set([...found, ...found.flatMap((word) => (SYNONYMS[word] ? [SYNONYMS[word]] : []))]);
}

/**
 * Whether a product's use is the service IANA records on that port: the use names one of the
 * port's service names in `ianaService`, or a service name and a product name contain one
 * another, or the product's name, aliases and the use's role
 * share a distinctive word (after protocol synonyms: dns = domain, smb = microsoft-ds...) with
 * an assigned entry's service name or description ("SSH server" and "The Secure Shell (SSH)
 * Protocol" share "ssh"). A heuristic: set `ianaService` where it guesses wrong.
 * @returns false when the port has no assignment
 */
export function agreesWithRegistry(product: Pick<Software, 'name' | 'slug' | 'aliases'>, use: PracticeUse, record: PortRecord): boolean {
  const assigned = record.entries.filter((entry) => entry.kind === 'assigned');
  if (use.ianaService && assigned.some((entry) => entry.serviceName === use.ianaService)) return true;
  const ours = distinctiveWords([product.name, product.slug, ...product.aliases, use.role].join(' '));
  const names = [product.name, product.slug, ...product.aliases].map(squash).filter((name) => name.length >= 4);
  return assigned.some((entry) => {
    const service = squash(entry.serviceName ?? '');
    // "memcache" in "Memcached", "mongodb" in "MongoDB".
    if (service.length >= 4 && names.some((name) => name.includes(service) || service.includes(name))) return true;
    return [...distinctiveWords(`${(entry.serviceName ?? '').replace(/-/g, ' ')} ${entry.description}`)].some((word) => ours.has(word));
  });
}

/**
 * The sentence a port's summary adds for its narrow uses, or "" when there are none.
 * @param uses the port's uses, as usesByPort sorts them
 * @param named how many products to name before "and N more products"
 * @returns e.g. "In practice, Vite uses it by default for its dev server." or
 *   "In practice, it is used by Gitea, Grafana, Next.js and 3 more products."
 */
export function practiceSentence(uses: readonly PortUse[], named = 3): string {
  const seen = new Set<string>();
  const products = uses.filter((u) => !isWide(u.use) && !seen.has(u.slug) && seen.add(u.slug));
  if (products.length === 0) return '';
  if (products.length === 1) {
    const { name, use } = products[0]!;
    return `In practice, ${useClause(name, 'it', use)}.`;
  }
  const listed = products.slice(0, named).map((u) => u.name);
  const rest = products.length - listed.length;
  return `In practice, it is used by ${joinWords(rest > 0 ? [...listed, `${rest} more product${rest === 1 ? '' : 's'}`] : listed)}.`;
}
