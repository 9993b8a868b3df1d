/**
 * Code blocks (issue 14, point 4): the copy button never covers the code, on a desktop and on a phone, and each
 * runbook's "터미널에서 실행" block is a highlighted block with its own copy button that copies exactly its text.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPage, openSite, type Site } from './browser.js';

const PAGES = ['/kube-proxy-replacement/', '/network-policy-apply/', '/hubble-cli/', '/rollback/'];
let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

/** For every code block of the page: how far its copy button reaches into the `<pre>`'s box (≤ 1 px: the border). */
function overlaps(page: Page) {
  return page.locator('.code-block').evaluateAll((blocks) =>
    blocks.map((block) => {
      const pre = block.querySelector(':scope > pre')?.getBoundingClientRect();
      const button = block.querySelector(':scope > button')?.getBoundingClientRect();
      if (!pre || !button) return { text: block.textContent?.slice(0, 40), overlap: Number.NaN };
      const x = Math.min(pre.right, button.right) - Math.max(pre.left, button.left);
      const y = Math.min(pre.bottom, button.bottom) - Math.max(pre.top, button.top);
      return { text: block.textContent?.slice(0, 40), overlap: x > 0 && y > 0 ? y : 0 };
    }),
  );
}

describe('copy buttons', () => {
  it.each([
    [1280, 900],
    [390, 844],
  ])('never cover the code at %i px', async (width, height) => {
    const { page } = await freshPage(site, { viewport: { width, height } });
    for (const path of PAGES) {
      await page.goto(site.url(path));
      const blocks = await overlaps(page);
      expect(blocks.length, path).toBeGreaterThan(3);
      for (const b of blocks) expect(b.overlap, `${path}: ${b.text}`).toBeLessThanOrEqual(1);
    }
    await page.context().close();
  });
});

describe('the 터미널에서 실행 block', () => {
  it('is highlighted and copies exactly the two npx runbook lines', async () => {
    const { page, errors } = await freshPage(site, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(site.url('/kube-proxy-replacement/'));
    const block = page.locator('section.rb .code-block', { hasText: 'npx runbook run kpr-enable --dry-run' });
    expect(await block.count()).toBe(1);
    const pre = block.locator('pre');
    expect(await pre.getAttribute('class')).toContain('astro-code');
    expect(await pre.locator('span[class^="t"]').count()).toBeGreaterThan(0);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await block.locator('button.copy-button').click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('npx runbook run kpr-enable --dry-run\nnpx runbook run kpr-enable');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
