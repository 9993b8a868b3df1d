/**
 * The search box's behaviour, loaded by search.ts on first focus together with Pagefind's JS API, so a page pays
 * nothing for search until someone uses it. ARIA combobox pattern: the input owns a listbox of options and moves
 * `aria-activedescendant` with ↑/↓; Enter opens the active (or first) result, Escape closes the list.
 *
 * Korean: every query runs in the variants `queryVariants` gives (raw, without particles, compounds split) and each
 * page keeps its best score (korean.ts). The Pagefind URL is built at runtime: a literal
 * `import('/pagefind/pagefind.js')` makes Vite leave a `__VITE_PRELOAD__` placeholder that throws
 * (shared/research/stack-feasibility.md §2).
 */
import { t } from '../../i18n/ko';
import { queryVariants, titleRank } from './korean';
import css from './search.css?inline';
import { buildExcerpt, type Excerpt, type HitText, headingMatch, queryTerms } from './search-excerpt';

/** What Pagefind returns for a page. `anchors`: every element with an id (headings, each runbook step's article). */
interface PagefindResult extends HitText {
  url: string;
  /** `part`: the page continues another one (DocsLayout.astro). */
  meta: { title?: string; part?: string };
}
export interface PagefindHit {
  id: string;
  score: number;
  data(): Promise<PagefindResult>;
}
export interface Pagefind {
  options(options: object): Promise<void>;
  search(query: string): Promise<{ results: PagefindHit[] } | null>;
}

const MAX_RESULTS = 8;
const DEBOUNCE_MS = 120;
const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
let pagefind: Promise<Pagefind> | undefined;

export function loadPagefind(): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ new URL(`${base}pagefind/pagefind.js`, location.href).href).then(
    async (module: Pagefind) => {
      // No worker: this index is small, and the worker script would be another 43 KB on the first search.
      await module.options({ baseUrl: base, excerptLength: 24, noWorker: true });
      return module;
    },
  );
  return pagefind;
}

