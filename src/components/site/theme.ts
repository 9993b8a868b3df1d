/**
 * Theme toggle, in the browser. The first paint already has the right theme: DocsLayout's inline head script sets
 * `<html data-theme>` from localStorage or the system setting before anything renders. This module only switches it.
 */
const STORAGE_KEY = 'theme'; // also read by the inline script in DocsLayout.astro

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: follow the system setting
  }
}

export function initThemeToggle(): void {
  const root = document.documentElement;
  const buttons = document.querySelectorAll('[data-theme-toggle]');
  const apply = (theme: string) => {
    root.dataset.theme = theme;
    for (const b of buttons) b.setAttribute('aria-pressed', String(theme === 'dark'));
  };
  apply(root.dataset.theme ?? 'light');
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const next = root.dataset.theme === 'dark' ? 'light' : 'dark';
      apply(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // applied, just not remembered
      }
    });
  }
  // Until the reader picks a theme, keep following the system.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => {
    if (!stored()) apply(e.matches ? 'dark' : 'light');
  });
}

/** Small screens hide the sidebar; the header's menu button shows it (CSS reads `body[data-nav-open]`). */
export function initNavToggle(): void {
  const button = document.querySelector('[data-nav-toggle]');
  button?.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    document.body.toggleAttribute('data-nav-open', open);
  });
}
