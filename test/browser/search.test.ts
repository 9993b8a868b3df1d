/**
 * Search in a real browser, through the header's search box: Korean queries with particles, spaced and English
 * terms find the page that explains them first, and the box is a keyboard-usable ARIA combobox.
 *
 * Expected pages: 활성화를 goes to the kube-proxy replacement page, whose runbook is "kube-proxy 대체(KPR) 활성화"
 * and whose page is about turning the feature on; 드롭된 패킷 may go to troubleshooting or network policy, the two
 * pages that teach finding dropped packets.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPage, openSite, type Site } from './browser.js';

const QUERIES: [query: string, pages: string[]][] = [
  ['암호화', ['/wireguard/']],
  ['암호화를', ['/wireguard/']],
  ['WireGuard', ['/wireguard/']],
  ['활성화를', ['/kube-proxy-replacement/']],
  ['대역폭을', ['/bandwidth/']],
  ['롤백', ['/rollback/']],
  // Both pages of section 2 are titled 네트워크 정책 …
  ['네트워크 정책', ['/network-policy/', '/network-policy-apply/']],
  ['정책을', ['/network-policy/']],
  ['드롭된 패킷', ['/troubleshooting/', '/network-policy/']],
  ['kube-proxy', ['/kube-proxy-replacement/']],
  ['메트릭', ['/monitoring/', '/monitoring-metrics/']],
  // Natural queries: everyday words, a transliteration, an abbreviation.
  ['정책이 안 먹힘', ['/troubleshooting/', '/troubleshooting-policy/']],
  ['허블', ['/hubble/', '/hubble-cli/']],
  ['KPR', ['/kube-proxy-replacement/']],
];

let site: Site;
let page: Page;
let errors: string[];

/** Types the query into the search box and returns the result links in order, once the list shows them. */
async function search(query: string): Promise<string[]> {
  const input = page.locator('#search-input');
  await input.fill('');
  await expect.poll(() => page.locator('.search-popup').isHidden()).toBe(true);
  await input.fill(query);
  await expect.poll(() => page.locator('.search-status').textContent(), { timeout: 10_000 }).toMatch(/\S/);
  return page
    .locator('[role="option"]')
    .evaluateAll((options) =>
      options.map((o) => new URL((o as HTMLElement).dataset.href ?? '', location.href).pathname),
    );
}

beforeAll(async () => {
  site = await openSite();
  ({ page, errors } = await freshPage(site));
  await page.goto(site.url('/'));
  await page.locator('#search-input').focus();
});
afterAll(async () => {
  await site?.close();
});

