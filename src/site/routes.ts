/**
 * Routes computed once per build: every port page's params and props. Pages' getStaticPaths
 * just return these.
 */
import { generatedRegistry } from '../lib/generated-registry.ts';
import { ghostVerdict } from '../lib/registry/status.ts';
import { browseBlocks } from '../lib/browse-blocks.ts';
import type { PortRecord } from '../schemas/port-record.ts';
import { notesByPort, type Note } from './notes.ts';
import { agreesOn, practiceByPort } from './software.ts';
import { practiceHeadline, type Headline } from '../lib/headline.ts';
import type { PortUse } from '../lib/software/practice.ts';
import { poolsOf } from '../lib/evidence/evidence.ts';
import type { Evidence, PortPool } from '../schemas/evidence.ts';
import { evidence, evidenceOf, witnessesByPort } from './evidence.ts';
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
  /** Wireshark, firewalld and Debian /etc/services entries naming the port (src/lib/evidence/). */
  evidence: Evidence[];
  /** Operating systems' default dynamic port ranges that contain the port, below 49152 (above, the page already explains the dynamic range). */
  pools: PortPool[];
  /** The ghost heuristic after any note's `ghost` override, and never for a port any source shows in use (ghostVerdict). */
  ghost: boolean;
  /** What the port is known for in practice where that is not IANA's service (src/lib/headline.ts), else null. */
  headline: Headline | null;
  /** Whether the page goes into the search index (portInSearchIndex). */
  searchable: boolean;
}


export const portRoutes = generatedRegistry().records.filter((record) => BUILT_PORTS?.has(record.port) ?? true).map((record) => {
  const notes = notesByPort.get(record.port) ?? [];
  const uses = practiceByPort.get(record.port) ?? [];
  const portEvidence = evidenceOf(record.port);
  const pools = record.tier === 'dynamic' ? [] : poolsOf(evidence.pools, record.port);
  const ghost = ghostVerdict(record.likelyGhost, notes.map((note) => note.data.ghost), witnessesByPort[record.port]!.length > 0);
  const searchable = portInSearchIndex(record.status, notes.length);
  const ianaServices = record.entries.flatMap((entry) => (entry.kind === 'assigned' && entry.serviceName ? [entry.serviceName] : []));
  const headline = practiceHeadline(uses, portEvidence, agreesOn(record), ianaServices);
  // Everything the page shows, so an incremental build re-renders exactly the changed pages.
  const cacheKey = cacheKeyOf([record, notes.map((note) => [note.id, note.digest]), uses, portEvidence, pools, ghost, portSecurity.get(record.port) ?? null]);
  const props: PortPageProps = { record, notes, uses, evidence: portEvidence, pools, ghost, headline, searchable };
  return { params: { port: String(record.port) }, props, cacheKey };
});

/**
 * The port pages in the search index, as a port list ("0-11,13,..."). Published in
 * /data-report.json so the search step reads only these of the 65,536 port pages.
 */
export const searchIndexedPorts = formatPortList(portRoutes.filter((route) => route.props.searchable).map((route) => route.props.record.port));

/** The browse blocks (/ports/range/0-1023/ ...), computed once. */
export const blocks = browseBlocks(generatedRegistry().records);
