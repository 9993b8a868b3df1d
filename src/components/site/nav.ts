/**
 * URLs and navigation built from the docs collection. Every internal URL goes through {@link withBase}, so the site
 * works under any BASE_PATH.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import { orderSections } from './sections';

/** `path` (no leading slash needed) under the configured base, e.g. `rollback/` → `/cilium-guide/rollback/`. */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return base + path.replace(/^\/+/, '');
}

/** The URL of a docs page: `index` is the home page, every other entry a directory. */
export function pageHref(entryId: string): string {
  return withBase(entryId === 'index' ? '' : `${entryId}/`);
}

/** The page's name in the sidebar and in links the components write: `sidebarLabel`, else the title. */
export function pageLabel(entry: CollectionEntry<'docs'>): string {
  return entry.data.sidebarLabel ?? entry.data.title;
}

/** Docs pages in sidebar order, which is also the pager's order (see {@link orderSections}). */
export async function sortedDocs(): Promise<CollectionEntry<'docs'>[]> {
  return orderSections(await getCollection('docs'));
}
