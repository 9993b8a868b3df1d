/** Undoes `l7-http-policy`: the demo namespace goes, and with it the policy, the pods and the service. */
import { defineRunbook, sh } from '../src/runbook/define.js';
import { showAndCheckEmpty } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';

export default defineRunbook({
  id: 'l7-http-policy-cleanup',
  title: 'L7 HTTP 정책 데모 정리',
  summary:
    'l7-http-policy가 만든 시험용 네임스페이스 l7-demo를 지웁니다. 그 안의 CiliumNetworkPolicy, 파드 api와 web, ' +
    '서비스 api가 함께 지워집니다. 다른 네임스페이스는 건드리지 않습니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl'],
  params: {},
  rollback: 'l7-http-policy',
  steps: [
    {
      id: 'delete-demo',
      title: 'l7-demo 네임스페이스 삭제',
      risk: 'destructive',
      explanation:
        '네임스페이스를 지우면 그 안의 모든 객체가 지워집니다. l7-demo를 다른 용도로 쓰고 있다면 실행하지 마세요. ' +
        '데모 파드(api, web) 말고 다른 파드가 있으면 멈추고, 이미 없으면 건너뜁니다. 파드가 모두 끝날 때까지 기다리므로 ' +
        '수십 초 걸릴 수 있습니다.',
      requires: [
        {
          holds: 'l7-demo에는 데모 파드 api, web만 있음',
          test: () =>
            sh`pods=$(kubectl -n l7-demo get pods -o name) && test -z "$(grep -vxE 'pod/(api|web)' <<<"$pods")"`,
          otherwise: 'l7-demo에 이 데모가 만들지 않은 파드가 있어 지우지 않습니다. 데모 객체만 하나씩 지우세요.',
        },
      ],
      alreadyDone: {
        holds: 'l7-demo 네임스페이스가 없음',
        test: () => sh`ns=$(kubectl get namespace l7-demo --ignore-not-found -o name) && test -z "$ns"`,
      },
      command: () => sh`kubectl delete namespace l7-demo --ignore-not-found --timeout=5m`,
      sampleOutput: 'namespace "l7-demo" deleted',
      timeoutSeconds: 400,
    },
  ],
  verify: [
    {
      id: 'verify-removed',
      title: '네임스페이스가 없어졌는지 확인',
      risk: 'read',
      explanation: 'l7-demo가 남아 있으면(지우는 중이어도) 실패합니다.',
      ...showAndCheckEmpty(
        () => sh`kubectl get namespace l7-demo --ignore-not-found -o name`,
        'l7-demo 네임스페이스가 없음',
        'l7-demo 네임스페이스가 아직 있습니다(지우는 중일 수 있습니다). 잠시 뒤 다시 확인하세요.',
      ),
      sampleOutput: '',
    },
  ],
});
