/**
 * The JSON API's data, computed once per build from the registry, the notes and the product
 * files, then handed to the endpoints in src/pages/api/v1/ and the service pages. Lives
 * outside src/lib because notes and products come from Astro's content layer; the objects
 * themselves are built by the pure modules in src/lib/api/.
 */
import { generatedRegistry, generatedReport } from '../lib/generated-registry.ts';
import { blocksJson, portItem, useJson, type NoteRef, type PortItem } from '../lib/api/port-json.ts';
import { buildServices, servicesByInitial } from '../lib/api/services.ts';
import { isWide } from '../lib/software/practice.ts';
import { API_SCHEMA_PATH, serviceSegment } from '../lib/paths.ts';
import type { ApiDefinition, PortJson, ServiceEntry } from '../schemas/api.ts';
import { notesByPort } from './notes.ts';
import { agreesOn, practiceByPort, software } from './software.ts';
import { cacheKeyOf } from './cache-key.ts';
import { evidence, evidenceOf } from './evidence.ts';
import { poolsOf } from '../lib/evidence/evidence.ts';
import { BUILT_PORTS } from './settings.ts';
import { securityOf } from './security.ts';

/** The fields every API file starts with. */
export const fileHeader = (definition: ApiDefinition) => ({
  schema: `${API_SCHEMA_PATH}#/$defs/${definition}`,
  generatedBy: 'Port Atlas' as const,
  snapshot: generatedReport().newestRecordDate,
});

/** A compact JSON response (no pretty-printing: jq prints it nicely). */
export const jsonResponse = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

const noteRefs = (port: number): NoteRef[] =>
  (notesByPort.get(port) ?? []).map((note) => ({ slug: note.id, title: note.data.title, ghost: note.data.ghost }));

/** One item per port 0-65535 (index = port): each port's object, computed once. */
export const portItems: PortItem[] = generatedRegistry().records.map((record) =>
  portItem(record, {
    notes: noteRefs(record.port),
    uses: practiceByPort.get(record.port) ?? [],
    agrees: agreesOn(record),
    evidence: evidenceOf(record.port),
    pools: poolsOf(evidence.pools, record.port),
    security: securityOf(record.port),
  }),
);

/** Ports with a per-port file, ascending (see hasPortFile). */
export const portsWithFiles: PortJson[] = portItems.flatMap((item) => (item.full ? [item.full] : []));

export const portFileRoutes = portsWithFiles
  .filter((port) => BUILT_PORTS?.has(port.port) ?? true)
  .map((port) => ({ params: { port: String(port.port) }, props: { port }, cacheKey: cacheKeyOf(port) }));

/** The 64 block files' contents. */
export const apiBlocks = blocksJson(portItems, evidence.pools);

/** Every service name, lower-case, sorted; throws naming the names if two share a URL. */
export const services = buildServices(generatedRegistry().records, generatedReport().serviceNameOnly);

/**
 * The services that get a page and a JSON file. PORT_ATLAS_PORTS limits them to services with
 * a port in the list (fixture builds: ~7,300 pages and files fewer).
 */
const built = BUILT_PORTS; // a local const, so the null check holds inside the callback
const builtServices = built === null ? services : services.filter((service) => service.ports.some((port) => built.has(port)));

/**
 * getStaticPaths for the service page and the service JSON file. A new list for each caller:
 * Astro keeps its own state on the route objects, so two routes cannot share them.
 */
export const serviceRoutes = () =>
  builtServices.map((service) => ({ params: { name: serviceSegment(service.name) }, props: { service }, cacheKey: cacheKeyOf(service) }));

/** Every service name, built or not, under its first character: "0-9", then "a" to "z". */
export const servicesGroupedByInitial = servicesByInitial(services);

/** getStaticPaths for /services/initial/<c>/ (a new list per call, as for serviceRoutes). */
export const serviceInitialRoutes = () =>
  servicesGroupedByInitial.map(([initial, list]) => ({ params: { initial }, props: { initial, list } }));

/** The first characters service names start with, for the letter pages' navigation. */
export const serviceInitials: string[] = servicesGroupedByInitial.map(([initial]) => initial);

/** The registry's service names without a port, as entries. */
export const portlessEntries: ServiceEntry[] = services
  .flatMap((service) => service.entries.filter((entry) => entry.ports === null))
  .sort((a, b) => a.lines[0]! - b.lines[0]!);

/** Uses spanning more than 64 ports, each once, by product then port. */
export const wideUses = software.flatMap((product) =>
  product.uses.filter(isWide).map((use) => useJson({ slug: product.slug, name: product.name, use })),
);