describe('Korean search', () => {
  it.each(QUERIES)('%s → %s first', async (query, expected) => {
    const results = await search(query);
    expect(expected, `results for ${query}: ${results.join(', ')}`).toContain(results[0]);
  });

  it('marks the matched words in each excerpt', async () => {
    await search('암호화를');
    const marks = await page.locator('[role="option"] mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m.startsWith('암호화'))).toBe(true);
  });

  it('says so when nothing matches', async () => {
    expect(await search('ζψωξ')).toEqual([]);
    expect(await page.locator('.search-status').textContent()).toBe('검색 결과가 없습니다.');
  });

  it.each(['xyzzy', '가나다라마'])('finds nothing for the nonsense word %s', async (query) => {
    expect(await search(query)).toEqual([]);
  });

  it('links 정책이 안 먹힘 to the section about a policy that does not apply', async () => {
    await search('정책이 안 먹힘');
    const href = await page.locator('[role="option"]').first().getAttribute('data-href');
    // Scenario 2, on the troubleshooting page or on its own page.
    expect(decodeURIComponent(href ?? '')).toMatch(
      /^\/troubleshooting\/#시나리오-2-네트워크-정책이-적용-안-됨$|^\/troubleshooting-policy\/#네트워크-정책이-적용-안-될-때$/,
    );
  });

  it('shows only what the page shows: no index-only glosses, keyword lines or interface labels', async () => {
    const queries = ['허블', '관측성', '대역폭 제한', '암호화', '롤백', 'KPR', '드롭', '쿠버네티스'];
    const pageText = new Map<string, string>();
    for (const query of queries) {
      await search(query);
      const shown = await page.locator('[role="option"]').evaluateAll((options) =>
        options.map((o) => ({
          href: (o as HTMLElement).dataset.href ?? '',
          excerpt: o.querySelector('span')?.textContent ?? '',
        })),
      );
      expect(shown.length, query).toBeGreaterThan(0);
      for (const { href, excerpt } of shown) {
        const path = new URL(href, site.url('/')).pathname;
        if (!pageText.has(path)) {
          // The words a reader can see on that page: its <main> without the hidden keywords.
          pageText.set(
            path,
            await page.evaluate(async (url) => {
              const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
              for (const hidden of doc.querySelectorAll('[hidden]')) hidden.remove();
              // Collapsed 1.18.4 notes are on the page once opened: they come from its corrections.htm.
              const notes = doc.querySelector<HTMLAnchorElement>('.corrections-body > a');
              const extra = notes
                ? new DOMParser().parseFromString(
                    await (await fetch(new URL(notes.getAttribute('href') ?? '', new URL(url, location.href)))).text(),
                    'text/html',
                  ).body.textContent
                : '';
              return `${doc.querySelector('main')?.textContent ?? ''} ${extra}`.replace(/\s+/g, ' ');
            }, path),
          );
        }
        const visible = pageText.get(path) ?? '';
        // Pagefind ends a heading's text with a period.
        for (const word of excerpt
          .replace(/…/g, ' ')
          .replace(/\.(\s|$)/g, ' ')
          .split(/\s+/)
          .filter(Boolean)) {
          expect(visible, `${query}: "${word}" in the excerpt for ${path}: ${excerpt}`).toContain(word);
        }
        expect(excerpt).not.toMatch(/예상 출력 파일 열기|모든 단계를 하나의 bash 스크립트로|\u2063/);
      }
    }
  });
});

describe('the search box', () => {
  it('is a combobox that owns a listbox of options', async () => {
    await search('롤백');
    const input = page.locator('#search-input');
    expect(await input.getAttribute('role')).toBe('combobox');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
    expect(await list.getAttribute('role')).toBe('listbox');
    expect(await list.locator('[role="option"]').count()).toBeGreaterThan(0);
  });

  it('opens the first result on Enter, and marks no option active before the arrows move', async () => {
    await page.goto(site.url('/'));
    await page.locator('#search-input').focus();
    const first = (await search('롤백'))[0];
    const input = page.locator('#search-input');
    expect(await input.getAttribute('aria-activedescendant')).toBeNull();
    expect(await page.locator('[role="option"][aria-selected="true"]').count()).toBe(0);
    await input.press('Enter');
    await page.waitForURL((url) => url.pathname === first);
    expect(new URL(page.url()).pathname).toBe('/rollback/');
  });

  it('works from the keyboard: / focuses, arrows move, Escape closes, Enter opens the chosen page', async () => {
    await page.goto(site.url('/rollback/'));
    await page.locator('h1').click();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('kube-proxy');
    // The list for the whole word, not for a prefix typed on the way (a new list starts with no option active).
    await expect
      .poll(() => page.locator('#search-results').getAttribute('data-query'), { timeout: 10_000 })
      .toBe('kube-proxy');
    expect(await page.locator('[role="option"]').count()).toBeGreaterThan(1);

    const input = page.locator('#search-input');
    const selected = () => page.locator('[role="option"][aria-selected="true"]');
    await page.keyboard.press('ArrowDown');
    expect(await selected().getAttribute('id')).toBe('search-option-0');
    await page.keyboard.press('ArrowDown');
    expect(await selected().getAttribute('id')).toBe('search-option-1');
    expect(await input.getAttribute('aria-activedescendant')).toBe('search-option-1');
    await page.keyboard.press('ArrowUp');
    expect(await selected().getAttribute('id')).toBe('search-option-0');

    await page.keyboard.press('Escape');
    expect(await page.locator('.search-popup').isHidden()).toBe(true);
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await input.inputValue()).toBe('kube-proxy');

    await page.keyboard.press('ArrowDown');
    expect(await selected().getAttribute('id')).toBe('search-option-0');
    const href = await selected().getAttribute('data-href');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.href === new URL(href ?? '', site.url('/')).href);
    expect(new URL(page.url()).pathname).toBe('/kube-proxy-replacement/');
  });

  it('produced no console errors', () => {
    expect(errors).toEqual([]);
  });
});
