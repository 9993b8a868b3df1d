/**
 * Copy buttons, in the browser. One delegated listener serves every copy button, including ones added later.
 * A block's button copies the text of the `<pre>` beside it: exactly what the reader sees. The build pins that text
 * to the renderer's output (test/invariant.test.ts), and the parameter form only rewrites parameter values in it,
 * quoted as the CLI quotes them, checking the result against the same renderer. "Copy all" has `data-copy-src`, the
 * built `runbook/<id>.sh`, fetched on click, unless the form has set `data-copy` for the reader's values. Feedback
 * labels come from `<body data-copy-done data-copy-failed>`. The clipboard API needs a secure context (https or
 * localhost); elsewhere the button says the copy failed rather than copying something else. Loaded by copy-start.ts
 * when a pointer or the focus first reaches a copy button, so a page that is only read never downloads it.
 */
import { paramsReady } from './params';

const FEEDBACK_MS = 1500;

/** The button's payload: its `data-copy`, else the file its `data-copy-src` names, else its block's `<pre>` text. */
export function payload(button: HTMLElement): string | Promise<string> {
  const { copy, copySrc } = button.dataset;
  if (copy !== undefined) return copy;
  if (copySrc) return fetch(copySrc).then((r) => (r.ok ? r.text() : Promise.reject(r.status)));
  const pre = button.parentElement?.querySelector(':scope > pre');
  return pre?.textContent ?? Promise.reject(new Error('copy button without a <pre> beside it'));
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

export async function copy(button: HTMLButtonElement): Promise<void> {
  const { copyDone, copyFailed } = document.body.dataset;
  // The button's own label, remembered on the first click so repeated clicks restore it, not "복사됨".
  button.dataset.label ??= button.textContent ?? '';
  const label = button.dataset.label;
  try {
    await paramsReady(); // saved parameter values may still be on their way into the blocks
    if (button.disabled) return;
    await write(payload(button));
    button.textContent = copyDone ?? label;
  } catch {
    button.textContent = copyFailed ?? label;
  }
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => (button.textContent = label), FEEDBACK_MS));
}

/** The "스크립트 보기" block of `details`, filled with its runbook's copy-all payload (Runbook.astro). */
export async function showScript(details: Element): Promise<void> {
  const view = details.querySelector?.<HTMLElement>('[data-script-view]');
  const all = document.querySelector<HTMLElement>(`[data-copy-all][data-runbook="${view?.dataset.scriptView}"]`);
  if (view && all && !view.textContent) view.textContent = await payload(all);
}
