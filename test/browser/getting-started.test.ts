/**
 * Where `npx runbook` comes from (issue 14, point 1): a Korean 시작하기 page names the clone, `npm ci`, the tools and a
 * disposable cluster; every page links the repository (one address, config/site.mjs) and shows when it last changed;
 * every page's first runbook links to 시작하기; the README leads with the same warning.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../config/site.mjs';
import { attr, builtPages, findAll, text } from '../helpers/dist-html.js';

const pages = builtPages();
const page = (path: string) => {
  const found = pages.find((p) => p.path === path);
  if (!found) throw new Error(`${path} was not built`);
  return found;
};
const mainText = (path: string) =>
  text(findAll(page(path).document, (el) => el.tagName === 'main')[0] ?? page(path).document);

describe('the 시작하기 page', () => {
  it('says what to install and where npx runbook works', () => {
    const body = mainText('/getting-started/index.html');
    for (const needed of [
      `git clone ${REPOSITORY_URL}`,
      'npm ci',
      'Node.js 20.3 이상',
      'kubectl',
      'Helm',
      'kind',
      '복제하고',
    ]) {
      expect(body).toContain(needed);
    }
    expect(body).toMatch(/다른 디렉터리에서 실행하면 npx가 npm 공개 레지스트리/);
    expect(body).toContain('runbook 블록');
  });

  it('is linked from the first runbook of a procedure page', () => {
    const links = findAll(page('/kube-proxy-replacement/index.html').document, (el) => el.tagName === 'a').map((a) =>
      attr(a, 'href'),
    );
    expect(links).toContain('/getting-started/#runbook으로-실행하기');
  });
});

describe('every page', () => {
  it.each(pages.map((p) => p.path))('%s links the repository in its footer', (path) => {
    const footer = findAll(page(path).document, (el) => el.tagName === 'footer')[0];
    expect(footer).toBeDefined();
    const hrefs = footer ? findAll(footer, (el) => el.tagName === 'a').map((a) => attr(a, 'href')) : [];
    expect(hrefs).toContain(REPOSITORY_URL);
  });

  it('guide pages say when they last changed', () => {
    for (const p of pages.filter((x) => x.path !== '/404.html')) {
      const time = findAll(p.document, (el) => el.tagName === 'time')[0];
      expect(time && attr(time, 'datetime'), p.path).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('the README', () => {
  it('leads with the warning that npx runbook only works in a clone after npm ci', () => {
    const readme = readFileSync('README.md', 'utf8');
    const warning = readme.indexOf('only works inside a clone');
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(readme.indexOf('\n## '));
    expect(readme.slice(0, readme.indexOf('\n## '))).toContain('npm ci');
  });
});
