/**
 * The header search box, in the browser. Pagefind's JS API is loaded on first focus, so pages cost nothing for
 * search until someone uses it. The URL is built at runtime: a literal `import('/pagefind/pagefind.js')` makes Vite
 * leave a `__VITE_PRELOAD__` placeholder in the inlined script, which throws (stack-feasibility.md §2).
 */
interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    debounceMs?: number,
  ): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
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

function message(list: HTMLElement, text: string): void {
  const li = document.createElement('li');
  li.className = 'search-message';
  li.textContent = text;
  list.replaceChildren(li);
}

async function show(root: HTMLElement, input: HTMLInputElement, list: HTMLElement): Promise<void> {
  const query = input.value.trim();
  if (!query) {
    list.replaceChildren();
    list.hidden = true;
    return;
  }
  let search: Awaited<ReturnType<Pagefind['debouncedSearch']>>;
  try {
    search = await (await loadPagefind()).debouncedSearch(query, {}, 200);
  } catch {
    message(list, root.dataset.unavailable ?? '');
    list.hidden = false;
    return;
  }
  if (search === null) return; // superseded by a newer keystroke
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (input.value.trim() !== query) return;
  if (results.length === 0) {
    message(list, root.dataset.empty ?? '');
  } else {
    list.replaceChildren(
      ...results.map((r) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = r.url;
        const title = document.createElement('span');
        title.className = 'search-title';
        title.textContent = r.meta.title ?? r.url;
        const excerpt = document.createElement('span');
        excerpt.className = 'search-excerpt';
        excerpt.innerHTML = r.excerpt; // Pagefind escapes page text; the only markup is its <mark>
        a.append(title, excerpt);
        li.append(a);
        return li;
      }),
    );
  }
  list.hidden = false;
}

export function initSearch(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-search]')) {
    const input = root.querySelector('input');
    const list = root.querySelector('ul');
    if (!input || !list) continue;
    input.addEventListener('focus', () => void loadPagefind().catch(() => undefined), { once: true });
    input.addEventListener('input', () => void show(root, input, list));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        list.hidden = true;
        input.blur();
      }
    });
    document.addEventListener('click', (e) => {
      if (!root.contains(e.target as Node)) list.hidden = true;
    });
    root.addEventListener('focusin', () => {
      if (list.childElementCount > 0) list.hidden = false;
    });
  }
}
