/**
 * Printing a runbook page for a change review (issue 14, point 5): no header, sidebar, table of contents or buttons;
 * light colours even in the dark theme; every command line whole (wrapped, not clipped); collapsed sections (sample
 * outputs, the script view) left out together with their summary line. Checked with print media emulated, and
 * page.pdf() renders the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPage, openSite, type Site } from './browser.js';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe.each(['/kube-proxy-replacement/', '/network-policy-apply/', '/monitoring/'])('printing %s', (path) => {
  it('prints the content only, light, with every line of every command whole', async () => {
    const { page, errors } = await freshPage(site, { colorScheme: 'dark' });
    await page.goto(site.url(path));
    // Emulated print media fires no beforeprint; the browser's print command does, and the notes load then.
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) =>
      page.locator(selector).evaluateAll((all) => all.filter((el) => (el as HTMLElement).offsetParent !== null).length);
    const hidden = [
      '.site-header',
      '#site-nav',
      '.toc',
      '.pager',
      'button',
      'details:not([open], .corrections)',
      'a.anchor',
    ];
    for (const chrome of hidden) {
      expect(await shown(chrome), chrome).toBe(0);
    }
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    // The 1.18.4 corrections, collapsed on screen, are printed for the review.
    const corrections = await page
      .locator('details.corrections:not([open]) .correction')
      .evaluateAll((all) => all.map((el) => (el as HTMLElement).offsetHeight > 0));
    expect(corrections.every(Boolean)).toBe(true);
    // They are loaded from the page's corrections.htm when printing starts (config/correction-fragments.mjs).
    if ((await page.locator('details.corrections').count()) > 0) expect(corrections.length).toBeGreaterThan(0);
    const clipped = await page
      .locator('main pre')
      .evaluateAll((all) =>
        all.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map((pre) => pre.textContent?.slice(0, 60)),
      );
    expect(clipped).toEqual([]);
    // A page that shows only the first steps of its runbook prints where the others are.
    for (const next of await page.locator('.rb-next a').all()) {
      const after = await next.evaluate((a) => getComputedStyle(a, '::after').content);
      expect(after).toBe(`" (${await next.getAttribute('href')})"`);
    }
    if (path === '/kube-proxy-replacement/') expect(await page.locator('.rb-next a').count()).toBe(1);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
