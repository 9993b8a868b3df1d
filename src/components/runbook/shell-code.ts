import type { ShikiTransformer } from 'shiki';

/** Same themes as `markdown.shikiConfig` in astro.config.mjs. */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/**
 * Astro's highlighter drops one trailing newline before calling shiki (`@astrojs/markdown-remark` shiki.js), so a
 * script ending in "\n" would show one character less than its copy button copies. This puts it back as a text node
 * after the last line, keeping the `<pre>` text byte-identical to the string. It adds no visible line.
 */
export function keepTrailingNewline(code: string): ShikiTransformer[] {
  if (!/(?:\r\n|\r|\n)$/.test(code)) return [];
  const newline = code.endsWith('\r\n') ? '\r\n' : code.endsWith('\r') ? '\r' : '\n';
  return [
    {
      name: 'keep-trailing-newline',
      code(node) {
        node.children.push({ type: 'text', value: newline });
      },
    },
  ];
}
