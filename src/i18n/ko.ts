/**
 * Korean UI strings for the site chrome and the runbook components. Keys are `area.item`. Page prose lives in MDX
 * and runbook text in runbooks/; only the words the components add go here.
 */
export const ko = {
  'site.title': 'Cilium 실전 활용 가이드',
  'site.tagline': 'Cilium 1.18.4 기준',
  'site.skipToContent': '본문으로 건너뛰기',
  'nav.label': '문서',
  'nav.menu': '메뉴',
  'toc.title': '이 페이지',
  'theme.toggle': '어두운 테마',
  'search.label': '검색',
  'search.placeholder': '검색 (/)',
  'search.results': '검색 결과',
  'search.count': '건의 결과. 위아래 화살표로 고르고 Enter로 이동합니다.',
  'search.empty': '검색 결과가 없습니다.',
  'search.unavailable': '검색 색인이 없습니다. 빌드한 사이트(npm run build)에서 검색할 수 있습니다.',
  'pager.label': '이전 문서와 다음 문서',
  'pager.prev': '이전',
  'pager.next': '다음',
  'copy.button': '복사',
  'copy.done': '복사됨',
  'copy.failed': '복사 실패',
  'copy.all': '스크립트 전체 복사',
  'risk.read': '읽기',
  'risk.change': '변경',
  'risk.destructive': '파괴적',
  'risk.label': '위험도',
  'step.permalink': '이 단계로 바로 가는 링크',
  'step.eachNode': '각 노드에서 root로 직접 실행',
  'step.eachNodeNote':
    'runbook은 이 명령을 실행하지 않습니다. 모든 노드에서 root로 직접 실행한 뒤, runbook이 물으면 실행했다고 답하세요.',
  'step.undo': '되돌리는 명령',
  'step.sampleOutput': '예상 출력 (Cilium 1.18.4, 예시)',
  'step.sampleOutputOpen': '예상 출력 파일 열기',
  'runbook.steps': '단계',
  'runbook.verify': '검증',
  'runbook.params': '매개변수',
  'runbook.run': '터미널에서 실행',
  'runbook.runHowto':
    '먼저 --dry-run으로 계획을 확인한 뒤 실행합니다. 단계마다 확인을 받는 방식과 실패한 단계부터 다시 실행하는 방법은',
  'runbook.runHowtoLink': 'runbook으로 실행하기',
  'runbook.runHowtoEnd': '에 있습니다.',
  'runbook.requires': '필요한 도구',
  'runbook.version': '기준 버전',
  'runbook.rollback': '되돌리기',
  'runbook.rollbackText': '문제가 생기면 이 절차로 되돌립니다:',
  'runbook.script': '스크립트 전체',
  'runbook.scriptShow': '스크립트 보기',
  'runbook.scriptNote':
    '모든 단계를 하나의 bash 스크립트로 묶은 것입니다. 확인 없이 끝까지 실행되므로 npx runbook run을 권장합니다.',
  'param.name': '이름',
  'param.meaning': '의미',
  'param.detect': '값을 찾는 곳',
  'param.value': '이 페이지의 값',
  'param.saved': '이 브라우저에 저장됨',
  'param.reset': '예시 값으로 되돌리기',
  'param.invalid.host': 'IPv4·IPv6 주소나 DNS 이름(영문자, 숫자, "-", ".")이어야 합니다.',
  'param.invalid.port': '1부터 65535까지의 포트 번호여야 합니다.',
  'param.invalid.enum': '다음 값 중 하나여야 합니다:',
  'param.invalid.version': 'v1.31.4 같은 버전이어야 합니다.',
  'param.invalid.cidr': '10.244.0.0/16 같은 CIDR이어야 합니다.',
  'param.invalid.string': '다음 형식에 맞아야 합니다:',
  'param.invalid.copy': '이 값을 쓰는 명령은 고칠 때까지 복사할 수 없습니다.',
  'param.noDetect': '자동 감지 없음',
  'param.source.example': '예시',
  'param.source.default': '기본값',
  'param.note':
    '값을 자신의 클러스터에 맞게 바꾸면 이 페이지의 명령과 복사 버튼이 함께 바뀌고, 값은 이 브라우저에 저장됩니다. npx runbook run은 값을 현재 kube 컨텍스트에서 감지해 실행 전에 보여 주며, --param 이름=값으로 정할 수도 있습니다.',
  'correction.title': '1.18.4 기준 수정',
  'correction.source': '출처',
  'meta.ogLocale': 'ko_KR',
  'notFound.title': '페이지를 찾을 수 없습니다',
  'notFound.body': '주소가 바뀌었거나 없는 페이지입니다.',
  'notFound.home': '처음으로',
} as const;

export type UiKey = keyof typeof ko;

export function t(key: UiKey): string {
  return ko[key];
}
