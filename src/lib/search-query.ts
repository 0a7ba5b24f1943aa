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

/**
 * Moves exact matches to the front, keeping the index's order otherwise: a product whose name
 * is the query ("Prometheus (software)" for "prometheus", which Pagefind ranks no higher than
 * "Prometheus Pushgateway"), and a port whose IANA service name is the query ("Port 22: ssh"
 * for "ssh", which the OpenSSH page would otherwise outrank).
 * @param results the index's results, best first, with their URLs and titles
 * @param query what the reader typed
 */
export function promoteExactNames<T extends { url: string; meta: { title?: string } }>(results: T[], query: string): T[] {
  const wanted = query.trim().toLowerCase();
  const exact = (result: T) => {
    const title = (result.meta.title ?? '').toLowerCase();
    // Only port pages: a note titled "Port 22: SSH" is not the port's registration.
    const portName = /^\/ports\/\d+\/$/.test(result.url) ? /^port \d+: (.+?)(?: · .*)?$/.exec(title)?.[1] : undefined;
    return title === `${wanted}${SOFTWARE_TITLE_SUFFIX}` || portName === wanted;
  };
  return [...results.filter(exact), ...results.filter((result) => !exact(result))];
}