/** Every variant of the query, merged: each page once, with the best score any variant gave it. */
export async function searchKorean(pf: Pagefind, query: string): Promise<PagefindHit[]> {
  const runs = await Promise.all(queryVariants(query).map((q) => pf.search(q)));
  const best = new Map<string, PagefindHit>();
  for (const hit of runs.flatMap((run) => run?.results ?? [])) {
    const seen = best.get(hit.id);
    if (!seen || hit.score > seen.score) best.set(hit.id, hit);
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

interface Shown {
  result: PagefindResult;
  excerpt: Excerpt;
  /** Whether a heading of the page names the query (see headingMatch). */
  named: boolean;
}

/** One result: the page title, then the excerpt (page text only, set as text; matches in `<mark>`). */
function option({ result, excerpt }: Shown, index: number): HTMLLIElement {
  const li = document.createElement('li');
  li.id = `search-option-${index}`;
  li.setAttribute('role', 'option');
  li.setAttribute('aria-selected', 'false');
  // Runbook steps carry their id on the `<article>`, so a hit in a command lands on its step.
  li.dataset.href = excerpt.anchor ? `${result.url}#${excerpt.anchor}` : result.url;
  const title = document.createElement('b');
  title.textContent = result.meta.title ?? result.url;
  const text = document.createElement('span');
  text.append(
    ...excerpt.parts.map((p) =>
      p.mark ? Object.assign(document.createElement('mark'), { textContent: p.text }) : document.createTextNode(p.text),
    ),
  );
  li.append(title, text);
  return li;
}

export function start(root: HTMLElement): void {
  const input = root.querySelector('input');
  const popup = root.querySelector<HTMLElement>('.search-popup');
  const list = root.querySelector<HTMLElement>('[role="listbox"]');
  const status = root.querySelector<HTMLElement>('[role="status"]');
  if (!input || !popup || !list || !status) return;
  document.head.append(Object.assign(document.createElement('style'), { textContent: css }));
  let active = -1;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const options = () => [...list.querySelectorAll<HTMLElement>('[role="option"]')];

  const show = (visible: boolean) => {
    popup.hidden = !visible;
    input.setAttribute('aria-expanded', String(visible && options().length > 0));
  };
  /** Makes option `index` the active one (wrapping around); below 0, none is (Enter then opens the first). */
  const activate = (index: number) => {
    const all = options();
    active = all.length === 0 || index < 0 ? -1 : index % all.length;
    for (const [i, o] of all.entries()) o.setAttribute('aria-selected', String(i === active));
    const current = all[active];
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const go = (o: HTMLElement | undefined, newTab = false) => {
    const href = o?.dataset.href;
    if (!href) return;
    if (newTab) window.open(href, '_blank', 'noopener');
    else location.assign(href);
  };
  const say = (text: string) => {
    status.textContent = text;
  };

  const update = async () => {
    const query = input.value.trim();
    const mine = ++generation;
    if (!query) {
      list.replaceChildren();
      activate(-1);
      say('');
      show(false);
      return;
    }
    let results: Shown[] | undefined;
    try {
      const hits = await searchKorean(await loadPagefind(), query);
      const terms = queryTerms(query);
      const data = await Promise.all(hits.slice(0, MAX_RESULTS * 2).map((h) => h.data()));
      const shown = data.flatMap((result): Shown[] => {
        const heading = headingMatch(result, query);
        const excerpt = buildExcerpt(result, terms, heading);
        return excerpt ? [{ result, excerpt, named: heading !== undefined }] : [];
      });
      // Pages titled with the query first, then pages with a section named by it; on a tie a section's own page
      // before the pages that continue it. Stable sort: within a tier, Pagefind's order stands.
      results = shown
        .slice(0, MAX_RESULTS)
        .map((r) => {
          const rank = titleRank(r.result.meta.title ?? '', query);
          return { r, tier: rank * 4 + (rank === 0 && r.named ? 2 : 0) + (r.result.meta.part ? 0 : 1) };
        })
        .sort((a, b) => b.tier - a.tier)
        .map((x) => x.r);
    } catch {
      results = undefined; // no index: the dev server, or the pagefind step was skipped
    }
    if (mine !== generation) return; // a newer keystroke is being served
    list.replaceChildren(...(results ?? []).map(option));
    list.dataset.query = query; // which query the list shows (a newer keystroke may still be on its way)
    activate(-1);
    show(true); // before the status text, so the live region is visible when it changes
    say(
      results === undefined
        ? t('search.unavailable')
        : results.length === 0
          ? t('search.empty')
          : `${results.length}${t('search.count')}`,
    );
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (popup.hidden && input.value.trim()) show(true);
      const last = options().length - 1;
      if (e.key === 'ArrowDown') activate(active >= last ? 0 : active + 1);
      else activate(active <= 0 ? last : active - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(options()[Math.max(active, 0)], e.ctrlKey || e.metaKey);
    } else if (e.key === 'Escape' && !popup.hidden) {
      e.preventDefault(); // the first Escape closes the list; the next one clears the field (the browser's own)
      show(false);
      activate(-1);
    }
  });
  list.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus (and the list) in the input
  list.addEventListener('click', (e) => {
    go((e.target as Element).closest<HTMLElement>('[role="option"]') ?? undefined, e.ctrlKey || e.metaKey);
  });
  input.addEventListener('focus', () =>
    show(input.value.trim() !== '' && (list.childElementCount > 0 || !!status.textContent)),
  );
  document.addEventListener('click', (e) => {
    if (!root.contains(e.target as Node)) show(false);
  });
  root.addEventListener('focusout', (e) => {
    if (!root.contains(e.relatedTarget as Node | null)) show(false);
  });
  popup.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    show(false);
    input.focus();
  });
  void loadPagefind().catch(() => undefined);
  if (input.value.trim()) void update(); // typed before this module arrived
}
