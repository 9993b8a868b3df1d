/**
 * Seed §3 "Connectivity Test", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md rows 39–42):
 * `cilium status --wait` first, the real test with its real flags only, and removal of the test namespaces it leaves.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';

export default defineRunbook({
  id: 'connectivity-test',
  title: 'Cilium 연결성 테스트 (cilium connectivity test)',
  summary:
    'cilium CLI로 Cilium이 준비됐는지 확인한 뒤 공식 연결성 테스트를 실행합니다. 테스트는 cilium-test-1 네임스페이스에 ' +
    '시험용 파드를 띄우고 파드 간, 노드 간, 서비스, 정책, 외부 연결을 확인합니다. 끝나면 시험용 네임스페이스를 지웁니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'cilium'],
  params: {},
  steps: [
    {
      id: 'cilium-status',
      title: 'Cilium 준비 상태 확인',
      risk: 'read',
      explanation:
        'cilium status --wait는 에이전트, 오퍼레이터, Envoy가 모두 준비될 때까지(기본 5분) 기다렸다가 상태를 출력합니다. ' +
        '준비되지 않은 클러스터에서 연결성 테스트를 돌리면 테스트가 아니라 설치 문제 때문에 실패하므로 먼저 확인합니다.',
      ...showAndCheck(() => sh`cilium status --wait`, {
        ere: 'Cilium:[[:space:]]+OK',
        holds: 'Cilium이 OK',
        otherwise:
          'Cilium이 준비되지 않았습니다. 설치 문제를 먼저 해결해야 연결성 테스트 결과를 믿을 수 있으므로 멈춥니다.',
      }),
      sampleOutput: [
        '    /¯¯\\',
        ' /¯¯\\__/¯¯\\    Cilium:             OK',
        ' \\__/¯¯\\__/    Operator:           OK',
        ' /¯¯\\__/¯¯\\    Envoy DaemonSet:    OK',
        ' \\__/¯¯\\__/    Hubble Relay:       disabled',
        '    \\__/       ClusterMesh:        disabled',
      ].join('\n'),
      timeoutSeconds: 420,
    },
    {
      id: 'connectivity-test',
      title: '연결성 테스트 실행',
      risk: 'change',
      explanation:
        '시험용 네임스페이스 cilium-test-1에 클라이언트와 echo 서버 파드를 만들고 수십 가지 시나리오를 돌립니다. ' +
        '노드가 둘 이상이면 노드 간 연결도 기본으로 시험하므로 원문의 --node-to-node 같은 옵션은 필요 없습니다(그런 옵션은 없습니다). ' +
        '네트워크 정책 시험(client-egress, echo-ingress, all-ingress-deny 등)도 기본으로 포함됩니다.\n\n' +
        '몇 분에서 십여 분 걸립니다. 기본으로 외부 주소(one.one.one.one, 1.1.1.1)에도 접속해 보므로 인터넷이 막힌 클러스터에서는 ' +
        '그 시험이 실패합니다. 실패하면 시험용 파드를 살펴볼 수 있도록 네임스페이스를 남겨 두고 멈춥니다.',
      command: () => sh`
        log=$(mktemp)
        cilium connectivity test | tee "$log"
      `,
      ensures: [
        {
          holds: '마지막 줄이 All N tests (M actions) successful',
          test: () => sh`grep -Eq 'All [0-9]+ tests [(][0-9]+ actions[)] successful' "$log"`,
          otherwise: '연결성 테스트가 성공을 보고하지 않았습니다. 시험용 네임스페이스는 살펴볼 수 있도록 남겨 둡니다.',
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
        '연결성 테스트는 끝나도 cilium-test-1 같은 네임스페이스를 남깁니다. 이름이 cilium-test 또는 cilium-test-<숫자>인 ' +
        '네임스페이스만 골라 지웁니다. 같은 이름을 다른 용도로 쓰고 있다면 이 단계를 실행하지 마세요.',
      command: () => sh`
        namespaces=$(kubectl get namespaces -o name | grep -E '^namespace/cilium-test(-[0-9]+)?$' || true)
        if [ -z "$namespaces" ]; then
          echo "지울 cilium-test 네임스페이스가 없습니다."
        else
          kubectl delete $namespaces --timeout=5m
        fi
      `,
      sampleOutput: 'namespace "cilium-test-1" deleted',
      timeoutSeconds: 400,
    },
  ],
  verify: [],
});
