/**
 * The text of content/kev/SOURCE.md, written by `npm run update-data` (and, for the first
 * snapshot, from the cisagov/kev-data repository). Pure.
 */
import { createHash } from 'node:crypto';
import type { KevCatalog } from '../../schemas/kev.ts';

/** Where CISA publishes the catalog as JSON. */
export const KEV_FEED_URL = 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';

/**
 * @param catalog the parsed catalog
 * @param text the file's exact text (for the sha256)
 * @param obtained one sentence: how and when this copy was obtained
 * @returns SOURCE.md's Markdown
 */
export function kevSourceMarkdown(catalog: KevCatalog, text: string, obtained: string): string {
  const sha256 = createHash('sha256').update(text).digest('hex');
  return `# Vendored CISA Known Exploited Vulnerabilities catalog

Written by \`npm run update-data\` (scripts/update-data.ts); edit that script, not this file.

| file | published at | catalogVersion | dateReleased | entries | sha256 |
| --- | --- | --- | --- | --- | --- |
| known_exploited_vulnerabilities.json | ${KEV_FEED_URL} | ${catalog.catalogVersion} | ${catalog.dateReleased} | ${catalog.vulnerabilities.length.toLocaleString('en')} | ${sha256} |

- ${obtained}
- Licence: public domain. The catalog is distributed under Creative Commons CC0 1.0
  (the LICENSE of https://github.com/cisagov/kev-data); links inside entries lead to third-party
  sites under their own terms.
- The build reads only this copy (never the network) and validates it with src/schemas/kev.ts.
  Product files name their exact \`vendorProject\` and \`product\` pair (\`kev:\` in
  content/software/*.yaml); a pair not in this catalog stops the build naming the file.
- Refresh: \`npm run update-data\` downloads the catalog from the URL above (or
  \`KEV_URL\`), validates it, and only then replaces this copy and rewrites this file.
`;
}
