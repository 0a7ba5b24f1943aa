/**
 * The static JSON API (/api/v1/...): one zod schema per response shape, composed from the
 * port record and the product schemas so a field is defined once. /api/v1/schema.json is
 * generated from `apiSchema` with zod 4's z.toJSONSchema; every file names its definition
 * there in its `schema` field ("/api/v1/schema.json#/$defs/portFile").
 */
import { z } from 'zod';
import {
  entryKindSchema,
  portNumberSchema,
  portRecordSchema,
  portStatusSchema,
  registryEntrySchema,
  tierSchema,
  transportProtocolSchema,
} from './port-record.ts';
import { practiceSourceSchema, practiceUseSchema, SOFTWARE_SLUG } from './software.ts';
import { kevEntrySchema } from './kev.ts';
import { evidenceSchema, portPoolSchema } from './evidence.ts';

/** Fields every file starts with: where its schema is, who made it, from which registry snapshot. */
const fileHeaderShape = {
  /** "/api/v1/schema.json#/$defs/<definition>": the definition this file follows. */
  schema: z.string(),
  generatedBy: z.literal('Port Atlas'),
  /** Newest Registration or Modification Date in the IANA CSV the site was built from. */
  snapshot: z.string().nullable(),
};

/** A port span as the API writes it. The product schema's span is input-shaped (3000 or "30000-32767") with a transform. */
export const spanSchema = z.object({ start: portNumberSchema, end: portNumberSchema }).meta({ id: 'span' });

/** One product's use of a port ("seen in practice"), not from the IANA registry. */
export const useJsonSchema = z
  .object({
    product: z.object({ slug: z.string().regex(SOFTWARE_SLUG), name: z.string(), url: z.string() }),
    port: spanSchema,
    protocols: practiceUseSchema.shape.protocols,
    role: practiceUseSchema.shape.role,
    basis: practiceUseSchema.shape.basis,
    setting: z.string().nullable(),
    versions: z.string().nullable(),
    source: practiceSourceSchema.pick({ url: true, title: true }),
  })
  .meta({ id: 'use' });
export type UseJson = z.infer<typeof useJsonSchema>;

/**
 * A UDP protocol abused for amplified DDoS on a port: the factor as CISA's alert TA14-017A gives
 * it, the IANA service of the protocol on the port (null when IANA registers none there, and then
 * `portSource` cites where the port comes from: the alert names no port for it).
 */
export const amplificationJsonSchema = z
  .object({
    protocol: z.string(),
    factor: z.string(),
    ianaService: z.string().nullable(),
    source: z.object({ url: z.string(), title: z.string() }),
    portSource: z.array(z.object({ url: z.string(), title: z.string(), quote: z.string() })).nullable(),
  })
  .meta({ id: 'amplification' });

/**
 * A port's risk facts (its page's #security section): CISA KEV entries whose vulnerable
 * component listens on the port (per product: the components, the count, and the three a
 * responder needs first, ransomware use then newest, unless more than two products on the port
 * have entries), its UDP amplification protocols and factors, and products' warnings against exposing it.
 */
export const securityJsonSchema = z
  .object({
    kev: z.array(z.object({
      product: z.object({ slug: z.string().regex(SOFTWARE_SLUG), name: z.string(), url: z.string() }),
      /** The product's components that listen on this port and have entries ("admin console"). */
      components: z.array(z.string()).min(1),
      /**
       * Where a component's name or port rests on more than the catalog entry's text: the
       * vendor's CVE record or advisory, with its words naming the component; empty when the
       * entries' own text names each component. A field added beside `components`, which is unchanged.
       */
      componentSources: z.array(z.object({ component: z.string(), url: z.string(), title: z.string(), quote: z.string() })),
      /** The product's entries whose component listens on this port. */
      count: z.number().int().min(1),
      /** All of the product's catalog entries, on any component; the product page lists them. */
      total: z.number().int().min(1),
      /** Up to three of the `count` entries: known ransomware use first, then the newest; empty on a port with more than two such products. */
      listed: z.array(kevEntrySchema.pick({ cveID: true, vulnerabilityName: true, dateAdded: true, knownRansomwareCampaignUse: true }).extend({ url: z.string() })),
    })),
    /** The first of `amplifications`, or null: kept for readers written when a port had at most one. */
    amplification: amplificationJsonSchema.nullable(),
    /** Every UDP amplification protocol on the port (389 has LDAP and CLDAP), by protocol name. */
    amplifications: z.array(amplificationJsonSchema),
    exposure: z.array(z.object({
      product: z.object({ slug: z.string().regex(SOFTWARE_SLUG), name: z.string(), url: z.string() }),
      quote: z.string(),
      source: z.object({ url: z.string(), title: z.string() }),
    })),
  })
  .meta({ id: 'security' });
