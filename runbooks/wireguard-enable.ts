/**
 * Seed §1.3 "WireGuard 암호화", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md rows 25–30).
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
const wireguardInConfig = {
  holds: 'cilium-config에 enable-wireguard: "true"가 있음',
  test: () =>
    sh`value=$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.data.enable-wireguard}') && test "$value" = true`,
};

export default defineRunbook({
  id: 'wireguard-enable',
  title: 'WireGuard 투명 암호화 켜기',
  summary:
    '노드 사이를 오가는 파드 트래픽을 WireGuard로 암호화합니다. 각 노드 커널의 WireGuard 지원을 확인하고, Helm으로 암호화를 켠 뒤 ' +
    '에이전트를 재시작하고 암호화 상태를 확인합니다. wireguard-disable로 되돌릴 수 있습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'wireguard-disable',
  steps: [
    checkCiliumRelease(
      `이 절차는 --reuse-values로 두 값만 바꿉니다. 차트 버전이 같을 때만 안전하므로 설치된 차트가 cilium-${CILIUM_VERSION}인지 ` +
        '먼저 확인합니다.',
    ),
    {
      id: 'check-kernel',
      title: '각 노드에서 커널의 WireGuard 지원 확인',
      risk: 'read',
      runOn: 'each-node',
      explanation:
        'Cilium은 커널의 WireGuard를 씁니다. Linux 5.6부터는 커널 소스에 들어 있어 배포판이 CONFIG_WIREGUARD를 켜 두었으면 되고, ' +
        '그보다 오래된 커널은 별도 모듈이 있어야 합니다. 원문의 lsmod | grep wireguard는 모듈이 아직 올라오지 않았거나 커널에 내장된 경우 아무것도 ' +
        '출력하지 않아 지원 여부를 알 수 없습니다. modprobe는 모듈을 올리거나(내장이면 그대로) 성공하고, 지원이 없으면 실패합니다.\n\n' +
        '모듈을 올리는 것 말고는 노드를 바꾸지 않으며, 암호화를 켜면 Cilium도 같은 모듈을 씁니다. ' +
        'Cilium 문서가 요구하는 것은 커널의 WireGuard 지원뿐이고, 원문의 sudo apt install wireguard는 그 요구 사항에 없습니다.',
      command: () => sh`
        uname -r
        modprobe wireguard && echo "wireguard: OK"
      `,
    },
    helmRepo('작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.'),
    {
      id: 'helm-upgrade',
      title: 'WireGuard 암호화 켜기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        '원문과 같은 두 값을 --version 1.18.4로 고정해 적용합니다. 차트는 cilium-config ConfigMap에 enable-wireguard: "true"를 ' +
        '넣습니다. 각 노드는 UDP 51871 포트로 서로 통신할 수 있어야 하므로, 노드 사이에 방화벽이 있다면 먼저 열어 두세요.\n\n' +
        'cilium-config에 enable-wireguard: "true"가 이미 있으면 건너뜁니다(Helm values가 아니라 에이전트가 읽는 값). 업그레이드 뒤에도 그대로면 약 10초 뒤 실패합니다.',
      command: () => upgradeReusingValues('encryption.enabled=true', 'encryption.type=wireguard'),
      requires: [chartIsPinned],
      alreadyDone: wireguardInConfig,
      timeoutSeconds: 600,
    },
    {
      ...restartAgents(
        '에이전트는 시작할 때 설정을 읽고, 차트 기본값 rollOutCiliumPods=false 때문에 values만 바꿔서는 다시 뜨지 않습니다. ' +
          '원문처럼 재시작하고, 원문에 없던 rollout status로 모든 노드의 에이전트가 준비될 때까지 기다립니다. ' +
          '노드마다 차례로 재시작되므로 유지보수 시간에 실행하세요. ' +
          '새 설정이 cilium-config에 있는지 먼저 보고, 모든 에이전트가 그 마지막 변경 뒤에 시작했다면 건너뜁니다.',
      ),
      requires: [
        {
          ...wireguardInConfig,
          otherwise: '새 설정이 cilium-config에 없어 재시작해도 소용없습니다. helm-upgrade 단계부터 다시 실행하세요.',
        },
      ],
    },
  ],
  verify: [
    {
      id: 'verify-encryption',
      title: '에이전트의 암호화 상태 확인',
      risk: 'read',
      explanation:
        '1.18은 모드를 Wireguard로 적고(원문의 WireGuard가 아님), 장치는 eth0이 아니라 cilium_wg0입니다. ' +
        'Peers는 노드 수에서 1을 뺀 값이어야 합니다. 괄호 안의 키와 숫자는 클러스터마다 다르므로 모드만 비교합니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, {
        ere: '^Encryption:[[:space:]]+Wireguard',
        holds: 'Encryption가 Wireguard',
        otherwise:
          '에이전트가 WireGuard 암호화를 쓰지 않습니다. restart-agents가 끝났는지, 노드 커널이 WireGuard를 지원하는지 확인하세요.',
      }),
      sampleOutput:
        'Encryption:              Wireguard   [NodeEncryption: Disabled, cilium_wg0 (Pubkey: 4xBu2cGz0bqSQ0m6SLCk9dAPpwGHMGNNH0tQfW4pSEo=, Port: 51871, Peers: 2)]',
    },
    {
      id: 'verify-encrypt-status',
      title: 'WireGuard 인터페이스 확인',
      risk: 'read',
      explanation:
        '원문의 kubectl exec … -- wg는 동작하지 않습니다. 에이전트 이미지에 wireguard-tools가 없기 때문입니다. ' +
        '대신 cilium-dbg encrypt status로 cilium_wg0 인터페이스와 공개 키, 피어 수를 봅니다.',
      ...showAndCheck(
        () => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg encrypt status`,
        {
          ere: '^Encryption:[[:space:]]+Wireguard',
          holds: 'Encryption이 Wireguard',
          otherwise: '에이전트가 WireGuard 암호화를 쓰지 않습니다. restart-agents가 끝났는지 확인하세요.',
        },
        {
          ere: '^Interface:[[:space:]]+cilium_wg0',
          holds: 'WireGuard 인터페이스가 cilium_wg0',
          otherwise: 'cilium_wg0 인터페이스가 없습니다. 노드 커널의 WireGuard 지원과 에이전트 로그를 확인하세요.',
        },
      ),
      sampleOutput: [
        'Encryption: Wireguard',
        'Interface: cilium_wg0',
        '\tPublic key: 4xBu2cGz0bqSQ0m6SLCk9dAPpwGHMGNNH0tQfW4pSEo=',
        '\tNumber of peers: 2',
      ].join('\n'),
    },
  ],
});
