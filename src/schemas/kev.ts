/**
 * CISA's Known Exploited Vulnerabilities catalog (content/kev/known_exploited_vulnerabilities.json),
 * as published at https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json
 * (field names from the catalog's own known_exploited_vulnerabilities_schema.json in
 * github.com/cisagov/kev-data). Only the fields the site shows or checks are required; other
 * fields are kept out of the parsed value. Parsed by src/lib/security/kev.ts.
 */
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2025-08-25');

/** A CVE ID: CVE-2018-14847. */
export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

export const kevEntrySchema = z.object({
  cveID: z.string().regex(CVE_ID, 'expected a CVE ID such as CVE-2018-14847'),
  vendorProject: z.string().min(1),
  product: z.string().min(1),
  vulnerabilityName: z.string().min(1),
  dateAdded: isoDate,
  /** "Known" when CISA knows the vulnerability was used in a ransomware campaign, else "Unknown". */
  knownRansomwareCampaignUse: z.enum(['Known', 'Unknown']),
  /** CISA's one-paragraph description: with vulnerabilityName, what the component judgement (kev `components`) rests on. */
  shortDescription: z.string().min(1),
});
export type KevEntry = z.infer<typeof kevEntrySchema>;

export const kevCatalogSchema = z.object({
  title: z.string().min(1),
  catalogVersion: z.string().min(1),
  dateReleased: z.string().min(1),
  count: z.number().int().min(0),
  vulnerabilities: z.array(kevEntrySchema),
});
export type KevCatalog = z.infer<typeof kevCatalogSchema>;

/** The catalog's vendorProject and product of one product file's software: an exact pair, never a fuzzy match. */
export const kevProductSchema = z.object({ vendorProject: z.string().min(1), product: z.string().min(1) }).strict();
export type KevProduct = z.infer<typeof kevProductSchema>;