export type SecurityJson = z.infer<typeof securityJsonSchema>;

/** Everything the API says about one port: the same facts its page shows. */
export const portJsonSchema = z
  .object({
    port: portNumberSchema,
    tier: tierSchema,
    status: portStatusSchema,
    /** IANA's entries, as in the port record (rows merged across protocols, CSV order). */
    entries: z.array(registryEntrySchema.meta({ id: 'registryEntry' })),
    /** The "likely ghost registration" badge of the page: heuristic, note overrides, use in practice. */
    ghost: z.boolean(),
    related: portRecordSchema.shape.related,
    /** Products that use the port, narrow uses first (as on the page). */
    uses: z.array(useJsonSchema),
    /** Evidence of use: Wireshark dissectors, firewalld services and Debian /etc/services entries on the port. */
    evidence: z.array(evidenceSchema.meta({ id: 'evidence' })),
    /** Ids of the operating systems' default dynamic port ranges containing the port (registry.json `pools`). */
    pools: z.array(z.string()),
    /** Risk facts (CISA KEV, UDP amplification, exposure warnings), or null when the port has none. */
    security: securityJsonSchema.nullable(),
    notes: z.array(z.object({ slug: z.string(), title: z.string(), url: z.string() })),
    /** The port's page. */
    url: z.string(),
  })
  .meta({ id: 'port' });
export type PortJson = z.infer<typeof portJsonSchema>;

/**
 * A port in a block file that has no per-port file: no IANA entry but "Unassigned" (or none,
 * in the dynamic range), no note, no narrow use. `rangeUses` indexes the block's `rangeUses`
 * (uses spanning more than 64 ports that cover the port), so those are not repeated 1,024 times.
 */
export const compactPortJsonSchema = z
  .object({
    port: portNumberSchema,
    tier: tierSchema,
    status: z.enum(['unassigned', 'dynamic']),
    rangeUses: z.array(z.number().int().min(0)),
    url: z.string(),
  })
  .meta({ id: 'compactPort' });
export type CompactPortJson = z.infer<typeof compactPortJsonSchema>;

export const portFileSchema = z.object({ ...fileHeaderShape, ...portJsonSchema.shape }).meta({ id: 'portFile' });
export type PortFile = z.infer<typeof portFileSchema>;

export const blockFileSchema = z
  .object({
    ...fileHeaderShape,
    start: portNumberSchema,
    end: portNumberSchema,
    /** Uses spanning more than 64 ports that cover a compact port of this block, each once; compact ports point here by index. */
    rangeUses: z.array(useJsonSchema),
    /** Ids of the operating systems' default dynamic port ranges that overlap the block (registry.json `pools`). */
    pools: z.array(z.string()),
    /** Every port of the block in order: the full object when the port has a per-port file, else the compact one. */
    ports: z.array(z.union([portJsonSchema, compactPortJsonSchema])),
  })
  .meta({ id: 'blockFile' });
export type BlockFile = z.infer<typeof blockFileSchema>;

/** One registration of a service name: a port entry, or a row of the registry without a port. */
export const serviceEntrySchema = z
  .object({
    kind: entryKindSchema,
    /** The name as this row spells it (names are case-insensitive, RFC 6335 section 5.1). */
    serviceName: z.string(),
    /** The port or range; null for the registry's service names without a port. */
    ports: spanSchema.nullable(),
    protocols: z.array(transportProtocolSchema).min(1),
    description: z.string(),
    /** The port page of the entry's first port; null without a port. */
    url: z.string().nullable(),
    lines: z.array(z.number().int().positive()).min(1),
  })
  .meta({ id: 'serviceEntry' });
