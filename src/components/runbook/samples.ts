/**
 * Sample outputs, in the browser. A step's "예상 출력" block (`details.rb-sample`) is collapsed and its `<pre>` holds
 * only a link to the step's `runbook/<id>/<step>.txt`; the first time the reader opens the block, the file's text
 * replaces the link. If the fetch fails, the link stays, and the block's next toggle tries again.
 */
export function initSampleOutputs(): void {
  document.addEventListener(
    'toggle',
    (event) => {
      const target = event.target as Element;
      const pre = target.matches?.('.rb-sample') ? target.querySelector<HTMLElement>(':scope > pre') : null;
      const link = pre?.querySelector('a');
      if (!pre || !link || pre.dataset.loading) return;
      pre.dataset.loading = '1';
      fetch(link.href)
        .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
        .then(
          (text) => (pre.textContent = text),
          () => delete pre.dataset.loading,
        );
    },
    true,
  );
}
