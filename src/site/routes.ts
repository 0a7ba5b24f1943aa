/**
 * Routes computed once per build: every port page's params and props. Pages' getStaticPaths
 * just return these.
 */
import { createHash } from 'node:crypto';
import { generatedRegistry, generatedReport } from '../lib/generated-registry.ts';
import { ghostVerdict } from '../lib/registry/status.ts';
import { browseBlocks } from '../lib/browse-blocks.ts';
import { parsePortList } from '../lib/port-list.ts';
import type { PortRecord } from '../schemas/port-record.ts';
import { notesByPort, type Note } from './notes.ts';
import { practiceByPort } from './software.ts';
import { namesPort, type PortUse } from '../lib/software/practice.ts';

export interface PortPageProps {
  record: PortRecord;
  notes: Note[];
  /** Products that use the port in practice, narrow uses first (src/lib/software/practice.ts). */
  uses: PortUse[];
  /** The ghost heuristic after any note's `ghost` override, and never for a port software is documented to use (namesPort). */
  ghost: boolean;
}

const snapshot = generatedReport().newestRecordDate;
/** PORT_ATLAS_PORTS="3480-3499" builds only those port pages: fast fixture builds for tests. */
const only = process.env.PORT_ATLAS_PORTS ? parsePortList(process.env.PORT_ATLAS_PORTS) : null;

export const portRoutes = generatedRegistry().records.filter((record) => only?.has(record.port) ?? true).map((record) => {
  const notes = notesByPort.get(record.port) ?? [];
  const uses = practiceByPort.get(record.port) ?? [];
  const ghost = ghostVerdict(record.likelyGhost, notes.map((note) => note.data.ghost), namesPort(uses));
  // Everything the page shows, so an incremental build re-renders exactly the changed pages.
  const cacheKey = createHash('sha1')
    .update(JSON.stringify([record, notes.map((note) => [note.id, note.digest]), uses, ghost, snapshot]))
    .digest('base64url');
  return { params: { port: String(record.port) }, props: { record, notes, uses, ghost } satisfies PortPageProps, cacheKey };
});

/** The browse blocks (/ports/range/0-1023/ ...), computed once. */
export const blocks = browseBlocks(generatedRegistry().records);
