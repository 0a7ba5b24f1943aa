/**
 * The JSON API's port objects, computed once per port and reused by the per-port files, the
 * block files and /api/v1/registry.json. Pure: callers pass the record, the port's notes and
 * its uses in practice (src/site/api.ts joins them from Astro's collections).
 */
import type { PortRecord } from '../../schemas/port-record.ts';
import type { CompactPortJson, PortJson, UseJson } from '../../schemas/api.ts';
import { ghostVerdict } from '../registry/status.ts';
import { isWide, type PortUse } from '../software/practice.ts';
import { isWideEvidence, registrantWitnessesOf } from '../evidence/evidence.ts';
import type { Evidence, PortPool } from '../../schemas/evidence.ts';
import { BROWSE_BLOCK_SIZE, notePath, portPath, softwarePath } from '../paths.ts';
import { securityJson, type PortSecurity } from '../security/port-security.ts';

/** What the builder needs of a note: its slug (file name), title and `ghost` override. */
export interface NoteRef {
  slug: string;
  title: string;
  ghost: boolean | undefined;
}

/** A use as the API writes it: the product file's use, with its product and without the quote. */
export function useJson({ slug, name, use }: Pick<PortUse, 'slug' | 'name' | 'use'>): UseJson {
  return {
    product: { slug, name, url: softwarePath(slug) },
    port: { start: use.port.start, end: use.port.end },
    protocols: use.protocols,
    role: use.role,
    basis: use.basis,
    setting: use.setting ?? null,
    versions: use.versions ?? null,
    source: { url: use.source.url, title: use.source.title },
  };
}

/** What a port's object is built from besides its record; each list defaults to empty. */
export interface PortFacts {
  /** The notes attached to the port, in page order. */
  notes?: readonly NoteRef[];
  /** The port's uses in practice, as usesByPort sorts them (narrow first). */
  uses?: readonly PortUse[];
  /** Whether a use implements the port's registered service (agreesWithRegistry); by default none does. */
  agrees?: (use: PortUse) => boolean;
  /** The port's evidence of use (evidenceByPort). */
  evidence?: readonly Evidence[];
  /** The OS dynamic port ranges containing the port (poolsOf). */
  pools?: readonly PortPool[];
  /** The port's risk facts (securityByPort), or null. */
  security?: PortSecurity | null;
}

/**
 * Whether a port gets its own file /api/v1/ports/N.json (and a place in registry.json): it
 * has an IANA entry other than "Unassigned" (assigned, reserved, de-assigned), a note, a
 * narrow use in practice (WIDE_RANGE_PORTS or fewer), or evidence of use other than a firewalld
 * service's wide range (isWideEvidence). Ports covered only by wide ranges
 * (Kubernetes NodePorts, RTP media, the dynamic range for Windows RPC) are answered by their
 * block file: per-port files for them would be some 49,000 more files (measured November 2026),
 * past the host's 100,000-file budget.
 */
export function hasPortFile(record: PortRecord, { notes = [], uses = [], evidence = [] }: PortFacts = {}): boolean {
  return record.entries.some((entry) => entry.kind !== 'unassigned') || notes.length > 0 || uses.some((u) => !isWide(u.use)) || evidence.some((e) => !isWideEvidence(e));
}

/**
 * @param record the port's record from the data step
 * @param facts its notes, uses, evidence, pools and security facts
 * @returns the port's facts as its page shows them; `ghost` is ghostVerdict called exactly as
 *   src/site/routes.ts calls it for the page's badge
 */
export function portJson(record: PortRecord, { notes = [], uses = [], agrees = () => false, evidence = [], pools = [], security = null }: PortFacts = {}): PortJson {
  return {
    port: record.port,
    tier: record.tier,
    status: record.status,
    entries: record.entries,
    ghost: ghostVerdict(record.likelyGhost, notes.map((note) => note.ghost), registrantWitnessesOf(uses, evidence, agrees, record.entries).length > 0),
    related: record.related,
    uses: uses.map(useJson),
    evidence: [...evidence],
    pools: pools.map((pool) => pool.id),
    security: securityJson(security),
    notes: notes.map((note) => ({ slug: note.slug, title: note.title, url: notePath(note.slug) })),
    url: portPath(record.port),
  };
}

/** What one port contributes to the API: the full object for ports with a file, else the compact one. */
export type PortItem = { full: PortJson } | { full: null; compact: CompactPortJson; wideUses: UseJson[] };

/**
 * @returns the port's item; a port without a file (see hasPortFile) is unassigned or dynamic,
 *   and its only uses are wide ones, which the block lists once
 */
export function portItem(record: PortRecord, facts: PortFacts = {}): PortItem {
  if (hasPortFile(record, facts)) return { full: portJson(record, facts) };
  if (record.status !== 'unassigned' && record.status !== 'dynamic') {
    throw new Error(`port ${record.port}: status ${record.status} without a per-port file`);
  }
  const compact: CompactPortJson = { port: record.port, tier: record.tier, status: record.status, rangeUses: [], url: portPath(record.port) };
  return { full: null, compact, wideUses: (facts.uses ?? []).map(useJson) };
}

/** A block of BROWSE_BLOCK_SIZE ports as its file lists them (without the file header). */
export interface BlockJson {
  start: number;
  end: number;
  rangeUses: UseJson[];
  /** Ids of the OS dynamic port ranges that overlap the block. */
  pools: string[];
  ports: (PortJson | CompactPortJson)[];
}

const useKey = (use: UseJson) => JSON.stringify([use.product.slug, use.port, use.protocols, use.role]);

/**
 * Cuts the port space into blocks of BROWSE_BLOCK_SIZE (0-1023 ... 64512-65535).
 * @param items one item per port, index = port number (all 65,536)
 * @param pools the OS dynamic port ranges; each block lists those that overlap it
 * @returns the blocks in order; each lists every one of its ports once; a compact port's
 *   `rangeUses` are indexes into its block's `rangeUses`
 * @throws Error when an item's port is not its index (a gap or a duplicate)
 */
export function blocksJson(items: readonly PortItem[], pools: readonly PortPool[] = []): BlockJson[] {
  const blocks: BlockJson[] = [];
  for (let start = 0; start < items.length; start += BROWSE_BLOCK_SIZE) {
    const end = Math.min(start + BROWSE_BLOCK_SIZE, items.length) - 1;
    const rangeUses: UseJson[] = [];
    const indexOf = new Map<string, number>();
    const ports: BlockJson['ports'] = [];
    for (let port = start; port <= end; port++) {
      const item = items[port]!;
      const object = item.full ?? item.compact;
      if (object.port !== port) throw new Error(`port items out of order: ${object.port} at index ${port}`);
      if (item.full) {
        ports.push(item.full);
        continue;
      }
      const indexes = item.wideUses.map((use) => {
        const key = useKey(use);
        if (!indexOf.has(key)) indexOf.set(key, rangeUses.push(use) - 1);
        return indexOf.get(key)!;
      });
      ports.push({ ...item.compact, rangeUses: indexes });
    }
    blocks.push({ start, end, rangeUses, pools: pools.filter((pool) => pool.start <= end && pool.end >= start).map((pool) => pool.id), ports });
  }
  return blocks;
}
