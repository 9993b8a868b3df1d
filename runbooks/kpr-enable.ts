/**
 * Seed §1.1 "kube-proxy Replacement", corrected for Cilium 1.18.4
 * (shared/research/cilium-1.18-corrections.md rows 8–19).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { apiServerHost, apiServerPort, CILIUM_VERSION } from './lib/cilium.js';
import { KUBE_PROXY_BACKUP, releaseRevision, VALUES_BACKUP } from './lib/kpr.js';
import { checkCiliumRelease, helmRepo, restartAgents, serviceCheck } from './lib/steps.js';

const kprIsTrue = {
  ere: '^KubeProxyReplacement:[[:space:]]+True',
  holds: 'KubeProxyReplacement가 True',
  otherwise: 'Cilium이 KPR을 켜지 않았습니다. 에이전트 로그와 Helm values를 확인하세요.',
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
      title: '현재 Helm values 백업',
      risk: 'read',
      explanation:
        '사용자 values를 kpr-rollback이 쓸 백업으로 저장하고, 첫 줄에 그 리비전을 "# cilium revision N"으로 적습니다. ' +
        'values에 이미 kubeProxyReplacement: true가 있거나 파일이 지금 리비전의 것이면 건너뛰어, KPR 이후 values로 덮어쓰지 않습니다.',
      command: () => sh`
        rev=$(${releaseRevision})
        { echo "# cilium revision $rev"; helm get values cilium -n kube-system -o yaml; } > ${VALUES_BACKUP}.tmp
        mv ${VALUES_BACKUP}.tmp ${VALUES_BACKUP}
        echo "${VALUES_BACKUP}에 리비전 $rev의 values를 저장했습니다."
      `,
      alreadyDone: {
        holds: 'KPR이 이미 켜져 있거나 백업이 지금 리비전의 values임',
        test: () =>
          sh`helm get values cilium -n kube-system -o yaml | grep -Eq '^kubeProxyReplacement: "?true"?$' || [ "$(head -n 1 ${VALUES_BACKUP} 2>/dev/null)" = "# cilium revision $(${releaseRevision})" ]`,
      },
    },
    {
      id: 'helm-upgrade',
      title: 'KPR 켜기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        '지금 values를 그대로 두고(--reuse-values, 그래서 차트 버전을 다시 확인) KPR 설정만 더합니다. 저장한 파일은 넘기지 않습니다. ' +
        'k8sServiceHost는 values에 있으면 그대로, 없으면 auto(kube-public/cluster-info), 그것도 없으면 매개변수이며, 루프백이면 멈춥니다. ' +
        'k8sServiceHost가 바뀌면 업그레이드만으로 에이전트가 다시 뜨므로 그 롤아웃을 기다립니다.',
      command: ({ apiServerHost, apiServerPort }) => sh`
        if helm get values cilium -n kube-system -o yaml | grep -Eq '^k8sServiceHost: +("[^"]|[^" ])'; then
          echo "k8sServiceHost는 values에 이미 있는 값을 그대로 둡니다."
          set --
        elif kubectl -n kube-public get cm cluster-info -o name >/dev/null 2>&1; then
          set -- --set k8sServiceHost=auto
        else
          set -- --set k8sServiceHost=${apiServerHost} --set k8sServicePort=${apiServerPort}
        fi
        helm upgrade cilium cilium/cilium --version ${CILIUM_VERSION} \
          --namespace kube-system \
          --reuse-values \
          --set kubeProxyReplacement=true \
          --set bpf.masquerade=true \
          "$@"
        kubectl -n kube-system rollout status ds/cilium --timeout=10m
      `,
      requires: [
        chartIsPinned,
        {
          holds: 'k8sServiceHost로 쓸 주소가 루프백이 아님',
          test: ({ apiServerHost }) =>
            sh`h=$(helm get values cilium -n kube-system -o yaml | sed -n 's/^k8sServiceHost: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p'); if [ -z "$h" ] || [ "$h" = auto ]; then h=$(kubectl -n kube-public get cm cluster-info -o jsonpath='{.data.kubeconfig}' 2>/dev/null | sed -n 's#^ *server: *https://\[\{0,1\}\([^]/]*\)\]\{0,1\}:[0-9]*$#\1#p' || true); fi; [ -n "$h" ] || h=${apiServerHost}; ! grep -Eq '^(127[.]|::1$|localhost$|0[.]0[.]0[.]0$)' <<<"$h"`,
          otherwise:
            'k8sServiceHost로 쓸 주소(values, 없으면 cluster-info, 그다음 apiServerHost)가 루프백이라 노드에서 연결할 수 없습니다. ' +
            '노드에서 연결할 수 있는 컨트롤 플레인 IP나 VIP로 고친 뒤 다시 실행하세요.',
        },
      ],
      alreadyDone: {
        holds: 'Helm values에 kubeProxyReplacement: true가 있음',
        test: () => sh`helm get values cilium -n kube-system -o yaml | grep -Eq '^kubeProxyReplacement: "?true"?$'`,
      },
      timeoutSeconds: 900,
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
      title: 'kube-proxy 백업 후 DaemonSet과 ConfigMap 삭제',
      risk: 'destructive',
      explanation:
        'DaemonSet과 ConfigMap이 둘 다 있으면 ' +
        KUBE_PROXY_BACKUP +
        '에 -o yaml로 백업하고 그 모드를 출력한 뒤 지웁니다. ' +
        'ConfigMap도 지워야 kubeadm 업그레이드 때 다시 설치되지 않습니다. 기존 서비스 연결이 끊길 수 있으니 유지보수 시간에 실행하세요. ' +
        '단독으로 실행해도 KPR True와 백업을 스스로 확인합니다.',
      command: () => sh`
        if [ "$(kubectl -n kube-system get ds,cm kube-proxy --ignore-not-found -o name | wc -l)" -eq 2 ]; then
          kubectl -n kube-system get ds,cm kube-proxy -o yaml > ${KUBE_PROXY_BACKUP}.tmp
          mv ${KUBE_PROXY_BACKUP}.tmp ${KUBE_PROXY_BACKUP}
        fi
        mode=$(sed -n 's/^ *mode: *"\{0,1\}\([a-z]*\)"\{0,1\} *$/\1/p' ${KUBE_PROXY_BACKUP} | head -n 1)
        echo "${KUBE_PROXY_BACKUP}에 백업했습니다. kube-proxy 모드: \${mode:-iptables}"
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
        {
          holds: 'kube-proxy 백업이 있거나 지금 만들 수 있음',
          test: () =>
            sh`[ -s ${KUBE_PROXY_BACKUP} ] || [ "$(kubectl -n kube-system get ds,cm kube-proxy --ignore-not-found -o name | wc -l)" -ne 1 ]`,
          otherwise:
            'kube-proxy DaemonSet과 ConfigMap 중 하나만 남았고 ' +
            KUBE_PROXY_BACKUP +
            '도 없어 멈춥니다. ' +
            '남은 객체를 -o yaml로 보관한 뒤 지우세요.',
        },
      ],
      alreadyDone: {
        holds: 'kube-proxy DaemonSet과 ConfigMap이 모두 없음',
        test: () =>
          sh`ds=$(kubectl -n kube-system get ds kube-proxy --ignore-not-found -o name) && cm=$(kubectl -n kube-system get cm kube-proxy --ignore-not-found -o name) && test -z "$ds$cm"`,
      },
      sampleOutput: [
        'kube-proxy-backup.yaml에 백업했습니다. kube-proxy 모드: iptables',
        'daemonset.apps "kube-proxy" deleted',
        'configmap "kube-proxy" deleted',
      ].join('\n'),
    },
    {
      id: 'clean-iptables',
      title: '각 노드에서 kube-proxy 규칙 정리',
      risk: 'change',
      runOn: 'each-node',
      explanation:
        '노드마다 root로 실행합니다(runbook은 확인만 받습니다). 앞 단계가 출력한 모드의 잔여물을 지우며, 스크립트는 노드에 실제로 남은 것만 지웁니다. ' +
        'ipvs 모드에는 ipvsadm이 필요합니다.',
      command: () => sh`
        # iptables 모드(ipvs 모드도 KUBE-* 체인을 씁니다): IPv4와 IPv6
        iptables-save | grep -v KUBE | iptables-restore
        if command -v ip6tables-save >/dev/null; then ip6tables-save | grep -v KUBE | ip6tables-restore; fi
        # nftables 모드
        if command -v nft >/dev/null; then
          nft list table ip kube-proxy >/dev/null 2>&1 && nft delete table ip kube-proxy
          nft list table ip6 kube-proxy >/dev/null 2>&1 && nft delete table ip6 kube-proxy
        fi
        # ipvs 모드
        if ip link show kube-ipvs0 >/dev/null 2>&1; then
          ipvsadm --clear
          ip link delete kube-ipvs0
        fi
      `,
    },
  ],
  verify: [
    serviceCheck(
      '임시 nginx 파드와 서비스를 만들고, 준비될 때까지 기다린 뒤 busybox에서 서비스 이름으로 접속합니다. ' +
        'TTY 없이 동작하고(-i만 사용), 성공하든 실패하든 끝나면 임시 리소스를 지웁니다.',
    ),
  ],
});
