/**
 * Keys for Astro's incremental build (`npm run rebuild`, experimental.incrementalBuild): a
 * route whose key and code are unchanged since the last rebuild is not rendered again, and its
 * file in dist/ is kept. A fresh `npm run build` ignores keys, so none are computed then.
 */
import { createHash } from 'node:crypto';
import { generatedReport } from '../lib/generated-registry.ts';
import { REPOSITORY } from './settings.ts';

/** Whether this is an incremental build (`npm run rebuild`, PORT_ATLAS_INCREMENTAL=1). */
export const INCREMENTAL = process.env.PORT_ATLAS_INCREMENTAL === '1';
/** What every page shows besides its own data: the registry snapshot date and the edit links. */
const siteWide = INCREMENTAL ? JSON.stringify([generatedReport().newestRecordDate, REPOSITORY]) : '';

/**
 * @param shown everything the route's page shows that is not site-wide (its props, JSON-serialisable)
 * @returns a base64url SHA-1 of it and the site-wide values; undefined outside incremental builds
 */
export const cacheKeyOf = (shown: unknown): string | undefined =>
  INCREMENTAL ? createHash('sha1').update(siteWide).update(JSON.stringify(shown)).digest('base64url') : undefined;
