/**
 * The header search box, in the browser. Pagefind's JS API loads on first focus, so a page costs nothing for search
 * until someone uses it. The URL is built at runtime: a literal `import('/pagefind/pagefind.js')` makes Vite leave a
 * `__VITE_PRELOAD__` placeholder in the inlined script, which throws (shared/research/stack-feasibility.md §2).
 */
interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
  /** Every element with an id, in page order: headings, and also each runbook step's `<article id>`. */
  anchors: { id: string; location: number }[];
  weighted_locations: { balanced_score: number; location: number }[];
}
interface Pagefind {
  options(options: object): Promise<void>;
  debouncedSearch(query: string): Promise<{ results: { data(): Promise<PagefindResult> }[] } | null>;
}

const MAX_RESULTS = 8;
const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
  pagefind ??= import(/* @vite-ignore */ new URL(`${base}pagefind/pagefind.js`, location.href).href).then(
    async (module: Pagefind) => {
      await module.options({ baseUrl: base, excerptLength: 24 });
      return module;
    },
  );
  return pagefind;
}

/**
 * Links into the page at the element with an id that precedes the best hit. Pagefind's own sub results only use
 * headings with ids; runbook steps carry their id on the `<article>`, so a hit in a command lands on its step.
 */
function target(result: PagefindResult): string {
  const best = result.weighted_locations.reduce<PagefindResult['weighted_locations'][number] | undefined>(
    (a, b) => (a && a.balanced_score >= b.balanced_score ? a : b),
    undefined,
  );
  const anchor = best && result.anchors.filter((a) => a.location <= best.location).pop();
  return anchor ? `${result.url}#${anchor.id}` : result.url;
}

function item(result: PagefindResult): HTMLLIElement {
  const li = document.createElement('li');
  // Pagefind escapes page text in the excerpt; its only markup is <mark>. The title is set as text.
  li.innerHTML = `<a><b></b><span>${result.excerpt}</span></a>`;
  li.querySelector('a')?.setAttribute('href', target(result));
  const title = li.querySelector('b');
  if (title) title.textContent = result.meta.title ?? result.url;
  return li;
}

export function initSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const input = root?.querySelector('input');
  const list = root?.querySelector('ul');
  if (!root || !input || !list) return;
  const say = (text = '') => {
    const li = document.createElement('li');
    li.textContent = text;
    list.replaceChildren(li);
  };
  const update = async () => {
    const query = input.value.trim();
    list.hidden = !query;
    if (!query) return;
    try {
      const found = await (await loadPagefind()).debouncedSearch(query);
      if (!found) return; // superseded by a newer keystroke
      const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (input.value.trim() !== query) return;
      if (results.length === 0) say(root.dataset.empty);
      else list.replaceChildren(...results.map(item));
    } catch {
      say(root.dataset.unavailable); // no index: the dev server, or the pagefind step was skipped
    }
  };
  input.addEventListener('focus', () => void loadPagefind().catch(() => undefined), { once: true });
  input.addEventListener('input', () => void update());
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') list.hidden = true;
  });
  root.addEventListener('focusin', () => (list.hidden = !input.value.trim()));
  document.addEventListener('click', (e) => {
    if (!root.contains(e.target as Node)) list.hidden = true;
  });
}
