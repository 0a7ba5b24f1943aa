/**
 * What the search box does on Enter before any index lookup. Pure; runs in the browser.
 */
import { TRANSPORT_PROTOCOLS, type TransportProtocol } from './transport-protocols.ts';

export interface PortQuery {
  port: number;
  protocol: TransportProtocol | null;
}

/**
 * @param query what the reader typed: "3489", " 3489/udp ", "port 22", ":443", "6010"; while
 *   typing, "3489/" and "3489/u" also count, without a protocol yet
 * @returns the port (0-65535) and optional protocol, or null when the query is not a
 *   port number (then the search index answers it)
 */
export function parsePortQuery(query: string): PortQuery | null {
  const match = /^\s*(?:port\s+)?:?(\d{1,5})\s*(?:\/\s*([a-z]*))?\s*$/i.exec(query);
  if (!match) return null;
  const port = Number(match[1]);
  if (port > 65535) return null;
  const typed = match[2]?.toLowerCase() ?? '';
  if (typed === '') return { port, protocol: null };
  const protocol = TRANSPORT_PROTOCOLS.find((p) => p === typed);
  if (protocol) return { port, protocol };
  return TRANSPORT_PROTOCOLS.some((p) => p.startsWith(typed)) ? { port, protocol: null } : null;
}

/** What "(software)" result titles end with (src/pages/software/[slug].astro). */
export const SOFTWARE_TITLE_SUFFIX = ' (software)';
/** Joins a product's aliases in its `aliases` search metadata (src/pages/software/[slug].astro). */
export const ALIAS_SEPARATOR = ', ';

/** A search result as the index gives it: URL and metadata (product pages add aliases, vendor and their main port). */
export interface NamedResult {
  url: string;
  /** port: a product page's main port, the first its file lists ("7000" for Apple AirPlay). */
  meta: { title?: string; aliases?: string; vendor?: string; port?: string };
}

/**
 * How well a result is named by the query, strongest first; null when it is not. Whole-word
 * matches (0-2) beat a bare prefix (3), which only counts while the reader is still typing a word.
 */
export const NAME_MATCH = { exact: 0, alias: 1, firstWords: 2, prefix: 3 } as const;
export type NameMatch = (typeof NAME_MATCH)[keyof typeof NAME_MATCH];

const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
/** "oracle" starts "oracle database" with whole words; "postgre" starts "postgresql" only as a prefix. */
const startsWithWords = (name: string, query: string) => name.startsWith(query) && !/[\p{L}\p{N}]/u.test(name.charAt(query.length));

/**
 * @param result a search result, with the metadata product pages carry (title "Oracle Database
 *   (software)", aliases "oracle, tnslsnr", vendor "Oracle") and port pages' titles
 *   ("Port 22: ssh · OpenSSH")
 * @param query what the reader typed
 * @returns exact: a product's name or a port page's IANA service name is the query ("ssh" for
 *   "Port 22: ssh"; only port pages: a note titled "Port 22: SSH" is not the registration);
 *   alias: one of the product's aliases is the query; firstWords: the query is the first
 *   whole word(s) of its name or an alias ("oracle" for "Oracle WebLogic Server"), or names its
 *   vendor ("mikrotik" for Winbox); prefix: its name, an alias or its vendor starts with the
 *   query ("postgre"); null otherwise
 */
export function nameMatch(result: NamedResult, query: string): NameMatch | null {
  const wanted = normalize(query);
  if (wanted === '') return null;
  const title = normalize(result.meta.title ?? '');
  if (/^\/ports\/\d+\/$/.test(result.url)) {
    return /^port \d+: (.+?)(?: · .*)?$/.exec(title)?.[1] === wanted ? NAME_MATCH.exact : null;
  }
  if (!title.endsWith(SOFTWARE_TITLE_SUFFIX)) return null;
  const name = title.slice(0, -SOFTWARE_TITLE_SUFFIX.length);
  const aliases = (result.meta.aliases ?? '').split(ALIAS_SEPARATOR.trim()).map(normalize).filter(Boolean);
  const candidates = [name, ...aliases, normalize(result.meta.vendor ?? '')];
  if (name === wanted) return NAME_MATCH.exact;
  if (aliases.includes(wanted)) return NAME_MATCH.alias;
  if (candidates.some((candidate) => startsWithWords(candidate, wanted))) return NAME_MATCH.firstWords;
  if (candidates.some((candidate) => candidate.startsWith(wanted))) return NAME_MATCH.prefix;
  return null;
}

/**
 * Moves the results that the query names to the front, strongest match first (nameMatch), and
 * keeps the index's order otherwise and among equals. Pagefind ranks by how often and where a
 * word occurs, not by names: for "prometheus" it puts "Prometheus Pushgateway" level with
 * Prometheus, for "ssh" the OpenSSH page above port 22, and for "oracle" three pages that
 * mention Oracle above Oracle Database. Bare prefixes move up only when no result matches
 * whole words, so "postgres" keeps port 5432 above PostgREST. A promoted product's main port
 * page, when the index returned it, follows the product: "airplay" shows Apple AirPlay, then
 * port 7000, where the index ranks pages that only mention AirPlay higher; when the index did not
 * return that page among the loaded results, `mainPortResult` makes a link to it instead.
 * @param results the index's results, best first, with their URLs and metadata
 * @param query what the reader typed
 * @param mainPortResult (port, product result) -> a result linking the product's main port page
 */
export function promoteNameMatches<T extends NamedResult>(results: T[], query: string, mainPortResult?: (port: number, product: T) => T): T[] {
  const matches = results.map((result) => nameMatch(result, query));
  const wholeWords = matches.some((match) => match !== null && match < NAME_MATCH.prefix);
  const promoted = (i: number) => matches[i] != null && (!wholeWords || matches[i] < NAME_MATCH.prefix);
  const front = results.map((_, i) => i).filter(promoted);
  front.sort((a, b) => matches[a]! - matches[b]! || a - b);
  const placed = new Set(front);
  const ordered: T[] = [];
  for (const i of front) {
    ordered.push(results[i]!);
    const port = results[i]!.meta.port;
    const follower = port === undefined ? -1 : results.findIndex((r, j) => !placed.has(j) && r.url === `/ports/${port}/`);
    if (follower >= 0) {
      placed.add(follower);
      ordered.push(results[follower]!);
    } else if (port !== undefined && mainPortResult && !ordered.some((r) => r.url === `/ports/${port}/`)) {
      ordered.push(mainPortResult(Number(port), results[i]!));
    }
  }
  return [...ordered, ...results.filter((_, i) => !placed.has(i))];
}
