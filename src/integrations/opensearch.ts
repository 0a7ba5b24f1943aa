/**
 * Writes dist/opensearch.xml, the OpenSearch description that lets browsers search Port Atlas
 * from the address bar ("ports 3489"), when the public origin is set: the format needs
 * absolute URLs. Pages link it from <head> (src/layouts/BaseLayout.astro).
 */
import { writeFileSync } from 'node:fs';
import type { AstroIntegration } from 'astro';
import { XMLBuilder } from 'fast-xml-parser';

/**
 * @param origin the public origin, e.g. "https://ports.example.org"
 * @returns the OpenSearch 1.1 description document
 */
export function openSearchDescription(origin: string): string {
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    OpenSearchDescription: {
      '@_xmlns': 'http://a9.com/-/spec/opensearch/1.1/',
      ShortName: 'Port Atlas',
      Description: 'Search TCP and UDP ports, service names and software',
      InputEncoding: 'UTF-8',
      Image: { '@_type': 'image/svg+xml', '#text': `${origin}/favicon.svg` },
      Url: { '@_type': 'text/html', '@_method': 'get', '@_template': `${origin}/search/?q={searchTerms}` },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true }).build(document);
}

/** The integration; does nothing without a site. */
export function openSearch(): AstroIntegration {
  let site: URL | undefined;
  return {
    name: 'port-atlas-opensearch',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
      },
      'astro:build:done': ({ dir }) => {
        if (site) writeFileSync(new URL('opensearch.xml', dir), openSearchDescription(site.href.replace(/\/$/, '')));
      },
    },
  };
}
