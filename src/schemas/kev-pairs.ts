/**
 * content/kev/pairs.yaml: the catalog's vendorProject/product pairs that no product file maps,
 * each with why (issue 27), so that every pair of CISA's KEV catalog is accounted for: mapped
 * by a product file's `kev` block, not a network listener, or a listener whose port no source
 * of the vendor documents. Parsed by src/lib/security/kev-pairs.ts.
 */
import { z } from 'zod';

/** How a pair that no product file maps is accounted for. */
export const KEV_PAIR_STATUSES = ['not-a-listener', 'no-documented-port', 'not-yet-researched'] as const;

export const kevPairAccountSchema = z
  .object({
    /** Copied exactly from the catalog. */
    vendorProject: z.string().min(1),
    product: z.string().min(1),
    /**
     * not-a-listener: the vulnerable code listens on no port (a browser, an office suite, a
     * kernel, a local privilege escalation, a file parser); no-documented-port: it listens, but
     * no vendor source for its port was found (`tried` says where we looked);
     * not-yet-researched: it listens, and its port has not been looked for yet.
     */
    status: z.enum(KEV_PAIR_STATUSES),
    /** One sentence, judged from the pair's catalog entries (vulnerabilityName, shortDescription). */
    reason: z.string().min(10).max(300),
    /** For no-documented-port: which of the vendor's sources were searched, and what they say. */
    tried: z.string().min(10).max(400).optional(),
  })
  .strict()
  .refine((pair) => (pair.status === 'no-documented-port') === (pair.tried !== undefined), {
    message: 'tried is required for status no-documented-port (say where the port was looked for) and only there',
    path: ['tried'],
  });
export type KevPairAccount = z.infer<typeof kevPairAccountSchema>;

export const kevPairsFileSchema = z.object({ pairs: z.array(kevPairAccountSchema).min(1) }).strict();
