/**
 * Seed §3 "유용한 명령어", split correctly (shared/research/cilium-1.18-corrections.md rows 39, 43–45): `cilium
 * status` is cilium-cli on the workstation, judged by its exit status (review 2026-12-06 rows 2, 31); service and
 * identity lists are `cilium-dbg` inside an agent pod.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { ciliumStatusStep } from './lib/cilium-cli.js';

export default defineRunbook({
  id: 'cilium-inspect',
  title: 'Cilium 상태와 서비스·Identity 조회',
  summary:
    '아무것도 바꾸지 않고 Cilium의 상태(cilium-cli), 에이전트가 가진 서비스 목록과 보안 Identity 목록(cilium-dbg)을 ' +
    '출력합니다. 서비스 목록은 KPR(kube-proxy 대체)이 서비스를 어떻게 처리하는지, Identity 목록은 네트워크 정책이 ' +
    '파드를 어떤 라벨 묶음으로 보는지 알려 줍니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'cilium'],
  params: {},
  steps: [
    ciliumStatusStep(
      'Cilium 상태 (cilium-cli)',
      '작업하는 컴퓨터의 cilium CLI가 클러스터의 Cilium 구성 요소(DaemonSet, Deployment, 이미지 버전)를 요약합니다. ' +
        '--wait는 모든 구성 요소가 오류와 경고 없이 준비될 때까지(기본 5분) 기다리고, 준비되면 0으로, 시간 안에 준비되지 ' +
        '않으면 1로 끝납니다. 요약에는 항상 색 코드가 붙으므로 출력의 글자가 아니라 이 exit 코드로 판단합니다. ' +
        '--interactive=false는 기다리는 동안 화면을 다시 그리지 않게 합니다.',
      'Cilium이 준비되지 않았습니다. 위 출력의 Errors/Warnings 줄에서 OK가 아닌 구성 요소를 확인하세요.',
    ),
    {
      id: 'service-list',
      title: '서비스 목록 (cilium-dbg service list)',
      risk: 'read',
      explanation:
        '원문의 cilium service list는 cilium CLI의 명령이 아니라서 작업하는 컴퓨터에서는 실패합니다. 에이전트 파드 안의 ' +
        'cilium-dbg로 실행합니다. ds/cilium을 주면 kubectl이 에이전트 하나를 골라 그 노드가 보는 목록을 출력합니다. ' +
        'ClusterIP 서비스는 어느 노드에서나 같지만, NodePort 서비스의 Frontend에는 그 노드의 IP가 붙고 ' +
        'externalTrafficPolicy=Local인 서비스의 Backend는 그 노드의 파드만 나오므로 노드마다 다를 수 있습니다. ' +
        'Frontend(ClusterIP:포트)마다 Backend(파드 IP:포트)가 나열됩니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg service list`, {
        ere: '^ID[[:space:]]+Frontend[[:space:]]+Service Type[[:space:]]+Backend',
        holds: 'ID Frontend Service Type Backend 머리글이 있음',
        otherwise: '서비스 목록을 읽지 못했습니다. 에이전트 파드가 실행 중인지 확인하세요.',
      }),
      sampleOutput: [
        'ID   Frontend               Service Type   Backend',
        '1    10.96.0.1:443/TCP      ClusterIP      1 => 192.168.1.187:6443/TCP',
        '2    10.96.0.10:53/UDP      ClusterIP      1 => 10.0.0.211:53/UDP',
        '                                           2 => 10.0.0.58:53/UDP',
      ].join('\n'),
    },
    {
      id: 'identity-list',
      title: 'Identity 목록 (cilium-dbg identity list)',
      risk: 'read',
      explanation:
        'Cilium은 같은 라벨 묶음을 가진 파드에 같은 숫자 Identity를 붙이고, 정책은 이 Identity로 판단합니다. ' +
        '원문의 cilium identity list도 에이전트 안의 cilium-dbg로 실행해야 합니다. 1~10은 host, world 같은 예약 Identity입니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg identity list`, {
        ere: '^1[[:space:]]+reserved:host$',
        holds: '예약 Identity 1 reserved:host가 있음',
        otherwise: 'Identity 목록을 읽지 못했습니다. 에이전트 파드가 실행 중인지 확인하세요.',
      }),
      sampleOutput: [
        'ID      LABELS',
        '1       reserved:host',
        '2       reserved:world',
        '…',
        '51389   k8s:app=was',
        '        k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name=petclinic',
        '        k8s:io.cilium.k8s.policy.cluster=default',
        '        k8s:io.cilium.k8s.policy.serviceaccount=default',
        '        k8s:io.kubernetes.pod.namespace=petclinic',
      ].join('\n'),
    },
  ],
  verify: [],
});
