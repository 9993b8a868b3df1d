/**
 * Without JavaScript (issue 14, point 7) nothing on the page pretends to work: copy buttons, search, the theme toggle
 * and the menu button are hidden; parameter inputs are read-only with a note saying why; "copy all" becomes a link
 * to the script file; on a phone the navigation is listed after the content. With JavaScript all of them are back.
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

const CONTROLS = ['.copy-button', '#search-input', '[data-theme-toggle]', '[data-nav-toggle]', 'details.rb-script'];

describe('without JavaScript', () => {
  it('hides the controls that need it, and says why the parameter inputs cannot change the commands', async () => {
    const { page } = await freshPage(site, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.goto(site.url('/kube-proxy-replacement/'));
    for (const control of CONTROLS) {
      const visible = await page
        .locator(control)
        .evaluateAll((all) => all.filter((el) => (el as HTMLElement).offsetParent !== null).length);
      expect(visible, control).toBe(0);
    }
    const inputs = page.locator('[data-param-input]');
    expect(await inputs.count()).toBeGreaterThan(0);
    expect(await inputs.evaluateAll((all) => all.every((i) => (i as HTMLInputElement).readOnly))).toBe(true);
    await expect
      .poll(() => page.getByText('JavaScript가 꺼져 있어 이 표의 값은 바꿀 수 없습니다').isVisible())
      .toBe(true);

    const script = page.getByRole('link', { name: '스크립트 파일 열기' });
    expect(await script.getAttribute('href')).toBe('/runbook/kpr-enable.sh');
    // A phone still has the navigation: after the content.
    expect(await page.locator('#site-nav').isVisible()).toBe(true);
    const below = await page.evaluate(
      () =>
        (document.querySelector('#site-nav')?.getBoundingClientRect().top ?? 0) >=
        (document.querySelector('main')?.getBoundingClientRect().bottom ?? 1),
    );
    expect(below).toBe(true);
    await page.context().close();
  });

  it('follows the OS dark setting', async () => {
    const { page } = await freshPage(site, { javaScriptEnabled: false, colorScheme: 'dark' });
    await page.goto(site.url('/'));
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await page.context().close();
  });
});

describe('with JavaScript', () => {
  it('shows the controls and the inputs take values', async () => {
    const { page, errors } = await freshPage(site, { viewport: { width: 390, height: 844 } });
    await page.goto(site.url('/kube-proxy-replacement/'));
    for (const control of ['.copy-button', '#search-input', '[data-theme-toggle]', '[data-nav-toggle]']) {
      expect(await page.locator(control).first().isVisible(), control).toBe(true);
    }
    expect(await page.getByText('JavaScript가 꺼져 있어').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: '스크립트 파일 열기' }).isVisible()).toBe(false);
    const input = page.locator('[data-param-input="apiServerHost"]');
    await input.fill('10.0.0.9');
    await expect
      .poll(() => page.locator('#helm-upgrade [data-role="command"] pre').textContent())
      .toContain('10.0.0.9');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
