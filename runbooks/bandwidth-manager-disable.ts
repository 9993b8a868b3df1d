/**
 * Undo of bandwidth-manager-enable (seed §4): BandwidthManager off, agents restarted.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION, upgradeReusingValues } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo, restartAgents } from './lib/steps.js';

export default defineRunbook({
  id: 'bandwidth-manager-disable',
  title: 'BandwidthManager 끄기',
  summary:
    'bandwidth-manager-enable로 켠 BandwidthManager를 Helm으로 끄고 에이전트를 재시작합니다. 이후 파드의 대역폭 어노테이션은 ' +
    '적용되지 않습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'bandwidth-manager-enable',
  steps: [
    checkCiliumRelease(
      `--reuse-values는 차트 버전이 바뀌지 않을 때만 안전하므로 설치된 차트가 cilium-${CILIUM_VERSION}인지 먼저 확인합니다.`,
    ),
    helmRepo('작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.'),
    {
      id: 'helm-upgrade',
      title: 'BandwidthManager 끄기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        'bandwidthManager.enabled를 차트 기본값인 false로 돌립니다. cilium-config의 enable-bandwidth-manager가 "true"가 아니면 건너뜁니다. ' +
        '차트가 values에서 만들고 에이전트가 시작할 때 읽는 설정이므로, Helm values가 아니라 이 값을 봅니다. 업그레이드 뒤에도 값이 그대로면(Helm은 성공이라고 했지만 바뀐 것이 없으면) 2초 간격으로 다섯 번 확인한 뒤 실패합니다.',
      command: () => upgradeReusingValues('bandwidthManager.enabled=false'),
      requires: [chartIsPinned],
      alreadyDone: {
        holds: 'cilium-config의 enable-bandwidth-manager가 "true"가 아님',
        test: () =>
          sh`value=$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.data.enable-bandwidth-manager}') && test "$value" != true`,
      },
      timeoutSeconds: 600,
    },
    restartAgents(
      '바뀐 설정으로 에이전트를 다시 띄우고 모든 노드에서 준비될 때까지 기다립니다. ' +
        '모든 에이전트 파드가 cilium-config의 마지막 변경 뒤에 시작되었다면(파드의 시작 시각과 ConfigMap의 마지막 변경 시각 비교) 이미 새 설정으로 돌고 있으므로 재시작하지 않고 건너뜁니다. 재시작 명령이 끝났는데도 그보다 먼저 시작한 파드가 남아 있으면 실패합니다.',
    ),
  ],
  verify: [
    {
      id: 'verify-bandwidth-manager-off',
      title: 'BandwidthManager가 꺼졌는지 확인',
      risk: 'read',
      explanation: '에이전트가 새 설정으로 떴다면 BandwidthManager 줄이 Disabled입니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, {
        ere: '^BandwidthManager:[[:space:]]+Disabled',
        holds: 'BandwidthManager가 Disabled',
        otherwise:
          '에이전트가 아직 BandwidthManager를 쓰고 있습니다. restart-agents가 끝났는지, 위 출력의 BandwidthManager 줄을 확인하세요.',
      }),
      sampleOutput: 'BandwidthManager:        Disabled',
    },
  ],
});
