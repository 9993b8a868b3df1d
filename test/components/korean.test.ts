import { describe, expect, it } from 'vitest';
import { innerNouns, queryVariants, splitCompound, stripParticles, titleTier } from '../../src/components/site/korean';
import { glossHtml, glossPage, htmlText, indexedText } from '../../src/components/site/search-index';

describe('stripParticles', () => {
  it.each([
    ['암호화를', '암호화'],
    ['활성화를', '활성화'],
    ['대역폭을', '대역폭'],
    ['정책을', '정책'],
    ['드롭된', '드롭'],
    ['활성화하기를', '활성화'],
    ['설정하는', '설정'],
    ['서비스에서는', '서비스'],
    ['kube-proxy를', 'kube-proxy'],
    ['eBPF로', 'eBPF'],
    ['롤백', '롤백'],
    ['메트릭', '메트릭'],
    ['WireGuard', 'WireGuard'],
  ])('%s → %s', (word, stem) => {
    expect(stripParticles(word)).toBe(stem);
  });

  it.each(['추가', '국가', '정의', '하나', '이가'])('keeps %s: the stem would be one syllable', (word) => {
    expect(stripParticles(word)).toBe(word);
  });
});

describe('compounds', () => {
  it('finds nouns inside unspaced words, but not after a negating prefix', () => {
    expect(innerNouns('투명암호화를')).toEqual(['암호화']);
    expect(innerNouns('네트워크정책')).toEqual(['정책']);
    expect(innerNouns('비활성화')).toEqual([]);
    expect(innerNouns('암호화')).toEqual([]);
  });

  it('splits a word before each known noun', () => {
    expect(splitCompound('네트워크정책')).toEqual(['네트워크', '정책']);
    expect(splitCompound('투명암호화')).toEqual(['투명', '암호화']);
    expect(splitCompound('비활성화')).toEqual(['비활성화']);
    expect(splitCompound('정책')).toEqual(['정책']);
  });
});

describe('queryVariants', () => {
  it('searches the raw words first, then the stems, then the split stems', () => {
    expect(queryVariants('활성화를')).toEqual(['활성화를', '활성화']);
    expect(queryVariants(' 네트워크정책을 ')).toEqual(['네트워크정책을', '네트워크정책', '네트워크 정책']);
    expect(queryVariants('드롭된 패킷')).toEqual(['드롭된 패킷', '드롭 패킷']);
    expect(queryVariants('kube-proxy')).toEqual(['kube-proxy']);
    expect(queryVariants('정책이 안 먹힘')).toEqual(['정책이 안 먹힘', '정책 안 먹힘', '정책 안 적용']);
    expect(queryVariants('  ')).toEqual([]);
  });
});

describe('search glosses', () => {
  const gloss = (html: string) => glossHtml(html, htmlText(html));

  it('adds the Korean form after each English-only mention, in place', () => {
    expect(gloss('<h2 id="x">Network Policy 실전</h2><p>CiliumNetworkPolicy와 Kubernetes를</p>')).toBe(
      '<h2 id="x">Network Policy<span hidden> \u2063네트워크 \u2063정책</span> 실전</h2>' +
        '<p>CiliumNetworkPolicy와<span hidden> \u2063네트워크 \u2063정책</span> Kubernetes를<span hidden> \u2063쿠버네티스</span></p>',
    );
  });

  it('never touches code, buttons or attributes', () => {
    const html =
      '<pre><code>kubectl apply # Kubernetes</code></pre><button data-copy="a > Kubernetes">Kubernetes</button>' +
      '<p data-x="Kubernetes">Kubernetes</p>';
    expect(gloss(html)).toBe(
      html.replace(
        '<p data-x="Kubernetes">Kubernetes</p>',
        '<p data-x="Kubernetes">Kubernetes<span hidden> \u2063쿠버네티스</span></p>',
      ),
    );
  });

  it('leaves URLs, paths and option names alone', () => {
    const html = '<p>kubernetes.io/docs, /network/kubernetes/ 와 --kubernetes=1</p>';
    expect(gloss(`${html}<p>Kubernetes</p>`)).toBe(`${html}<p>Kubernetes<span hidden> \u2063쿠버네티스</span></p>`);
  });

  it('adds nothing the page already says', () => {
    expect(gloss('<p>Kubernetes(쿠버네티스)</p>')).toBe('<p>Kubernetes(쿠버네티스)</p>');
  });

  it('splits nouns out of unspaced compounds, and glosses 켜기 lightly', () => {
    expect(gloss('<p>평문트래픽을 막고 Hubble을 켜기</p>')).toBe(
      '<p>평문트래픽을<span hidden> \u2063트래픽</span> 막고 Hubble을<span hidden> \u2063관측성 \u2063허블</span> 켜기' +
        '<span hidden data-pagefind-weight="1"> \u2063활성화</span></p>',
    );
  });

  it('glosses only the indexed part of a built page, the title after its metadata element', () => {
    const page = (main: string) =>
      `<html><head><title>Kubernetes</title></head><body><nav>Kubernetes</nav>${main}</body></html>`;
    const main =
      '<main id="content" data-pagefind-body><h1><span data-pagefind-meta="title">Network Policy 실전 사용</span></h1>' +
      '<p>Kubernetes</p><p hidden id="page-keywords" data-pagefind-weight="7">Kubernetes</p>' +
      '<nav class="pager" data-pagefind-ignore>쿠버네티스</nav></main>';
    expect(glossPage(page(main))).toBe(
      page(
        '<main id="content" data-pagefind-body><h1><span data-pagefind-meta="title">Network Policy 실전 사용</span>' +
          '<span hidden> \u2063네트워크 \u2063정책</span></h1><p>Kubernetes<span hidden> \u2063쿠버네티스</span></p>' +
          '<p hidden id="page-keywords" data-pagefind-weight="7">Kubernetes</p>' +
          '<nav class="pager" data-pagefind-ignore>쿠버네티스</nav></main>',
      ),
    );
    expect(glossPage(page('<main><p>Kubernetes</p></main>'))).toBe(page('<main><p>Kubernetes</p></main>'));
  });

  it('reads the text Pagefind indexes: ignored elements and their nested children left out', () => {
    expect(indexedText('<p>a</p><div data-pagefind-ignore><div>b</div>c</div><p>d<br>e</p>')).toBe('a d e');
  });

  it('reads text out of HTML with entities decoded', () => {
    expect(htmlText('<p>a &amp; b&#39;s <code>&lt;x&gt;</code></p><script>no()</script>')).toBe("a & b's <x>");
  });
});

describe('titleTier', () => {
  it('ranks a title that starts with the query above one that only contains it', () => {
    expect(titleTier('kube-proxy Replacement (eBPF 기반 서비스 로드밸런싱)', 'kube-proxy')).toBe(2);
    expect(titleTier('롤백 (kube-proxy로 복귀)', 'kube-proxy')).toBe(1);
    expect(titleTier('롤백 (kube-proxy로 복귀)', '롤백을')).toBe(2);
    expect(titleTier('WireGuard 암호화 (노드 사이 Pod 통신 암호화)', '암호화를')).toBe(1);
  });

  it('needs every query word in the title', () => {
    expect(titleTier('Hubble UI (네트워크 관측성 시각화)', '네트워크 정책')).toBe(0);
    expect(titleTier('네트워크 정책 (Network Policy) 실전 사용', '네트워크 정책')).toBe(2);
    expect(titleTier('성능 모니터링', '메트릭')).toBe(0);
  });
});
