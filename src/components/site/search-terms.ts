/**
 * The guide's search vocabulary, used on both sides of Pagefind (which splits Korean only at spaces and matches a
 * query word against the start of indexed words; shared/research/anchors.md §2.2):
 *   - at build time, {@link pageSearchTerms} (search-index.ts) adds a page's missing Korean or English forms and the
 *     nouns inside its unspaced compounds to a hidden, indexed block;
 *   - in the browser, the query's compounds are split with {@link NOUNS}.
 * Plain data; add a rule when a reader's word does not find the page that explains it.
 */

/** When a page contains any `when` term (case- and space-insensitive), its index also gets every `add` term. */
export interface SynonymRule {
  readonly when: readonly string[];
  readonly add: readonly string[];
  /** At most this weight (default: as strong as the `when` text, up to 10). 1 = findable, not ranked up. */
  readonly maxWeight?: number;
}

export const SYNONYMS: readonly SynonymRule[] = [
  { when: ['Network Policy', 'NetworkPolicy', 'CiliumNetworkPolicy'], add: ['네트워크 정책'] },
  { when: ['네트워크 정책'], add: ['Network Policy'] },
  { when: ['Kubernetes', 'k8s'], add: ['쿠버네티스'] },
  { when: ['쿠버네티스'], add: ['Kubernetes'] },
  { when: ['WireGuard', 'Encryption', 'IPsec'], add: ['암호화'] },
  { when: ['WireGuard'], add: ['와이어가드'] },
  { when: ['암호화'], add: ['encryption'] },
  { when: ['Bandwidth'], add: ['대역폭'] },
  { when: ['대역폭'], add: ['bandwidth'] },
  { when: ['metrics', 'Prometheus'], add: ['메트릭'] },
  { when: ['메트릭'], add: ['metrics'] },
  { when: ['Prometheus'], add: ['프로메테우스'] },
  { when: ['Grafana'], add: ['그라파나'] },
  { when: ['rollback'], add: ['롤백'] },
  { when: ['롤백'], add: ['rollback'] },
  { when: ['Hubble'], add: ['관측성', '허블'] },
  { when: ['observability'], add: ['관측성'] },
  { when: ['관측성'], add: ['observability'] },
  { when: ['Service Mesh'], add: ['서비스 메시'] },
  { when: ['서비스 메시'], add: ['Service Mesh'] },
  { when: ['load balancing', 'LoadBalancer'], add: ['로드밸런싱', '부하 분산'] },
  { when: ['로드밸런싱', '부하 분산'], add: ['load balancing'] },
  { when: ['troubleshooting'], add: ['문제 해결', '트러블슈팅'] },
  { when: ['트러블슈팅', '문제 해결'], add: ['troubleshooting'] },
  { when: ['monitoring'], add: ['모니터링'] },
  { when: ['모니터링'], add: ['monitoring'] },
  { when: ['KubeProxyReplacement', 'kube-proxy replacement'], add: ['kube-proxy 대체', 'KPR'] },
  { when: ['drop'], add: ['드롭'] },
  { when: ['드롭'], add: ['drop'] },
  // In this guide a drop is always a dropped packet (Hubble's DROPPED verdict, cilium-dbg monitor --type drop).
  { when: ['드롭', 'DROPPED'], add: ['패킷 드롭'] },
  { when: ['Envoy'], add: ['엔보이'] },
  { when: ['Ingress'], add: ['인그레스'] },
  { when: ['dashboard'], add: ['대시보드'] },
  { when: ['대시보드'], add: ['dashboard'] },
  { when: ['Helm'], add: ['헬름'] },
  // The guide says 켜기/끄기 where readers often type 활성화/비활성화: findable together with the feature's name
  // (WireGuard 활성화), without every page that turns something on outranking the page titled 활성화.
  { when: ['켜기', '켭니다', '켜고', '켜면', '켜져'], add: ['활성화'], maxWeight: 1 },
  { when: ['끄기', '끕니다', '끄고', '끄면', '꺼져'], add: ['비활성화'], maxWeight: 1 },
];

/**
 * Korean nouns the guide uses, for splitting unspaced compounds (투명암호화 → 투명 암호화, 네트워크정책 → 네트워크 정책).
 * Longer nouns first is not required: the splitter tries the longest match itself.
 */
export const NOUNS: readonly string[] = [
  '암호화',
  '정책',
  '네트워크',
  '대역폭',
  '관측성',
  '가시성',
  '메트릭',
  '롤백',
  '활성화',
  '모니터링',
  '트러블슈팅',
  '서비스',
  '메시',
  '로드밸런싱',
  '쿠버네티스',
  '클러스터',
  '노드',
  '파드',
  '패킷',
  '드롭',
  '트래픽',
  '라우팅',
  '터널',
  '게이트웨이',
  '인증서',
  '대시보드',
  '방화벽',
  '엔드포인트',
  '네임스페이스',
  '프록시',
  '검증',
  '설정',
  '설치',
  '업그레이드',
  '흐름',
  '플로우',
  '마스커레이드',
  '레이블',
];

/** Prefixes that turn a noun into its opposite: 비활성화 must not be found as 활성화. */
export const NEGATING_PREFIXES: readonly string[] = ['비', '미', '무', '불'];

/**
 * Everyday words readers type for what the guide says plainly: a query containing the key (after its particles are
 * stripped) is also searched with the value in its place. `정책이 안 먹힘` → `정책 안 적용`.
 */
export const QUERY_WORDS: Readonly<Record<string, string>> = {
  먹힘: '적용',
  먹히: '적용',
  먹혀: '적용',
  먹히지: '적용',
  안먹힘: '적용 안',
  안됨: '안 됨',
  끊김: '통신 안',
  죽음: '실패',
};
