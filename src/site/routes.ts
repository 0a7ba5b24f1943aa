/**
 * Routes computed once per build: every port page's params and props. Pages' getStaticPaths
 * just return these.
 */
import { generatedRegistry } from '../lib/generated-registry.ts';
import { ghostVerdict } from '../lib/registry/status.ts';
import { browseBlocks } from '../lib/browse-blocks.ts';
import type { PortRecord } from '../schemas/port-record.ts';
import { notesByPort, type Note } from './notes.ts';
import { practiceByPort } from './software.ts';
import { namesPort, type PortUse } from '../lib/software/practice.ts';
import { cacheKeyOf } from './cache-key.ts';
import { portSecurity } from './security.ts';
import { portInSearchIndex } from '../lib/search-scope.ts';
import { formatPortList } from '../lib/port-list.ts';
import { BUILT_PORTS } from './settings.ts';

export interface PortPageProps {
  record: PortRecord;
  notes: Note[];
  /** Products that use the port in practice, narrow uses first (src/lib/software/practice.ts). */
  uses: PortUse[];
  /** The ghost heuristic after any note's `ghost` override, and never for a port software is documented to use (namesPort). */
  ghost: boolean;
  /** Whether the page goes into the search index (portInSearchIndex). */
  searchable: boolean;
}


export const portRoutes = generatedRegistry().records.filter((record) => BUILT_PORTS?.has(record.port) ?? true).map((record) => {
  const notes = notesByPort.get(record.port) ?? [];
  const uses = practiceByPort.get(record.port) ?? [];
  const ghost = ghostVerdict(record.likelyGhost, notes.map((note) => note.data.ghost), namesPort(uses));
  const searchable = portInSearchIndex(record.status, notes.length);
  // Everything the page shows, so an incremental build re-renders exactly the changed pages.
  const cacheKey = cacheKeyOf([record, notes.map((note) => [note.id, note.digest]), uses, ghost, portSecurity.get(record.port) ?? null]);
  return { params: { port: String(record.port) }, props: { record, notes, uses, ghost, searchable } satisfies PortPageProps, cacheKey };
});

/**
 * The port pages in the search index, as a port list ("0-11,13,..."). Published in
 * /data-report.json so the search step reads only these of the 65,536 port pages.
 */
export const searchIndexedPorts = formatPortList(portRoutes.filter((route) => route.props.searchable).map((route) => route.props.record.port));

/** The browse blocks (/ports/range/0-1023/ ...), computed once. */
export const blocks = browseBlocks(generatedRegistry().records);
