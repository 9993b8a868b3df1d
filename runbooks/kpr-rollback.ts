/**
 * Seed §8 "롤백 (kube-proxy로 복귀)", corrected for Cilium 1.18.4
 * (shared/research/cilium-1.18-corrections.md rows 64–66).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { apiServerHost, apiServerPort, CILIUM_VERSION, upgradeReusingValues } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo, restartAgents, serviceCheck } from './lib/steps.js';

export default defineRunbook({
  id: 'kpr-rollback',
  title: 'kube-proxy로 롤백',
  summary:
    'kubeadm으로 kube-proxy를 다시 설치하고, Cilium의 KPR과 BPF masquerade를 끈 뒤 ' +
    '에이전트를 재시작하고 서비스 연결을 확인합니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm', 'kubeadm'],
  params: {
    apiServerHost,
    apiServerPort,
    kubernetesVersion: {
      type: 'version',
      label: 'Kubernetes 버전',
      description:
        '복구할 kube-proxy 이미지의 버전입니다. 클러스터 버전과 같아야 합니다. kubeadm의 기본값(stable-1)은 인터넷에서 ' +
        '최신 버전을 찾아오므로 반드시 고정합니다.',
      example: 'v1.31.4',
      detect: {
        command: sh`kubectl version -o json`,
        parse: (stdout) => {
          const match = /"serverVersion"\s*:\s*\{[^}]*"gitVersion"\s*:\s*"([^"]+)"/.exec(stdout);
          return match?.[1];
        },
        description: 'kubectl version이 보고하는 API 서버 버전(serverVersion.gitVersion)',
      },
    },
    podNetworkCidr: {
      type: 'cidr',
      label: '파드 네트워크 CIDR',
      description:
        'kube-proxy의 clusterCIDR입니다. kubeadm으로 만든 클러스터라면 kubeadm-config의 podSubnet과 같습니다.',
      example: '10.244.0.0/16',
      detect: {
        command: sh`kubectl -n kube-system get cm kubeadm-config -o jsonpath='{.data.ClusterConfiguration}'`,
        parse: (stdout) => /^\s*podSubnet:\s*"?([^"\s,]+)"?\s*$/m.exec(stdout)?.[1],
        description: 'kube-system/kubeadm-config ConfigMap의 networking.podSubnet',
      },
    },
  },
  rollback: 'kpr-enable',
  steps: [
    checkCiliumRelease(
      `이 절차는 차트 버전을 바꾸지 않고 --reuse-values를 씁니다. 이 방식은 차트 버전이 같을 때만 안전하므로 ` +
        `설치된 차트가 cilium-${CILIUM_VERSION}인지 먼저 확인합니다.`,
    ),
    helmRepo(),
    {
      id: 'restore-kube-proxy',
      title: 'kubeadm으로 kube-proxy 재설치',
      risk: 'change',
      explanation:
        '원문이 적용하던 kubernetes/kubernetes의 kube-proxy.yaml은 존재하지 않습니다. kubeadm 클러스터에서는 ' +
        'kubeadm init phase addon kube-proxy가 DaemonSet과 ConfigMap을 함께 다시 만듭니다. 버전을 고정하지 않으면 ' +
        'kubeadm이 stable-1을 찾아 다른 버전의 kube-proxy를 설치할 수 있습니다. ' +
        'kubeadm이 아닌 클러스터(k3s, 관리형 등)는 배포판의 방법으로 kube-proxy를 복구하세요.',
      command: ({ kubernetesVersion, podNetworkCidr, apiServerHost, apiServerPort }) => sh`
        kubeadm init phase addon kube-proxy \
          --kubeconfig "\${KUBECONFIG:-$HOME/.kube/config}" \
          --kubernetes-version ${kubernetesVersion} \
          --pod-network-cidr ${podNetworkCidr} \
          --apiserver-advertise-address ${apiServerHost} \
          --apiserver-bind-port ${apiServerPort}
      `,
      alreadyDone: {
        holds: 'kube-proxy DaemonSet이 있음',
        test: () => sh`kubectl -n kube-system get ds kube-proxy -o name`,
      },
      sampleOutput: '[addons] Applied essential addon: kube-proxy',
    },
    {
      id: 'wait-kube-proxy',
      title: 'kube-proxy 준비 대기',
      risk: 'read',
      explanation: '모든 노드에서 kube-proxy가 준비될 때까지 기다립니다. 준비되기 전에 KPR을 끄면 서비스가 끊깁니다.',
      command: () => sh`kubectl -n kube-system rollout status ds/kube-proxy --timeout=5m`,
      sampleOutput: 'daemon set "kube-proxy" successfully rolled out',
      timeoutSeconds: 400,
    },
    {
      id: 'helm-disable-kpr',
      title: 'KPR과 BPF masquerade 끄기',
      risk: 'change',
      explanation:
        '원문처럼 kubeProxyReplacement=false만 바꾸면 §1.1에서 켠 bpf.masquerade=true가 남고, 1.18 에이전트는 ' +
        '"BPF masquerade requires NodePort" 오류로 모든 노드에서 기동하지 못합니다. 그래서 bpf.masquerade=false도 함께 설정합니다.',
      command: () => upgradeReusingValues('kubeProxyReplacement=false', 'bpf.masquerade=false'),
      requires: [chartIsPinned],
      alreadyDone: {
        holds: 'Helm values가 kubeProxyReplacement: false',
        test: () => sh`helm get values cilium -n kube-system -o yaml | grep -Eq '^kubeProxyReplacement: "?false"?$'`,
      },
    },
    restartAgents('바뀐 설정으로 에이전트를 다시 띄우고 모든 노드에서 준비될 때까지 기다립니다.'),
  ],
  verify: [
    {
      id: 'verify-kpr-off',
      title: 'KubeProxyReplacement 비활성 확인',
      risk: 'read',
      explanation: '에이전트가 서비스 처리를 kube-proxy에 돌려주었는지 확인합니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, {
        ere: '^KubeProxyReplacement:[[:space:]]+False',
        holds: 'KubeProxyReplacement가 False',
        otherwise:
          '에이전트가 아직 kube-proxy replacement를 쓰고 있습니다. helm-disable-kpr와 restart-agents가 끝났는지 확인하세요.',
      }),
      sampleOutput: 'KubeProxyReplacement:    False',
    },
    serviceCheck('임시 nginx 파드와 서비스로 kube-proxy 경로의 서비스 연결을 확인하고, 끝나면 지웁니다.'),
  ],
});
