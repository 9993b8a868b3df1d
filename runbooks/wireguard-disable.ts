/**
 * Undo of wireguard-enable (seed §1.3): encryption off, agents restarted.
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
const wireguardOffInConfig = {
  holds: 'cilium-config에 enable-wireguard: "true"가 없음',
  test: () =>
    sh`value=$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.data.enable-wireguard}') && test "$value" != true`,
};

export default defineRunbook({
  id: 'wireguard-disable',
  title: 'WireGuard 암호화 끄기',
  summary:
    'wireguard-enable로 켠 WireGuard 투명 암호화를 Helm으로 끄고, 에이전트를 재시작한 뒤 암호화가 꺼졌는지 확인합니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'wireguard-enable',
  steps: [
    checkCiliumRelease(
      `--reuse-values는 차트 버전이 바뀌지 않을 때만 안전하므로 설치된 차트가 cilium-${CILIUM_VERSION}인지 먼저 확인합니다.`,
    ),
    helmRepo('작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.'),
    {
      id: 'helm-upgrade',
      title: 'WireGuard 암호화 끄기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        'encryption.enabled를 false로 돌립니다. encryption.type=wireguard는 남아도 암호화가 꺼져 있으면 쓰이지 않습니다.\n\n' +
        'cilium-config에 enable-wireguard: "true"가 없으면 건너뜁니다(Helm values가 아니라 에이전트가 읽는 값). 업그레이드 뒤에도 그대로면 약 10초 뒤 실패합니다.',
      command: () => upgradeReusingValues('encryption.enabled=false'),
      requires: [chartIsPinned],
      alreadyDone: wireguardOffInConfig,
      timeoutSeconds: 600,
    },
    {
      ...restartAgents(
        '바뀐 설정으로 에이전트를 다시 띄우고 모든 노드에서 준비될 때까지 기다립니다. 노드마다 차례로 재시작되므로 유지보수 시간에 실행하세요. ' +
          '새 설정이 cilium-config에 있는지 먼저 보고, 모든 에이전트가 그 마지막 변경 뒤에 시작했다면 건너뜁니다.',
      ),
      requires: [
        {
          ...wireguardOffInConfig,
          otherwise: '새 설정이 cilium-config에 없어 재시작해도 소용없습니다. helm-upgrade 단계부터 다시 실행하세요.',
        },
      ],
    },
  ],
  verify: [
    {
      id: 'verify-encryption-off',
      title: '암호화가 꺼졌는지 확인',
      risk: 'read',
      explanation: '에이전트가 새 설정으로 떴다면 Encryption 줄이 Disabled입니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, {
        ere: '^Encryption:[[:space:]]+Disabled',
        holds: 'Encryption가 Disabled',
        otherwise: '에이전트가 아직 암호화를 쓰고 있습니다. restart-agents가 끝났는지 확인하세요.',
      }),
      sampleOutput: 'Encryption:              Disabled',
    },
  ],
});
