/**
 * The search box's first-load part: `/` focuses it, and the first focus loads the rest (search-ui.ts, then
 * Pagefind).
 */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function initSearch(): void {
  const root = document.querySelector<HTMLElement>('[data-search]');
  const input = root?.querySelector('input');
  if (!root || !input) return;
  let started = false;
  input.addEventListener('focus', () => {
    if (started) return;
    started = true;
    void import('./search-ui').then((ui) => ui.start(root));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    e.preventDefault();
    input.focus();
  });
}
