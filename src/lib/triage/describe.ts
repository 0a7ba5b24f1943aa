/**
 * The words of a triage row, shared by the page's table (src/client/triage.ts) and the copies
 * for a ticket (Markdown, Jira, CSV): one place decides what each column says. Pure.
 */
import { portPath } from '../paths.ts';
import { ticketTable, type TableFormat, type TicketCell } from '../ticket-table.ts';
import { amplifies, matchSentence, type TriageRow } from './annotate.ts';
import type { ListingProcess } from './listing.ts';

const STATUS_WORDS = { assigned: 'assigned', reserved: 'reserved by IANA', unassigned: 'unassigned', 'de-assigned': 'de-assigned', dynamic: 'dynamic range' } as const;

/** One flag of a row, with the page section that explains it. */
export interface RowFlag {
  kind: 'kev' | 'ghost' | 'amplification' | 'nothing-known' | 'uncertain';
  text: string;
  /** Site path (with its #section) that shows the fact. */
  href: string | null;
}

/** "sshd (812)", "nginx (1200, 1201)", "PID 1052", "svchost.exe (1052; RpcSs)". */
export function processText(processes: readonly ListingProcess[]): string {
  const byName = new Map<string, ListingProcess[]>();
  for (const p of processes) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  return [...byName.entries()]
    .map(([name, list]) => {
      const pids = list.flatMap((p) => (p.pid === null ? [] : [String(p.pid)]));
      const services = [...new Set(list.flatMap((p) => p.services ?? []))];
      const detail = [pids.join(', '), services.join(', ')].filter(Boolean).join('; ');
      if (name === '') return pids.length ? `PID ${pids.join(', ')}` : '';
      return detail ? `${name} (${detail})` : name;
    })
    .filter(Boolean)
    .join('; ');
}

/** What the port usually is: the page heading's label, else its registry status in words. */
export const usuallyText = (row: TriageRow): string => row.facts.label ?? STATUS_WORDS[row.facts.status];

/** @returns the row's flags in the order the table shows them */
export function rowFlags(row: TriageRow): RowFlag[] {
  const flags: RowFlag[] = [];
  const page = portPath(row.port);
  if (row.facts.kev > 0) flags.push({ kind: 'kev', text: `${row.facts.kev} known exploited ${row.facts.kev === 1 ? 'vulnerability' : 'vulnerabilities'}`, href: `${page}#security` });
  if (amplifies(row, row.facts)) {
    const protocols = row.facts.amplification.map(({ protocol, factor }) => `${protocol}, factor ${factor}`).join('; ');
    flags.push({ kind: 'amplification', text: `UDP amplification (${protocols})`, href: `${page}#security` });
  }
  if (row.facts.ghost) flags.push({ kind: 'ghost', text: 'likely ghost registration', href: `${page}#evidence` });
  if (row.facts.nothingKnown) flags.push({ kind: 'nothing-known', text: 'registry says nothing, no software known', href: page });
  if (row.uncertain) flags.push({ kind: 'uncertain', text: `nmap: ${row.uncertain}`, href: null });
  return flags;
}

/** The process column: the listing's processes, then how they compare with the port's software. */
export function processColumn(row: TriageRow): { processes: string; match: string | null } {
  const processes = processText(row.processes) || (row.service ? `nmap guess: ${row.service}` : '');
  return { processes, match: row.match ? matchSentence(row.match, row.port) : null };
}

export const TABLE_HEADER = ['Port', 'Protocol', 'Bound to', 'Process', 'Usually', 'Flags', 'Why'];

/**
 * @param rows annotated rows in table order
 * @param origin the site's origin for absolute port links ("https://ports.example.org")
 * @returns the table as Markdown, Jira wiki markup or CSV (ticketTable)
 */
export function triageTable(format: TableFormat, rows: readonly TriageRow[], origin: string): string {
  const cells = rows.map((row): TicketCell[] => {
    const { processes, match } = processColumn(row);
    return [
      { text: String(row.port), url: `${origin}${portPath(row.port)}` },
      row.protocol?.toUpperCase() ?? 'not given',
      row.scope.words,
      [processes, match].filter(Boolean).join(' — '),
      usuallyText(row),
      rowFlags(row).map((f) => f.text).join('; '),
      row.reasons.join('; '),
    ];
  });
  return ticketTable(format, TABLE_HEADER, cells);
}
