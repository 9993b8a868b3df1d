/**
 * Seed §4 "사용 예시": the seed's Pod with bandwidth annotations (row 47: both annotations are supported in 1.18),
 * applied, checked in the BPF map of its node's agent, and removed.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { showAndCheckEmpty } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';

export default defineRunbook({
  id: 'bandwidth-pod-example',
  title: '대역폭 제한 파드 예시',
  summary:
    '원문의 대역폭 제한 파드(bandwidth-limited)를 현재 컨텍스트의 네임스페이스(보통 default)에 만들고, 그 파드가 뜬 노드의 ' +
    'Cilium 에이전트에서 제한이 BPF 맵에 들어갔는지 확인한 뒤 파드를 지웁니다. BandwidthManager가 켜져 있어야 하며' +
    '(bandwidth-manager-enable), 꺼져 있으면 파드를 만들기 전에 멈춥니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl'],
  params: {},
  steps: [
    {
      id: 'apply-pod',
      title: '대역폭 제한 파드 만들기',
      risk: 'change',
      explanation:
        '원문의 매니페스트를 그대로 적용합니다. 두 어노테이션 모두 1.18에서 동작합니다. egress-bandwidth는 노드의 네트워크 장치에서 ' +
        'EDT로, ingress-bandwidth는 eBPF 토큰 버킷으로 제한합니다. 값 10M은 초당 10메가비트입니다.\n\n' +
        "파일을 만들지 않고 kubectl apply -f -에 heredoc으로 넘깁니다. 'EOF'처럼 따옴표를 붙이면 셸이 본문의 $나 `를 해석하지 않습니다.\n\n" +
        'BandwidthManager가 꺼져 있으면 만들지 않고 멈춥니다. apply는 다시 실행해도 같은 파드를 그대로 둡니다.',
      command: () => sh`
        kubectl apply -f - <<'EOF'
        apiVersion: v1
        kind: Pod
        metadata:
          name: bandwidth-limited
          annotations:
            kubernetes.io/ingress-bandwidth: "10M"  # 10 Mbps
            kubernetes.io/egress-bandwidth: "10M"   # 10 Mbps
        spec:
          containers:
          - name: nginx
            image: nginx
        EOF
      `,
      requires: [
        {
          holds: '에이전트의 BandwidthManager가 EDT with BPF(켜짐)',
          test: () =>
            sh`status=$(kubectl -n kube-system exec ds/cilium -- cilium-dbg status) && grep -Eq '^BandwidthManager:[[:space:]]+EDT with BPF' <<<"$status"`,
          otherwise:
            'BandwidthManager가 꺼져 있어 대역폭 어노테이션이 적용되지 않습니다. bandwidth-manager-enable을 먼저 실행하세요.',
        },
      ],
      sampleOutput: 'pod/bandwidth-limited created',
    },
    {
      id: 'wait-pod',
      title: '파드 준비 대기',
      risk: 'read',
      explanation: '파드가 노드에 배치되고 준비될 때까지 기다립니다. 에이전트는 파드가 뜰 때 제한을 BPF 맵에 넣습니다.',
      command: () => sh`kubectl wait --for=condition=Ready pod/bandwidth-limited --timeout=120s`,
      sampleOutput: 'pod/bandwidth-limited condition met',
      timeoutSeconds: 180,
    },
    {
      id: 'check-limits',
      title: '파드가 뜬 노드에서 제한 확인',
      risk: 'read',
      explanation:
        '대역폭 제한은 노드마다 따로 관리되므로, ds/cilium이 고르는 아무 에이전트가 아니라 파드가 뜬 노드의 에이전트에게 물어야 합니다. ' +
        '파드의 노드를 읽고, 그 노드의 Cilium 파드에서 cilium-dbg bpf bandwidth list를 실행합니다.\n\n' +
        'IDENTITY 열은 보안 ID가 아니라 엔드포인트 ID이므로, 파드의 CiliumEndpoint에서 읽은 ID(status.id)의 줄을 확인합니다.\n\n' +
        'Kind처럼 노드가 중첩 네트워크 네임스페이스인 환경과, L7 CiliumNetworkPolicy가 egress에서 선택한 파드에는 제한이 적용되지 않습니다.',
      command: () => sh`
        node=$(kubectl get pod bandwidth-limited -o jsonpath='{.spec.nodeName}')
        endpoint=$(kubectl get ciliumendpoint bandwidth-limited -o jsonpath='{.status.id}')
        echo "파드의 엔드포인트 ID: $endpoint"
        agent=$(kubectl -n kube-system get pod -l k8s-app=cilium --field-selector spec.nodeName="$node" -o name)
        out=$(kubectl -n kube-system exec "$agent" -- cilium-dbg bpf bandwidth list)
        printf '%s\n' "$out"
      `,
      ensures: [
        {
          holds: '이 파드의 엔드포인트 ID 줄에 Egress 10M 제한이 있음',
          test: () => sh`grep -Eq "^$endpoint"'[[:space:]]+Egress[[:space:]].*[[:space:]]10M$' <<<"$out"`,
          otherwise:
            '이 파드(위의 엔드포인트 ID)의 10M Egress 제한이 없습니다. 그 노드의 에이전트 로그를 확인한 뒤 delete-pod 단계로 파드를 지우세요.',
        },
      ],
      sampleOutput: [
        '파드의 엔드포인트 ID: 1457',
        'IDENTITY   DIRECTION   PRIO   BANDWIDTH (BitsPerSec)',
        '1457       Egress      0      10M',
        '1457       Ingress     0      10M',
      ].join('\n'),
    },
    {
      id: 'delete-pod',
      title: '예시 파드 지우기',
      risk: 'change',
      explanation:
        '이 절차가 만든 예시 파드만 지웁니다. 확인 단계가 실패해 여기까지 오지 않았다면, 원인을 살펴본 뒤 이 명령으로 직접 지우세요.',
      command: () => sh`kubectl delete pod bandwidth-limited --ignore-not-found`,
      sampleOutput: 'pod "bandwidth-limited" deleted',
      timeoutSeconds: 120,
    },
  ],
  verify: [
    {
      id: 'verify-deleted',
      title: '예시 파드가 지워졌는지 확인',
      risk: 'read',
      explanation: '파드가 없으면 아무것도 출력되지 않습니다(--ignore-not-found).',
      ...showAndCheckEmpty(
        () => sh`kubectl get pod bandwidth-limited --ignore-not-found -o name`,
        '예시 파드 bandwidth-limited가 없음',
        '예시 파드가 아직 남아 있습니다. 삭제가 끝나지 않았다면 잠시 뒤 다시 확인하세요.',
      ),
    },
  ],
});
