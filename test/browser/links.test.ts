/**
 * Every internal link of the built site resolves: the page (or file) exists in dist/, and a `#fragment` names an
 * element id on it. Also the sitemap's pages, the "copy all" scripts and the per-runbook data the pages fetch.
 * Reads dist/ with the HTML spec's parser; no browser needed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attr, builtPages, DIST, findAll, type Page } from '../helpers/dist-html.js';

const ORIGIN = 'http://site.test';
const pages = builtPages();

/** The built file a site path is served from, or undefined. */
function fileFor(pathname: string): string | undefined {
  const path = join(DIST, decodeURIComponent(pathname));
  if (existsSync(path) && statSync(path).isFile()) return path;
  const index = join(path, 'index.html');
  return existsSync(index) ? index : undefined;
}

/** The URL a page is served at, from its dist path (`/rollback/index.html` → `/rollback/`). */
function urlOf(page: Page): URL {
  return new URL(page.path.replace(/(^|\/)index\.html$/, '$1'), ORIGIN);
}

const ids = new Map<string, Set<string>>(
  pages.map((p) => [
    join(DIST, p.path),
    new Set(findAll(p.document, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id') ?? '')),
  ]),
);

describe('internal links', () => {
  it.each(pages.map((p) => [p.path, p] as const))('%s: every link and anchor resolves', (_, page) => {
    const broken: string[] = [];
    const links = findAll(page.document, (el) => el.tagName === 'a' && attr(el, 'href') !== undefined);
    for (const a of links) {
      const href = attr(a, 'href') ?? '';
      const url = new URL(href, urlOf(page));
      if (url.origin !== ORIGIN) continue; // external
      const file = fileFor(url.pathname);
      if (!file) {
        broken.push(`${href}: no page`);
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && !ids.get(file)?.has(fragment)) broken.push(`${href}: no element with id "${fragment}"`);
    }
    expect(broken).toEqual([]);
  });

  it('ids are unique on every page', () => {
    const duplicates = pages.flatMap((page) => {
      const all = findAll(page.document, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id'));
      return all.filter((id, i) => all.indexOf(id) !== i).map((id) => `${page.path}#${id}`);
    });
    expect(duplicates).toEqual([]);
  });

  it('files the pages fetch exist: "copy all" scripts and runbook data', () => {
    const missing = pages.flatMap((page) =>
      findAll(page.document, (el) => attr(el, 'data-copy-src') !== undefined)
        .map((el) => attr(el, 'data-copy-src') ?? '')
        .filter((src) => !fileFor(new URL(src, urlOf(page)).pathname))
        .map((src) => `${page.path}: ${src}`),
    );
    expect(missing).toEqual([]);
    for (const form of pages.flatMap((p) => findAll(p.document, (el) => attr(el, 'data-param-form') !== undefined))) {
      expect(fileFor(`/runbook/${attr(form, 'data-param-form')}.json`)).toBeDefined();
    }
  });

  it('the sitemap lists every guide page and nothing else', () => {
    const sitemap = readFileSync(join(DIST, 'sitemap.xml'), 'utf8');
    const listed = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '', ORIGIN).pathname);
    const guide = pages.filter((p) => p.path !== '/404.html').map((p) => urlOf(p).pathname);
    expect(listed.sort()).toEqual(guide.sort());
  });
});

describe('reaching every page', () => {
  const guide = pages.filter((p) => p.path !== '/404.html');
  const sidebarLinks = (page: Page) =>
    findAll(page.document, (el) => el.tagName === 'nav' && attr(el, 'id') === 'site-nav').flatMap((nav) =>
      findAll(nav, (el) => el.tagName === 'a').map((a) => new URL(attr(a, 'href') ?? '', urlOf(page)).pathname),
    );
  const mainLinks = (page: Page) =>
    findAll(page.document, (el) => el.tagName === 'main').flatMap((main) =>
      findAll(main, (el) => el.tagName === 'a').map((a) => new URL(attr(a, 'href') ?? '', urlOf(page)).pathname),
    );
  // The sidebar lists a section's parts only inside that section (Sidebar.astro), so each part must be reachable
  // from its section's own text too, not only from the pager.
  const everywhere = new Set(
    guide.flatMap(sidebarLinks).filter((href) => guide.every((p) => sidebarLinks(p).includes(href))),
  );
  const parts = guide.map((p) => urlOf(p).pathname).filter((path) => !everywhere.has(path));

  it('the sidebar lists every section on every page, and the parts of the section being read', () => {
    expect(everywhere.size).toBeGreaterThan(10);
    expect(parts.length).toBeGreaterThan(10);
    const removal = guide.find((p) => urlOf(p).pathname === '/kube-proxy-removal/');
    const wireguard = guide.find((p) => urlOf(p).pathname === '/wireguard/');
    expect(removal && sidebarLinks(removal)).toContain('/kube-proxy-removal/');
    expect(wireguard && sidebarLinks(wireguard)).not.toContain('/kube-proxy-removal/');
  });

  it.each(parts)('%s is linked from the text of its section page', (part) => {
    const page = guide.find((p) => urlOf(p).pathname === part);
    const section = page && sidebarLinks(page).filter((href) => everywhere.has(href));
    // The section is the sidebar entry right before the part's own (parts are nested right after their section).
    const own = page ? sidebarLinks(page) : [];
    const parent = own
      .slice(0, own.indexOf(part))
      .filter((href) => everywhere.has(href))
      .at(-1);
    expect(section?.length).toBeGreaterThan(10);
    const sectionPage = guide.find((p) => urlOf(p).pathname === parent);
    expect(sectionPage && mainLinks(sectionPage), `${parent} → ${part}`).toContain(part);
  });
});
