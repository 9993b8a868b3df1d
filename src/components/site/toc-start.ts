/**
 * First-load part of the table of contents: its code (toc.ts) loads on the first scroll, which a jump to a heading
 * also causes, so a page that is only glanced at never pays for it.
 */
export function initTocOnScroll(): void {
  if (!document.querySelector('.toc a')) return;
  addEventListener('scroll', () => void import('./toc').then((toc) => toc.initToc()), { once: true, passive: true });
}
