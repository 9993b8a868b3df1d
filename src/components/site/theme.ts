/**
 * Theme toggle and the small-screen menu, in the browser. The first paint already has the right theme: DocsLayout's
 * inline head script sets `<html data-theme>` from localStorage or the system setting before anything renders. This
 * module only switches it, and follows the system until the reader picks a theme.
 */
const STORAGE_KEY = 'theme'; // also read by the inline script in DocsLayout.astro

export function initThemeToggle(): void {
  const root = document.documentElement;
  const apply = (theme: string) => {
    root.dataset.theme = theme;
    for (const b of document.querySelectorAll('[data-theme-toggle]')) b.ariaPressed = String(theme === 'dark');
  };
  apply(root.dataset.theme ?? 'light');
  document.addEventListener('click', (e) => {
    if (!(e.target as Element).closest?.('[data-theme-toggle]')) return;
    const next = root.dataset.theme === 'dark' ? 'light' : 'dark';
    apply(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // applied, just not remembered
    }
  });
  matchMedia('(prefers-color-scheme: dark)').onchange = (e) => {
    try {
      if (localStorage.getItem(STORAGE_KEY)) return;
    } catch {
      // storage disabled: follow the system
    }
    apply(e.matches ? 'dark' : 'light');
  };
}

/** Small screens hide the sidebar; the header's menu button shows it (CSS reads `body[data-nav-open]`). */
export function initNavToggle(): void {
  const button = document.querySelector<HTMLElement>('[data-nav-toggle]');
  if (!button) return;
  const set = (open: boolean) => {
    button.ariaExpanded = String(open);
    document.body.toggleAttribute('data-nav-open', open);
  };
  button.onclick = () => set(button.ariaExpanded !== 'true');
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && button.ariaExpanded === 'true') {
      set(false);
      button.focus();
    }
  });
}
