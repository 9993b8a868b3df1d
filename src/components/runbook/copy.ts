/**
 * Copy buttons, in the browser. One delegated listener serves every copy button, including ones added later.
 * A step's text is its button's `data-copy` attribute, which the build filled with the renderer's output (and the
 * parameter form refills with the same renderer). "Copy all" has `data-copy-src` instead, the built
 * `runbook/<id>.sh`, fetched on click, unless the form has set `data-copy` for the reader's values. Feedback labels
 * come from `<body data-copy-done data-copy-failed>`. The clipboard API needs a secure context (https or localhost);
 * elsewhere the button says the copy failed rather than copying something else.
 */
import { paramsReady } from './params';

const FEEDBACK_MS = 1500;

/** The button's payload: its `data-copy`, else the file its `data-copy-src` names. */
export function payload(button: HTMLElement): string | Promise<string> {
  const { copy, copySrc } = button.dataset;
  if (copy !== undefined || !copySrc) return copy ?? '';
  return fetch(copySrc).then((r) => (r.ok ? r.text() : Promise.reject(r.status)));
}

async function write(text: string | Promise<string>): Promise<void> {
  if (typeof text === 'string') return navigator.clipboard.writeText(text);
  // Started inside the click with the text still pending, which browsers that demand a user gesture (Safari) accept.
  if (typeof ClipboardItem === 'function') {
    const item = new ClipboardItem({ 'text/plain': text.then((t) => new Blob([t], { type: 'text/plain' })) });
    return navigator.clipboard.write([item]);
  }
  return navigator.clipboard.writeText(await text);
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const { copyDone, copyFailed } = document.body.dataset;
  // The button's own label, remembered on the first click so repeated clicks restore it, not "복사됨".
  button.dataset.label ??= button.textContent ?? '';
  const label = button.dataset.label;
  try {
    await paramsReady(); // saved parameter values may still be on their way into data-copy
    if (button.disabled) return;
    await write(payload(button));
    button.textContent = copyDone ?? label;
  } catch {
    button.textContent = copyFailed ?? label;
  }
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => (button.textContent = label), FEEDBACK_MS));
}

export function initCopyButtons(): void {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element).closest?.('button[data-copy],button[data-copy-src]');
    if (button instanceof HTMLButtonElement) void copy(button);
  });
  // "스크립트 보기" shows the copy-all payload itself, filled when first opened (Runbook.astro).
  document.addEventListener(
    'toggle',
    async (event) => {
      const view = (event.target as Element).querySelector?.<HTMLElement>('[data-script-view]');
      const all = document.querySelector<HTMLElement>(`[data-copy-all][data-runbook="${view?.dataset.scriptView}"]`);
      if (view && all && !view.textContent) view.textContent = await payload(all);
    },
    true,
  );
}
