/**
 * UDP protocols abused for reflected, amplified DDoS (content/amplification/ports.yaml), each
 * with its UDP port and the bandwidth amplification factor exactly as its source gives it. Main
 * source: US-CERT/CISA alert TA14-017A, "UDP-Based Amplification Attacks". One entry per
 * protocol; several protocols may share a port (LDAP and CLDAP on 389). Parsed by
 * src/lib/security/amplification.ts.
 */
import { z } from 'zod';
import { MAX_PORT } from './port-record.ts';
import { practiceSourceSchema } from './software.ts';


export const amplificationEntrySchema = z
  .object({
    /** The protocol as the source names it: "NTP", "CharGEN". */
    protocol: z.string().min(1),
    /** The protocol's UDP port: its IANA registration (ianaService), or else the one portSource documents. */
    port: z.number().int().min(0).max(MAX_PORT),
    /**
     * The IANA service name of this protocol on that UDP port, checked against the registry by
     * the unit tests; null when IANA registers no service for the protocol there (the port is
     * unassigned, as 6881, or registered to another service, as 4672), and then portSource says
     * where the port comes from.
     */
    ianaService: z.string().min(1).nullable(),
    /** The bandwidth amplification factor as the source writes it: "556.9", "28 to 54". */
    factor: z.string().regex(/^[\d.,]+( to [\d.,]+)?$/, 'expected a factor such as "556.9" or "28 to 54"'),
    /** The alert, and its row or sentence for this protocol, verbatim as read. */
    source: practiceSourceSchema,
    /** Where the source's text was read when its own page could not be opened: a verbatim copy. */
    readVia: z.object({ url: z.url({ protocol: /^https?$/ }), title: z.string().min(1) }).strict().optional(),
    /**
     * Where the port comes from when IANA registers the protocol on no port (ianaService null;
     * the alert names no ports): the protocol's specification, or the software's own
     * documentation or default configuration at a commit, each with its words verbatim (one of
     * them naming the port). Present exactly when ianaService is null.
     */
    portSource: z.array(practiceSourceSchema).min(1).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.ianaService === null && !entry.portSource) {
      ctx.addIssue({ code: 'custom', path: ['portSource'], message: 'required when ianaService is null: cite where the port comes from' });
    }
    // Pages say "IANA registers no port for it" beside a portSource: only true without ianaService.
    if (entry.ianaService !== null && entry.portSource) {
      ctx.addIssue({ code: 'custom', path: ['portSource'], message: `only for an entry with ianaService: null (the port is IANA's ${entry.ianaService})` });
    }
    if (entry.portSource && !entry.portSource.some((s) => new RegExp(`(^|\\D)${entry.port}(\\D|$)`).test(s.quote))) {
      ctx.addIssue({ code: 'custom', path: ['portSource'], message: `no quote names port ${entry.port}` });
    }
  });
export type AmplificationEntry = z.infer<typeof amplificationEntrySchema>;

export const amplificationFileSchema = z.object({ ports: z.array(amplificationEntrySchema).min(1) }).strict();
