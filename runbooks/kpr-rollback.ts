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
    'Cilium의 KPR과 BPF masquerade를 끄고 서비스 연결을 확인합니다.',
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
        `${KUBE_PROXY_BACKUP}이 있으면 resourceVersion을 빼고 다시 적용합니다(모드와 clusterCIDR이 그대로). ` +
        '없으면 kube-system/kubeadm-config의 설정으로 kubeadm을 실행합니다. kubeadm-config가 없는 클러스터는 여기서 멈추니, ' +
        '배포판의 방법으로 kube-proxy를 되살린 뒤 --from wait-kube-proxy로 이어 실행하세요.',
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
          holds: `${KUBE_PROXY_BACKUP}이나 kubeadm-config가 있음`,
          test: () =>
            sh`[ -s ${KUBE_PROXY_BACKUP} ] || kubectl -n kube-system get cm kubeadm-config -o name >/dev/null`,
          otherwise:
            `${KUBE_PROXY_BACKUP}도 kubeadm-config도 없습니다. 백업이 있는 디렉터리에서 실행하거나, 배포판의 방법으로 ` +
            'kube-proxy를 되살린 뒤 --from wait-kube-proxy로 이어 실행하세요.',
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
        'kube-proxy에는 readiness probe가 없어 rollout status만으로는 부족합니다. 로그에서 API 서버와 동기화했는지 확인합니다(첫 파드).',
      command: () => sh`kubectl -n kube-system rollout status ds/kube-proxy --timeout=5m`,
      ensures: [{ ...kubeProxySynced, wait: { attempts: 6, intervalSeconds: 5 } }],
      sampleOutput: 'daemon set "kube-proxy" successfully rolled out',
      timeoutSeconds: 400,
    },
    {
      id: 'helm-disable-kpr',
      title: 'KPR과 BPF masquerade 끄기',
      risk: 'change',
      explanation:
        `${VALUES_BACKUP}의 리비전 바로 다음이 지금 리비전이면 그 파일로 KPR 이전 values를 되돌리고, 아니면 지금 values에서 ` +
        'kubeProxyReplacement와 bpf.masquerade만 false로 바꿉니다. KPR이 true가 아니고 masquerade가 에이전트가 기동할 수 있는 ' +
        '조합일 때만 건너뜁니다. 이미 맺어진 NAT 연결은 끊기니 유지보수 시간에 실행하세요.',
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
        holds: 'values의 KPR이 true가 아니고 bpf.masquerade가 에이전트가 기동할 수 있는 조합',
        test: () =>
          sh`v=$(helm get values cilium -n kube-system -o yaml) && ! grep -Eq '^kubeProxyReplacement: "?true"?$' <<<"$v" && { ! sed -n '/^bpf:/,/^[^ ]/p' <<<"$v" | grep -Eq '^  masquerade: "?true"?$' || sed -n '/^nodePort:/,/^[^ ]/p' <<<"$v" | grep -Eq '^  enabled: "?true"?$'; }`,
      },
      timeoutSeconds: 600,
    },
    restartAgents(
      '모든 에이전트가 cilium-config의 마지막 변경 뒤에 시작되었으면(업그레이드가 이미 롤아웃했으면) 건너뜁니다. 10분 안에 끝나지 ' +
        '않으면 롤아웃은 계속되니 다시 재시작하지 말고 rollout status로 기다린 뒤 --from verify-kpr-off로 이어 실행하세요.',
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
        otherwise: '에이전트가 아직 KPR을 쓰고 있습니다. helm-disable-kpr와 restart-agents가 끝났는지 확인하세요.',
      }),
      sampleOutput: 'KubeProxyReplacement:    False',
    },
    serviceCheck('임시 nginx 파드와 서비스로 kube-proxy 경로의 서비스 연결을 확인하고, 끝나면 지웁니다.'),
  ],
});
