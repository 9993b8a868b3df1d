/**
 * Korean terminology over the built pages (issue 14, point 8; shared/style/korean.md): one term per concept in the
 * prose readers see. Code, commands and the YAML kinds keep their API spelling, so text inside <pre>, <code> and
 * <kbd> is not checked, nor are quotations from the original guide (<blockquote>).
 *   - 파드, never "Pod" in prose;
 *   - 네트워크 정책, with "Network Policy" / "NetworkPolicy" only as the parenthesised English right after it;
 *   - "kube-proxy 대체(kube-proxy replacement, KPR)" once, then KPR, never "kube-proxy Replacement";
 *   - no colloquial verbs, and nothing written for the authors rather than the reader.
 */
import { describe, expect, it } from 'vitest';
import { builtPages, type Element, findAll, text } from '../helpers/dist-html.js';

const SKIP = new Set(['pre', 'code', 'kbd', 'blockquote', 'script', 'style', 'template']);

/** The prose of a page's <main>: its text without code, quotations and hidden elements. */
function prose(main: Element): string {
  const walk = (node: Element): string =>
    node.childNodes
      .map((child) => {
        if (child.nodeName === '#text') return text(child);
        if (!('tagName' in child)) return '';
        if (SKIP.has(child.tagName) || child.attrs.some((a) => a.name === 'hidden')) return ' ';
        return walk(child);
      })
      .join('');
  return walk(main).replace(/\s+/g, ' ');
}

const pages = builtPages()
  .filter((p) => p.path !== '/404.html')
  .map((p) => {
    const main = findAll(p.document, (el) => el.tagName === 'main')[0];
    return { path: p.path, prose: main ? prose(main) : '' };
  });

/** Every match of `pattern` in the page's prose, with a little context. */
const hits = (prose: string, pattern: RegExp) =>
  [...prose.matchAll(pattern)].map((m) => prose.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20));

const RULES: [name: string, pattern: RegExp][] = [
  ['"Pod" in prose (write 파드)', /(?<![\w-])Pods?(?![\w-])/g],
  ['"Network Policy" outside "네트워크 정책(…)"', /(?<!네트워크 정책\()(?<![\w-])Network ?Policy(?!\w)/g],
  [
    '"kube-proxy Replacement" (write KPR after "kube-proxy 대체(kube-proxy replacement, KPR)")',
    /kube-proxy [Rr]eplacement(?!, KPR\))/g,
  ],
  ['a colloquial verb', /찍고|찍히|찍은|오류로 칩니다|쏟아 냅니다|닿지|닿는|닿을/g],
  [
    'a note written for the authors',
    /정책 평가기|시뮬레이션 테스트|확인하지 못했|확인하지는 못했|출력에서 찾는 패턴|테스트가 확인합니다/g,
  ],
  ['a colon glued to the next word (a space lost between text and a link)', /[\uac00-\ud7a3]:(?=[^\s)])/g],
  ['English evaluator output', /\b(?:isolated by|allowed by|egress of|ingress of|no (?:egress|ingress) rule)\b/g],
];

describe('terminology in the built pages', () => {
  it.each(RULES)('no page has %s', (_name, pattern) => {
    const found = pages.flatMap((p) => hits(p.prose, pattern).map((h) => `${p.path}: …${h}…`));
    expect(found).toEqual([]);
  });

  it('introduces kube-proxy 대체 with its English name and KPR at most once per page', () => {
    for (const p of pages)
      expect(hits(p.prose, /kube-proxy 대체\(kube-proxy replacement, KPR\)/g).length, p.path).toBeLessThanOrEqual(1);
  });
});
