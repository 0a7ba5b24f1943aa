// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { remarkSiteLinks } from './src/lib/remark-site-links.ts';
import { rehypeFootnoteLabel, remarkFootnoteIds } from './src/lib/remark-footnote-ids.ts';
import sitemap from '@astrojs/sitemap';
import { notesDir } from './src/lib/notes-dir.ts';
import { siteOrigin } from './src/lib/site-settings.ts';
import { openSearch } from './src/integrations/opensearch.ts';

// The public origin (PORT_ATLAS_SITE, README "Settings"): canonical links, og:url, sitemap, OpenSearch.
const site = siteOrigin() ?? undefined;
const incremental = process.env.PORT_ATLAS_INCREMENTAL === '1';

export default defineConfig({
  site,
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One shared stylesheet file, cached across 65,536 pages, instead of CSS inlined in each.
    inlineStylesheets: 'never',
    // Pages render while earlier ones are still being written: each page waits on four thread-pool
    // round trips (mkdir, open, write, close) that cost ~1 ms here, so more pages in flight keep
    // the CPU busy (BENCHMARKS.md: 2 -> 122 s, 4 -> 93-117 s, 8 -> 59-89 s, 16 -> 76 s; memory unchanged).
    concurrency: Number(process.env.PORT_ATLAS_CONCURRENCY) || 16,
  },
  // Astro 7 renders Markdown with Satteri by default; remark plugins need unified().
  // GFM (footnotes, tables) comes from remark-gfm itself, so the built-in copy is off.
  markdown: {
    // Plain <pre><code>: no inline colour styles, so code follows the light/dark theme.
    syntaxHighlight: false,
    processor: unified({ gfm: false, remarkPlugins: [remarkGfm, remarkFootnoteIds, [remarkSiteLinks, { notesDir: notesDir() }]], rehypePlugins: [rehypeFootnoteLabel] }),
  },
  integrations: [
    mdx(),
    // Split into files of at most 45,000 URLs (the format allows 50,000); needs absolute URLs, so only with a site.
    ...(site ? [sitemap({ entryLimit: 45000 })] : []),
    openSearch(),
    {
      // Vite keeps one bundle of dependencies per cacheDir, hashed over its config (plugin names
      // included); dev and build/sync differ, so one shared cache was re-bundled at every switch
      // between `npm run dev` and a build ("Re-optimizing dependencies because vite config has changed").
      name: 'port-atlas-dev-vite-cache',
      hooks: {
        'astro:config:setup': ({ command, updateConfig }) => {
          if (command === 'dev') updateConfig({ vite: { cacheDir: 'node_modules/.vite-dev' } });
        },
      },
    },
    {
      name: 'port-atlas-site-setting',
      hooks: {
        'astro:build:start': ({ logger }) => {
          if (!site) logger.warn('PORT_ATLAS_SITE is not set: pages get no canonical link or og:url, and no sitemap or OpenSearch description is written (README, "Settings").');
        },
      },
    },
  ],
  devToolbar: { enabled: false },
  // Incremental builds (npm run rebuild) re-render only routes whose cache key
  // (src/site/cache-key.ts) or code changed, and keep dist/ between builds so an unchanged
  // page costs one file check instead of a copy from Astro's cache (on a slow disk the copies
  // cost as much as rendering). Writing the cache makes a first build slower, so plain
  // `npm run build` (CI, first builds) leaves it off.
  experimental: { incrementalBuild: incremental },
  vite: {
    build: { emptyOutDir: !incremental },
    environments: {
      client: {
        build: {
          rolldownOptions: {
            output: {
              // Scripts are named after their component (BaseLayout.<hash>.js, like its stylesheet)
              // rather than Vite's virtual module ("BaseLayout.astro_astro_type_script_index_0_lang"):
              // every one of 74,000 pages links the layout's script (issue 24).
              entryFileNames: (chunk) => `_astro/${chunk.name.replace(/\.astro_astro_type_script_index_(\d+)_lang$/, (_, i) => (i === '0' ? '' : `-${i}`)).replace(/[^\w.-]/g, '_')}.[hash].js`,
            },
          },
        },
      },
    },
  },
});
