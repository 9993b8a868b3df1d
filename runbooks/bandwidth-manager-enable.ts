/**
 * Seed §4 "BandwidthManager", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md rows 46–47).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION, upgradeReusingValues } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo, restartAgents } from './lib/steps.js';

/**
 * What the upgrade step leaves in cilium-config (the chart renders it from the values; the agents read it when they
 * start): its done test, and the precondition of restart-agents so a `--from restart-agents` or the block pasted
 * alone does not restart every agent for a configuration that was never applied.
 */
const bandwidthInConfig = {
  holds: 'cilium-config에 enable-bandwidth-manager: "true"가 있음',
  test: () =>
    sh`value=$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.data.enable-bandwidth-manager}') && test "$value" = true`,
};

export default defineRunbook({
  id: 'bandwidth-manager-enable',
  title: 'BandwidthManager 켜기',
  summary:
    '파드의 kubernetes.io/egress-bandwidth, kubernetes.io/ingress-bandwidth 어노테이션으로 대역폭을 제한할 수 있도록 ' +
    'Cilium의 BandwidthManager를 켜고, 에이전트를 재시작한 뒤 켜졌는지 확인합니다. bandwidth-manager-disable로 되돌릴 수 있습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'bandwidth-manager-disable',
  steps: [
    checkCiliumRelease(
      `이 절차는 --reuse-values로 값 하나만 바꿉니다. 차트 버전이 같을 때만 안전하므로 설치된 차트가 cilium-${CILIUM_VERSION}인지 ` +
        '먼저 확인합니다.',
    ),
    helmRepo('작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.'),
    {
      id: 'helm-upgrade',
      title: 'BandwidthManager 켜기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        '원문과 같은 값을 --version 1.18.4로 고정해 적용합니다. BandwidthManager는 노드의 기본 경로가 있는 장치(또는 노드 IP가 있는 장치)를 ' +
        '자동으로 골라 그 장치에서 대역폭을 제한합니다.\n\n' +
        'cilium-config에 enable-bandwidth-manager: "true"가 이미 있으면 건너뜁니다(Helm values가 아니라 에이전트가 읽는 값). 업그레이드 뒤에도 그대로면 약 10초 뒤 실패합니다.',
      command: () => upgradeReusingValues('bandwidthManager.enabled=true'),
      requires: [chartIsPinned],
      alreadyDone: bandwidthInConfig,
      timeoutSeconds: 600,
    },
    {
      ...restartAgents(
        '원문에는 재시작이 빠져 있습니다. Cilium 문서도 Helm 업그레이드 뒤에 에이전트를 재시작합니다(차트 기본값 rollOutCiliumPods=false). ' +
          '모든 노드의 에이전트가 준비될 때까지 기다립니다. ' +
          '새 설정이 cilium-config에 있는지 먼저 보고, 모든 에이전트가 그 마지막 변경 뒤에 시작했다면 건너뜁니다.',
      ),
      requires: [
        {
          ...bandwidthInConfig,
          otherwise: '새 설정이 cilium-config에 없어 재시작해도 소용없습니다. helm-upgrade 단계부터 다시 실행하세요.',
        },
      ],
    },
  ],
  verify: [
    {
      id: 'verify-bandwidth-manager',
      title: 'BandwidthManager 활성 확인',
      risk: 'read',
      explanation:
        '켜져 있으면 EDT with BPF 뒤에 혼잡 제어 알고리즘(기본 CUBIC, bandwidthManager.bbr=true이면 BBR)과 ' +
        '제한을 적용하는 장치가 나옵니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, {
        ere: '^BandwidthManager:[[:space:]]+EDT with BPF',
        holds: 'BandwidthManager가 EDT with BPF',
        otherwise:
          'BandwidthManager가 켜지지 않았습니다. 커널 5.1 이상인지, 에이전트 로그에 bandwidth 관련 오류가 있는지 확인하세요.',
      }),
      sampleOutput: 'BandwidthManager:        EDT with BPF [CUBIC] [eth0]',
    },
  ],
});
