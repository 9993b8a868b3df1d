/**
 * A 390 px phone (issue 14, point 3): no page scrolls sideways (wide Markdown tables scroll in their own region), the
 * search list opens inside the screen, and the parameter form's inputs are on screen without scrolling sideways.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPaths, freshPage, openSite, type Site } from './browser.js';

const WIDTH = 390;
let site: Site;
let page: Page;
let errors: string[];

beforeAll(async () => {
  site = await openSite();
  ({ page, errors } = await freshPage(site, {
    viewport: { width: WIDTH, height: 844 },
    hasTouch: true,
    isMobile: true,
  }));
});
afterAll(async () => {
  await site?.close();
});

/** Left and right edge of an element on screen. */
const box = (selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });

describe('at 390 px', () => {
  it.each(builtPaths())('%s does not scroll sideways', async (path) => {
    await page.goto(site.url(path));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(WIDTH);
  });

  it('puts wide Markdown tables in their own labelled, focusable scroll region', async () => {
    await page.goto(site.url('/monitoring-metrics/'));
    const tables = await page.locator('main table').evaluateAll((all) =>
      all.map((t) => {
        const wrap = t.parentElement;
        return {
          wrapped: wrap?.classList.contains('table-wrap'),
          focusable: wrap?.tabIndex === 0,
          label: wrap?.getAttribute('aria-label'),
        };
      }),
    );
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect(t).toEqual({ wrapped: true, focusable: true, label: expect.stringMatching(/\S/) });
  });

  it('opens the search list inside the screen', async () => {
    await page.goto(site.url('/kube-proxy-replacement/'));
    await page.locator('#search-input').tap();
    await page.locator('#search-input').fill('롤백');
    await expect.poll(() => page.locator('[role="option"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const popup = await box('.search-popup');
    expect(popup.left).toBeGreaterThanOrEqual(0);
    expect(popup.right).toBeLessThanOrEqual(WIDTH);
    const option = await box('[role="option"]');
    expect(option.left).toBeGreaterThanOrEqual(0);
  });

  it('shows every parameter input inside the screen', async () => {
    await page.goto(site.url('/kube-proxy-replacement/'));
    const inputs = await page.locator('[data-param-input]').evaluateAll((all) =>
      all.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, width: r.width };
      }),
    );
    expect(inputs.length).toBeGreaterThan(0);
    for (const r of inputs) {
      expect(r.left).toBeGreaterThanOrEqual(0);
      expect(r.right).toBeLessThanOrEqual(WIDTH);
      expect(r.width).toBeGreaterThan(WIDTH / 2);
    }
  });

  it('produced no console errors', () => {
    expect(errors).toEqual([]);
  });
});
