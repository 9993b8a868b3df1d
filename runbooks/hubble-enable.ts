/**
 * Seed §1.2 "Hubble UI", corrected for Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md rows 20–21).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { chartIsPinned, showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION, upgradeReusingValues } from './lib/cilium.js';
import { checkCiliumRelease, helmRepo } from './lib/steps.js';

export default defineRunbook({
  id: 'hubble-enable',
  title: 'Hubble Relay와 Hubble UI 켜기',
  summary:
    '에이전트마다 켜져 있는 Hubble의 흐름(flow) 정보를 클러스터 전체에서 모아 주는 Hubble Relay와, 그것을 그림으로 보여 주는 ' +
    'Hubble UI를 Helm으로 켜고 두 Deployment가 준비될 때까지 기다립니다. hubble-disable로 되돌릴 수 있습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl', 'helm'],
  params: {},
  rollback: 'hubble-disable',
  steps: [
    checkCiliumRelease(
      '이 절차는 지금 values를 그대로 두고 두 값만 바꾸는 --reuse-values를 씁니다. --reuse-values는 차트 버전이 바뀌지 않을 때만 ' +
        `안전하므로, 설치된 차트가 cilium-${CILIUM_VERSION}인지 먼저 확인합니다. 다르면 여기서 멈춥니다.`,
    ),
    helmRepo(
      '원문에는 저장소 등록이 빠져 있습니다. 작업하는 컴퓨터의 Helm 저장소 설정만 바뀌고 클러스터는 바뀌지 않습니다.',
    ),
    {
      id: 'helm-upgrade',
      title: 'Hubble Relay와 UI 켜기 (Helm 업그레이드)',
      risk: 'change',
      explanation:
        'hubble.enabled는 차트 기본값이 true라서 각 노드의 에이전트에서는 Hubble이 이미 돌고 있습니다(cilium-dbg status의 Hubble: Ok). ' +
        '기본값이 false인 hubble.relay.enabled와 hubble.ui.enabled만 켭니다. 차트는 Relay 없이 UI만 켜는 설정을 거부합니다.\n\n' +
        '원문에 없던 --version 1.18.4로 차트 버전을 고정합니다. Relay와 UI는 별도의 Deployment로 뜨고 에이전트 설정은 바뀌지 않으므로 ' +
        '에이전트를 재시작하지 않습니다.\n\n' +
        'hubble-relay와 hubble-ui Deployment가 이미 둘 다 있으면 건너뜁니다. 차트가 두 값으로 만드는 것이 바로 이 Deployment입니다. ' +
        'Helm은 업그레이드 명령 안에서 Deployment를 만들고 지우므로 명령이 끝나면 바로 확인되고, Helm이 성공이라고 했는데 바뀐 것이 없으면 2초 간격으로 다섯 번 확인한 뒤 실패합니다. 파드가 준비되는 것은 다음 단계에서 기다립니다.',
      command: () => upgradeReusingValues('hubble.relay.enabled=true', 'hubble.ui.enabled=true'),
      requires: [chartIsPinned],
      alreadyDone: {
        holds: 'hubble-relay와 hubble-ui Deployment가 모두 있음',
        test: () => sh`kubectl -n kube-system get deploy hubble-relay hubble-ui -o name`,
      },
      sampleOutput: [
        'Release "cilium" has been upgraded. Happy Helming!',
        'NAME: cilium',
        'NAMESPACE: kube-system',
        'STATUS: deployed',
        'REVISION: 2',
        'NOTES:',
        'You have successfully installed Cilium with Hubble Relay and Hubble UI.',
        '',
        'Your release version is 1.18.4.',
      ].join('\n'),
      timeoutSeconds: 600,
    },
    {
      id: 'wait-hubble',
      title: 'Hubble Relay와 UI 준비 대기',
      risk: 'read',
      explanation:
        '두 Deployment의 파드가 모두 준비될 때까지 기다립니다. 이미지를 처음 받는 클러스터에서는 몇 분 걸릴 수 있습니다.',
      command: () => sh`
        kubectl -n kube-system rollout status deploy/hubble-relay --timeout=5m
        kubectl -n kube-system rollout status deploy/hubble-ui --timeout=5m
      `,
      sampleOutput: [
        'Waiting for deployment "hubble-relay" rollout to finish: 0 of 1 updated replicas are available...',
        'deployment "hubble-relay" successfully rolled out',
        'deployment "hubble-ui" successfully rolled out',
      ].join('\n'),
      timeoutSeconds: 660,
    },
  ],
  verify: [
    {
      id: 'verify-deployments',
      title: 'Relay와 UI 파드 준비 확인',
      risk: 'read',
      explanation: '두 Deployment 모두 READY가 1/1이어야 합니다.',
      ...showAndCheck(
        () => sh`kubectl -n kube-system get deploy hubble-relay hubble-ui`,
        {
          ere: '^hubble-relay[[:space:]]+1/1[[:space:]]',
          holds: 'hubble-relay의 READY가 1/1',
          otherwise:
            'Hubble Relay 파드가 준비되지 않았습니다. kubectl -n kube-system describe deploy hubble-relay로 확인하세요.',
        },
        {
          ere: '^hubble-ui[[:space:]]+1/1[[:space:]]',
          holds: 'hubble-ui의 READY가 1/1',
          otherwise:
            'Hubble UI 파드가 준비되지 않았습니다. kubectl -n kube-system describe deploy hubble-ui로 확인하세요.',
        },
      ),
      sampleOutput: [
        'NAME           READY   UP-TO-DATE   AVAILABLE   AGE',
        'hubble-relay   1/1     1            1           2m',
        'hubble-ui      1/1     1            1           2m',
      ].join('\n'),
    },
    {
      id: 'verify-ui-service',
      title: 'Hubble UI 서비스 확인',
      risk: 'read',
      explanation: 'UI에 접속할 때 포트 포워딩하는 서비스입니다. 서비스 포트는 80이고, 파드의 8081 포트로 전달됩니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system get svc hubble-ui`, {
        ere: '^hubble-ui[[:space:]]+ClusterIP[[:space:]]+[^[:space:]]+[[:space:]]+[^[:space:]]+[[:space:]]+80/TCP',
        holds: 'hubble-ui 서비스의 포트가 80/TCP',
        otherwise: 'hubble-ui 서비스가 없거나 포트가 80/TCP가 아닙니다.',
      }),
      sampleOutput: [
        'NAME        TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)   AGE',
        'hubble-ui   ClusterIP   10.96.201.7   <none>        80/TCP    2m',
      ].join('\n'),
    },
  ],
});
