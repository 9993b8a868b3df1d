/**
 * Seed §3 "Connectivity Test", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md rows 39–42):
 * `cilium status --wait` first, the real test with its real flags only, and removal of the test namespaces it leaves
 * (review 2026-12-06 rows 1, 32, 33: the status verdict is the exit status; cilium-cli >= 0.18.9 also leaves
 * cilium-test-ccnp1/2; the namespaces are removed only after a logged success).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { ciliumIsReady, ciliumStatusStep } from './lib/cilium-cli.js';

export default defineRunbook({
  id: 'connectivity-test',
  title: 'Cilium 연결성 테스트 (cilium connectivity test)',
  summary:
    'cilium CLI로 Cilium이 준비됐는지 확인한 뒤 공식 연결성 테스트를 실행합니다. 테스트는 cilium-test-1 네임스페이스에 ' +
    '시험용 파드를 띄우고 파드 간, 노드 간, 서비스, 정책, 외부 연결을 확인합니다. 성공하면 시험용 네임스페이스를 지웁니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'cilium'],
  params: {},
  steps: [
    ciliumStatusStep(
      'Cilium 준비 상태 확인',
      'cilium status --wait는 에이전트, 오퍼레이터, Envoy가 모두 오류와 경고 없이 준비될 때까지(기본 5분) 기다렸다가 상태를 ' +
        '출력하고, 준비되면 0으로, 시간 안에 준비되지 않으면 1로 끝납니다. 준비되지 않은 클러스터에서 연결성 테스트를 ' +
        '돌리면 테스트가 아니라 설치 문제 때문에 실패하므로 먼저 확인합니다.\n\n' +
        'cilium status의 요약은 터미널이 아니어도 항상 색 코드가 붙고, --wait는 기다리는 동안 화면을 지웠다 다시 그립니다. ' +
        '그래서 출력의 글자를 찾지 않고 명령이 끝난 상태(exit 코드)로 판단합니다. --interactive=false는 다시 그리지 않고 ' +
        '마지막 요약만 출력하게 합니다.',
      'Cilium이 준비되지 않았습니다. 위 출력의 Errors/Warnings 줄을 보고 설치 문제를 먼저 해결하세요. ' +
        '그래야 연결성 테스트 결과를 믿을 수 있으므로 멈춥니다.',
    ),
    {
      id: 'connectivity-test',
      title: '연결성 테스트 실행',
      risk: 'change',
      explanation:
        '시험용 네임스페이스 cilium-test-1에 클라이언트와 echo 서버 파드를 만들고 수십 가지 시나리오를 돌립니다. ' +
        'cilium-cli 0.18.9부터는 클러스터 전체 정책(CiliumClusterwideNetworkPolicy) 시험용으로 cilium-test-ccnp1, ' +
        'cilium-test-ccnp2 네임스페이스도 만듭니다. 노드가 둘 이상이면 노드 간 연결도 기본으로 시험하므로 원문의 ' +
        '--node-to-node 같은 옵션은 필요 없습니다(그런 옵션은 없습니다). 네트워크 정책 시험(client-egress, echo-ingress, ' +
        'all-ingress-deny 등)도 기본으로 포함됩니다.\n\n' +
        '몇 분에서 십여 분 걸리고, 시험용 이미지를 quay.io에서 받습니다. 기본으로 외부 주소(one.one.one.one, 1.1.1.1)에도 ' +
        '접속해 보므로 인터넷이 막힌 클러스터에서는 그 시험이 실패합니다. 에이전트 로그의 오류(check-log-errors)와 예상하지 ' +
        '못한 드롭(no-unexpected-packet-drops)도 시험하므로, 다른 절차로 에이전트를 막 재시작한 직후라면 그 시험이 실패할 수 ' +
        '있습니다. 그때는 잠시 뒤 이 단계부터 다시 실행하세요.\n\n' +
        '먼저 Cilium이 준비됐는지 다시 확인하므로 이 단계만 따로 실행해도 안전합니다. 출력은 현재 디렉터리의 ' +
        'cilium-connectivity-test.log에도 남기고, 성공 줄이 없으면 시험용 파드를 살펴볼 수 있도록 네임스페이스를 남겨 두고 ' +
        '멈춥니다. 다시 실행하면 시험을 다시 합니다.',
      requires: [ciliumIsReady],
      command: () => sh`
        rc=0
        cilium connectivity test | tee cilium-connectivity-test.log || rc=$?
      `,
      ensures: [
        {
          holds: '연결성 테스트가 exit 0으로 끝나고 All N tests (M actions) successful을 출력함',
          test: () =>
            sh`test "$rc" -eq 0 && grep -Eq 'All [0-9]+ tests [(][0-9]+ actions[)] successful' cilium-connectivity-test.log`,
          otherwise:
            '연결성 테스트가 성공을 보고하지 않았습니다. 위의 Test Report와 cilium-connectivity-test.log를 확인하세요. ' +
            '시험용 네임스페이스는 살펴볼 수 있도록 남겨 둡니다.',
        },
      ],
      sampleOutput: [
        'ℹ️  Cilium version: 1.18.4',
        '🏃[cilium-test-1] Running 123 tests ...',
        '[=] [cilium-test-1] Test [no-policies] [1/123]',
        '....................',
        '…',
        '✅ [cilium-test-1] All 62 tests (579 actions) successful, 61 tests skipped, 1 scenarios skipped.',
      ].join('\n'),
      timeoutSeconds: 1800,
    },
    {
      id: 'cleanup-test-namespaces',
      title: '시험용 네임스페이스 삭제',
      risk: 'destructive',
      explanation:
        '연결성 테스트는 끝나도 시험용 네임스페이스를 남깁니다. 이름이 cilium-test, cilium-test-<숫자>, ' +
        'cilium-test-ccnp1, cilium-test-ccnp2인 네임스페이스만 골라 지웁니다. 같은 이름을 다른 용도로 쓰고 있다면 이 단계를 ' +
        '실행하지 마세요.\n\n' +
        '실패한 시험의 흔적을 지우지 않도록, 현재 디렉터리의 cilium-connectivity-test.log에 성공 줄이 있을 때만 지웁니다. ' +
        '실패한 뒤 살펴보고 나서 지우려면 kubectl delete namespace로 직접 지우세요. 지울 네임스페이스가 없으면 건너뜁니다.',
      requires: [
        {
          holds: '이 디렉터리의 cilium-connectivity-test.log에 연결성 테스트 성공 줄이 있음',
          test: () => sh`grep -Eq 'All [0-9]+ tests [(][0-9]+ actions[)] successful' cilium-connectivity-test.log`,
          otherwise:
            '마지막 연결성 테스트가 성공하지 않았거나 이 디렉터리에 cilium-connectivity-test.log가 없습니다. ' +
            '실패의 흔적인 시험용 네임스페이스를 지우지 않고 멈춥니다. 살펴본 뒤에는 ' +
            'kubectl delete namespace cilium-test-1 cilium-test-ccnp1 cilium-test-ccnp2로 직접 지우세요.',
        },
      ],
      alreadyDone: {
        holds: 'cilium-test 시험용 네임스페이스가 하나도 없음',
        test: () =>
          sh`ns=$(kubectl get namespaces -o name) && ! grep -Eq '^namespace/cilium-test(-[0-9]+|-ccnp[12])?$' <<<"$ns"`,
      },
      command: () => sh`
        kubectl delete $(kubectl get namespaces -o name | grep -E '^namespace/cilium-test(-[0-9]+|-ccnp[12])?$') --timeout=5m
      `,
      sampleOutput: [
        'namespace "cilium-test-1" deleted',
        'namespace "cilium-test-ccnp1" deleted',
        'namespace "cilium-test-ccnp2" deleted',
      ].join('\n'),
      timeoutSeconds: 400,
    },
  ],
  verify: [],
});
