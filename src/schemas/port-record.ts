/**
 * The port record: what Port Atlas knows about one port number, built from IANA's
 * Service Name and Transport Protocol Port Number Registry (RFC 6335). Every page, the
 * search index and the data report are rendered from these records; types come from
 * `z.infer`, so this file is the one place a field is defined.
 *
 * Naming: raw CSV columns keep IANA's titles ("Port Number") in csv.ts; the fields here
 * are computed values in camelCase.
 */
import { z } from 'zod';
import { TRANSPORT_PROTOCOLS, type TransportProtocol } from '../lib/transport-protocols.ts';

export { TRANSPORT_PROTOCOLS, type TransportProtocol };
/** Transport protocols the registry uses (IANA CSV "Transport Protocol" column). */
export const transportProtocolSchema = z.enum(TRANSPORT_PROTOCOLS);

export const MAX_PORT = 65535;
export const portNumberSchema = z.number().int().min(0).max(MAX_PORT);

/** Port ranges of RFC 6335 section 6: System (well-known), User (registered), Dynamic. */
export const tierSchema = z.enum(['well-known', 'registered', 'dynamic']);
export type Tier = z.infer<typeof tierSchema>;

/**
 * What one registry row says about its port(s):
 * assigned (a service is registered), reserved, unassigned, or de-assigned (a former
 * assignment was withdrawn: "De-assigned", "De-registered", "Removed", "Deprecated"...).
 */
export const entryKindSchema = z.enum(['assigned', 'reserved', 'unassigned', 'de-assigned']);
export type EntryKind = z.infer<typeof entryKindSchema>;

/** A port's overall status; `dynamic` for 49152-65535, which IANA never assigns. */
export const portStatusSchema = z.enum(['assigned', 'reserved', 'unassigned', 'de-assigned', 'dynamic']);
export type PortStatus = z.infer<typeof portStatusSchema>;

/** `YYYY-MM` or `YYYY-MM-DD`, as the registry writes its dates. */
export const registryDateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/);

/** A person or organisation named by a registry handle such as `[David_Walling_2]`. */
export const partySchema = z.object({
  /** The handle as written in the CSV, without brackets. */
  handle: z.string().min(1),
  /** Person's name, else organisation, else the handle with `_` turned into spaces. */
  name: z.string().min(1),
  /** Organisation from the XML `<org>`, when there is one. */
  organization: z.string().nullable(),
  /** Domain of a `mailto:` contact URI (never the full address). */
  domain: z.string().nullable(),
  /** An http(s) contact URI, when that is what the XML gives. */
  url: z.string().nullable(),
  /** False when the handle is not in the XML `<people>` section. */
  resolved: z.boolean(),
});
export type Party = z.infer<typeof partySchema>;

/** One bracketed item of the Reference column: `[RFC6335]`, `[draft-...]`, `[http://...]`. */
export const referenceSchema = z.object({
  text: z.string().min(1),
  /** rfc-editor.org for RFCs, the URL itself for URLs, null for anything else. */
  url: z.string().nullable(),
});
export type Reference = z.infer<typeof referenceSchema>;

/**
 * One or more CSV rows about the same port that say the same thing on different
 * transport protocols, merged ("dtp-dia on tcp" + "dtp-dia on udp" -> one entry).
 */
export const registryEntrySchema = z.object({
  kind: entryKindSchema,
  serviceName: z.string().nullable(),
  /** Protocols the merged rows name; an empty CSV protocol counts as all four. */
  protocols: z.array(transportProtocolSchema).min(1),
  description: z.string(),
  assignees: z.array(partySchema),
  contacts: z.array(partySchema),
  registrationDate: registryDateSchema.nullable(),
  modificationDate: registryDateSchema.nullable(),
  references: z.array(referenceSchema),
  serviceCode: z.string().nullable(),
  unauthorizedUseReported: z.string().nullable(),
  assignmentNotes: z.string().nullable(),
  /** The row's port range when it covers more than one port (x11: 6000-6063). */
  range: z.object({ start: portNumberSchema, end: portNumberSchema }).nullable(),
  /** CSV line numbers (1-based, header = line 1) of the merged rows. */
  lines: z.array(z.number().int().positive()).min(1),
});
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

export const portRecordSchema = z.object({
  port: portNumberSchema,
  tier: tierSchema,
  status: portStatusSchema,
  /** Registry entries for this port in CSV order; empty in the dynamic range. */
  entries: z.array(registryEntrySchema),
  /** The ghost-registration heuristic from the registry alone (see notes/ghost-registration). */
  likelyGhost: z.boolean(),
  /** Other ports whose service names are this port's, or numbered siblings of them. */
  related: z.array(z.object({ port: portNumberSchema, serviceName: z.string() })),
});
export type PortRecord = z.infer<typeof portRecordSchema>;
