// @ts-check
/**
 * Site wiring only. Deployment location comes from the environment (docs/publishing.md):
 *   SITE_URL   absolute origin, e.g. https://example.github.io (optional; enables canonical URLs, og:url, sitemap)
 *   BASE_PATH  path the site is served under, e.g. /cilium-guide (default /)
 */
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { correctionFragments } from './config/correction-fragments.mjs';
import { lazyChunksWithoutPreload } from './config/lazy-chunks.mjs';
import { tableScroll } from './config/rehype-site.mjs';
import { searchIndex } from './config/search-index.mjs';
import { fenceCopyButton, tokenClasses } from './src/components/runbook/shell-code.ts';
import { t } from './src/i18n/ko.ts';

export default defineConfig({
  site: process.env.SITE_URL || undefined,
  base: process.env.BASE_PATH || '/',
  // Every page is a directory (`/rollback/`), so links always end in a slash and relative MDX links resolve.
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // searchIndex writes dist/pagefind/ after the build (Korean glosses go into the index only).
  // correctionFragments runs after searchIndex: the index holds the notes it then moves off the pages.
  integrations: [mdx(), searchIndex(), correctionFragments()],
  markdown: {
    // Straight quotes: smartypants closes a quote followed by a Korean particle as an opening one ("P0"로 → “P0“로).
    smartypants: false,
    rehypePlugins: [[tableScroll, { label: t('table.label') }]],
    // Same themes as src/components/runbook/ShellCode.astro; tokenClasses turns their inline colours into the classes
    // src/styles/global.css colours for both themes; shell fences get a copy button.
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
      transformers: [tokenClasses(), fenceCopyButton()],
    },
  },
  vite: { plugins: [lazyChunksWithoutPreload()] },
  devToolbar: { enabled: false },
});
