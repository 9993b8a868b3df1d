// @ts-check
/**
 * Astro integration: takes each page's collapsed 1.18.4 correction notes (`<details class="corrections">`) off the
 * page's first load. Runs after the search index is built (it comes after searchIndex in astro.config.mjs), so
 * Pagefind has indexed the notes with the page. The notes go to `corrections.htm` next to the page's index.html (a
 * small standalone document, readable without JavaScript); the `<details>` keeps its summary and a link to that file,
 * which src/components/runbook/samples.ts replaces with the notes on first open and before printing.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { t } from '../src/i18n/ko.ts';

export const FRAGMENT = 'corrections.htm';
const OPEN = '<details class="corrections">';

/**
 * Splits a page's HTML: the page with the notes replaced by a link to FRAGMENT, and the notes; undefined when the
 * page has no collapsed notes.
 * @param {string} html
 * @returns {{ page: string, notes: string } | undefined}
 */
export function splitCorrections(html) {
  const start = html.indexOf(OPEN);
  if (start < 0) return undefined;
  const summaryEnd = html.indexOf('</summary>', start);
  if (summaryEnd < 0) return undefined;
  const bodyStart = summaryEnd + '</summary>'.length;
  // The notes' own end: count nested <details> (notes hold none today, but a nested one must not cut them short).
  const tag = /<details\b|<\/details>/g;
  tag.lastIndex = bodyStart;
  let depth = 1;
  let end = -1;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    depth += m[0] === '</details>' ? -1 : 1;
    if (depth === 0) {
      end = m.index;
      break;
    }
  }
  if (end < 0) throw new Error('A <details class="corrections"> is not closed: the page HTML is malformed.');
  const notes = html.slice(bodyStart, end);
  const link = `<div class="corrections-body"><a href="${FRAGMENT}">${t('correction.open')}</a></div>`;
  return { page: html.slice(0, bodyStart) + link + html.slice(end), notes };
}

/** @returns {import('astro').AstroIntegration} */
export function correctionFragments() {
  return {
    name: 'correction-fragments',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const pages = (await readdir(site, { recursive: true })).filter((f) => f.endsWith('index.html'));
        let moved = 0;
        for (const file of pages) {
          const path = join(site, file);
          const split = splitCorrections(await readFile(path, 'utf8'));
          if (!split) continue;
          const title = /<title>([^<]*)<\/title>/.exec(split.page)?.[1] ?? '';
          const doc = `<!doctype html><html lang="ko"><meta charset="utf-8"><title>${t('correction.title')} · ${title}</title><body>${split.notes}</body></html>\n`;
          await writeFile(join(dirname(path), FRAGMENT), doc);
          await writeFile(path, split.page);
          moved++;
        }
        logger.info(`correction notes: ${moved} pages load theirs on first open (${FRAGMENT})`);
      },
    },
  };
}
