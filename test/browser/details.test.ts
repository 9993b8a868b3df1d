/**
 * Smaller reader issues (issue 14, point 9): straight quotes (smartypants closed “P0 (필수)“ wrongly before a
 * particle), no ⭐ ratings (tofu without an emoji font, read as "별 별 별"), the troubleshooting example uses the
 * guide's petclinic app, and the parameter form does not call a refused value "saved".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPages, findAll, text } from '../helpers/dist-html.js';
import { freshPage, openSite, type Site } from './browser.js';

const pages = builtPages().map((p) => ({
  path: p.path,
  main: text(findAll(p.document, (el) => el.tagName === 'main')[0] ?? p.document),
}));

describe('the built pages', () => {
  it('use straight quotes and no emoji ratings', () => {
    for (const p of pages) {
      expect(p.main, p.path).not.toMatch(/[“”‘’]/);
      expect(p.main, p.path).not.toContain('⭐');
    }
  });

  it('give the troubleshooting example for the petclinic app', () => {
    const page = pages.find((p) => p.path === '/troubleshooting/index.html');
    expect(page?.main).toContain('--param namespace=petclinic');
    expect(page?.main).not.toContain('namespace=shop');
  });
});

describe('the parameter form', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(async () => {
    await site?.close();
  });

  it('says "saved" only next to a value it accepted', async () => {
    const { page, errors } = await freshPage(site);
    await page.goto(site.url('/kube-proxy-replacement/'));
    const input = page.locator('[data-param-input="apiServerHost"]');
    const label = input.locator('xpath=..').locator('.param-source');
    await input.fill('10.0.0.7');
    await expect.poll(() => label.textContent()).toBe('(이 브라우저에 저장됨)');
    await input.fill('10.0.0.7; rm -rf /');
    await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
    expect(await label.textContent()).not.toContain('저장됨');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
