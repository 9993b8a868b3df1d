/**
 * Seed §7 "시나리오 2: Network Policy가 적용 안 됨", corrected for Cilium 1.18.4
 * (shared/research/cilium-1.18-corrections.md rows 61–63): the pod's labels and identity, the policies of its
 * namespace, the agent's view on the pod's node (endpoint enforcement, identities, selectors), and the drops.
 * `cilium policy trace` no longer exists; the drops with their reasons take its place. Read-only for the cluster.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { agentOnPodNode, collectInto, diagnoseParams, locatePod } from './lib/diagnose.js';

export default defineRunbook({
  id: 'diagnose-policy',
  title: '네트워크 정책 문제 진단 자료 수집',
  summary:
    '정책이 기대대로 동작하지 않는 파드 하나를 골라, 파드의 라벨과 Identity, 그 네임스페이스의 네트워크 정책(NetworkPolicy와 ' +
    'CiliumNetworkPolicy), 파드가 도는 노드의 에이전트가 보는 엔드포인트·Identity·셀렉터, 드롭을 ' +
    'diag-<파드>-<시각>-policy 폴더에 저장하고 요약을 출력합니다. 클러스터는 바꾸지 않습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl'],
  params: diagnoseParams,
  steps: [
    locatePod,
    {
      id: 'collect',
      title: '정책 진단 자료 수집',
      risk: 'read',
      explanation:
        '정책은 라벨로 파드를 고르므로 먼저 파드의 라벨과 CiliumEndpoint(보안 Identity, 상태)를 남깁니다. 그다음 네임스페이스의 ' +
        '정책 원본(YAML)과, 그 노드의 에이전트가 실제로 적용한 내용(endpoint list의 POLICY (ingress/egress) ENFORCEMENT, ' +
        'identity list, policy selectors)을 모읍니다. 원문의 policy get은 1.18에서 deprecated이고, policy trace는 ' +
        '2023년에 없어졌으므로 대신 실제 드롭(monitor 10초, Hubble 최근 100개)을 봅니다.\n\n' +
        '현재 디렉터리에 diag-<파드>-<YYYYMMDD-HHMMSS>-policy 폴더를 만들고, 클러스터에는 아무것도 쓰지 않습니다.',
      requires: [agentOnPodNode],
      command: ({ namespace, pod }) => sh`
        ${collectInto({ namespace, pod }, sh`-policy`)}
        collect pod-labels.txt kubectl -n ${namespace} get pod ${pod} --show-labels
        collect ciliumendpoint.txt kubectl -n ${namespace} get ciliumendpoint ${pod}
        collect networkpolicies.yaml kubectl -n ${namespace} get networkpolicy -o yaml
        collect ciliumnetworkpolicies.yaml kubectl -n ${namespace} get ciliumnetworkpolicy -o yaml
        collect endpoint-list.txt kubectl -n kube-system exec $agent -c cilium-agent -- cilium-dbg endpoint list
        collect identity-list.txt kubectl -n kube-system exec $agent -c cilium-agent -- cilium-dbg identity list
        collect policy-selectors.txt kubectl -n kube-system exec $agent -c cilium-agent -- cilium-dbg policy selectors
        collect monitor-drop.txt kubectl -n kube-system exec $agent -c cilium-agent -- timeout 10 cilium-dbg monitor --type drop
        collect hubble-drops.txt kubectl -n kube-system exec $agent -c cilium-agent -- hubble observe --pod ${namespace}/${pod} --verdict DROPPED --last 100
      `,
      sampleOutput: [
        '수집 폴더: diag-was-5f7d8c6b9-qx2lm-20260113-101731-policy (노드 k8s-w2, 에이전트 pod/cilium-zr5wd)',
        '  pod-labels.txt',
        '  ciliumendpoint.txt',
        '  networkpolicies.yaml',
        '  ciliumnetworkpolicies.yaml',
        '  endpoint-list.txt',
        '  identity-list.txt',
        '  policy-selectors.txt',
        '  monitor-drop.txt (timeout으로 끝냄)',
        '  hubble-drops.txt',
      ].join('\n'),
      timeoutSeconds: 180,
    },
    {
      id: 'summary',
      title: '수집 결과 요약',
      risk: 'read',
      explanation:
        '가장 최근의 diag-<파드>-<시각>-policy 폴더에서 파일별 줄 수, 파드의 라벨, 그 노드에서 정책 적용(ENFORCEMENT)이 ' +
        '켜진 엔드포인트 줄, 그리고 드롭 이유를 횟수순으로 보여 줍니다. 정책을 넣었는데 ENFORCEMENT가 Disabled이면 정책의 ' +
        'podSelector/endpointSelector가 이 파드의 라벨과 맞지 않는 것입니다.',
      command: ({ pod }) => sh`
        dir=
        for d in diag-${pod}-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]-policy/; do dir=$d; done
        if [ ! -d "$dir" ]; then
          echo "diag-${pod}-<시각>-policy 폴더가 없습니다. collect 단계를 먼저 실행하세요." >&2
          exit 1
        fi
        echo "진단 폴더: $dir"
        wc -l "$dir"*
        echo "파드 라벨:"
        cat "$dir"pod-labels.txt
        echo "정책 적용이 켜진 엔드포인트 (이 노드):"
        grep -E '^[0-9]+ +(Enabled|Disabled) +(Enabled|Disabled)' "$dir"endpoint-list.txt | grep Enabled || echo "  없음"
        echo "드롭 이유 (cilium-dbg monitor, 10초):"
        grep -ho 'drop ([^)]*)' "$dir"monitor-drop.txt | sort | uniq -c | sort -rn || echo "  없음"
        echo "드롭 이유 (hubble observe, 최근 100개):"
        grep -hoE '[A-Za-z][A-Za-z -]* DROPPED' "$dir"hubble-drops.txt | sort | uniq -c | sort -rn || echo "  없음"
      `,
      sampleOutput: [
        '진단 폴더: diag-was-5f7d8c6b9-qx2lm-20260113-101731-policy/',
        '     2 diag-was-5f7d8c6b9-qx2lm-20260113-101731-policy/ciliumendpoint.txt',
        '    …',
        '파드 라벨:',
        'NAME                  READY   STATUS    RESTARTS   AGE   LABELS',
        'was-5f7d8c6b9-qx2lm   1/1     Running   0          12d   app=was',
        '정책 적용이 켜진 엔드포인트 (이 노드):',
        '1682       Enabled            Enabled           51389      k8s:app=was …',
        '드롭 이유 (cilium-dbg monitor, 10초):',
        '  없음',
        '드롭 이유 (hubble observe, 최근 100개):',
        '  없음',
      ].join('\n'),
    },
  ],
  verify: [],
});
