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
  otherwise: 'Cilium이 kube-proxy replacement를 켜지 않았습니다. 에이전트 로그와 Helm values를 확인하세요.',
};

export default defineRunbook({
  id: 'kpr-enable',
  title: 'kube-proxy Replacement 활성화',
  summary:
    'Cilium의 eBPF 서비스 로드밸런싱(kube-proxy replacement)을 켜고, 동작을 확인한 뒤 kube-proxy를 제거합니다. ' +
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
        '지금 적용된 사용자 values를 kpr-rollback이 쓸 백업으로 남깁니다. -o yaml이 없으면 Helm이 "USER-SUPPLIED VALUES:" ' +
        '머리말을 붙여 올바른 YAML이 아니게 되므로 -o yaml로 저장합니다. 첫 줄에는 이 values가 속한 릴리스 리비전을 ' +
        '"# cilium revision N" 주석으로 적어 둡니다. kpr-rollback은 이 번호로 파일이 KPR을 켜기 직전 것인지 확인합니다.\n\n' +
        '다시 실행해도 백업을 KPR 이후 values로 덮어쓰지 않도록, values에 이미 kubeProxyReplacement: true가 있거나 ' +
        '파일이 지금 리비전의 values이면 건너뜁니다. 다음 단계의 업그레이드는 이 파일을 읽지 않습니다(--reuse-values).',
      command: () => sh`
        rev=$(${releaseRevision})
        { echo "# cilium revision $rev"; helm get values cilium -n kube-system -o yaml; } > ${VALUES_BACKUP}.tmp
        mv ${VALUES_BACKUP}.tmp ${VALUES_BACKUP}
        echo "${VALUES_BACKUP}에 리비전 $rev의 values를 저장했습니다."
      `,
      alreadyDone: {
        holds: 'KPR이 이미 켜져 있어 덮어쓰면 안 되거나, 백업 파일이 지금 리비전의 values임',
        test: () =>
          sh`helm get values cilium -n kube-system -o yaml | grep -Eq '^kubeProxyReplacement: "?true"?$' || [ "$(head -n 1 ${VALUES_BACKUP} 2>/dev/null)" = "# cilium revision $(${releaseRevision})" ]`,
      },
    },
    {
      id: 'helm-upgrade',
      title: 'kube-proxy replacement 켜기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        '지금 릴리스의 values는 그대로 두고(--reuse-values) KPR 설정만 --set으로 더합니다. 앞 단계의 파일을 --values로 ' +
        '넘기지 않으므로, 중간에 다른 업그레이드가 있었다가 --from으로 이어 실행해도 오래된 파일이 새 설정을 지우는 일이 ' +
        '없습니다. --reuse-values는 차트 버전이 같을 때만 안전하므로 차트가 cilium-' +
        CILIUM_VERSION +
        '인지 이 단계에서 다시 ' +
        '확인하고, --version으로 고정합니다.\n\n' +
        'k8sServiceHost는 kube-proxy 없이 에이전트가 API 서버에 닿을 주소입니다. values에 이미 있으면 그대로 두고, 없으면 ' +
        'auto로 둡니다. auto는 차트가 kube-public/cluster-info(kubeadm이 만드는 ConfigMap)의 server를 읽어 채우며, ' +
        '그 주소는 노드의 kubelet과 kube-proxy가 이미 쓰는 주소입니다. cluster-info가 없을 때만 apiServerHost/apiServerPort ' +
        '매개변수를 씁니다. 어느 쪽이든 루프백 주소(kind, 터널, 포트 포워딩)면 노드에서 닿지 않으므로 멈춥니다.\n\n' +
        'bpf.masquerade=true는 커널 5.10 이상에서 eBPF 호스트 라우팅을 자동으로 켭니다. 원문의 bpf.tproxy는 L7 정책용 베타 ' +
        '기능이고 KPR과 관계가 없어 뺐습니다. k8sServiceHost가 바뀌면 에이전트 파드 템플릿이 바뀌어 업그레이드만으로 ' +
        '에이전트가 다시 뜹니다. 그래서 마지막에 그 롤아웃이 끝나기를 기다립니다(다음 단계가 두 번째 재시작을 하지 않도록).',
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
          holds:
            'k8sServiceHost로 쓸 주소(values의 값, 없으면 cluster-info의 server, 그것도 없으면 apiServerHost)가 루프백이 아님',
          test: ({ apiServerHost }) =>
            sh`h=$(helm get values cilium -n kube-system -o yaml | sed -n 's/^k8sServiceHost: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p'); if [ -z "$h" ] || [ "$h" = auto ]; then h=$(kubectl -n kube-public get cm cluster-info -o jsonpath='{.data.kubeconfig}' 2>/dev/null | sed -n 's#^ *server: *https://\[\{0,1\}\([^]/]*\)\]\{0,1\}:[0-9]*$#\1#p' || true); fi; [ -n "$h" ] || h=${apiServerHost}; ! grep -Eq '^(127[.]|::1$|localhost$|0[.]0[.]0[.]0$)' <<<"$h"`,
          otherwise:
            'k8sServiceHost로 쓸 API 서버 주소가 루프백(127.x, ::1, localhost)입니다. kind나 터널, 포트 포워딩에서 ' +
            '작업 컴퓨터가 쓰는 주소라 노드에서는 닿지 않고, 이대로 켜면 모든 에이전트가 API 서버를 잃습니다. ' +
            'values의 k8sServiceHost, kube-public/cluster-info의 server, --param apiServerHost 가운데 쓰인 것을 노드에서 닿는 ' +
            '컨트롤 플레인 IP나 VIP로 고친 뒤 다시 실행하세요.',
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
        '지우기 전에 DaemonSet과 ConfigMap을 -o yaml로 ' +
        KUBE_PROXY_BACKUP +
        '에 백업합니다. ConfigMap에는 kube-proxy의 ' +
        '모드(iptables/ipvs/nftables)와 clusterCIDR, API 서버 주소가 들어 있어, kpr-rollback은 이 파일로 kube-proxy를 ' +
        '그대로 되살리고 다음 단계는 이 모드에 맞는 노드 정리를 고릅니다. 둘 다 있을 때만 백업을 새로 쓰므로, 하나만 지워진 ' +
        '상태에서 다시 실행해도 온전한 백업을 덮어쓰지 않습니다.\n\n' +
        'ConfigMap도 지워야 kubeadm 업그레이드 때 kube-proxy가 다시 설치되지 않습니다. kube-proxy를 지우면 기존 서비스 연결이 ' +
        '끊길 수 있으니 유지보수 시간에 실행하세요. 이 단계는 앞 단계를 건너뛰고 실행해도(--from, 블록만 복사) 에이전트가 ' +
        'KPR True인지 스스로 다시 확인합니다.',
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
          holds:
            'kube-proxy 백업이 있거나, DaemonSet과 ConfigMap이 둘 다 있어 지금 백업할 수 있음(둘 다 없으면 지울 것도 없음)',
          test: () =>
            sh`[ -s ${KUBE_PROXY_BACKUP} ] || [ "$(kubectl -n kube-system get ds,cm kube-proxy --ignore-not-found -o name | wc -l)" -ne 1 ]`,
          otherwise:
            'kube-proxy DaemonSet과 ConfigMap 가운데 하나만 남았고 백업 파일(' +
            KUBE_PROXY_BACKUP +
            ')도 이 디렉터리에 없습니다. ' +
            '백업 없이 지우면 모드와 clusterCIDR을 잃으므로 멈춥니다. 백업이 있는 디렉터리에서 실행하거나, 남은 객체를 ' +
            'kubectl -n kube-system get ds,cm kube-proxy -o yaml로 직접 보관한 뒤 지우세요.',
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
        'kube-proxy가 노드에 남긴 규칙은 노드마다 root로 직접 지워야 합니다. runbook은 이 명령을 노드에서 실행하지 않고, ' +
        '운영자가 모든 노드에서 실행했는지 확인만 받습니다. 앞 단계가 출력한 kube-proxy 모드(백업의 mode, 비어 있으면 iptables)에 ' +
        '해당하는 부분이 필요한 정리입니다. 스크립트는 노드에 실제로 남은 것만 지웁니다: IPv4와 IPv6의 KUBE-* iptables 규칙' +
        '(iptables 모드, ipvs 모드도 일부 사용), nftables 모드의 ip/ip6 kube-proxy 테이블, ipvs 모드의 IPVS 가상 서버와 ' +
        'kube-ipvs0 인터페이스(ipvsadm 필요).',
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
