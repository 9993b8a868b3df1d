/**
 * Seed §8 "롤백 (kube-proxy로 복귀)", corrected for Cilium 1.18.4
 * (shared/research/cilium-1.18-corrections.md rows 64–66; review 2026-12-06 rows 4–9, issue 11 items 3, 4, 9).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { KUBE_PROXY_BACKUP, kubeProxySynced, releaseRevision, VALUES_BACKUP } from './lib/kpr.js';
import { checkCiliumRelease, helmRepo, restartAgents, serviceCheck } from './lib/steps.js';

export default defineRunbook({
  id: 'kpr-rollback',
  title: 'kube-proxy로 롤백',
  summary:
    'kpr-enable이 남긴 백업(없으면 kubeadm)으로 kube-proxy를 되살리고, kube-proxy가 API 서버와 동기화한 것을 확인한 뒤 ' +
    'Cilium의 kube-proxy replacement와 BPF masquerade를 끄고 서비스 연결을 확인합니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm', 'kubeadm'],
  params: {},
  rollback: 'kpr-enable',
  steps: [
    checkCiliumRelease(
      `이 절차는 차트 버전을 바꾸지 않습니다. --reuse-values는 차트 버전이 같을 때만 안전하므로 ` +
        `설치된 차트가 cilium-${CILIUM_VERSION}인지 먼저 확인합니다.`,
    ),
    helmRepo(),
    {
      id: 'restore-kube-proxy',
      title: 'kube-proxy 되살리기 (백업, 없으면 kubeadm)',
      risk: 'change',
      explanation:
        `kpr-enable이 kube-proxy를 지우기 전에 남긴 ${KUBE_PROXY_BACKUP}이 이 디렉터리에 있으면 그것을 다시 적용합니다. ` +
        '모드, clusterCIDR, API 서버 주소, 이미지가 지우기 전과 같습니다. 저장된 객체의 resourceVersion은 새로 만들 때 ' +
        'API 서버가 거부하므로 sed로 뺍니다.\n\n' +
        '백업이 없으면 kubeadm init phase addon kube-proxy를 클러스터 자신의 설정(kube-system/kubeadm-config의 ' +
        'ClusterConfiguration)으로 실행합니다. 버전, podSubnet, 이미지 저장소가 그 설정에서 오고, kube-proxy가 접속할 주소는 ' +
        'controlPlaneEndpoint입니다. 설정에 controlPlaneEndpoint가 없으면 kube-public/cluster-info의 server를 넣습니다. ' +
        '작업 컴퓨터의 kubeconfig 주소(루프백일 수 있음)는 쓰지 않습니다. kubeadm은 하나의 파일만 받으므로 현재 컨텍스트를 ' +
        '임시 파일로 풀어 넘기고 끝나면 지웁니다. 작업 컴퓨터의 kubeadm은 클러스터보다 한 마이너 버전 넘게 새로우면 거부합니다.\n\n' +
        'kubeadm이 아닌 클러스터(k3s, RKE2, EKS·GKE·AKS 같은 관리형)는 kubeadm-config가 없어 여기서 멈춥니다. 배포판의 방법' +
        '(k3s/RKE2는 --disable-kube-proxy 설정을 되돌리고 재시작, 관리형은 kube-proxy 애드온 재설치)으로 kube-proxy를 ' +
        '되살린 뒤 --from wait-kube-proxy로 이어 실행하세요.',
      command: () => sh`
        if [ -s ${KUBE_PROXY_BACKUP} ]; then
          echo "${KUBE_PROXY_BACKUP}의 백업으로 되살립니다."
          sed '/^    resourceVersion: /d' ${KUBE_PROXY_BACKUP} | kubectl apply -f -
        else
          echo "백업이 없어 kube-system/kubeadm-config로 kubeadm을 실행합니다."
          dir=$(mktemp -d)
          trap 'rm -rf "$dir"' EXIT
          kubectl config view --minify --flatten > "$dir/kubeconfig"
          kubectl -n kube-system get cm kubeadm-config -o jsonpath='{.data.ClusterConfiguration}' > "$dir/kubeadm.yaml"
          if ! grep -q '^controlPlaneEndpoint: *[^ ]' "$dir/kubeadm.yaml"; then
            server=$(kubectl -n kube-public get cm cluster-info -o jsonpath='{.data.kubeconfig}' | sed -n 's#^ *server: *https://##p')
            printf '\ncontrolPlaneEndpoint: %s\n' "$server" >> "$dir/kubeadm.yaml"
          fi
          kubeadm init phase addon kube-proxy --config "$dir/kubeadm.yaml" --kubeconfig "$dir/kubeconfig"
        fi
      `,
      requires: [
        {
          holds: `kube-proxy 백업(${KUBE_PROXY_BACKUP})이 있거나, kubeadm 클러스터라 kube-system/kubeadm-config가 있음`,
          test: () =>
            sh`[ -s ${KUBE_PROXY_BACKUP} ] || kubectl -n kube-system get cm kubeadm-config -o name >/dev/null`,
          otherwise:
            `이 디렉터리에 ${KUBE_PROXY_BACKUP}이 없고 kubeadm-config도 없어 kube-proxy를 만들 설정이 없습니다. ` +
            '백업이 있는 디렉터리에서 다시 실행하거나, kubeadm이 아닌 클러스터라면 배포판의 방법으로 kube-proxy를 되살린 뒤 ' +
            '--from wait-kube-proxy로 이어 실행하세요.',
        },
      ],
      alreadyDone: {
        holds: 'kube-proxy DaemonSet과 ConfigMap이 모두 있음',
        test: () => sh`kubectl -n kube-system get ds,cm kube-proxy -o name >/dev/null`,
      },
      sampleOutput:
        'kube-proxy-backup.yaml의 백업으로 되살립니다.\ndaemonset.apps/kube-proxy created\nconfigmap/kube-proxy created',
    },
    {
      id: 'wait-kube-proxy',
      title: 'kube-proxy 준비와 동기화 확인',
      risk: 'read',
      explanation:
        '모든 노드에서 kube-proxy 컨테이너가 뜰 때까지 기다린 뒤, kube-proxy가 실제로 API 서버에 닿아 서비스 규칙을 ' +
        '동기화했는지 로그로 확인합니다. kubeadm의 kube-proxy에는 readiness probe가 없어 rollout status는 컨테이너가 ' +
        '시작되기만 하면 통과하므로 그것만으로는 증거가 되지 않습니다. 로그는 DaemonSet의 첫 파드 것입니다. ' +
        '동기화되기 전에 KPR을 끄면 서비스가 끊깁니다.',
      command: () => sh`kubectl -n kube-system rollout status ds/kube-proxy --timeout=5m`,
      ensures: [{ ...kubeProxySynced, wait: { attempts: 6, intervalSeconds: 5 } }],
      sampleOutput: 'daemon set "kube-proxy" successfully rolled out',
      timeoutSeconds: 400,
    },
    {
      id: 'helm-disable-kpr',
      title: 'kube-proxy replacement와 BPF masquerade 끄기',
      risk: 'change',
      explanation:
        `kpr-enable이 저장한 ${VALUES_BACKUP}가 있고, 그 첫 줄의 리비전 바로 다음이 지금 리비전이면(KPR 업그레이드 뒤로 ` +
        '릴리스가 바뀌지 않았으면) 그 파일로 KPR 이전 values를 그대로 되돌립니다. 파일이 없거나 그 뒤 다른 업그레이드가 ' +
        '있었다면 오래된 파일이 새 설정을 지우지 않도록 파일을 쓰지 않고, 지금 values에서(--reuse-values) ' +
        'kubeProxyReplacement=false와 bpf.masquerade=false만 바꿉니다. 원문처럼 kubeProxyReplacement=false만 바꾸면 ' +
        'bpf.masquerade=true가 남아 1.18 에이전트가 "BPF masquerade requires NodePort" 오류로 모든 노드에서 기동하지 못합니다.\n\n' +
        '이미 적용됨으로 건너뛰는 것은 values에 kubeProxyReplacement: true가 없고, bpf.masquerade가 true라면 nodePort.enabled도 ' +
        'true일 때(에이전트가 기동할 수 있는 조합)뿐입니다. 원문의 롤백이 남긴 상태(KPR false, masquerade true)는 건너뛰지 ' +
        '않고 고칩니다.\n\n' +
        '주의: 마스커레이딩이 BPF에서 iptables로 바뀌므로 이미 맺어진 NAT 연결(파드에서 클러스터 밖으로 나간 연결)은 ' +
        '끊깁니다. 유지보수 시간에 실행하세요. 이 단계는 kube-proxy가 동기화했는지 스스로 다시 확인합니다.',
      command: () => sh`
        rev=$(${releaseRevision})
        if [ "$(head -n 1 ${VALUES_BACKUP} 2>/dev/null)" = "# cilium revision $((rev - 1))" ]; then
          echo "${VALUES_BACKUP}(리비전 $((rev - 1)), KPR 이전)의 values로 되돌립니다."
          helm upgrade cilium cilium/cilium --version ${CILIUM_VERSION} \\
            --namespace kube-system \\
            --values ${VALUES_BACKUP}
        else
          echo "KPR 이전 values 파일이 없거나 그 뒤 릴리스가 바뀌었습니다. 지금 values에서 두 값만 바꿉니다."
          helm upgrade cilium cilium/cilium --version ${CILIUM_VERSION} \\
            --namespace kube-system \\
            --reuse-values \\
            --set kubeProxyReplacement=false \\
            --set bpf.masquerade=false
        fi
      `,
      requires: [chartIsPinned, kubeProxySynced],
      alreadyDone: {
        holds:
          'Helm values에 kubeProxyReplacement: true가 없고, bpf.masquerade가 true라면 nodePort.enabled도 true임(에이전트가 기동할 수 있는 조합)',
        test: () =>
          sh`v=$(helm get values cilium -n kube-system -o yaml) && ! grep -Eq '^kubeProxyReplacement: "?true"?$' <<<"$v" && { ! sed -n '/^bpf:/,/^[^ ]/p' <<<"$v" | grep -Eq '^  masquerade: "?true"?$' || sed -n '/^nodePort:/,/^[^ ]/p' <<<"$v" | grep -Eq '^  enabled: "?true"?$'; }`,
      },
      timeoutSeconds: 600,
    },
    restartAgents(
      '바뀐 설정으로 에이전트를 다시 띄우고 모든 노드에서 준비될 때까지 기다립니다. 앞 단계에서 k8sServiceHost가 바뀌어 ' +
        '업그레이드만으로 에이전트가 다시 떴다면(모든 에이전트가 cilium-config의 마지막 변경 뒤에 시작됨) 건너뜁니다. ' +
        '노드가 많아 10분 안에 롤아웃이 끝나지 않으면 이 단계는 실패로 끝나지만 롤아웃은 계속됩니다. 그때는 다시 ' +
        '재시작하지 말고 kubectl -n kube-system rollout status ds/cilium으로 끝까지 기다린 뒤 --from verify-kpr-off로 ' +
        '이어 실행하세요.',
    ),
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
