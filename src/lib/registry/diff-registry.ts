/**
 * What changed between two registry snapshots, by record identity (service name, port or
 * range, transport protocol). Pure.
 */
import type { RegistryRow } from './parse-csv.ts';

export interface RegistryDiff {
  added: string[];
  removed: string[];
  /** Same identity, some other field (description, assignee, dates, notes...) differs. */
  modified: string[];
}

/** "ssh 22/tcp", "x11 6000-6063/udp", "(no name) 4/any", "arp (no port)". */
export function recordLabel(row: Pick<RegistryRow, 'serviceName' | 'ports' | 'protocol'>): string {
  const name = row.serviceName ?? '(no name)';
  if (row.ports === null) return `${name} (no port)`;
  const ports = row.ports.start === row.ports.end ? `${row.ports.start}` : `${row.ports.start}-${row.ports.end}`;
  return `${name} ${ports}/${row.protocol ?? 'any'}`;
}

/** Row facts without the line number, which moves whenever rows are added above. */
const facts = (row: RegistryRow) => JSON.stringify({ ...row, line: 0 });

/**
 * @param before rows of the vendored snapshot
 * @param after rows of the new download
 * @returns labels of added, removed and modified records, each sorted; rows sharing an
 *   identity are compared as a group
 */
export function diffRegistries(before: RegistryRow[], after: RegistryRow[]): RegistryDiff {
  const group = (rows: RegistryRow[]) => {
    const byLabel = new Map<string, string[]>();
    for (const row of rows) byLabel.set(recordLabel(row), [...(byLabel.get(recordLabel(row)) ?? []), facts(row)]);
    return byLabel;
  };
  const old = group(before);
  const next = group(after);
  const added = [...next.keys()].filter((label) => !old.has(label));
  const removed = [...old.keys()].filter((label) => !next.has(label));
  const modified = [...next.keys()].filter(
    (label) => old.has(label) && JSON.stringify(old.get(label)!.sort()) !== JSON.stringify(next.get(label)!.sort()),
  );
  return { added: added.sort(), removed: removed.sort(), modified: modified.sort() };
}
