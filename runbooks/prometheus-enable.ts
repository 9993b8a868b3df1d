/**
 * Seed §6 "Prometheus + Grafana 통합", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md
 * rows 51–52): the chart's own ServiceMonitor instead of the seed's hand-written one, which scrapes nothing.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import type { CheckInput } from '../src/runbook/model.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION, upgradeReusingValues } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo } from './lib/steps.js';

/** The chart refuses a ServiceMonitor without the Prometheus Operator's CRD (templates/validate.yaml). */
const serviceMonitorCrd: CheckInput = {
  holds: 'ServiceMonitor CRD(servicemonitors.monitoring.coreos.com)가 있음',
  test: () =>
    sh`crd=$(kubectl get crd servicemonitors.monitoring.coreos.com --ignore-not-found -o name) && test -n "$crd"`,
  otherwise:
    'ServiceMonitor CRD가 없어 차트가 업그레이드를 거부하므로 멈춥니다. Prometheus Operator(예: kube-prometheus-stack)를 먼저 설치하세요.',
};

export default defineRunbook({
  id: 'prometheus-enable',
  title: 'Prometheus 메트릭과 ServiceMonitor 켜기',
  summary:
    'Cilium 에이전트와 오퍼레이터의 Prometheus 메트릭을 켜고, 차트가 만드는 cilium-agent 서비스와 ServiceMonitor로 ' +
    'Prometheus Operator가 메트릭을 수집하게 합니다. Prometheus Operator의 CRD가 있어야 합니다. prometheus-disable로 되돌릴 수 있습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'prometheus-disable',
  steps: [
    {
      id: 'check-servicemonitor-crd',
      title: 'ServiceMonitor CRD 확인',
      risk: 'read',
      explanation:
        'ServiceMonitor는 Prometheus Operator(예: kube-prometheus-stack)가 설치하는 리소스입니다. CRD가 없으면 차트가 ' +
        '"Service Monitor requires monitoring.coreos.com/v1 CRDs" 오류로 업그레이드를 거부하므로, 여기서 먼저 확인하고 없으면 멈춥니다. ' +
        '없다면 Prometheus Operator를 먼저 설치하세요.',
      command: () => sh`kubectl get crd servicemonitors.monitoring.coreos.com --ignore-not-found`,
      ensures: [serviceMonitorCrd],
      sampleOutput: [
        'NAME                                    CREATED AT',
        'servicemonitors.monitoring.coreos.com   2025-12-01T00:00:00Z',
      ].join('\n'),
    },
    checkCiliumRelease(
      `이 절차는 --reuse-values로 값 몇 개만 바꿉니다. 차트 버전이 같을 때만 안전하므로 설치된 차트가 cilium-${CILIUM_VERSION}인지 ` +
        '먼저 확인합니다.',
    ),
    helmRepo('작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.'),
    {
      id: 'helm-upgrade',
      title: '메트릭과 ServiceMonitor 켜기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        'prometheus.enabled는 에이전트가 9962 포트로 메트릭을 내보내게 합니다. operator.prometheus.enabled는 차트 기본값이 ' +
        '이미 true이지만 원문대로 명시합니다. 원문이 손으로 만들던 ServiceMonitor 대신 prometheus.serviceMonitor.enabled=true로 ' +
        '차트가 cilium-agent 서비스(포트 이름 metrics)와 그 서비스를 가리키는 ServiceMonitor를 함께 만들게 합니다.\n\n' +
        'Prometheus가 serviceMonitorSelector로 특정 레이블이 붙은 ServiceMonitor만 고른다면, 그 레이블을 ' +
        'prometheus.serviceMonitor.labels로 더해야 수집됩니다(예: kube-prometheus-stack의 release 레이블).\n\n' +
        '이 단계만 따로 실행해도 안전하도록 CRD와 차트 버전을 다시 확인합니다. ServiceMonitor cilium-agent가 이미 있으면 건너뜁니다. ' +
        '차트는 prometheus.enabled와 prometheus.serviceMonitor.enabled가 모두 켜져 있을 때만 이것을 만들고, Helm이 업그레이드 명령 안에서 ' +
        '만들므로 명령이 끝나면 바로 확인됩니다. Helm이 성공이라고 했는데 없으면 2초 간격으로 다섯 번 확인한 뒤 실패합니다.',
      command: () =>
        upgradeReusingValues(
          'prometheus.enabled=true',
          'operator.prometheus.enabled=true',
          'prometheus.serviceMonitor.enabled=true',
        ),
      requires: [serviceMonitorCrd, chartIsPinned],
      alreadyDone: {
        holds: 'ServiceMonitor cilium-agent가 있음(차트는 메트릭이 켜져 있을 때만 만듦)',
        test: () => sh`kubectl -n kube-system get servicemonitor cilium-agent -o name`,
      },
      timeoutSeconds: 600,
    },
    {
      id: 'wait-rollout',
      title: '에이전트와 오퍼레이터 롤아웃 대기',
      risk: 'read',
      explanation:
        '메트릭을 켜면 에이전트 파드 템플릿에 prometheus 포트가 생기므로 DaemonSet이 스스로 다시 배포됩니다. ' +
        '모든 노드의 에이전트와 오퍼레이터가 준비될 때까지 기다립니다. 이미 켜져 있었다면 바로 끝납니다.',
      command: () => sh`
        kubectl -n kube-system rollout status ds/cilium --timeout=10m
        kubectl -n kube-system rollout status deploy/cilium-operator --timeout=5m
      `,
      sampleOutput: [
        'Waiting for daemon set "cilium" rollout to finish: 2 of 3 updated pods are available...',
        'daemon set "cilium" successfully rolled out',
        'deployment "cilium-operator" successfully rolled out',
      ].join('\n'),
      timeoutSeconds: 960,
    },
  ],
  verify: [
    {
      id: 'verify-service',
      title: 'cilium-agent 서비스 확인',
      risk: 'read',
      explanation:
        '차트가 만든 헤드리스 서비스입니다(CLUSTER-IP None). ServiceMonitor는 이 서비스의 metrics 포트(9962)를 수집합니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system get svc cilium-agent`, {
        ere: '^cilium-agent[[:space:]]+ClusterIP[[:space:]]+None[[:space:]]+[^[:space:]]+[[:space:]]+9962/TCP',
        holds: 'cilium-agent 서비스가 헤드리스(CLUSTER-IP None)이고 포트가 9962/TCP',
        otherwise:
          '메트릭 서비스 cilium-agent의 모양이 다릅니다. helm-upgrade 단계의 values(prometheus.serviceMonitor.enabled)를 확인하세요.',
      }),
      sampleOutput: [
        'NAME           TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE',
        'cilium-agent   ClusterIP   None         <none>        9962/TCP   1m',
      ].join('\n'),
    },
    {
      id: 'verify-servicemonitor',
      title: 'ServiceMonitor 확인',
      risk: 'read',
      explanation: 'Prometheus Operator가 읽는 ServiceMonitor cilium-agent가 kube-system에 있어야 합니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system get servicemonitor cilium-agent`, {
        ere: '^cilium-agent[[:space:]]',
        holds: 'ServiceMonitor cilium-agent가 있음',
        otherwise:
          'ServiceMonitor cilium-agent가 없습니다. Prometheus Operator CRD가 있는지와 helm-upgrade 단계의 출력을 확인하세요.',
      }),
      sampleOutput: ['NAME           AGE', 'cilium-agent   1m'].join('\n'),
    },
    {
      id: 'verify-endpoints',
      title: '수집 대상 확인',
      risk: 'read',
      explanation:
        '서비스가 실제 에이전트 파드를 가리키는지 EndpointSlice로 확인합니다. 에이전트는 호스트 네트워크를 쓰므로 ENDPOINTS에 노드 IP가 ' +
        '보이고 PORTS에 9962가 있으면, Prometheus가 모든 노드의 메트릭을 수집할 수 있습니다. Envoy를 별도 DaemonSet 없이 에이전트 안에서 ' +
        '돌리는 설치(envoy.enabled=false)라면 서비스에 envoy-metrics 포트가 더해져 PORTS가 9962,9964로 보입니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system get endpointslices -l kubernetes.io/service-name=cilium-agent`, {
        ere: '^cilium-agent-[^[:space:]]+[[:space:]]+IPv4[[:space:]]+([0-9]+,)*9962(,[0-9]+)*[[:space:]]+[0-9]',
        holds: 'cilium-agent의 EndpointSlice에 포트 9962와 노드 IP가 있음',
        otherwise: '수집 대상(노드 IP:9962)이 없습니다. 에이전트 파드가 준비되었는지 확인하세요.',
      }),
      sampleOutput: [
        'NAME                 ADDRESSTYPE   PORTS   ENDPOINTS                                   AGE',
        'cilium-agent-x7k2d   IPv4          9962    192.168.1.187,192.168.1.188,192.168.1.189   1m',
      ].join('\n'),
    },
  ],
});
