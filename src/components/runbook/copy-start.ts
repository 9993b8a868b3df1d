/**
 * Copy buttons, first-load part: one delegated listener for every copy button (including ones added later) and the
 * "스크립트 보기" blocks. The copying itself (copy.ts) loads when a pointer or the focus first reaches a copy button,
 * normally well before the click, and at the latest on the click.
 */
type CopyModule = typeof import('./copy');

/** Buttons served: one beside each code block's `<pre>`, and each runbook's "copy all". */
export const COPY_BUTTONS = '.code-block > button.copy-button, button[data-copy-all]';

let module: Promise<CopyModule> | undefined;
const load = () => (module ??= import('./copy'));
const button = (event: Event) => (event.target as Element).closest?.(COPY_BUTTONS);

export function initCopyButtons(): void {
  for (const type of ['pointerover', 'focusin']) {
    document.addEventListener(type, (event) => void (button(event) && load()), { passive: true });
  }
  document.addEventListener('click', (event) => {
    const target = button(event);
    if (target instanceof HTMLButtonElement) void load().then((m) => m.copy(target));
  });
  document.addEventListener(
    'toggle',
    (event) => {
      const details = event.target as Element;
      if (details.matches?.('.rb-script')) void load().then((m) => m.showScript(details));
    },
    true,
  );
}
