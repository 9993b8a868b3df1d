/**
 * Copy buttons, in the browser. One delegated listener serves every `button[data-copy]`, including ones added later.
 * The text is the button's `data-copy` attribute, which the build filled with the renderer's output; the feedback
 * labels come from `<body data-copy-done data-copy-failed>`. The clipboard API needs a secure context (https or
 * localhost); elsewhere the button says the copy failed rather than copying something else.
 */
const FEEDBACK_MS = 1500;

async function copy(button: HTMLButtonElement): Promise<void> {
  const { copyDone, copyFailed } = document.body.dataset;
  // The button's own label, remembered on the first click so repeated clicks restore it, not "복사됨".
  button.dataset.label ??= button.textContent ?? '';
  const label = button.dataset.label;
  try {
    await navigator.clipboard.writeText(button.dataset.copy ?? '');
    button.textContent = copyDone ?? label;
  } catch {
    button.textContent = copyFailed ?? label;
  }
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => (button.textContent = label), FEEDBACK_MS));
}

export function initCopyButtons(): void {
  document.addEventListener('click', (event) => {
    const button = (event.target as Element).closest?.('button[data-copy]');
    if (button instanceof HTMLButtonElement) void copy(button);
  });
}
