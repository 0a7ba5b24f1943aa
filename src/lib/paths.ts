/** The one place that knows the site's URL shapes. All paths end in "/" (directory pages). */

/** @returns "/ports/3489/" */
export const portPath = (port: number): string => `/ports/${port}/`;

/** @returns "/notes/ghost-registration/" */
export const notePath = (slug: string): string => `/notes/${slug}/`;

/** @returns "/software/grafana/" */
export const softwarePath = (slug: string): string => `/software/${slug}/`;

export const NOTES_INDEX_PATH = '/notes/';
export const SOFTWARE_INDEX_PATH = '/software/';
export const REGISTRY_VS_PRACTICE_PATH = '/registry-vs-practice/';
export const SECURITY_PATH = '/security/';
export const FREE_PORT_PATH = '/tools/free-port/';
export const TRIAGE_PATH = '/tools/triage/';
export const TRIAGE_DATA_PATH = '/tools/triage/data.json';
export const SERVICE_NAMES_PATH = '/service-names/';
export const SEARCH_PATH = '/search/';
export const RANGES_PATH = '/ports/';
export const DATA_REPORT_PATH = '/data-report.json';

/** Ports per block on the browse pages (/ports/ lists blocks, each links its ports). */
export const BROWSE_BLOCK_SIZE = 1024;

/** @returns "3072-4095", the block of BROWSE_BLOCK_SIZE ports that holds `port` */
export function blockLabel(port: number): string {
  const start = Math.floor(port / BROWSE_BLOCK_SIZE) * BROWSE_BLOCK_SIZE;
  return `${start}-${start + BROWSE_BLOCK_SIZE - 1}`;
}

/** @returns "/ports/range/3072-4095/" for the block that holds `port` */
export const blockPath = (port: number): string => `/ports/range/${blockLabel(port)}/`;

/**
 * The URL segment of an IANA service name: the one place that decides it, for the service
 * pages (/services/<segment>/) and the JSON API (/api/v1/services/<segment>.json).
 *
 * Service names are case-insensitive (RFC 6335 section 5.1), so the segment is lower-case.
 * Letters, digits, '-' and '_' are kept, and '.' too except first (a leading dot makes a
 * hidden file on some hosts). Every other UTF-8 byte becomes '~' and two lower-case hex digits,
 * which is percent-encoding (RFC 3986 section 2.1) with '~' in place of '%': a '%' in a
 * static file's name does not survive hosts that decode the request path before looking up
 * the file, while '~' is unreserved everywhere. Historic names such as "sql*net", "cl/1" and
 * "whois++" become "sql~2anet", "cl~2f1" and "whois~2b~2b". '~' itself is escaped too, so
 * distinct lower-case names always give distinct segments (never "sql-net" for "sql*net",
 * which the registry also has).
 * @param name a service name as the registry writes it, any case
 * @returns the lower-case segment, e.g. "ssh", "z39.50", "cl~2f1"
 */
export function serviceSegment(name: string): string {
  const escape = (byte: number) => `~${byte.toString(16).padStart(2, '0')}`;
  return [...new TextEncoder().encode(name.toLowerCase())]
    .map((byte, i) => {
      const char = String.fromCharCode(byte);
      return /[a-z0-9_-]/.test(char) || (char === '.' && i > 0) ? char : escape(byte);
    })
    .join('');
}

/** @returns "/services/ssh/"; see serviceSegment for names with other characters */
export const servicePath = (name: string): string => `/services/${serviceSegment(name)}/`;

export const SERVICES_INDEX_PATH = '/services/';

/**
 * @param initial a first character as serviceInitial gives it: "a" to "z", or "0-9"
 * @returns "/services/initial/a/", the page of service names starting with it. A level below
 *   the service pages (/services/<segment>/), so no service name can take its URL.
 */
export const serviceInitialPath = (initial: string): string => `/services/initial/${initial}/`;

export const API_PATH = '/api/';
export const API_SCHEMA_PATH = '/api/v1/schema.json';
export const API_REGISTRY_PATH = '/api/v1/registry.json';

/** @returns "/api/v1/ports/3489.json" (only for ports with a per-port file: see src/lib/api/port-json.ts) */
export const apiPortPath = (port: number): string => `/api/v1/ports/${port}.json`;

/** @returns "/api/v1/ports/blocks/3072-4095.json", the block file that holds `port` */
export const apiBlockPath = (port: number): string => `/api/v1/ports/blocks/${blockLabel(port)}.json`;

/** @returns "/api/v1/services/ssh.json" */
export const apiServicePath = (name: string): string => `/api/v1/services/${serviceSegment(name)}.json`;
