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

/** Replaces the link with its file; `now` reads it synchronously (printing cannot wait for a request). */
function load(holder: HTMLElement, now = false): void {
  const link = holder.querySelector('a');
  if (!link || holder.dataset.loading) return;
  holder.dataset.loading = '1';
  const request = new XMLHttpRequest();
  request.open('GET', link.href, !now);
  request.onloadend = () =>
    request.status === 200 ? fill(holder, request.responseText) : delete holder.dataset.loading;
  try {
    request.send();
  } catch {
    // Offline while printing: the printout keeps the link.
    delete holder.dataset.loading;
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
  addEventListener('beforeprint', () => {
    for (const holder of document.querySelectorAll<HTMLElement>('.corrections-body')) load(holder, true);
  });
}
