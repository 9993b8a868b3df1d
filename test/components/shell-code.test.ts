/**
 * The highlighter's markup transforms (src/components/runbook/shell-code.ts) change markup, never text: for any
 * command the `<pre>`'s text is the command byte for byte (the copy button copies that text). They also keep pages
 * small: one span per run of same-coloured tokens, none for the block's own colour.
 */
import { parseFragment } from 'parse5';
import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { CODE_THEMES, shellTransformers } from '../../src/components/runbook/shell-code.js';
import { findAll, hasAttr, text } from '../helpers/dist-html.js';

/** As Astro's `<Code>` calls shiki: it drops one trailing newline first (@astrojs/markdown-remark shiki.js). */
const highlight = (code: string, params: { start: number; end: number; name: string }[] = []) =>
  codeToHtml(code.replace(/(\r\n|\r|\n)$/, ''), {
    lang: 'bash',
    themes: CODE_THEMES,
    transformers: shellTransformers(code, params),
  });

const spans = (html: string) => findAll(parseFragment(html) as never, (el) => el.tagName === 'span');

const HEREDOC = `kubectl apply -f - <<'EOF'
# 주석도 그대로
apiVersion: v1
kind: ConfigMap
metadata:
  name: "x"
EOF
`;

describe('shell code markup', () => {
  it.each([
    ['a heredoc with a comment and a trailing newline', HEREDOC],
    [
      'quotes, pipes and blank lines',
      'helm get values cilium -n kube-system -o yaml | grep -E \'a|b\'\n\n  echo "$X"  ',
    ],
    ['a parameter value', "helm upgrade cilium cilium/cilium --set k8sServiceHost='10.0.0.1'"],
  ])('shows %s exactly', async (_name, code) => {
    expect(text(parseFragment(await highlight(code)) as never)).toBe(code);
  });

  it('writes a heredoc body as one span, and no span without a class', async () => {
    const html = await highlight(HEREDOC);
    const body = spans(html).filter((s) => text(s).includes('apiVersion'));
    expect(body).toHaveLength(1);
    expect(text(body[0] as never)).toContain('kind: ConfigMap\nmetadata:\n  name: "x"\nEOF');
    expect(spans(html).every((s) => hasAttr(s, 'class') || hasAttr(s, 'data-param'))).toBe(true);
    // Same-coloured neighbours were merged: fewer spans than lines × tokens would give.
    expect(spans(html).length).toBeLessThan(8);
  });

  it('keeps each parameter value in its own span, never merged into a token', async () => {
    const code = 'kubectl get node 10.0.0.1 -o wide --server=https://10.0.0.1:6443';
    const start = code.indexOf('10.0.0.1');
    const last = code.lastIndexOf('10.0.0.1');
    const html = await highlight(code, [
      { start, end: start + 8, name: 'host' },
      { start: last, end: last + 8, name: 'host' },
    ]);
    const params = spans(html).filter((s) => hasAttr(s, 'data-param'));
    expect(params.map((s) => text(s))).toEqual(['10.0.0.1', '10.0.0.1']);
    expect(text(parseFragment(html) as never)).toBe(code);
  });
});
