// @ts-check
/**
 * Astro integration: builds the Pagefind search index (dist/pagefind/) once the site is built, with Pagefind's Node
 * API. Each page is indexed with the Korean search glosses added (src/components/site/search-index.ts); the pages
 * served to readers stay as built, so no reader downloads words only the index needs. Pages without
 * `data-pagefind-body` (the 404 page) are not indexed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { glossPage } from '../src/components/site/search-index.ts';

/** @param {string[]} errors @param {string} what */
function check(errors, what) {
  if (errors.length > 0) throw new Error(`Pagefind could not ${what}: ${errors.join('; ')}`);
}

/** @returns {import('astro').AstroIntegration} */
export function searchIndex() {
  return {
    name: 'search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        try {
          // Interface words are not content: buttons (복사, 스크립트 전체 복사, …), the step permalinks (#), risk
          // badges (읽기, 변경), collapsed sample outputs and the boilerplate every runbook's script section repeats.
          const created = await pagefind.createIndex({
            excludeSelectors: ['button', 'a.anchor', '.risk-badge', '.rb-sample', '.rb-boilerplate'],
          });
          check(created.errors, 'start');
          const { index } = created;
          if (!index) throw new Error('Pagefind could not start: no index was created.');
          const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('.html')).sort();
          let indexed = 0;
          for (const page of pages) {
            const html = await readFile(join(site, page), 'utf8');
            if (!/<main\b[^>]*\sdata-pagefind-body\b/.test(html)) continue;
            const added = await index.addHTMLFile({ sourcePath: page, content: glossPage(html) });
            check(added.errors, `index ${page}`);
            indexed++;
          }
          if (indexed === 0) {
            throw new Error(
              'No page has <main data-pagefind-body> (src/layouts/DocsLayout.astro): the search would find nothing.',
            );
          }
          check((await index.writeFiles({ outputPath: join(site, 'pagefind') })).errors, 'write dist/pagefind/');
          logger.info(`search index: ${indexed} pages, Korean glosses added to the index only`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
