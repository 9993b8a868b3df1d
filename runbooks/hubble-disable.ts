/**
 * Undo of hubble-enable (seed §1.2): Hubble Relay and UI off again, Hubble in the agents untouched.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck, showAndCheckEmpty } from './lib/checks.js';
import { CILIUM_VERSION, upgradeReusingValues } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo } from './lib/steps.js';

export default defineRunbook({
  id: 'hubble-disable',
  title: 'Hubble Relay와 Hubble UI 끄기',
  summary:
    'hubble-enable로 켠 Hubble Relay와 Hubble UI를 Helm으로 다시 끕니다. 각 노드 에이전트의 Hubble(흐름 기록)은 그대로 둡니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'hubble-enable',
  steps: [
    checkCiliumRelease(
      `--reuse-values는 차트 버전이 바뀌지 않을 때만 안전하므로 설치된 차트가 cilium-${CILIUM_VERSION}인지 먼저 확인합니다.`,
    ),
    helmRepo('작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.'),
    {
      id: 'helm-upgrade',
      title: 'Hubble Relay와 UI 끄기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        'Helm이 hubble-relay와 hubble-ui Deployment와 서비스를 지웁니다. UI에 열어 둔 포트 포워딩은 끊깁니다. ' +
        '흐름 기록은 각 에이전트의 메모리에 있으므로 지워지는 데이터는 없고, hubble-enable로 언제든 다시 켤 수 있습니다.\n\n' +
        'hubble-relay와 hubble-ui Deployment가 둘 다 없으면 건너뜁니다. Helm은 업그레이드 명령 안에서 Deployment를 만들고 지우므로 명령이 끝나면 바로 확인되고, Helm이 성공이라고 했는데 바뀐 것이 없으면 2초 간격으로 다섯 번 확인한 뒤 실패합니다.',
      command: () => upgradeReusingValues('hubble.ui.enabled=false', 'hubble.relay.enabled=false'),
      requires: [chartIsPinned],
      alreadyDone: {
        holds: 'hubble-relay와 hubble-ui Deployment가 모두 없음',
        test: () =>
          sh`deployments=$(kubectl -n kube-system get deploy hubble-relay hubble-ui --ignore-not-found -o name) && test -z "$deployments"`,
      },
      timeoutSeconds: 600,
    },
  ],
  verify: [
    {
      id: 'verify-removed',
      title: 'Relay와 UI가 없어졌는지 확인',
      risk: 'read',
      explanation: '두 Deployment가 모두 없으면 아무것도 출력되지 않습니다(--ignore-not-found).',
      ...showAndCheckEmpty(
        () => sh`kubectl -n kube-system get deploy hubble-relay hubble-ui --ignore-not-found -o name`,
        'hubble-relay와 hubble-ui Deployment가 모두 없음',
        'Relay나 UI Deployment가 남아 있습니다. helm-upgrade 단계의 출력을 확인하세요.',
      ),
    },
    {
      id: 'verify-agent-hubble',
      title: '에이전트의 Hubble은 그대로인지 확인',
      risk: 'read',
      explanation:
        'Relay와 UI를 꺼도 각 노드 에이전트의 Hubble은 켜져 있습니다. cilium-dbg status의 Hubble 줄이 Ok여야 합니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, {
        ere: '^Hubble:[[:space:]]+Ok',
        holds: 'Hubble가 Ok',
        otherwise: '에이전트의 Hubble이 Ok가 아닙니다. 에이전트 로그를 확인하세요.',
      }),
      sampleOutput:
        'Hubble:                  Ok   Current/Max Flows: 4095/4095 (100.00%), Flows/s: 6.21   Metrics: Disabled',
    },
  ],
});
