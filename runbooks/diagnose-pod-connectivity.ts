/**
 * Seed §7 "시나리오 1: Pod 간 통신 안 됨", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md
 * rows 57–60): everything from the agent on the pod's node, in-pod `cilium-dbg`, bounded monitor, node-local hubble,
 * collected into a timestamped folder with a summary. Read-only for the cluster.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { agentOnPodNode, collectInto, diagnoseParams, locatePod } from './lib/diagnose.js';

export default defineRunbook({
  id: 'diagnose-pod-connectivity',
  title: '파드 연결 문제 진단 자료 수집',
  summary:
    '통신이 안 되는 파드 하나를 골라, 그 파드가 도는 노드의 Cilium 에이전트에서 상태, 엔드포인트, 서비스(BPF 로드밸런서), ' +
    '드롭, 에이전트 로그, Hubble 흐름을 모아 diag-<파드>-<시각> 폴더에 저장하고 요약을 출력합니다. 클러스터는 바꾸지 않고, ' +
    '작업하는 컴퓨터의 현재 디렉터리에 파일만 만듭니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl'],
  params: diagnoseParams,
  steps: [
    locatePod,
    {
      id: 'collect',
      title: '진단 자료 수집',
      risk: 'read',
      explanation:
        '각 명령의 출력을 폴더 안의 파일 하나에 담습니다. 한 명령이 실패해도(예: Hubble이 꺼져 있음) 나머지는 계속 모으고, ' +
        '실패한 파일 옆에 exit 코드를 표시합니다. 에이전트 안의 명령은 모두 cilium-dbg입니다.\n\n' +
        'cilium-dbg monitor는 스스로 끝나지 않으므로 에이전트 안에서 timeout 10으로 10초만 봅니다(끝나면 exit 124, 정상). ' +
        'Hubble Relay가 없어도 되도록 에이전트 이미지에 들어 있는 hubble로 그 노드의 흐름만 봅니다. ' +
        '클러스터에는 아무것도 쓰지 않고, 현재 디렉터리에 diag-<파드>-<YYYYMMDD-HHMMSS> 폴더를 만듭니다.',
      requires: [agentOnPodNode],
      command: ({ namespace, pod }) => sh`
        ${collectInto({ namespace, pod }, sh``)}
        collect pod.txt kubectl -n ${namespace} get pod ${pod} -o wide
        collect events.txt kubectl -n ${namespace} get events --field-selector involvedObject.name=${pod}
        collect cilium-status.txt kubectl -n kube-system exec $agent -c cilium-agent -- cilium-dbg status
        collect endpoint-list.txt kubectl -n kube-system exec $agent -c cilium-agent -- cilium-dbg endpoint list
        collect service-list.txt kubectl -n kube-system exec $agent -c cilium-agent -- cilium-dbg service list
        collect bpf-lb-list.txt kubectl -n kube-system exec $agent -c cilium-agent -- cilium-dbg bpf lb list
        collect monitor-drop.txt kubectl -n kube-system exec $agent -c cilium-agent -- timeout 10 cilium-dbg monitor --type drop
        collect hubble-drops.txt kubectl -n kube-system exec $agent -c cilium-agent -- hubble observe --pod ${namespace}/${pod} --verdict DROPPED --last 100
        collect agent-log.txt kubectl -n kube-system logs $agent -c cilium-agent --tail=300 --timestamps
      `,
      sampleOutput: [
        '수집 폴더: diag-was-5f7d8c6b9-qx2lm-20260113-101502 (노드 k8s-w2, 에이전트 pod/cilium-zr5wd)',
        '  pod.txt',
        '  events.txt',
        '  cilium-status.txt',
        '  endpoint-list.txt',
        '  service-list.txt',
        '  bpf-lb-list.txt',
        '  monitor-drop.txt (timeout으로 끝냄)',
        '  hubble-drops.txt',
        '  agent-log.txt',
      ].join('\n'),
      timeoutSeconds: 180,
    },
    {
      id: 'summary',
      title: '수집 결과 요약',
      risk: 'read',
      explanation:
        '가장 최근의 diag-<파드>-<시각> 폴더에서 파일별 줄 수와, cilium-dbg monitor와 Hubble이 본 드롭 이유(Policy denied 등)를 ' +
        '횟수순으로 보여 줍니다. 드롭이 없으면 "없음"이 나옵니다. Policy denied가 보이면 네트워크 정책이 막은 것이니 ' +
        'diagnose-policy로 이어서 보세요.',
      command: ({ pod }) => sh`
        dir=
        for d in diag-${pod}-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]/; do dir=$d; done
        if [ ! -d "$dir" ]; then
          echo "diag-${pod}-<시각> 폴더가 없습니다. collect 단계를 먼저 실행하세요." >&2
          exit 1
        fi
        echo "진단 폴더: $dir"
        wc -l "$dir"*
        echo "드롭 이유 (cilium-dbg monitor, 10초):"
        grep -ho 'drop ([^)]*)' "$dir"monitor-drop.txt | sort | uniq -c | sort -rn || echo "  없음"
        echo "드롭 이유 (hubble observe, 최근 100개):"
        grep -hoE '[A-Za-z][A-Za-z -]* DROPPED' "$dir"hubble-drops.txt | sort | uniq -c | sort -rn || echo "  없음"
      `,
      sampleOutput: [
        '진단 폴더: diag-was-5f7d8c6b9-qx2lm-20260113-101502/',
        '   301 diag-was-5f7d8c6b9-qx2lm-20260113-101502/agent-log.txt',
        '    12 diag-was-5f7d8c6b9-qx2lm-20260113-101502/bpf-lb-list.txt',
        '    …',
        '   412 total',
        '드롭 이유 (cilium-dbg monitor, 10초):',
        '      3 drop (Policy denied)',
        '드롭 이유 (hubble observe, 최근 100개):',
        '      3 Policy denied DROPPED',
      ].join('\n'),
    },
  ],
  verify: [],
});
