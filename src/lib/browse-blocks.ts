/**
 * The browse pages: the port space cut into blocks of BROWSE_BLOCK_SIZE, each listing its
 * ports with runs of unassigned or dynamic ports collapsed. Pure.
 */
import type { PortRecord, PortStatus } from '../schemas/port-record.ts';
import { primaryEntry } from './describe-port.ts';
import { BROWSE_BLOCK_SIZE } from './paths.ts';

export type BlockItem =
  | { kind: 'port'; port: number; status: PortStatus; name: string }
  | { kind: 'run'; start: number; end: number; status: 'unassigned' | 'dynamic' };

export interface Block {
  start: number;
  end: number;
  assigned: number;
  items: BlockItem[];
}

/**
 * @param records all 65,536 records, index = port
 * @returns 64 blocks (0-1023, 1024-2047, ...); a run of two or more unassigned or dynamic
 *   ports becomes one item
 */
export function browseBlocks(records: PortRecord[]): Block[] {
  const blocks: Block[] = [];
  for (let start = 0; start < records.length; start += BROWSE_BLOCK_SIZE) {
    const end = Math.min(start + BROWSE_BLOCK_SIZE, records.length) - 1;
    const items: BlockItem[] = [];
    let assigned = 0;
    for (let port = start; port <= end; port++) {
      const record = records[port]!;
      if (record.status === 'assigned') assigned++;
      if (record.status === 'unassigned' || record.status === 'dynamic') {
        const last = items.at(-1);
        if (last?.kind === 'run' && last.status === record.status && last.end === port - 1) last.end = port;
        else items.push({ kind: 'run', start: port, end: port, status: record.status });
        continue;
      }
      const primary = primaryEntry(record);
      const name = primary?.serviceName ?? primary?.description ?? record.entries[0]?.description ?? record.status;
      items.push({ kind: 'port', port, status: record.status, name });
    }
    blocks.push({ start, end, assigned, items });
  }
  return blocks;
}
