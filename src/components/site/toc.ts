/**
 * The table of contents follows the reader: the entry of the section at the top of the screen gets
 * `aria-current="true"`, and the side column scrolls to keep it in view. Without JavaScript the lists still link to every section.
 */
export function initToc(): void {
  const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a')];
  const side = document.querySelector<HTMLElement>('.toc');
  const ids = [...new Set(links.map((a) => decodeURIComponent(a.hash.slice(1))))];
  const targets = ids.map((id) => document.getElementById(id));
  if (targets.length === 0) return;
  let frame = 0;
  let current: string | undefined;
  const update = () => {
    frame = 0;
    // Past the sticky header and a little more: the section whose heading was last scrolled past.
    const line = (document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0) + 24;
    let now = ids[0];
    for (const [i, target] of targets.entries()) if (target && target.getBoundingClientRect().top <= line) now = ids[i];
    if (now === current) return;
    current = now;
    for (const a of links) {
      const on = decodeURIComponent(a.hash.slice(1)) === now;
      if (on) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
      if (on && side?.contains(a)) {
        const top = a.offsetTop - side.offsetTop;
        if (top < side.scrollTop || top > side.scrollTop + side.clientHeight - 40) side.scrollTop = top - 80;
      }
    }
  };
  addEventListener('scroll', () => (frame ||= requestAnimationFrame(update)), { passive: true });
  update();
}
