// @ts-check
/**
 * Rehype plugin for the MDX pages (presentation only; command text is never touched): each Markdown table sits in a
 * focusable, labelled scroll region, so a wide table scrolls on its own on a phone instead of the whole page
 * scrolling sideways. (Headings get their "#" links from src/components/site/Heading.astro, which sees their ids.)
 */
/** @typedef {import('hast').Element} Element */
/** @typedef {import('hast').Root} Root */
/** @typedef {Root | Element} Parent */

/** Calls `fn` for every element, depth first, with its parent and index. @param {Parent} node @param {(el: Element, parent: Parent, index: number) => void} fn */
function visit(node, fn) {
  node.children.forEach((child, index) => {
    if (child.type !== 'element') return;
    fn(child, node, index);
    visit(child, fn);
  });
}

/** @param {{ label: string }} options @returns {(tree: Root) => void} */
export function tableScroll({ label }) {
  return (tree) => {
    visit(tree, (node, parent, index) => {
      if (node.tagName !== 'table') return;
      if (parent.type === 'element' && String(parent.properties?.className ?? '').includes('table-wrap')) return;
      /** @type {Element} */
      const wrap = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-wrap'], role: 'region', tabIndex: 0, ariaLabel: label },
        children: [node],
      };
      parent.children[index] = wrap;
    });
  };
}
