/**
 * Collapsed blocks whose content is a file, in the browser. A step's "예상 출력" block (`details.rb-sample`) holds
 * only a `<pre>` with a link to the step's `runbook/<id>/<step>.txt`; a page's 1.18.4 correction notes
 * (`details.corrections`) hold only a `.corrections-body` with a link to the page's `corrections.htm`
 * (config/correction-fragments.mjs). The first time the reader opens the block, the file replaces the link; if the
 * fetch fails, the link stays and the next toggle tries again. The notes are also read, synchronously, when printing
 * starts: a change review prints them, and printing cannot wait for a fetch.
 */
function fill(holder: HTMLElement, text: string): void {
  if (holder.tagName === 'PRE') holder.textContent = text;
  else holder.outerHTML = text.slice(text.indexOf('<body>') + 6);
}

function load(holder: HTMLElement): void {
  const link = holder.querySelector('a');
  if (!link || holder.dataset.loading) return;
  holder.dataset.loading = '1';
  fetch(link.href)
    .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
    .then(
      (text) => fill(holder, text),
      () => delete holder.dataset.loading,
    );
}

function loadNotesNow(): void {
  for (const holder of document.querySelectorAll<HTMLElement>('.corrections-body')) {
    const request = new XMLHttpRequest();
    request.open('GET', holder.querySelector('a')?.href ?? '', false);
    try {
      request.send();
      if (request.status === 200) fill(holder, request.responseText);
    } catch {
      // Offline: the printout keeps the link.
    }
  }
}

export function initSampleOutputs(): void {
  document.addEventListener(
    'toggle',
    (event) => {
      const holder = (event.target as Element).querySelector?.<HTMLElement>(
        ':scope.rb-sample > pre, :scope.corrections > .corrections-body',
      );
      if (holder) load(holder);
    },
    true,
  );
  addEventListener('beforeprint', loadNotesNow);
}
