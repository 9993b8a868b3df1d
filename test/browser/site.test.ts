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

describe('sidebar', () => {
  it('lists each section once, in guide order, with the pages that continue it nested and marked current', async () => {
    const { page, errors } = await freshPage(site);
    await page.goto(site.url('/hubble-cli/'));
    const top = await page.locator('#site-nav > ul > li > a').allTextContents();
    expect(top.map((t) => t.trim())).toEqual([
      '개요 / 현재 상태',
      '시작하기',
      '1.1 kube-proxy 대체 (KPR)',
      '1.2 Hubble UI',
      '1.3 WireGuard 암호화',
      '2. 네트워크 정책',
      '3. Cilium CLI',
      '4. BandwidthManager',
      '5. Service Mesh',
      '6. 성능 모니터링',
      '7. 트러블슈팅',
      '8. 롤백',
      '9. 다음 단계',
      '10. 참고 자료',
    ]);
    const hubble = page.locator('#site-nav > ul > li', { hasText: '1.2 Hubble UI' });
    expect((await hubble.locator('ul a').allTextContents()).map((t) => t.trim())).toEqual(['Hubble CLI']);
    expect(await hubble.locator('ul a').getAttribute('aria-current')).toBe('page');
    // The pager follows the sidebar: 1.2 → its part → 1.3.
    expect(await page.locator('.pager a[rel="prev"]').getAttribute('href')).toMatch(/\/hubble\/$/);
    expect(await page.locator('.pager a[rel="next"]').getAttribute('href')).toMatch(/\/wireguard\/$/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('sample outputs', () => {
  it('are fetched when a block is first opened, and show exactly the runbook’s sample', async () => {
    const { catalog } = await import('../../runbooks/index.js');
    const runbook = catalog.get('kpr-enable');
    const { page, errors } = await freshPage(site);
    const withSample = runbook.steps.filter((s) => s.sampleOutput !== undefined);
    let opened = 0;
    // kpr-enable is split over two pages (`<Runbook until>` and `<RunbookContinued>`).
    for (const path of ['/kube-proxy-replacement/', '/kube-proxy-removal/']) {
      await page.goto(site.url(path));
      for (const article of await page.locator('article[data-runbook="kpr-enable"]:has(details.rb-sample)').all()) {
        const id = await article.getAttribute('data-step');
        const block = article.locator('details.rb-sample');
        const pre = block.locator('pre');
        // Closed, the page holds only a link to the file (which also works without JavaScript).
        expect(await pre.locator('a').getAttribute('href')).toBe(`/runbook/kpr-enable/${id}.txt`);
        await block.locator('summary').click();
        await expect.poll(() => pre.textContent()).toBe(withSample.find((s) => s.id === id)?.sampleOutput);
        opened++;
      }
    }
    expect(opened).toBe(withSample.length);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
