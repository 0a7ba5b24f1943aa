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
import { firewalldScopes, otherUsesOf, ownFirewalldServices, poolsOf, protocolsInUse, registrantWitnessesOf, type OtherUses } from '../lib/evidence/evidence.ts';
import type { FirewalldOffer } from '../lib/commands/act-commands.ts';
import type { TransportProtocol } from '../schemas/port-record.ts';
import type { Evidence, PortPool } from '../schemas/evidence.ts';
import { evidence, evidenceOf } from './evidence.ts';
import { cacheKeyOf, INCREMENTAL } from './cache-key.ts';
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
  /**
   * The ghost heuristic after any note's `ghost` override, and never for a port where a source
   * shows the registered service running (ghostVerdict, registrantWitnessesOf).
   */
  ghost: boolean;
  /** Products and evidence on the port that are not its registered service (shown beside a ghost badge). */
  others: OtherUses;
  /** The transport protocols in use on the port (protocolsInUse): what "opens it" and reachability cover. */
  inUse: TransportProtocol[];
  /** firewalld's own service for the port (ownFirewalldService), when there is one. */
  firewalldService: FirewalldOffer | undefined;
  /** How each firewalld service in the evidence relates to the port (firewalldScopes): only `own` ones get a firewall-cmd line. */
  firewalldScopes: Record<string, 'own' | 'deprecated' | 'wider'>;
  /** What the port is known for in practice where that is not IANA's service (src/lib/headline.ts), else null. */
  headline: Headline | null;
  /** Whether the page goes into the search index (portInSearchIndex). */
  searchable: boolean;
}

const searchable = (record: PortRecord): boolean => portInSearchIndex(record.status, (notesByPort.get(record.port) ?? []).length);

const builtRecords = generatedRegistry().records.filter((record) => BUILT_PORTS?.has(record.port) ?? true);

/** Everything /ports/N/ shows of one registry record. */
function portPageProps(record: PortRecord): PortPageProps {
  const notes = notesByPort.get(record.port) ?? [];
  const uses = practiceByPort.get(record.port) ?? [];
  const portEvidence = evidenceOf(record.port);
  const pools = record.tier === 'dynamic' ? [] : poolsOf(evidence.pools, record.port);
  const agrees = agreesOn(record);
  const ghost = ghostVerdict(record.likelyGhost, notes.map((note) => note.data.ghost), registrantWitnessesOf(uses, portEvidence, agrees, record.entries).length > 0);
  const headline = practiceHeadline(uses, portEvidence, agrees, record.entries);
  const ownFirewalld = ownFirewalldServices(record.port, portEvidence, record.entries, evidence.firewalldServices);
  return {
    record,
    notes,
    uses,
    evidence: portEvidence,
    pools,
    ghost,
    others: otherUsesOf(uses, portEvidence, agrees, record.entries),
    inUse: protocolsInUse(record.entries, uses, portEvidence, agrees),
    firewalldService: ownFirewalld[0],
    firewalldScopes: firewalldScopes(portEvidence, ownFirewalld, evidence.firewalldServices),
    headline,
    searchable: searchable(record),
  };
}

/**
 * The port routes. Each route's props are computed when first read: a build reads them all,
 * `astro dev` only those of the pages it serves, so a dev start or an edited note or product
 * does not compute 65,536 of them (~170 ms each time). An incremental build needs every
 * route's cache key up front, and the key covers everything the page shows.
 */
const propsByPort = new Map<number, PortPageProps>();

/** The props of a port's page, computed once whoever asks first (the page, or the triage data of /tools/triage/). */
export function pagePropsOf(record: PortRecord): PortPageProps {
  let props = propsByPort.get(record.port);
  if (!props) propsByPort.set(record.port, (props = portPageProps(record)));
  return props;
}

export const portRoutes = builtRecords.map((record) => {
  const route = { params: { port: String(record.port) }, get props(): PortPageProps { return pagePropsOf(record); } };
  if (!INCREMENTAL) return route;
  const { notes, uses, evidence: portEvidence, pools, ghost } = route.props;
  const cacheKey = cacheKeyOf([record, notes.map((note) => [note.id, note.digest]), uses, portEvidence, pools, ghost, portSecurity.get(record.port) ?? null]);
  return Object.assign(route, { cacheKey });
});

/**
 * The port pages in the search index, as a port list ("0-11,13,..."). Published in
 * /data-report.json so the search step reads only these of the 65,536 port pages.
 */
export const searchIndexedPorts = formatPortList(builtRecords.filter(searchable).map((record) => record.port));

/** The browse blocks (/ports/range/0-1023/ ...), computed once. */
export const blocks = browseBlocks(generatedRegistry().records);

/**
 * Counts for /data-report.json: how many built port pages lead with a product (headline), how
 * many of those leads are a range use, and the leads by basis. Reads every route's props, which
 * a build computes anyway.
 */
export function headlineCounts() {
  const leads = portRoutes.flatMap((route) => (route.props.headline ? [route.props.headline.lead] : []));
  const byBasis: Record<string, number> = {};
  for (const lead of leads) byBasis[lead.use.basis] = (byBasis[lead.use.basis] ?? 0) + 1;
  return {
    leads: leads.length,
    rangeLeads: leads.filter((lead) => lead.use.port.start !== lead.use.port.end).length,
    byBasis,
  };
}
