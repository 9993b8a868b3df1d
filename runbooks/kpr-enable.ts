/**
 * Seed §1.1 "kube-proxy Replacement", corrected for Cilium 1.18.4
 * (shared/research/cilium-1.18-corrections.md rows 8–19).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { apiServerHost, apiServerPort, CILIUM_VERSION } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo, restartAgents, serviceCheck } from './lib/steps.js';

const kprIsTrue = {
  ere: '^KubeProxyReplacement:[[:space:]]+True',
  holds: 'KubeProxyReplacement가 True',
  otherwise: 'Cilium이 kube-proxy replacement를 켜지 않았습니다. 에이전트 로그와 Helm values를 확인하세요.',
};

export default defineRunbook({
  id: 'kpr-enable',
  title: 'kube-proxy 대체(KPR) 활성화',
  summary:
    'Cilium의 eBPF 서비스 로드밸런싱(KPR)을 켜고, 동작을 확인한 뒤 kube-proxy를 제거합니다. ' +
    '실패하면 kpr-rollback으로 kube-proxy를 되살릴 수 있습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: { apiServerHost, apiServerPort },
  rollback: 'kpr-rollback',
  steps: [
    {
      id: 'check-kube-proxy',
      title: '현재 kube-proxy 상태 확인',
      risk: 'read',
      explanation:
        'kube-proxy DaemonSet이 지금 돌고 있는지 봅니다. kubeadm으로 만들 때 kube-proxy를 건너뛴 클러스터에는 없을 수 있으며, ' +
        '그 경우 아무것도 출력되지 않습니다(--ignore-not-found).',
      command: () => sh`kubectl -n kube-system get ds kube-proxy --ignore-not-found`,
      sampleOutput: [
        'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'kube-proxy   3         3         3       3            3           kubernetes.io/os=linux   41d',
      ].join('\n'),
    },
    checkCiliumRelease(
      `이 가이드는 Cilium ${CILIUM_VERSION} 기준입니다. 설치된 Helm 릴리스의 차트가 cilium-${CILIUM_VERSION}이 아니면 ` +
        '여기서 멈춥니다. 다른 버전이라면 먼저 공식 업그레이드 가이드로 맞추세요.',
    ),
    helmRepo(),
    {
      id: 'save-values',
      title: '현재 Helm values 저장',
      risk: 'read',
      explanation:
        '지금 적용된 사용자 values를 파일로 남깁니다. -o yaml이 없으면 Helm이 "USER-SUPPLIED VALUES:" 줄을 앞에 붙여 ' +
        '올바른 YAML이 아니게 되므로 반드시 -o yaml로 저장합니다. 이 파일은 다음 단계의 입력이자 백업입니다.',
      command: () => sh`helm get values cilium -n kube-system -o yaml > cilium-values-before-kpr.yaml`,
    },
    {
      id: 'helm-upgrade',
      title: 'KPR 켜기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        '저장한 values 위에 KPR 설정을 --set으로 더합니다. 원문처럼 파일 끝에 YAML을 덧붙이면 bpf: 같은 키가 중복될 수 있어 ' +
        '--set을 씁니다. 차트 버전은 --version으로 고정합니다(없으면 저장소의 최신 차트가 설치됩니다). ' +
        'bpf.masquerade=true는 커널 5.10 이상에서 eBPF 호스트 라우팅을 자동으로 켭니다. ' +
        '원문의 bpf.tproxy는 L7 정책용 베타 기능이고 KPR과 관계가 없어 뺐습니다.',
      command: ({ apiServerHost, apiServerPort }) => sh`
        helm upgrade cilium cilium/cilium --version ${CILIUM_VERSION} \
          --namespace kube-system \
          --values cilium-values-before-kpr.yaml \
          --set kubeProxyReplacement=true \
          --set k8sServiceHost=${apiServerHost} \
          --set k8sServicePort=${apiServerPort} \
          --set bpf.masquerade=true
      `,
      requires: [chartIsPinned],
      alreadyDone: {
        holds: 'Helm values에 kubeProxyReplacement: true가 있음',
        test: () => sh`helm get values cilium -n kube-system -o yaml | grep -Eq '^kubeProxyReplacement: "?true"?$'`,
      },
      timeoutSeconds: 600,
    },
    restartAgents(
      '차트 기본값 rollOutCiliumPods=false 때문에 values만 바꿔서는 에이전트가 다시 뜨지 않을 수 있습니다. ' +
        '재시작하고 모든 노드의 에이전트가 준비될 때까지 기다립니다.',
    ),
    {
      id: 'verify-kpr',
      title: 'KubeProxyReplacement 활성 확인',
      risk: 'read',
      explanation:
        'kube-proxy를 지우기 전에 Cilium이 서비스 처리를 맡았는지 확인합니다. 에이전트 안의 CLI는 1.15부터 cilium-dbg입니다. ' +
        '1.18은 장치 이름 뒤에 IP도 출력하므로 True 여부만 봅니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, kprIsTrue),
      sampleOutput: 'KubeProxyReplacement:    True   [eth0   192.168.1.187 fe80::1 (Direct Routing)]',
    },
    {
      id: 'delete-kube-proxy',
      title: 'kube-proxy DaemonSet과 ConfigMap 삭제',
      risk: 'destructive',
      explanation:
        'ConfigMap도 지워야 kubeadm 업그레이드 때 kube-proxy가 다시 설치되지 않습니다. ' +
        'kube-proxy를 지우면 기존 서비스 연결이 끊길 수 있으니 유지보수 시간에 실행하세요.',
      command: () => sh`
        kubectl -n kube-system delete ds kube-proxy --ignore-not-found
        kubectl -n kube-system delete cm kube-proxy --ignore-not-found
      `,
      requires: [
        {
          holds: 'Cilium 에이전트의 KubeProxyReplacement가 True',
          test: () =>
            sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status | grep -Eq '^KubeProxyReplacement:[[:space:]]+True'`,
          otherwise:
            'Cilium이 아직 서비스 처리를 맡지 않았습니다. 지금 kube-proxy를 지우면 서비스가 끊기므로 멈춥니다. ' +
            'helm-upgrade와 restart-agents 단계를 먼저 끝내세요.',
        },
      ],
      alreadyDone: {
        holds: 'kube-proxy DaemonSet과 ConfigMap이 모두 없음',
        test: () =>
          sh`ds=$(kubectl -n kube-system get ds kube-proxy --ignore-not-found -o name) && cm=$(kubectl -n kube-system get cm kube-proxy --ignore-not-found -o name) && test -z "$ds$cm"`,
      },
      sampleOutput: 'daemonset.apps "kube-proxy" deleted\nconfigmap "kube-proxy" deleted',
    },
    {
      id: 'clean-iptables',
      title: '각 노드에서 kube-proxy iptables 규칙 정리',
      risk: 'change',
      runOn: 'each-node',
      explanation:
        'kube-proxy가 남긴 KUBE-* iptables 규칙은 노드마다 root로 직접 지워야 합니다. runbook은 이 명령을 노드에서 실행하지 않고, ' +
        '운영자가 모든 노드에서 실행했는지 확인만 받습니다. kube-proxy가 ipvs/nftables 모드였다면 이 한 줄로는 부족합니다.',
      command: () => sh`iptables-save | grep -v KUBE | iptables-restore`,
    },
  ],
  verify: [
    serviceCheck(
      '임시 nginx 파드와 서비스를 만들고, 준비될 때까지 기다린 뒤 busybox에서 서비스 이름으로 접속합니다. ' +
        'TTY 없이 동작하고(-i만 사용), 성공하든 실패하든 끝나면 임시 리소스를 지웁니다.',
    ),
  ],
});
