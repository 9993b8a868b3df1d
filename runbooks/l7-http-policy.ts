/**
 * Seed §5 "L7 Network Policy 예시", made runnable on Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md
 * rows 48 and 50): the seed's CiliumNetworkPolicy unchanged except for a namespace, applied to demo pods `api` and
 * `web` in their own namespace, then allowed and denied HTTP calls through Cilium's Envoy proxy.
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import type { CommandTemplate } from '../src/runbook/template.js';
import { applyUnlessSame } from './lib/apply.js';
import { showAndCheck } from './lib/checks.js';
import { CILIUM_VERSION } from './lib/cilium.js';

/** Envoy is there: the agent reports `Proxy Status: OK` (the line is absent when l7Proxy is false). */
const proxyOk = {
  holds: '에이전트의 Proxy Status가 OK',
  test: () =>
    sh`grep -Eq '^Proxy Status:[[:space:]]+OK' <<<"$(kubectl -n kube-system exec ds/cilium -- cilium-dbg status)"`,
  otherwise:
    '에이전트의 L7 프록시(Envoy)가 OK가 아닙니다. L7 정책을 적용해도 동작하지 않으므로 멈춥니다. l7Proxy 설정과 cilium-envoy 파드를 확인하세요.',
};

/**
 * The HTTP status code of one request from the web pod (curl's -w, body discarded). A failed connection is `000`
 * (curl still writes -w; `|| true` keeps errexit from ending the retry loop).
 */
const code = (args: string): CommandTemplate => ({
  kind: 'template',
  parts: [`$(kubectl -n l7-demo exec web -- curl -s -o /dev/null --max-time 5 -w '%{http_code}' ${args} || true)`],
  values: [],
});

