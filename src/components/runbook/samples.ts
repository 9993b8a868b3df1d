/**
 * Sample outputs, in the browser. A step's "예상 출력" block is collapsed and its `<pre data-sample-src>` holds only a
 * link to the step's `runbook/<id>/<step>.txt`; the first time the reader opens the block, the file's text replaces
 * the link. If the fetch fails, the link stays, and the block's next toggle tries again.
 */
export function initSampleOutputs(): void {
  document.addEventListener(
    'toggle',
    (event) => {
      const pre = (event.target as Element).querySelector?.<HTMLElement>(':scope > pre[data-sample-src]');
      if (!pre || pre.dataset.loading) return;
      pre.dataset.loading = '1';
      fetch(pre.dataset.sampleSrc ?? '')
        .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
        .then(
          (text) => (pre.textContent = text),
          () => delete pre.dataset.loading,
        );
    },
    true,
  );
}
