/**
 * "Find a free port": which ports in a range no rule claims. Rules: IANA assignments and
 * reservations, products that use the port in practice, the operating systems' default
 * ephemeral ranges, and privileged ports. Pure; runs at build time (the page's no-JS answer)
 * and in the browser (src/client/free-port.ts), on the compact data of compactFreePortData.
 */
import { WIDE_RANGE_PORTS } from './software/practice.ts';

/** Inclusive port range. */
export interface PortRange {
  start: number;
  end: number;
}

/**
 * Default ephemeral (dynamic) port ranges, from which the OS picks local ports for outgoing
 * connections; a server bound there can collide with them.
 * Linux: ip_local_port_range defaults to 32768 60999 (kernel docs, networking/ip-sysctl).
 * Windows Vista / Server 2008 and later: 49152-65535 (Microsoft KB 929851).
 * macOS: net.inet.ip.portrange.first/last 49152-65535 (XNU bsd/netinet/in_pcb.c).
 * Privileged: binding below 1024 needs root or CAP_NET_BIND_SERVICE on Linux (capabilities(7)).
 */
export const FIXED_RULES = {
  'linux-ephemeral': { start: 32768, end: 60999, label: 'Linux ephemeral range (32768–60999)' },
  'windows-ephemeral': { start: 49152, end: 65535, label: 'Windows ephemeral range (49152–65535)' },
  'macos-ephemeral': { start: 49152, end: 65535, label: 'macOS ephemeral range (49152–65535)' },
  privileged: { start: 0, end: 1023, label: 'Privileged port (below 1024)' },
} as const;

export type FixedRule = keyof typeof FIXED_RULES;
export type Rule = 'iana' | 'practice' | 'practice-ranges' | FixedRule;
export const RULES: Rule[] = ['iana', 'practice', 'practice-ranges', 'linux-ephemeral', 'windows-ephemeral', 'macos-ephemeral', 'privileged'];
/**
 * The rules a reader gets without choosing: all but 'practice-ranges', whose pools (Asterisk's
 * RTP media 10000-20000, a doorbell's 16500-65000) would leave almost nothing free.
 */
export const DEFAULT_RULES: Rule[] = RULES.filter((rule) => rule !== 'practice-ranges');
/** Uses spanning more ports than this are pools a product draws from, not ports it listens on. */
export const POOL_SIZE = WIDE_RANGE_PORTS;
export const RULE_LABELS: Record<Rule, string> = {
  iana: 'IANA assignment or reservation',
  practice: 'Used by software in practice',
  'practice-ranges': 'Inside a port range software draws from (RTP media, NodePorts)',
  ...Object.fromEntries(Object.entries(FIXED_RULES).map(([rule, { label }]) => [rule, label])),
} as Record<Rule, string>;

/** The registered range (RFC 6335), the finder's default. */
export const DEFAULT_RANGE: PortRange = { start: 1024, end: 49151 };

/**
 * What the finder needs, in the form the page downloads (a few KB gzip):
 * iana: the ports IANA assigns or reserves, as sorted inclusive runs [start, end];
 * uses: [start, end, product index] per use in practice (a span over POOL_SIZE ports is a pool,
 * checked by 'practice-ranges', otherwise by 'practice'); products: names by index.
 */
export interface FreePortData {
  iana: [number, number][];
  uses: [number, number, number][];
  products: string[];
}

/** Sorted ports -> inclusive runs: [1,2,3,7] -> [[1,3],[7,7]]. */
export function toRuns(ports: Iterable<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (const port of [...ports].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && port === last[1] + 1) last[1] = port;
    else if (!last || port > last[1]) runs.push([port, port]);
  }
  return runs;
}

/**
 * @param ianaPorts ports whose IANA status is assigned or reserved
 * @param uses each use in practice: its product name and port span
 */
export function compactFreePortData(ianaPorts: Iterable<number>, uses: { name: string; start: number; end: number }[]): FreePortData {
  const products = [...new Set(uses.map((use) => use.name))].sort();
  const index = new Map(products.map((name, i) => [name, i]));
  return {
    iana: toRuns(ianaPorts),
    uses: uses.map((use) => [use.start, use.end, index.get(use.name)!] as [number, number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]),
    products,
  };
}

/** Which rule a use falls under: a named port or a pool. */
const ruleOfUse = ([start, end]: [number, number, number]): 'practice' | 'practice-ranges' =>
  end - start + 1 > POOL_SIZE ? 'practice-ranges' : 'practice';

/** One reason a port is not free. */
export interface Claim {
  rule: Rule;
  /** Product names for `practice` and `practice-ranges`. */
  products?: string[];
}

/**
 * @returns every claim on `port` under the active rules, in RULES order; empty = free
 */
export function claimsOn(data: FreePortData, port: number, rules: ReadonlySet<Rule>): Claim[] {
  const claims: Claim[] = [];
  if (rules.has('iana') && data.iana.some(([start, end]) => start <= port && port <= end)) claims.push({ rule: 'iana' });
  for (const rule of ['practice', 'practice-ranges'] as const) {
    if (!rules.has(rule)) continue;
    const products = [...new Set(data.uses.filter((use) => ruleOfUse(use) === rule && use[0] <= port && port <= use[1]).map(([, , i]) => data.products[i]!))];
    if (products.length > 0) claims.push({ rule, products });
  }
  for (const rule of Object.keys(FIXED_RULES) as FixedRule[]) {
    const { start, end } = FIXED_RULES[rule];
    if (rules.has(rule) && start <= port && port <= end) claims.push({ rule });
  }
  return claims;
}

/**
 * @param range inclusive, within 0-65535
 * @returns a flag per port of the range: true = no active rule claims it
 */
export function freeFlags(data: FreePortData, range: PortRange, rules: ReadonlySet<Rule>): boolean[] {
  const free = new Array<boolean>(range.end - range.start + 1).fill(true);
  const claim = (start: number, end: number) => {
    for (let port = Math.max(start, range.start); port <= Math.min(end, range.end); port++) free[port - range.start] = false;
  };
  if (rules.has('iana')) for (const [start, end] of data.iana) claim(start, end);
  for (const use of data.uses) if (rules.has(ruleOfUse(use))) claim(use[0], use[1]);
  for (const rule of Object.keys(FIXED_RULES) as FixedRule[]) if (rules.has(rule)) claim(FIXED_RULES[rule].start, FIXED_RULES[rule].end);
  return free;
}

/**
 * @returns the free ports of `range` in order, and their runs, longest first (then lowest start)
 */
export function findFreePorts(data: FreePortData, range: PortRange, rules: ReadonlySet<Rule>): { ports: number[]; runs: PortRange[] } {
  const flags = freeFlags(data, range, rules);
  const ports = flags.flatMap((free, i) => (free ? [range.start + i] : []));
  const runs = toRuns(ports).map(([start, end]) => ({ start, end }));
  runs.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  return { ports, runs };
}

/**
 * Parses the reader's range, e.g. "1024-49151" or "8000".
 * @returns the range, or null when it is not one or two numbers 0-65535 in ascending order
 */
export function parseRange(text: string): PortRange | null {
  const match = /^\s*(\d{1,5})\s*(?:[-–]\s*(\d{1,5})\s*)?$/.exec(text);
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return start <= end && end <= 65535 ? { start, end } : null;
}
