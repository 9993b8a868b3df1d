/**
 * The 1.18.4 correction notes, in the browser. A page's collapsed notes (`details.corrections`) hold only a link to
 * the page's `corrections.htm` (config/correction-fragments.mjs); the notes replace the link the first time the
 * reader opens them, and before printing (a change review prints them). If the fetch fails, the link stays.
 */
const BODY = 'details.corrections > .corrections-body';

function fill(body: HTMLElement, html: string): void {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  body.replaceWith(...Array.from(doc.body.childNodes));
}

function load(body: HTMLElement): void {
  const link = body.querySelector('a');
  if (!link || body.dataset.loading) return;
  body.dataset.loading = '1';
  fetch(link.href)
    .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
    .then(
      (html) => fill(body, html),
      () => delete body.dataset.loading,
    );
}

/** Printing cannot wait for a fetch: the notes are read synchronously, once, when printing starts. */
function loadNow(): void {
  for (const body of document.querySelectorAll<HTMLElement>(BODY)) {
    const link = body.querySelector('a');
    if (!link) continue;
    const request = new XMLHttpRequest();
    request.open('GET', link.href, false);
    try {
      request.send();
      if (request.status === 200) fill(body, request.responseText);
    } catch {
      // Offline: the link stays on the printout.
    }
  }
}

export function initCorrections(): void {
  if (!document.querySelector(BODY)) return;
  document.addEventListener(
    'toggle',
    (event) => {
      const target = event.target as Element;
      const body = target.matches?.('details.corrections')
        ? target.querySelector<HTMLElement>(':scope > .corrections-body')
        : null;
      if (body) load(body);
    },
    true,
  );
  addEventListener('beforeprint', loadNow);
  matchMedia('print').addEventListener('change', (m) => m.matches && loadNow());
}
