import type { ElementContent } from 'hast';
import type { ShikiTransformer } from 'shiki';
import { t } from '../../i18n/ko';
import type { ParamRange } from './runbook-data';

/** Same themes as `markdown.shikiConfig` in astro.config.mjs. */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

/**
 * Shiki's inline styles for the github-light/github-dark pairs, as classes that src/styles/global.css colours for
 * both themes. A page repeats these styles hundreds of times; the classes keep code-heavy pages small. A style not
 * listed here stays inline (global.css still switches it to its dark colour), so a new token colour is never lost.
 */
export const TOKEN_CLASSES: Readonly<Record<string, string>> = {
  'color:#005CC5;--shiki-dark:#79B8FF': 't1',
  'color:#032F62;--shiki-dark:#9ECBFF': 't2',
  'color:#6F42C1;--shiki-dark:#B392F0': 't3',
  'color:#6A737D;--shiki-dark:#6A737D': 't4',
  'color:#24292E;--shiki-dark:#E1E4E8': '', // the block's own colours: no class needed
  'color:#D73A49;--shiki-dark:#F97583': 't6',
  'color:#22863A;--shiki-dark:#85E89D': 't7',
  'color:#E36209;--shiki-dark:#FFAB70': 't8',
};

/** The `<pre>` style of the theme pair; global.css sets the same colours on `.astro-code`. */
const PRE_STYLE = 'background-color:#fff;--shiki-dark-bg:#24292e;color:#24292e;--shiki-dark:#e1e4e8; overflow-x: auto;';

/**
 * Markup only, never text: inline styles of the known theme colours become classes, and the per-line wrappers go.
 * Used for every code block.
 */
export function tokenClasses(): ShikiTransformer {
  return {
    name: 'token-classes',
    pre(node) {
      delete node.properties.dataLanguage;
      if (node.properties.style !== PRE_STYLE) return;
      delete node.properties.style;
      node.properties.class = 'astro-code';
    },
    span(node) {
      const style = node.properties.style;
      const name = typeof style === 'string' ? TOKEN_CLASSES[style] : undefined;
      if (name === undefined) return;
      delete node.properties.style;
      if (name) this.addClassToHast(node, name);
    },
    root(root) {
      // `<span class="line">` wrappers style nothing here; their children stand in their place (after decorations,
      // which need them, have run).
      const code = this.pre.children.find((c) => c.type === 'element' && c.tagName === 'code');
      if (code?.type !== 'element') return root;
      code.children = compactTokens(
        code.children.flatMap((c) =>
          c.type === 'element' &&
          c.tagName === 'span' &&
          c.properties.class === 'line' &&
          Object.keys(c.properties).length === 1
            ? c.children
            : [c],
        ),
      );
      return root;
    },
  };
}

/** The one class of a span that holds only text and has no other property (a plain token), else undefined. */
function tokenClass(node: ElementContent): string | undefined {
  if (node.type !== 'element' || node.tagName !== 'span') return undefined;
  if (!node.children.every((c) => c.type === 'text')) return undefined;
  const keys = Object.keys(node.properties);
  if (keys.length === 0) return '';
  const cls = node.properties.class;
  const list = Array.isArray(cls) ? cls : typeof cls === 'string' ? cls.split(/\s+/) : [];
  return keys.length === 1 && keys[0] === 'class' && list.length === 1 ? String(list[0]) : undefined;
}

const textOf = (node: ElementContent): string =>
  node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '';

/**
 * Markup only, never text: a span without a class becomes its text, and neighbouring spans of the same class merge,
 * across line breaks and the blank space between them (a heredoc body is one span, not one per line). Spans with
 * other properties (a parameter's `data-param`) stay as they are.
 */
export function compactTokens(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  const last = () => out[out.length - 1];
  for (const node of children) {
    const cls = tokenClass(node);
    const prev = last();
    if (node.type === 'text' || cls === '') {
      const value = textOf(node);
      if (prev?.type === 'text') prev.value += value;
      else out.push({ type: 'text', value });
      continue;
    }
    if (cls !== undefined) {
      // `<span class="tN">a</span>` + optional blank text + `<span class="tN">b</span>` → one span.
      const gap = prev?.type === 'text' && /^\s*$/.test(prev.value) ? prev : undefined;
      const before = gap ? out[out.length - 2] : prev;
      if (before?.type === 'element' && tokenClass(before) === cls) {
        if (gap) out.pop();
        before.children = [{ type: 'text', value: textOf(before) + (gap?.value ?? '') + textOf(node) }];
        continue;
      }
    }
    out.push(node);
  }
  return out;
}

/**
 * Shiki options for runbook commands. They only change markup, never text: the `<pre>`'s text stays byte-identical
 * to the string passed in, which is also what the copy button copies. Each parameter value in `params` is wrapped in
 * `<span data-param="name">`, where the page's parameter form writes the reader's value.
 */
export function shellTransformers(code: string, params: readonly ParamRange[] = []): ShikiTransformer[] {
  const transformers: ShikiTransformer[] = [
    {
      name: 'merge-same-style-tokens',
      // Fewer, longer spans: `kube-system get ds kube-proxy` is one span, not four. Keeps pages small.
      preprocess(_code, options) {
        options.mergeSameStyleTokens = true;
        if (params.length > 0) {
          // Shiki's own decorations split tokens at these offsets and wrap the value.
          options.decorations = params.map((p) => ({
            start: p.start,
            end: p.end,
            properties: { 'data-param': p.name },
          }));
        }
      },
    },
    tokenClasses(),
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

const SHELL = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);

/**
 * For Markdown code fences (astro.config.mjs): a shell block gets the same copy button as a runbook step, copying
 * exactly the text the block shows (copy.ts). Other fences (output, YAML to read) stay plain.
 */
export function fenceCopyButton(): ShikiTransformer {
  return {
    name: 'fence-copy-button',
    root(root) {
      if (!SHELL.has(this.options.lang)) return root;
      const button = {
        type: 'element' as const,
        tagName: 'button',
        properties: { type: 'button', className: ['copy-button'] },
        children: [{ type: 'text' as const, value: t('copy.button') }],
      };
      root.children = [
        {
          type: 'element',
          tagName: 'div',
          properties: { className: ['code-block'] },
          children: [this.pre, button],
        },
      ];
      return root;
    },
  };
}
