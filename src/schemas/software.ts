/**
 * A product file in content/software/ ("seen in practice"): what a product listens on by
 * default or by convention, each use backed by the product's own documentation, its default
 * configuration in its own repository, or an RFC. Kept apart from the IANA registry on every
 * page. The file name is the slug: content/software/grafana.yaml -> /software/grafana/.
 * Parsed and located (file, line, field) by src/lib/software/load-software.ts.
 */
import { z } from 'zod';
import { MAX_PORT } from './port-record.ts';
import { CVE_ID, kevProductSchema } from './kev.ts';

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

/** Where a use's port comes from, strongest first (see practiceUseSchema's `basis`). */
export const PRACTICE_BASES = ['default', 'convention', 'client'] as const;
export const practiceBasisSchema = z.enum(PRACTICE_BASES);
export type PracticeBasis = z.infer<typeof practiceBasisSchema>;

/** A repository file at a 40-hex commit: GitHub's /blob/<sha>/ or GitLab's /-/blob/<sha>/. */
export const AT_COMMIT = /\/blob\/[0-9a-f]{40}\//;

export const practiceUseSchema = z
  .object({
    port: portSpanSchema,
    protocols: z.array(practiceProtocolSchema).min(1).refine((list) => new Set(list).size === list.length, 'lists a protocol twice'),
    /** Lower-case noun phrase: what listens there ("web UI", "cluster bus"). */
    role: z.string().min(1).max(80),
    /**
     * default: the product listens there out of the box; convention: its docs use or recommend
     * it (both first-party); client: open-source code that connects to the product (a client
     * library, an integration, a scanner module) uses the port, cited at a commit with the line
     * quoted, where the product's own documentation states no port.
     */
    basis: practiceBasisSchema,
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
  .strict()
  .refine((use) => use.basis !== 'client' || AT_COMMIT.test(use.source.url), {
    message: 'basis "client" needs source.url at a commit (a repository file under /blob/<40-hex commit>/), so the quoted line can be re-checked',
    path: ['source', 'url'],
  });
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

/**
 * A first-party description of the vulnerable component: the vendor's own CVE record (the
 * vendor as CVE Numbering Authority, cited in CVEProject/cvelistV5 at a commit) or its security
 * advisory. Required on a component whose name or ports rest on more than the catalog entry's
 * own vulnerabilityName and shortDescription (the entry says "improper access control", the
 * vendor's record says where); a reader and a reviewer re-check the component against `quote`.
 * Not for exploit or scanner code: that stays the product's `basis: client` use, cited there.
 */
export const kevComponentSourceSchema = z
  .object({
    /** The record or advisory, at a commit where it is a repository file. */
    url: httpsUrl,
    /** What the link is: "CVE-2024-20353 record, written by Cisco as its CNA (CVEProject/cvelistV5)". */
    title: z.string().min(1).max(120),
    /** The record's own words naming the component (or its port), verbatim. */
    quote: z.string().min(1).max(300),
  })
  .strict();
export type KevComponentSource = z.infer<typeof kevComponentSourceSchema>;

/**
 * The catalog entries of one `kev` pair that hit one component of the product, and the ports
 * of the product's uses where that component listens, judged from each entry's own
 * vulnerabilityName and shortDescription, or, where those name no component or no port, from
 * the vendor's own CVE record or advisory cited in `source`. A port page shows an entry only
 * through this mapping.
 */
export const kevComponentSchema = z
  .object({
    /** The component as the entries name it, a lower-case noun phrase: "admin console", "WinBox service". */
    component: z.string().min(1).max(80),
    /**
     * Ports of this product's single-port or narrow uses where the component listens; empty when
     * the component has no documented port (a local agent, a client-side flaw): the entries then
     * show on the product page only.
     */
    ports: z.array(z.number().int().min(0).max(MAX_PORT)),
    /** The pair's catalog entries that hit this component. */
    cves: z.array(z.string().regex(CVE_ID, 'expected a CVE ID such as CVE-2018-14847')).min(1),
    /**
     * Required when the component or its ports rest on more than the catalog entry's text: the
     * vendor's CVE record or advisory that names them (see kevComponentSourceSchema). Left out
     * when the entry itself names the component, and where exploit code gives the port (that
     * code is the product's `basis: client` use).
     */
    source: kevComponentSourceSchema.optional(),
  })
  .strict();
export type KevComponent = z.infer<typeof kevComponentSchema>;

/** A `kev` pair of a product file: the catalog's exact names, and every entry of the pair placed in one component. */
export const kevPairSchema = kevProductSchema.extend({ components: z.array(kevComponentSchema).min(1) }).strict();
export type KevPair = z.infer<typeof kevPairSchema>;

/** Process names a product runs as, with the source that shows them (its documentation, unit file or Debian package's file list). */
export const processNamesSchema = z
  .object({
    /** Executable or service names as `ss -p`, `lsof`, `netstat -b` or Get-Process show them: "sshd", "mysqld", "java". */
    names: z.array(z.string().regex(/^[^\s/]{1,64}$/, 'expected a bare process name such as sshd (no path, no spaces)')).min(1),
    /** The quote must contain each name, so a reviewer sees it in the source's own words. */
    source: practiceSourceSchema,
  })
  .strict()
  .refine((entry) => entry.names.every((name) => entry.source.quote.toLowerCase().includes(name.toLowerCase())), {
    message: 'source.quote must contain each of names, as the source writes it',
    path: ['names'],
  });
export type ProcessNames = z.infer<typeof processNamesSchema>;

export const softwareSchema = z
  .object({
    /** The product's own spelling: "PostgreSQL", "Kubernetes"; with " · Port Atlas" it fits a 70-character <title>. */
    name: z.string().min(1).max(57),
    /** One plain sentence saying what the product is. */
    summary: z.string().min(1).max(120),
    category: softwareCategorySchema,
    /** The product's own site; left out when none could be confirmed (a wrong link is worse than none). */
    homepage: httpsUrl.optional(),
    /** Other names people search for ("k8s", "Postgres"). */
    aliases: z.array(z.string().min(1)).default([]),
    /** Who makes the product, as its own homepage or documentation names it ("MikroTik" for Winbox); searchable. */
    vendor: z.string().min(1).max(40).optional(),
    uses: z.array(practiceUseSchema).min(1),
    /**
     * The product's exact vendorProject/product pairs in CISA's Known Exploited Vulnerabilities
     * catalog (content/kev/), each entry placed in the component it hits; a pair the catalog
     * lacks, a CVE not of the pair, an entry of the pair left out, or a port that is not one of
     * this file's narrow uses stops the build naming this file (checkKevPairs).
     */
    kev: z.array(kevPairSchema).min(1).optional(),
    /** What the product's processes are called, for matching a listing's process column (the triage tool). */
    processes: z.array(processNamesSchema).min(1).optional(),
    /**
     * The product stands in for other software: a honeypot (Conpot imitates PLCs and an FTP
     * server) or an emulator (LocalStack for AWS, CMaNGOS for World of Warcraft's servers).
     * It never heads a port page, and pages say what it is (src/lib/headline.ts).
     */
    imitation: z.enum(['honeypot', 'emulator']).optional(),
    /** Where the product's own documentation warns against exposing a port, or says it is unauthenticated by default. */
    exposure: z.array(exposureSchema).min(1).optional(),
  })
  .strict();

/** A product as the site uses it: the file's fields plus its slug (the file name). */
export type Software = z.output<typeof softwareSchema> & { slug: string };
