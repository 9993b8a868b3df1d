/**
 * Finding one's way on a long page (issue 14, point 6): a jump from the table of contents or from search lands with
 * the heading visible below the sticky header; the TOC lists every runbook step and marks the section being read;
 * below 1100 px an "이 페이지" menu at the top of the content replaces the side column; headings have "#" links.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPage, openSite, type Site } from './browser.js';

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

/** Whether the element is on screen, below the sticky header. */
function belowHeader(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
    const r = el.getBoundingClientRect();
    return r.top >= header - 1 && r.top < innerHeight;
  });
}

describe('jumps', () => {
  it('from the table of contents leave the heading visible below the header', async () => {
    const { page } = await freshPage(site, { viewport: { width: 1280, height: 800 } });
    await page.goto(site.url('/kube-proxy-replacement/'));
    for (const id of ['실행하기', 'helm-upgrade', '절차']) {
      await page
        .locator(`.toc a[href="#${encodeURI(id)}"], .toc a[href="#${id}"]`)
        .first()
        .click();
      await expect.poll(() => belowHeader(page, `[id="${id}"]`)).toBe(true);
    }
    await page.context().close();
  });

  it('from search leave the heading visible below the header', async () => {
    const { page } = await freshPage(site, { viewport: { width: 1280, height: 800 } });
    await page.goto(site.url('/'));
    await page.locator('#search-input').fill('정책이 안 먹힘');
    await expect.poll(() => page.locator('[role="option"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.locator('#search-input').press('Enter');
    await page.waitForURL(/\/troubleshooting(-policy)?\/#/);
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    await expect.poll(() => belowHeader(page, `[id="${id}"]`)).toBe(true);
    await page.context().close();
  });
});

describe('the table of contents', () => {
  it('lists every runbook step of the page', async () => {
    const { page } = await freshPage(site, { viewport: { width: 1280, height: 800 } });
    for (const path of ['/kube-proxy-replacement/', '/kube-proxy-removal/', '/network-policy-apply/', '/hubble/']) {
      await page.goto(site.url(path));
      const steps = await page.locator('main article.rb-step').evaluateAll((all) => all.map((a) => `#${a.id}`));
      const toc = await page
        .locator('.toc a')
        .evaluateAll((all) => all.map((a) => decodeURIComponent((a as HTMLAnchorElement).hash)));
      expect(steps.length, path).toBeGreaterThan(2);
      expect(toc, path).toEqual(expect.arrayContaining(steps));
    }
    await page.context().close();
  });

  it('marks the section being read, and follows the reader', async () => {
    const { page } = await freshPage(site, { viewport: { width: 1280, height: 800 } });
    await page.goto(site.url('/kube-proxy-replacement/'));
    const current = () => page.locator('.toc a[aria-current="true"]').evaluateAll((a) => a.map((x) => x.textContent));
    for (const [id, text] of [
      ['helm-upgrade', /^5\. /],
      ['verify-kpr', /^7\. /],
      ['왜-필요한가', /왜 필요한가/],
    ] as const) {
      await page.locator(`[id="${id}"]`).evaluate((el) => el.scrollIntoView());
      await expect.poll(current).toEqual([expect.stringMatching(text)]);
    }
    await page.context().close();
  });

  it('is an "이 페이지" menu at the top of the content below 1100 px, and the side column above', async () => {
    const { page } = await freshPage(site, { viewport: { width: 1024, height: 768 } });
    await page.goto(site.url('/kube-proxy-replacement/'));
    const menu = page.locator('.toc details');
    const box = () =>
      page.evaluate(() => {
        const toc = document.querySelector('.toc')?.getBoundingClientRect();
        const main = document.querySelector('main')?.getBoundingClientRect();
        return { above: (toc?.bottom ?? 0) <= (main?.top ?? 0) + 1, right: (toc?.left ?? 0) >= (main?.right ?? 0) };
      });
    // Closed, above the content.
    expect(await menu.getAttribute('open')).toBeNull();
    expect(await box()).toEqual({ above: true, right: false });
    expect(await menu.locator('summary').textContent()).toBe('이 페이지');
    expect(await menu.locator('a[href="#helm-upgrade"]').isVisible()).toBe(false);
    await menu.locator('summary').click();
    await menu.locator('a[href="#helm-upgrade"]').click();
    await expect.poll(() => belowHeader(page, '#helm-upgrade')).toBe(true);
    // A wide screen shows it open, beside the content.
    const { page: wide } = await freshPage(site, { viewport: { width: 1280, height: 800 } });
    await wide.goto(site.url('/kube-proxy-replacement/'));
    expect(await wide.locator('.toc details').getAttribute('open')).toBe('');
    expect(
      await wide.evaluate(
        () =>
          (document.querySelector('.toc')?.getBoundingClientRect().left ?? 0) >=
          (document.querySelector('main')?.getBoundingClientRect().right ?? 1),
      ),
    ).toBe(true);
    await wide.context().close();
    await page.context().close();
  });
});

describe('headings', () => {
  it('each have a visible # link to themselves', async () => {
    const { page } = await freshPage(site);
    for (const path of ['/kube-proxy-replacement/', '/monitoring/', '/']) {
      await page.goto(site.url(path));
      const headings = await page.locator('main :is(h2, h3)[id]').evaluateAll((all) =>
        all.map((h) => {
          const a = h.querySelector('a.anchor') as HTMLAnchorElement | null;
          return { id: h.id, href: a && decodeURIComponent(a.hash.slice(1)), visible: !!a && a.offsetWidth > 0 };
        }),
      );
      expect(headings.length, path).toBeGreaterThan(1);
      for (const h of headings) expect(h, path).toEqual({ id: h.id, href: h.id, visible: true });
    }
    await page.context().close();
  });
});
