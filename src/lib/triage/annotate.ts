/**
 * Explains parsed listening sockets with the port pages' facts: what the port usually is, its
 * flags (likely ghost registration, known exploited vulnerabilities, UDP amplification, the
 * registry says nothing and no software is known), whether the process is the software known
 * on that port, and which rows deserve attention first. Pure; no Astro imports.
 */
import { bindScope, type BindScope, type ListenRow } from './listing.ts';
import { productUsesPort, TriageIndex, type PortFacts, type TriageProduct } from './data.ts';

/** How a listing's process compares with the software known on the port. */
export interface ProcessMatch {
  /** expected: a product known on this port runs as this process; elsewhere: products known on other ports do; none: no product does. */
  kind: 'expected' | 'elsewhere' | 'none';
  /** The process name as the listing printed it. */
  process: string;
  /** The products whose process names match (for 'elsewhere', with their ports). */
  products: TriageProduct[];
}

export interface TriageRow extends ListenRow {
  scope: BindScope;
  facts: PortFacts;
  /** Null when the listing names no process (nmap, a plain list, a PID without a name). */
  match: ProcessMatch | null;
  /** 0: look first (KEV entries; or exposed beyond loopback and unknown), 1: exposed, 2: loopback only. */
  attention: 0 | 1 | 2;
  /** Why the row sorts where it does, in words ("exposed beyond loopback; nothing known on this port"). */
  reasons: string[];
}

const MATCH_ORDER: Record<ProcessMatch['kind'], number> = { expected: 0, elsewhere: 1, none: 2 };

/**
 * @returns the best match among the row's processes (and, from Windows netstat -b, their
 *   services): a product known on the port beats one known elsewhere, which beats none
 */
export function matchProcesses(row: ListenRow, index: TriageIndex): ProcessMatch | null {
  let best: ProcessMatch | null = null;
  for (const process of row.processes) {
    if (process.name === '') continue;
    const products = [...new Set([process.name, ...(process.services ?? [])].flatMap((name) => index.productsByProcess(name, process.truncated)))];
    const here = products.filter((p) => productUsesPort(p, row.port, row.protocol));
    const match: ProcessMatch = here.length > 0
      ? { kind: 'expected', process: process.name, products: here }
      : { kind: products.length > 0 ? 'elsewhere' : 'none', process: process.name, products };
    if (!best || MATCH_ORDER[match.kind] < MATCH_ORDER[best.kind]) best = match;
  }
  return best;
}

/** Whether the amplification flag applies: the port is a UDP vector and the row is UDP (or its protocol unknown). */
export const amplifies = (row: Pick<ListenRow, 'protocol'>, facts: PortFacts): boolean => facts.amplification.length > 0 && row.protocol !== 'tcp' && row.protocol !== 'sctp';

function judge(row: ListenRow, scope: BindScope, facts: PortFacts, match: ProcessMatch | null): Pick<TriageRow, 'attention' | 'reasons'> {
  // A plain list or a scan does not say the socket is loopback only, so it counts as exposed.
  const exposed = scope.kind !== 'loopback';
  const reasons: string[] = [];
  if (facts.kev > 0) reasons.push('known exploited vulnerabilities');
  if (exposed) reasons.push(scope.kind === 'unknown' ? 'bind address not given' : 'exposed beyond loopback');
  // Short, because the flags and the process column already say the details.
  const unknown: string[] = [];
  if (facts.nothingKnown) unknown.push('nothing known on this port');
  else if (facts.ghost) unknown.push('likely ghost registration');
  if (match?.kind === 'none') unknown.push('process not known');
  if (match?.kind === 'elsewhere') unknown.push('process known on other ports');
  reasons.push(...unknown);
  if (facts.kev > 0 || (exposed && unknown.length > 0)) return { attention: 0, reasons };
  return { attention: exposed ? 1 : 2, reasons };
}

const PROTOCOL_ORDER: Record<string, number> = { tcp: 0, udp: 1, sctp: 2 };

/** Attention first, then port, protocol and address: the order the table shows. */
export function byAttention(a: TriageRow, b: TriageRow): number {
  return (
    a.attention - b.attention ||
    a.port - b.port ||
    (PROTOCOL_ORDER[a.protocol ?? ''] ?? 3) - (PROTOCOL_ORDER[b.protocol ?? ''] ?? 3) ||
    (a.address ?? '').localeCompare(b.address ?? '')
  );
}

/**
 * @param rows parsed listening sockets (parseListing)
 * @param index the data file's lookups
 * @returns each row with its scope, the port's facts, the process match and its attention
 *   rank, sorted attention first (byAttention)
 */
export function annotateRows(rows: readonly ListenRow[], index: TriageIndex): TriageRow[] {
  return rows
    .map((row) => {
      const scope = bindScope(row);
      const facts = index.facts(row.port);
      const match = matchProcesses(row, index);
      return { ...row, scope, facts, match, ...judge(row, scope, facts, match) };
    })
    .sort(byAttention);
}

/** "sshd: OpenSSH, expected"; "java on 3489: products that use java are Kafka (9092), ..."; "socat: matches nothing known". */
export function matchSentence(match: ProcessMatch, port: number): string {
  if (match.kind === 'expected') return `${match.process}: ${match.products.map((p) => p.name).join(', ')}, expected`;
  if (match.kind === 'none') return `${match.process}: matches nothing known`;
  const shown = match.products.slice(0, 5).map((p) => `${p.name} (${portsText(p)})`);
  const more = match.products.length > 5 ? `, and ${match.products.length - 5} more` : '';
  const one = match.products.length === 1;
  return `${match.process} on ${port}: ${one ? 'the product that uses' : 'products that use'} ${match.process} ${one ? 'is' : 'are'} ${shown.join(', ')}${more}`;
}

/** A product's ports in short: "80, 443, 8000" or "5060, 10000-20000". */
export function portsText(product: TriageProduct): string {
  const spans = [...new Set(product.uses.map(([start, end]) => (start === end ? String(start) : `${start}-${end}`)))];
  return spans.slice(0, 4).join(', ') + (spans.length > 4 ? ', …' : '');
}
