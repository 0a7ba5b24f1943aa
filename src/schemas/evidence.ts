/**
 * Evidence of use: what widely deployed software and operating systems say about a port,
 * read from vendored datasets (content/wireshark/, content/firewalld/, content/debian-services/,
 * content/os-port-pools/; each has a SOURCE.md). Kept apart from IANA's facts and from the
 * product files on every page. Types come from these schemas; the data step
 * (scripts/build-data.ts) writes them to .generated/evidence.json.
 */
import { z } from 'zod';
import { portNumberSchema, transportProtocolSchema } from './port-record.ts';
import { practiceSourceSchema } from './software.ts';

/** Transport protocols as the registry names them; the sources use tcp, udp and sctp (firewalld also dccp). */
const evidenceProtocolSchema = transportProtocolSchema;

/** Wireshark registers a dissector on the port (`tshark -G decodes`, table tcp.port/udp.port/sctp.port). */
export const wiresharkEvidenceSchema = z.object({
  source: z.literal('wireshark'),
  protocol: evidenceProtocolSchema,
  /** Display-filter name of the dissector: "skinny". */
  filter: z.string().min(1),
  /** Full protocol name from `tshark -G protocols`: "Skinny Client Control Protocol". */
  name: z.string().min(1),
  /** The dissector's source file in Wireshark's tree, or null where it could not be found. */
  file: z.string().nullable(),
});

/** A firewalld service file opens the port (`<port protocol="tcp" port="5900-5903"/>`). */
export const firewalldEvidenceSchema = z.object({
  source: z.literal('firewalld'),
  protocol: evidenceProtocolSchema,
  /** Service name: the file name without .xml, as `firewall-cmd --add-service=` takes it. */
  service: z.string().min(1),
  /** The file's `<short>` description. */
  short: z.string(),
  /** The port range of the `<port>` element when it covers more than this port. */
  range: z.object({ start: portNumberSchema, end: portNumberSchema }).nullable(),
});

/** Debian's /etc/services (package netbase) lists the port under a service name. */
export const debianEvidenceSchema = z.object({
  source: z.literal('debian'),
  protocol: evidenceProtocolSchema,
  serviceName: z.string().min(1),
  aliases: z.array(z.string()),
  /** The line's comment, without "#": "Cisco SCCP". */
  comment: z.string().nullable(),
});

export const evidenceSchema = z.discriminatedUnion('source', [wiresharkEvidenceSchema, firewalldEvidenceSchema, debianEvidenceSchema]);
export type Evidence = z.infer<typeof evidenceSchema>;
export type EvidenceSource = Evidence['source'];
export type WiresharkEvidence = z.infer<typeof wiresharkEvidenceSchema>;
export type FirewalldEvidence = z.infer<typeof firewalldEvidenceSchema>;
export type DebianEvidence = z.infer<typeof debianEvidenceSchema>;

/**
 * An operating system's default dynamic (ephemeral) port range: ports it hands to programs
 * that ask for any free port. A scanner can find such a port open although no fixed service
 * uses it. One entry of content/os-port-pools/pools.yaml.
 */
export const portPoolSchema = z
  .object({
    /** Slug: "windows-before-vista". */
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a slug of lower-case letters, digits and hyphens'),
    /** Who uses the range, read as "<system>'s default dynamic port range": "Windows before Vista and Windows Server 2008". */
    system: z.string().min(1).max(60),
    start: portNumberSchema,
    end: portNumberSchema,
    /** The vendor's document and its own words for the range, verbatim. */
    source: practiceSourceSchema,
  })
  .strict()
  .refine((pool) => pool.start < pool.end, { message: 'the range is reversed or empty: start must be below end', path: ['end'] });
export type PortPool = z.infer<typeof portPoolSchema>;

/** Versions of the vendored datasets, shown beside each line ("Wireshark 4.0.17"). */
export const evidenceVersionsSchema = z.object({
  wireshark: z.string().min(1),
  firewalld: z.string().min(1),
  netbase: z.string().min(1),
});
export type EvidenceVersions = z.infer<typeof evidenceVersionsSchema>;
