/**
 * Undoes `netpol-petclinic`: deletes exactly the seven policies it applied, default deny first, so the petclinic
 * app is never left with the deny but without its allows.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { showAndCheckEmpty } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { PETCLINIC_POLICIES } from './lib/petclinic.js';

const DELETE_ORDER = ['default-deny-all', ...PETCLINIC_POLICIES.filter((p) => p !== 'default-deny-all')];

export default defineRunbook({
  id: 'netpol-petclinic-remove',
  title: 'petclinic 네트워크 정책 제거',
  summary:
    'netpol-petclinic이 만든 네트워크 정책 일곱 개를 지워 petclinic 네임스페이스를 정책 적용 전 상태로 되돌립니다. ' +
    '다른 정책은 건드리지 않습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl'],
  params: {},
  rollback: 'netpol-petclinic',
  steps: [
    {
      id: 'list-policies',
      title: '지울 정책 확인',
      risk: 'read',
      explanation:
        '지우기 전에 petclinic 네임스페이스의 정책을 보여 줍니다. 이 절차는 아래 목록의 이름만 지우고, ' +
        '다른 사람이 만든 정책은 남겨 둡니다.',
      command: () => sh`kubectl -n petclinic get networkpolicy`,
    },
    {
      id: 'delete-policies',
      title: '정책 삭제',
      risk: 'destructive',
      explanation:
        '기본 차단(default-deny-all)을 먼저 지우고 허용 정책을 지웁니다. 반대 순서로 지우면 잠깐 동안 기본 차단만 남아 앱이 ' +
        '끊깁니다. 정책이 없어지면 petclinic의 파드 사이 연결은 다시 모두 열립니다. 이미 없는 정책은 건너뛰고, 일곱 개가 ' +
        '모두 없으면 아무것도 지우지 않고 "이미 적용됨"을 출력합니다. 지운 뒤에는 일곱 개가 모두 없어졌는지 확인합니다.',
      alreadyDone: {
        holds: 'netpol-petclinic의 정책 일곱 개가 하나도 없음',
        test: () =>
          sh`left=$(kubectl -n petclinic get networkpolicy default-deny-all allow-dns-egress allow-web-egress-to-was allow-was-egress-to-db allow-ingress-to-web allow-web-to-was allow-was-to-db --ignore-not-found -o name) && test -z "$left"`,
      },
      command: () => sh`
        kubectl -n petclinic delete networkpolicy default-deny-all --ignore-not-found
        kubectl -n petclinic delete networkpolicy allow-dns-egress allow-web-egress-to-was allow-was-egress-to-db \
          allow-ingress-to-web allow-web-to-was allow-was-to-db --ignore-not-found
      `,
      sampleOutput: DELETE_ORDER.map((name) => `networkpolicy.networking.k8s.io "${name}" deleted`).join('\n'),
    },
  ],
  verify: [
    {
      id: 'verify-removed',
      title: '정책이 남지 않았는지 확인',
      risk: 'read',
      explanation: '지운 일곱 개 중 남아 있는 것이 있으면 그 이름을 출력하고 실패합니다.',
      ...showAndCheckEmpty(
        () =>
          sh`kubectl -n petclinic get networkpolicy default-deny-all allow-dns-egress allow-web-egress-to-was allow-was-egress-to-db allow-ingress-to-web allow-web-to-was allow-was-to-db --ignore-not-found -o name`,
        'netpol-petclinic의 정책이 하나도 남지 않음',
        '지운 정책 중 남아 있는 것이 있습니다(위 목록). 다시 실행하거나 kubectl delete로 직접 지우세요.',
      ),
      sampleOutput: '',
      timeoutSeconds: 60,
    },
  ],
});
