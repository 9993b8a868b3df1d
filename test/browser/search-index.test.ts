/**
 * The built search index (dist/pagefind/, written by config/search-index.mjs) against the built pages: every guide
 * page is indexed once, under the title readers see, and the Korean glosses are in the index but not in the pages.
 * Reads Pagefind's fragment files (gzip, "pagefind_dcd" + JSON); no browser needed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { attr, builtPages, DIST, findAll, text } from '../helpers/dist-html.js';

interface Fragment {
  url: string;
  content: string;
  meta: { title?: string };
}

const FRAGMENTS = join(DIST, 'pagefind/fragment');
const fragments: Fragment[] = readdirSync(FRAGMENTS).map((file) => {
  const raw = gunzipSync(readFileSync(join(FRAGMENTS, file))).toString('utf8');
  expect(raw.startsWith('pagefind_dcd')).toBe(true);
  return JSON.parse(raw.slice('pagefind_dcd'.length)) as Fragment;
});
const guide = builtPages()
  .filter((p) => p.path !== '/404.html')
  .map((p) => {
    const [title] = findAll(p.document, (el) => attr(el, 'data-pagefind-meta') === 'title');
    return { url: p.path.replace(/index\.html$/, ''), title: title ? text(title) : undefined, page: p };
  });

describe('the search index', () => {
  it('holds every guide page once, and nothing else', () => {
    expect(fragments.map((f) => f.url).sort()).toEqual(guide.map((g) => g.url).sort());
  });

  it("gives each page the title readers see, without the index's glosses", () => {
    for (const { url, title } of guide) {
      expect(title, url).toBeTruthy();
      expect(fragments.find((f) => f.url === url)?.meta.title, url).toBe(title);
    }
  });

  it('leaves out interface words: copy buttons and step permalinks', () => {
    const kpr = fragments.find((f) => f.url === '/kube-proxy-replacement/');
    expect(kpr?.content).toContain('kube-proxy');
    expect(kpr?.content).not.toContain('스크립트 전체 복사');
    // A step permalink is a "#" after the step's title (code blocks may carry "# 확인:" comments, which are text).
    expect(kpr?.content).toContain('현재 kube-proxy 상태 확인');
    expect(kpr?.content).not.toMatch(/현재 kube-proxy 상태 확인 #/);
  });

  it('has the Korean glosses, which the served pages do not carry', () => {
    const wireguard = fragments.find((f) => f.url === '/wireguard/');
    expect(wireguard?.content).toContain('와이어가드');
    for (const { url, page } of guide) {
      expect(
        findAll(page.document, (el) => el.tagName === 'span' && attr(el, 'hidden') !== undefined),
        url,
      ).toEqual([]);
    }
    expect(readFileSync(join(DIST, 'wireguard/index.html'), 'utf8')).not.toContain('와이어가드');
  });
});
