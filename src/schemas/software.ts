/**
 * A product file in content/software/ ("seen in practice"): what a product listens on by
 * default or by convention, each use backed by the product's own documentation, its default
 * configuration in its own repository, or an RFC. Kept apart from the IANA registry on every
 * page. The file name is the slug: content/software/grafana.yaml -> /software/grafana/.
 * Parsed and located (file, line, field) by src/lib/software/load-software.ts.
 */
import { z } from 'zod';
import { MAX_PORT } from './port-record.ts';
import { kevProductSchema } from './kev.ts';

/** Category slug -> heading on /software/. A product has exactly one. */
export const SOFTWARE_CATEGORIES = {
  database: 'Databases and data platforms',
  cache: 'Caches and key-value stores',
  'message-broker': 'Message brokers and streaming',
  search: 'Search engines and vector databases',
  'dev-server': 'Web frameworks, dev servers and application servers',
  container: 'Containers and orchestration',
  observability: 'Observability and monitoring',
  'developer-tool': 'CI/CD and developer tools',
  'directory-auth': 'Directory, identity and secrets',
  'remote-admin': 'Remote access and admin panels',
  'vpn-proxy': 'VPNs, proxies and gateways',
  'file-sync': 'File sync, storage and P2P',
  'media-home': 'Media servers and home automation',
  'consumer-device': 'Consumer devices',
  game: 'Games',
  'ai-ml': 'AI and ML serving',
  'system-service': 'Operating system services',
  industrial: 'Industrial and building automation',
  communication: 'Chat, voice and mail',
} as const;
export type SoftwareCategory = keyof typeof SOFTWARE_CATEGORIES;
export const softwareCategorySchema = z.enum(Object.keys(SOFTWARE_CATEGORIES) as [SoftwareCategory, ...SoftwareCategory[]]);

/** Lower-case letters, digits and single hyphens: a file name that is also a URL segment. */
export const SOFTWARE_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const httpsUrl = z.url({ protocol: /^https$/, error: 'expected an https:// URL' });

/** Transport protocols a product uses (the registry's dccp does not occur in practice data). */
export const practiceProtocolSchema = z.enum(['tcp', 'udp', 'sctp']);
export type PracticeProtocol = z.infer<typeof practiceProtocolSchema>;

/** `3000` or `"30000-32767"` -> inclusive bounds; a single port has start === end. */
export const portSpanSchema = z
  .union([
    z.number().int().min(0).max(MAX_PORT),
    z.string().regex(/^\d{1,5}-\d{1,5}$/, 'expected a port number or a range such as "30000-32767"'),
  ])
  .transform((value, context) => {
    if (typeof value === 'number') return { start: value, end: value };
    const [start, end] = value.split('-').map(Number) as [number, number];
    if (end > MAX_PORT) context.addIssue({ code: 'custom', message: `range end ${end} is above ${MAX_PORT}` });
    else if (start >= end) context.addIssue({ code: 'custom', message: `range "${value}" is reversed or empty: the start must be below the end` });
    return { start, end };
  });
export type PortSpan = z.output<typeof portSpanSchema>;

export const practiceSourceSchema = z
  .object({
    /** The page or repository file (at a commit where possible) that states the port. */
    url: httpsUrl,
    /** What the link is: "Configure Grafana (Grafana documentation)". */
    title: z.string().min(1),
    /** The source's own words for this port, verbatim, so a reviewer can re-check it. */
    quote: z.string().min(1).max(300),
  })
  .strict();

export const practiceUseSchema = z
  .object({
    port: portSpanSchema,
    protocols: z.array(practiceProtocolSchema).min(1).refine((list) => new Set(list).size === list.length, 'lists a protocol twice'),
    /** Lower-case noun phrase: what listens there ("web UI", "cluster bus"). */
    role: z.string().min(1).max(80),
    /** default: the product listens there out of the box; convention: its docs use or recommend it. */
    basis: z.enum(['default', 'convention']),
    /** What changes the port (a config key, flag or environment variable), when documented. */
    setting: z.string().min(1).optional(),
    /** Where the default changed between versions ("9000 before 2.9"). */
    versions: z.string().min(1).optional(),
    /**
     * The IANA service name this use implements when the names differ (WinRM implements
     * wsman), so the port is not listed as a disagreement between practice and registry.
     */
    ianaService: z.string().min(1).optional(),
    source: practiceSourceSchema,
  })
  .strict();
export type PracticeUse = z.output<typeof practiceUseSchema>;

/** A warning from the product's own documentation about exposing one of its ports, quoted verbatim. */
export const exposureSchema = z
  .object({
    port: portSpanSchema,
    quote: z.string().min(1).max(300),
    source: practiceSourceSchema.pick({ url: true, title: true }),
  })
  .strict();
export type Exposure = z.output<typeof exposureSchema>;

export const softwareSchema = z
  .object({
    /** The product's own spelling: "PostgreSQL", "Kubernetes"; with " · Port Atlas" it fits a 70-character <title>. */
    name: z.string().min(1).max(57),
    /** One plain sentence saying what the product is. */
    summary: z.string().min(1).max(120),
    category: softwareCategorySchema,
    homepage: httpsUrl,
    /** Other names people search for ("k8s", "Postgres"). */
    aliases: z.array(z.string().min(1)).default([]),
    /** Who makes the product, as its own homepage or documentation names it ("MikroTik" for Winbox); searchable. */
    vendor: z.string().min(1).max(40).optional(),
    uses: z.array(practiceUseSchema).min(1),
    /**
     * The product's exact vendorProject/product pairs in CISA's Known Exploited Vulnerabilities
     * catalog (content/kev/); a pair the catalog lacks stops the build naming this file.
     */
    kev: z.array(kevProductSchema).min(1).optional(),
    /** Where the product's own documentation warns against exposing a port, or says it is unauthenticated by default. */
    exposure: z.array(exposureSchema).min(1).optional(),
  })
  .strict();

/** A product as the site uses it: the file's fields plus its slug (the file name). */
export type Software = z.output<typeof softwareSchema> & { slug: string };
