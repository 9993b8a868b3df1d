/**
 * The reading experience in a real browser: the theme follows the system until chosen and the choice persists, a
 * phone-sized viewport can open the navigation and use it, and every page has its language and meta tags.
 * (Accessibility and console errors: a11y.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPaths, freshPage, openSite, type Site } from './browser.js';

const paths = builtPaths();

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

describe('theme', () => {
  it('follows the system on a first visit, then the toggle, which persists across reloads and pages', async () => {
    const { page, errors } = await freshPage(site, { colorScheme: 'dark' });
    await page.goto(site.url('/'));
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const toggle = page.locator('[data-theme-toggle]');
    expect(await theme()).toBe('dark');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');

    await toggle.click();
    expect(await theme()).toBe('light');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await page.reload();
    expect(await theme()).toBe('light');
    await page.goto(site.url('/rollback/'));
    expect(await theme()).toBe('light');
    // The inline head script set it before the first paint: the stored choice is in place at DOMContentLoaded.
    await page.goto(site.url('/kube-proxy-replacement/'), { waitUntil: 'domcontentloaded' });
    expect(await theme()).toBe('light');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('on a phone', () => {
  it('hides the sidebar behind a menu button that opens it, and its links work', async () => {
    const { page, errors } = await freshPage(site, { viewport: { width: 375, height: 740 }, hasTouch: true });
    await page.goto(site.url('/'));
    const menu = page.locator('[data-nav-toggle]');
    const sidebar = page.locator('#site-nav');
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await sidebar.isVisible()).toBe(false);

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await sidebar.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await sidebar.isVisible()).toBe(false);

    await menu.click();
    await sidebar.locator('a[href$="/rollback/"]').click();
    await page.waitForURL(/\/rollback\/$/);
    expect(await page.locator('h1').textContent()).toContain('롤백');
    // The page fits the phone: nothing wider than the viewport but code blocks, which scroll inside themselves.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('head', () => {
  it('has the Korean language, a title, a description and Open Graph tags on each guide page', async () => {
    const { page } = await freshPage(site);
    for (const path of paths.filter((p) => p !== '/404.html')) {
      await page.goto(site.url(path));
      const head = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        description: document.querySelector('meta[name="description"]')?.getAttribute('content'),
        ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
        ogDescription: document.querySelector('meta[property="og:description"]')?.getAttribute('content'),
        wordBreak: getComputedStyle(document.body).wordBreak,
      }));
      expect(head.lang, path).toBe('ko');
      expect(head.title, path).toMatch(/Cilium 실전 활용 가이드/);
      expect(head.description, path).toBeTruthy();
      expect(head.ogTitle, path).toBeTruthy();
      expect(head.ogDescription, path).toBe(head.description);
      expect(head.wordBreak, path).toBe('keep-all');
    }
    await page.context().close();
  });
});
