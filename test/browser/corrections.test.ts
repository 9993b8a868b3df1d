/**
 * The 1.18.4 correction notes are not part of a page's first load (config/correction-fragments.mjs; loaded by
 * src/components/runbook/samples.ts): the collapsed `details.corrections` holds a link to the page's corrections.htm, which the page loads when the reader opens it.
 * The notes stay searchable (the index is built before they move); printing is checked in print.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../helpers/dist-html.js';
import { freshPage, openSite, type Site } from './browser.js';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe('collapsed correction notes', () => {
  it('are loaded on first open, not with the page', async () => {
    const { page, errors } = await freshPage(site);
    await page.goto(site.url('/kube-proxy-replacement/'));
    const details = page.locator('details.corrections');
    expect(await details.locator('.correction').count()).toBe(0);
    expect(await details.locator('a[href="corrections.htm"]').count()).toBe(1);
    await details.locator('summary').click();
    await expect.poll(() => details.locator('.correction').count()).toBeGreaterThan(0);
    expect(await details.locator('.correction').first().textContent()).toContain('Helm 차트 버전 고정');
    expect(await details.locator('a[href="corrections.htm"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('work without JavaScript: the link opens the notes as a page of their own', async () => {
    const { page } = await freshPage(site, { javaScriptEnabled: false });
    await page.goto(site.url('/kube-proxy-replacement/'));
    await page.locator('details.corrections summary').click();
    await page.locator('details.corrections a[href="corrections.htm"]').click();
    await page.waitForURL(/corrections\.htm$/);
    expect(await page.locator('aside.correction').count()).toBeGreaterThan(0);
    expect(await page.title()).toContain('1.18.4 기준 수정');
    await page.context().close();
  });

  it('stay in the search index', () => {
    const dir = join(DIST, 'pagefind/fragment');
    const kpr = readdirSync(dir)
      .map((f) =>
        JSON.parse(
          gunzipSync(readFileSync(join(dir, f)))
            .toString('utf8')
            .slice('pagefind_dcd'.length),
        ),
      )
      .find((f: { url: string }) => f.url === '/kube-proxy-replacement/');
    expect(kpr?.content).toContain('차트 버전 고정. 원문의 helm upgrade');
  });
});
