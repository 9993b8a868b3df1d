// @ts-check
/**
 * Site wiring only. Deployment location comes from the environment:
 *   SITE_URL   absolute origin, e.g. https://example.github.io (optional; enables canonical URLs)
 *   BASE_PATH  path the site is served under, e.g. /cilium-guide (default /)
 */
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: process.env.SITE_URL || undefined,
  base: process.env.BASE_PATH || '/',
  // Every page is a directory (`/rollback/`), so links always end in a slash and relative MDX links resolve.
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [mdx()],
  markdown: {
    // Same themes as src/components/runbook/ShellCode.astro: light colours inline, dark ones as --shiki-dark
    // variables that src/styles/global.css switches on under [data-theme="dark"].
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
  devToolbar: { enabled: false },
});
