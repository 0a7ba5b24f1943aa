// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';

export default defineConfig({
  trailingSlash: 'always',
  build: {
    format: 'directory',
    // One shared stylesheet file, cached across 65,536 pages, instead of CSS inlined in each.
    inlineStylesheets: 'never',
  },
  // Astro 7 renders Markdown with Satteri by default; remark plugins need unified().
  // GFM (footnotes, tables) comes from remark-gfm itself, so the built-in copy is off.
  markdown: {
    // Plain <pre><code>: no inline colour styles, so code follows the light/dark theme.
    syntaxHighlight: false,
    processor: unified({ gfm: false, remarkPlugins: [remarkGfm] }),
  },
  integrations: [mdx()],
  devToolbar: { enabled: false },
  experimental: { incrementalBuild: true },
});
