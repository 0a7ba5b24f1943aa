/**
 * UDP ports abused for reflected, amplified DDoS (content/amplification/ports.yaml), each with
 * the bandwidth amplification factor exactly as its source gives it. Main source: US-CERT/CISA
 * alert TA14-017A, "UDP-Based Amplification Attacks". Parsed by src/lib/security/amplification.ts.
 */
import { z } from 'zod';
import { MAX_PORT } from './port-record.ts';
import { practiceSourceSchema } from './software.ts';


export const amplificationEntrySchema = z
  .object({
    /** The protocol as the source names it: "NTP", "CharGEN". */
    protocol: z.string().min(1),
    /** The UDP port of the protocol's IANA registration (the service named in ianaService). */
    port: z.number().int().min(0).max(MAX_PORT),
    /** The IANA service name on that UDP port, checked against the registry by the unit tests. */
    ianaService: z.string().min(1),
    /** The bandwidth amplification factor as the source writes it: "556.9", "28 to 54". */
    factor: z.string().regex(/^[\d.,]+( to [\d.,]+)?$/, 'expected a factor such as "556.9" or "28 to 54"'),
    /** The alert, and its row or sentence for this protocol, verbatim as read. */
    source: practiceSourceSchema,
    /** Where the source's text was read when its own page could not be opened: a verbatim copy. */
    readVia: z.object({ url: z.url({ protocol: /^https?$/ }), title: z.string().min(1) }).strict().optional(),
  })
  .strict();
export type AmplificationEntry = z.infer<typeof amplificationEntrySchema>;

export const amplificationFileSchema = z.object({ ports: z.array(amplificationEntrySchema).min(1) }).strict();
