/**
 * Undo of bandwidth-manager-enable (seed §4): BandwidthManager off, agents restarted.
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
const bandwidthOffInConfig = {
  holds: 'cilium-config의 enable-bandwidth-manager가 "true"가 아님',
  test: () =>
    sh`value=$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.data.enable-bandwidth-manager}') && test "$value" != true`,
};

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
        '이 값은 Helm values가 아니라 에이전트가 읽는 값입니다. 업그레이드 뒤에도 그대로면 약 10초 뒤 실패합니다.',
      command: () => upgradeReusingValues('bandwidthManager.enabled=false'),
      requires: [chartIsPinned],
      alreadyDone: bandwidthOffInConfig,
      timeoutSeconds: 600,
    },
    {
      ...restartAgents(
        '바뀐 설정으로 에이전트를 다시 띄우고 모든 노드에서 준비될 때까지 기다립니다. ' +
          '새 설정이 cilium-config에 있는지 먼저 보고, 모든 에이전트가 그 마지막 변경 뒤에 시작했다면 건너뜁니다.',
      ),
      requires: [
        {
          ...bandwidthOffInConfig,
          otherwise: '새 설정이 cilium-config에 없어 재시작해도 소용없습니다. helm-upgrade 단계부터 다시 실행하세요.',
        },
      ],
    },
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
