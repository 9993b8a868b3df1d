/**
 * Copy buttons, in the browser. One delegated listener serves every `[data-copy]` button, including ones added
 * later. The text comes from the button's `data-copy` attribute, which the build filled with the renderer's output.
 */
const FEEDBACK_MS = 1500;

/** For pages served over plain http, where `navigator.clipboard` is missing. Still copies the attribute text. */
function copyWithTextarea(text: string): void {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy command refused');
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const text = button.dataset.copy ?? '';
  const label = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = label;
  try {
    if (navigator.clipboard) await navigator.clipboard.writeText(text);
    else copyWithTextarea(text);
    button.textContent = button.dataset.done ?? label;
  } catch {
    button.textContent = button.dataset.failed ?? label;
  }
  clearTimeout(Number(button.dataset.timer));
  button.dataset.timer = String(setTimeout(() => (button.textContent = label), FEEDBACK_MS));
}

let installed = false;

export function initCopyButtons(): void {
  if (installed) return;
  installed = true;
  document.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button[data-copy]');
    if (button instanceof HTMLButtonElement) void copy(button);
  });
}