export default defineRunbook({
  id: 'l7-http-policy',
  title: 'L7 HTTP 정책 적용과 확인 (CiliumNetworkPolicy)',
  summary:
    '원문의 L7 CiliumNetworkPolicy(app=api에는 app=web에서 온 GET /api/… 와 POST /api/create만 허용)를 시험용 네임스페이스 ' +
    'l7-demo의 데모 파드 api, web에 적용하고, 허용된 요청은 200, 허용되지 않은 요청은 Envoy가 403 Access denied로 ' +
    '거절하는지 확인합니다. 지우려면 l7-http-policy-cleanup을 실행합니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl'],
  params: {},
  rollback: 'l7-http-policy-cleanup',
  steps: [
    {
      id: 'check-l7-proxy',
      title: 'L7 프록시(Envoy) 상태 확인',
      risk: 'read',
      explanation:
        'HTTP 규칙은 Cilium이 Envoy 프록시로 보내서 검사합니다. 1.18은 새로 설치하면 Envoy가 별도 DaemonSet(cilium-envoy)으로 ' +
        '돌고(l7Proxy 기본값 true), 원문처럼 envoy.enabled=true를 따로 켤 필요가 없습니다. 에이전트의 Proxy Status가 OK인지 봅니다. ' +
        '끝의 Envoy: external은 별도 DaemonSet, embedded는 에이전트 안에서 도는 Envoy입니다.',
      ...showAndCheck(() => sh`kubectl -n kube-system exec ds/cilium -- cilium-dbg status`, {
        ere: '^Proxy Status:[[:space:]]+OK',
        holds: 'Proxy Status가 OK',
        otherwise:
          '에이전트의 L7 프록시(Envoy)가 OK가 아닙니다. L7 정책을 적용해도 동작하지 않으므로 멈춥니다. l7Proxy 설정과 cilium-envoy 파드를 확인하세요.',
      }),
      sampleOutput:
        'Proxy Status:            OK, ip 10.0.0.102, 0 redirects active on ports 10000-20000, Envoy: external',
    },
    {
      id: 'deploy-demo',
      title: '데모 네임스페이스와 파드 만들기 (api, web)',
      risk: 'change',
      explanation:
        '원문의 정책에는 namespace가 없어 kubectl의 현재 네임스페이스에 들어갑니다. 다른 앱에 영향을 주지 않도록 시험용 ' +
        '네임스페이스 l7-demo를 만들고, 정책이 고르는 라벨에 맞춰 두 파드를 띄웁니다.\n\n' +
        '- api (app=api): 어떤 경로와 메서드로 요청해도 200과 "api ok"를 돌려주는 http-echo 서버, 8080 포트\n' +
        '- web (app=web): 요청을 보낼 curl 클라이언트(잠만 자는 컨테이너에 kubectl exec로 curl 실행)\n\n' +
        '두 파드가 준비될 때까지 기다립니다.',
      command: () => sh`
        ${applyUnlessSame(
          `
        # 시험용 네임스페이스: l7-http-policy-cleanup이 통째로 지웁니다
        apiVersion: v1
        kind: Namespace
        metadata:
          name: l7-demo
        ---
        # api: 모든 요청에 200 "api ok" (정책이 없을 때의 기준)
        apiVersion: v1
        kind: Pod
        metadata:
          name: api
          namespace: l7-demo
          labels:
            app: api
        spec:
          containers:
          - name: http-echo
            image: hashicorp/http-echo:1.0
            args: ["-listen=:8080", "-text=api ok"]
            ports:
            - containerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          namespace: l7-demo
        spec:
          selector:
            app: api
          ports:
          - port: 8080
            targetPort: 8080
        ---
        # web: 요청을 보내는 클라이언트 (kubectl exec로 curl 실행)
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: l7-demo
          labels:
            app: web
        spec:
          containers:
          - name: curl
            image: curlimages/curl:8.11.1
            command: ["sleep", "86400"]
        `,
          '데모 객체가 매니페스트와 같음',
        )}
        kubectl -n l7-demo wait --for=condition=Ready pod/api --timeout=120s
        kubectl -n l7-demo wait --for=condition=Ready pod/web --timeout=120s
      `,
      undo: () => sh`kubectl delete namespace l7-demo --ignore-not-found`,
      sampleOutput: [
        'namespace/l7-demo created',
        'pod/api created',
        'service/api created',
        'pod/web created',
        'pod/api condition met',
        'pod/web condition met',
      ].join('\n'),
      timeoutSeconds: 300,
    },
    {
      id: 'check-before',
      title: '정책 전: 모든 요청이 통과하는지 확인',
      risk: 'read',
      explanation:
        '정책을 넣기 전에는 POST /api/users도 200입니다. 이 결과와 비교하면 다음 단계의 403이 정책 때문이라는 것을 알 수 있습니다. ' +
        'kubectl exec는 web 파드 안에서 curl만 실행하고 클러스터를 바꾸지 않습니다. -w로 HTTP 상태 코드를 끝에 붙입니다.',
      alreadyDone: {
        holds: 'l7-http-policy가 이미 있음(정책 전 비교 불가)',
        test: () => sh`kubectl -n l7-demo get ciliumnetworkpolicy l7-http-policy -o name >/dev/null 2>&1`,
      },
      ...showAndCheck(
        () =>
          sh`kubectl -n l7-demo exec web -- curl -s --max-time 5 -w ' HTTP %{http_code}\n' -X POST http://api:8080/api/users`,
        {
          ere: 'HTTP 200$',
          holds: '정책을 넣기 전에는 POST /api/users가 HTTP 200',
          otherwise: '정책을 넣기 전인데도 200이 아닙니다. 예제 앱(web, api)이 준비되었는지 확인하세요.',
        },
      ),
      sampleOutput: 'api ok\n HTTP 200',
    },
    {
      id: 'apply-policy',
      title: 'L7 정책 적용 (원문의 l7-http-policy)',
      risk: 'change',
      explanation:
        '원문의 CiliumNetworkPolicy와 같고 namespace만 더했습니다. app=api 파드로 들어오는 8080/TCP 연결은 app=web에서 온 것만 ' +
        '허용하고, 그중에서도 GET /api/… 와 POST /api/create 요청만 통과시킵니다. path는 확장 POSIX 정규식이며 경로 전체와 ' +
        '비교합니다(/api/.*는 /api/로 시작하는 모든 경로). 이 정책이 api를 고르는 순간 다른 모든 인그레스는 막힙니다.',
      requires: [
        proxyOk,
        {
          holds: '데모 파드 api가 l7-demo에 있음',
          test: () => sh`kubectl -n l7-demo get pod api -o name >/dev/null`,
          otherwise: 'api 파드가 없습니다. deploy-demo를 먼저 실행하세요.',
        },
      ],
      command: () => sh`
        ${applyUnlessSame(
          `
        # 원문의 L7 정책 + namespace (없으면 현재 네임스페이스에 들어감)
        apiVersion: "cilium.io/v2"
        kind: CiliumNetworkPolicy
        metadata:
          name: l7-http-policy
          namespace: l7-demo
        spec:
          endpointSelector:
            matchLabels:
              app: api
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: web
            toPorts:
            - ports:
              - port: "8080"
                protocol: TCP
              rules:
                http:
                # path는 경로 전체와 비교하는 정규식
                - method: "GET"
                  path: "/api/.*"
                - method: "POST"
                  path: "/api/create"
        `,
          'l7-http-policy가 매니페스트와 같음',
        )}
        kubectl -n l7-demo get ciliumnetworkpolicy l7-http-policy
      `,
      undo: () => sh`kubectl -n l7-demo delete ciliumnetworkpolicy l7-http-policy --ignore-not-found`,
      sampleOutput: [
        'ciliumnetworkpolicy.cilium.io/l7-http-policy created',
        'NAME             AGE   VALID',
        'l7-http-policy   0s    True',
      ].join('\n'),
    },
  ],
  verify: [
    {
      id: 'verify-allowed',
      title: '허용된 요청 확인 (GET /api/users, POST /api/create → 200)',
      risk: 'read',
      explanation:
        '정책의 규칙에 맞는 요청은 Envoy를 거쳐 api까지 가서 200을 받습니다. 정책 직후에는 Cilium이 연결을 Envoy로 ' +
        '돌리는 설정(redirect)을 까는 몇 초 동안 실패할 수 있어, 둘 다 200이 될 때까지 2초 간격으로 최대 10번 시도합니다.',
      command: () => sh`
        for attempt in $(seq 10); do
          get=${code('http://api:8080/api/users')}
          create=${code('-X POST http://api:8080/api/create')}
          echo "GET /api/users → $get"
          echo "POST /api/create → $create"
          if [ "$get" = 200 ] && [ "$create" = 200 ]; then break; fi
          sleep 2
        done
      `,
      ensures: [
        {
          holds: 'GET /api/users와 POST /api/create가 모두 HTTP 200',
          test: () => sh`test "$get" = 200 && test "$create" = 200`,
          otherwise: '허용돼야 할 요청이 200이 아닙니다. 정책의 규칙을 확인하세요.',
        },
      ],
      sampleOutput: 'GET /api/users → 200\nPOST /api/create → 200',
    },
    {
      id: 'verify-denied',
      title: '거절돼야 할 요청 확인 (POST /api/users, GET /healthz → 403)',
      risk: 'read',
      explanation:
        '규칙에 없는 요청은 연결은 되지만 Envoy가 api에 넘기지 않고 403과 본문 Access denied로 답합니다(연결 자체가 막히는 ' +
        'L3/L4 정책과 다른 점). 새 정책이 Envoy에 반영되기까지 몇 초 걸릴 수 있어 POST /api/users를 2초 간격으로 최대 5번 ' +
        '시도합니다. 403이 아니면 이 단계가 실패합니다.',
      command: () => sh`
        for attempt in 1 2 3 4 5; do
          code=${code('-X POST http://api:8080/api/users')}
          echo "POST /api/users → $code"
          if [ "$code" = 403 ]; then break; fi
          sleep 2
        done
        body=$(kubectl -n l7-demo exec web -- curl -s --max-time 5 -X POST http://api:8080/api/users || true)
        printf '%s\n' "$body"
        healthz=${code('http://api:8080/healthz')}
        echo "GET /healthz → $healthz"
      `,
      ensures: [
        {
          holds: 'POST /api/users가 HTTP 403',
          test: () => sh`test "$code" = 403`,
          otherwise: 'POST /api/users가 403이 아닙니다. 정책과 Proxy Status를 확인하세요.',
        },
        {
          holds: '거절 응답 본문이 Envoy의 Access denied',
          test: () => sh`grep -q 'Access denied' <<<"$body"`,
          otherwise: '403이지만 Envoy의 Access denied 본문이 아닙니다. 응답이 정책이 아니라 앱에서 왔는지 확인하세요.',
        },
        {
          holds: 'GET /healthz가 HTTP 403',
          test: () => sh`test "$healthz" = 403`,
          otherwise: '/healthz가 403이 아닙니다. 정책의 path 규칙을 확인하세요.',
        },
      ],
      sampleOutput: 'POST /api/users → 403\nAccess denied\nGET /healthz → 403',
      timeoutSeconds: 120,
    },
  ],
});
