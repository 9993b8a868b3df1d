/**
 * Undo of prometheus-enable (seed §6): agent metrics, the cilium-agent Service and its ServiceMonitor removed.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned } from './lib/checks.js';
import { CILIUM_VERSION, upgradeReusingValues } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo } from './lib/steps.js';

export default defineRunbook({
  id: 'prometheus-disable',
  title: 'Prometheus 메트릭과 ServiceMonitor 끄기',
  summary:
    'prometheus-enable로 켠 에이전트 메트릭과 cilium-agent 서비스·ServiceMonitor를 Helm으로 끄고, 에이전트가 다시 배포될 때까지 ' +
    '기다립니다. 오퍼레이터의 메트릭은 차트 기본값대로 켜 둡니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'prometheus-enable',
  steps: [
    checkCiliumRelease(
      `--reuse-values는 차트 버전이 바뀌지 않을 때만 안전하므로 설치된 차트가 cilium-${CILIUM_VERSION}인지 먼저 확인합니다.`,
    ),
    helmRepo('작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.'),
    {
      id: 'helm-upgrade',
      title: '메트릭과 ServiceMonitor 끄기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        'Helm이 cilium-agent 서비스와 ServiceMonitor를 지우고, 에이전트는 메트릭 포트를 닫습니다. Prometheus에 이미 저장된 ' +
        '메트릭은 남지만 새 값은 더 수집되지 않습니다.\n\n' +
        'cilium-config에 prometheus-serve-addr가 없으면(메트릭이 꺼져 있으면) 건너뜁니다. 메트릭이 꺼지면 차트는 서비스와 ServiceMonitor도 만들지 않습니다. ' +
        '이 값은 Helm values가 아니라 에이전트가 읽는 값입니다. 업그레이드 뒤에도 그대로면 약 10초 뒤 실패합니다.',
      command: () => upgradeReusingValues('prometheus.serviceMonitor.enabled=false', 'prometheus.enabled=false'),
      requires: [chartIsPinned],
      alreadyDone: {
        holds: 'cilium-config에 prometheus-serve-addr가 없음(메트릭이 꺼져 있음)',
        test: () =>
          sh`addr=$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.data.prometheus-serve-addr}') && test -z "$addr"`,
      },
      timeoutSeconds: 600,
    },
    {
      id: 'wait-rollout',
      title: '에이전트 롤아웃 대기',
      risk: 'read',
      explanation:
        '에이전트 파드 템플릿에서 prometheus 포트가 빠지므로 DaemonSet이 스스로 다시 배포됩니다. 끝날 때까지 기다립니다.',
      command: () => sh`kubectl -n kube-system rollout status ds/cilium --timeout=10m`,
      sampleOutput: 'daemon set "cilium" successfully rolled out',
      timeoutSeconds: 660,
    },
  ],
  verify: [
    {
      id: 'verify-removed',
      title: '서비스와 ServiceMonitor가 없어졌는지 확인',
      risk: 'read',
      explanation:
        '둘 다 없으면 아무것도 출력되지 않습니다(--ignore-not-found). 그사이 Prometheus Operator를 지워 ServiceMonitor CRD가 없다면 ' +
        'kubectl이 ServiceMonitor라는 리소스 종류를 몰라 오류를 내므로, 그때는 서비스만 확인합니다(CRD가 없으면 ServiceMonitor도 있을 수 없습니다).',
      command: () => sh`
        crd=$(kubectl get crd servicemonitors.monitoring.coreos.com --ignore-not-found -o name)
        if [ -n "$crd" ]; then
          out=$(kubectl -n kube-system get svc/cilium-agent servicemonitor/cilium-agent --ignore-not-found -o name)
        else
          out=$(kubectl -n kube-system get svc/cilium-agent --ignore-not-found -o name)
        fi
        printf '%s\n' "$out"
      `,
      ensures: [
        {
          holds: '메트릭 서비스와 ServiceMonitor cilium-agent가 모두 없음',
          otherwise: '메트릭 서비스나 ServiceMonitor가 남아 있습니다. helm-upgrade 단계의 출력을 확인하세요.',
          test: () => sh`test -z "$out"`,
        },
      ],
    },
  ],
});
