import type { ShikiTransformer } from 'shiki';

/** Same themes as `markdown.shikiConfig` in astro.config.mjs. */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/**
 * Shiki options for runbook commands. They only change markup, never text: the `<pre>`'s text stays byte-identical
 * to the string passed in, which is also what the copy button copies.
 */
export function shellTransformers(code: string): ShikiTransformer[] {
  const transformers: ShikiTransformer[] = [
    {
      name: 'merge-same-style-tokens',
      // Fewer, longer spans: `kube-system get ds kube-proxy` is one span, not four. Keeps pages small.
      preprocess(_code, options) {
        options.mergeSameStyleTokens = true;
      },
    },
  ];
  // Astro's highlighter drops one trailing newline before calling shiki (@astrojs/markdown-remark shiki.js), so a
  // script ending in "\n" would show one character less than its copy button copies. Put it back after the last line;
  // it adds no visible line.
  const newline = /(\r\n|\r|\n)$/.exec(code)?.[1];
  if (newline !== undefined) {
    transformers.push({
      name: 'keep-trailing-newline',
      code(node) {
        node.children.push({ type: 'text', value: newline });
      },
    });
  }
  return transformers;
}
