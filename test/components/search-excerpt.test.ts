import { describe, expect, it } from 'vitest';
import { queryAliases, titleRank } from '../../src/components/site/korean';
import { buildExcerpt, headingMatch, isRealMatch, queryTerms } from '../../src/components/site/search-excerpt';
import { GLOSS_MARK, KEYWORDS_ID } from '../../src/components/site/search-index';

const M = GLOSS_MARK;
/** A hit over `text` where the words at `matched` matched, each with score 1 unless given. */
function hit(
  text: string,
  matched: number[],
  anchors: { id: string; location: number; element?: string; text?: string }[] = [],
) {
  return {
    content: text,
    locations: matched,
    weighted_locations: matched.map((location) => ({ location, balanced_score: 1 })),
    anchors,
  };
}
const shown = (e: ReturnType<typeof buildExcerpt>) => e?.parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

describe('search excerpts', () => {
  it('never show the index-only glosses; a matched gloss marks the word it glosses', () => {
    const text = `Hubble ${M}관측성 ${M}허블 Relay와 Hubble ${M}관측성 ${M}허블 CLI가 흐름을 봅니다.`;
    const excerpt = buildExcerpt(hit(text, [2, 6]), queryTerms('허블'));
    expect(shown(excerpt)).toBe('[Hubble] Relay와 [Hubble] CLI가 흐름을 봅니다.');
    expect(shown(excerpt)).not.toContain(M);
  });

  it("never show the page's hidden keywords; a hit only there links to the top of the page", () => {
    const text = '대역폭 제한 절차입니다. 대역폭 대역폭 제한 QoS egress-bandwidth';
    const excerpt = buildExcerpt(hit(text, [6], [{ id: KEYWORDS_ID, location: 3 }]), queryTerms('QoS'));
    expect(shown(excerpt)).toBe('대역폭 제한 절차입니다.');
    expect(excerpt?.anchor).toBeUndefined();
  });

  it('link to the element with an id before the best match', () => {
    const text = '제목 첫 문단 둘째 절 롤백 방법';
    const excerpt = buildExcerpt(hit(text, [5], [{ id: 'second', location: 3 }]), queryTerms('롤백'));
    expect(excerpt?.anchor).toBe('second');
    expect(shown(excerpt)).toBe('제목 첫 문단 둘째 절 [롤백] 방법');
  });

  it('drop a hit Pagefind found only by shortening the query (xyzzy → -X, 가나다라마 → 가)', () => {
    expect(buildExcerpt(hit('curl -X POST', [1]), queryTerms('xyzzy'))).toBeUndefined();
    expect(buildExcerpt(hit('(wireguard-tools 와이어가드)가 없습니다', [1]), queryTerms('가나다라마'))).toBeUndefined();
    expect(isRealMatch('kube-proxy를', queryTerms('proxy'))).toBe(true);
    expect(isRealMatch('암호화합니다', queryTerms('암호화를'))).toBe(true);
  });

  it('start at the heading that names the query, glosses and everyday words included', () => {
    const anchors = [
      { id: 's1', location: 0, element: 'h2', text: '시나리오 1: Pod 간 통신 안 됨' },
      { id: 's2', location: 7, element: 'h2', text: '시나리오 2: Network Policy가 적용 안 됨' },
    ];
    const text = '시나리오 1: Pod 간 통신 안 됨 시나리오 2: Network Policy가 적용 안 됨 정책을 확인합니다.';
    const h = hit(text, [11, 12, 14], anchors);
    expect(headingMatch(h, '정책이 안 먹힘')).toBe('s2');
    expect(headingMatch(h, '대역폭')).toBeUndefined();
    const excerpt = buildExcerpt(h, queryTerms('정책이 안 먹힘'), 's2');
    expect(excerpt?.anchor).toBe('s2');
    expect(shown(excerpt)).toMatch(/^… 시나리오 2: Network Policy가 \[적용\] \[안\] 됨 \[정책을\]/);
  });
});

describe('title tiers with other names', () => {
  it('rank a page titled with the English name for a Korean or short query', () => {
    expect(queryAliases('허블')).toContain('Hubble');
    expect(queryAliases('KPR')).toContain('kube-proxy replacement');
    expect(titleRank('Hubble UI (네트워크 관측성 시각화)', '허블')).toBe(2);
    expect(titleRank('kube-proxy Replacement (eBPF 기반 서비스 로드밸런싱)', 'KPR')).toBe(2);
    expect(titleRank('롤백 (kube-proxy로 복귀)', 'KPR')).toBe(0);
    // The reader's own words in a title rank above another name for them.
    expect(titleRank('Network Policy 실전 사용 (네트워크 정책)', '네트워크 정책')).toBe(3);
    expect(titleRank('Network Policy 적용과 확인', '네트워크 정책')).toBe(2);
  });
});