export type ServiceEntry = z.infer<typeof serviceEntrySchema>;

export const serviceJsonSchema = z
  .object({
    /** Lower-case name: the key (service names are case-insensitive). */
    name: z.string(),
    /** The page /services/<segment>/. */
    url: z.string(),
    /** Every port any entry covers, ascending. */
    ports: z.array(portNumberSchema),
    protocols: z.array(transportProtocolSchema),
    entries: z.array(serviceEntrySchema),
    /** Other service names on the same ports, with the ports they share. */
    aliases: z.array(z.object({ name: z.string(), ports: z.array(portNumberSchema), url: z.string() })),
  })
  .meta({ id: 'service' });
export type ServiceJson = z.infer<typeof serviceJsonSchema>;

export const serviceFileSchema = z.object({ ...fileHeaderShape, ...serviceJsonSchema.shape }).meta({ id: 'serviceFile' });
export type ServiceFile = z.infer<typeof serviceFileSchema>;

export const registryFileSchema = z
  .object({
    ...fileHeaderShape,
    /** What is left out and where to find it. */
    omitted: z.string(),
    /** Ports with a per-port file, ascending. */
    ports: z.array(portJsonSchema),
    /** Uses spanning more than 64 ports, listed once (they also appear inline on listed ports they cover). */
    rangeUses: z.array(useJsonSchema),
    /** Operating systems' default dynamic (ephemeral) port ranges, each with its source. */
    pools: z.array(portPoolSchema.meta({ id: 'pool' })),
    /** Service names the registry lists without a port. */
    serviceNamesWithoutPort: z.array(serviceEntrySchema),
  })
  .meta({ id: 'registryFile' });
export type RegistryFile = z.infer<typeof registryFileSchema>;

/**
 * /tools/triage/data.json: what the triage tool (/tools/triage/) needs to explain a listing,
 * computed from the same records as the port pages. Compact: a port absent from `ports` is
 * unassigned (dynamic from 49152) and no source shows it in use.
 */
export const triageFileSchema = z
  .object({
    ...fileHeaderShape,
    /**
     * Every port with an IANA entry other than "Unassigned" or a witness of use (a narrow use in
     * practice, a Wireshark dissector, a firewalld service, a Debian /etc/services entry),
     * ascending: [port, status, label], where label is what the port page's heading names after
     * "Port N: " (the busy port's headline, else IANA's service name), or null when it names nothing.
     */
    ports: z.array(z.tuple([portNumberSchema, portStatusSchema, z.string().nullable()])),
    /** Ports whose page carries the "Likely ghost registration" badge, ascending. */
    ghost: z.array(portNumberSchema),
    /** [port, n]: n CISA KEV entries whose component listens on the port (its page's #security), ascending. */
    kev: z.array(z.tuple([portNumberSchema, z.number().int().min(1)])),
    /** [port, protocol, factor]: UDP amplification vectors, one per protocol (389: LDAP and CLDAP), the factor as the source writes it. */
    amplification: z.array(z.tuple([portNumberSchema, z.string(), z.string()])),
    /** Products whose files list process names, with the ports they use: [start, end, protocols]. */
    products: z.array(z.object({
      name: z.string(),
      slug: z.string().regex(SOFTWARE_SLUG),
      processes: z.array(z.string()).min(1),
      uses: z.array(z.tuple([portNumberSchema, portNumberSchema, practiceUseSchema.shape.protocols])),
    })),
  })
  .meta({ id: 'triageFile' });
export type TriageFile = z.infer<typeof triageFileSchema>;

/** Any file of the API; /api/v1/schema.json is this schema, with each shape under $defs. */
export const apiSchema = z.union([portFileSchema, blockFileSchema, serviceFileSchema, registryFileSchema, triageFileSchema]);

/** Definition names under $defs, for the `schema` pointer of each file. */
export type ApiDefinition = 'portFile' | 'blockFile' | 'serviceFile' | 'registryFile' | 'triageFile';
