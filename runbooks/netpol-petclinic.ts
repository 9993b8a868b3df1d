/**
 * Seed §2 "Network Policy 실전 사용", made to work on Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md
 * rows 31–37): the seed's three policies plus the egress allows, DNS and an ingress rule for web, applied allow-first,
 * each apply skipped when `kubectl diff` finds nothing to change, then real connection probes from ephemeral
 * containers in the app's own pods (`kubectl debug`), so no probe ever joins an app Service (review rows 3 and 35).
 */
import { defineRunbook, sh } from '../src/runbook/define.js';
import type { CheckInput } from '../src/runbook/model.js';
import { applyUnlessSame } from './lib/apply.js';
import { CILIUM_VERSION } from './lib/cilium.js';
import { PETCLINIC_POLICIES } from './lib/petclinic.js';

/** app=web, was and mysql each have a Ready pod (kubectl wait fails when no pod matches): the probes run inside them. */
const appsReady: CheckInput = {
  holds: 'app=web, app=was, app=mysql 파드가 각각 있고 Ready',
  test: () =>
    sh`kubectl -n petclinic wait --for=condition=Ready pod -l app=web --timeout=60s && kubectl -n petclinic wait --for=condition=Ready pod -l app=was --timeout=60s && kubectl -n petclinic wait --for=condition=Ready pod -l app=mysql --timeout=60s`,
  otherwise: '앱 파드 중 없거나 Ready가 아닌 것이 있습니다(위 오류). 라벨과 파드 상태를 확인하세요.',
};

/** What every apply step says about its skip (the text decides it with kubectl diff, runbooks/lib/apply.ts). */
const SKIP_NOTE = ' 같은 정책이 이미 있으면(kubectl diff) 건너뜁니다.';

export default defineRunbook({
  id: 'netpol-petclinic',
  title: 'petclinic 네트워크 정책 적용',
  summary:
    'petclinic 네임스페이스에 기본 차단(Ingress와 Egress)을 걸고 web → was:8080, was → mysql:3306, DNS만 허용합니다. ' +
    '허용 정책을 먼저 넣고 기본 차단을 마지막에 넣어 앱이 끊기는 시간을 없앤 뒤, 앱 파드 안에 잠깐 붙이는 디버그 ' +
    '컨테이너(kubectl debug)로 허용돼야 할 연결과 막혀야 할 연결을 실제로 시험합니다.',
  ciliumVersion: CILIUM_VERSION,
  requires: ['kubectl'],
  params: {},
  rollback: 'netpol-petclinic-remove',
  steps: [
    {
      id: 'check-app',
      title: '네임스페이스와 앱 파드 확인',
      risk: 'read',
      explanation:
        '정책은 라벨로 파드를 고릅니다. 라벨이 다르면 정책이 아무 파드도 고르지 못하거나(허용이 빠짐) 엉뚱한 파드를 막습니다. ' +
        '그래서 먼저 petclinic 네임스페이스가 있는지, app=web, app=was, app=mysql 라벨을 단 파드가 각각 하나 이상 있고 ' +
        'Ready인지 확인합니다(kubectl wait, 앱마다 최대 60초). 마지막 단계의 연결 시험이 이 파드들 안에서 돌기 때문입니다. ' +
        '하나라도 아니면 아무것도 바꾸지 않고 멈춥니다.\n\n' +
        '이 절차는 web이 8080, was가 8080, mysql이 3306 포트를 쓴다고 가정합니다. 다르면 아래 정책의 포트를 고쳐서 쓰세요.',
      requires: [
        {
          holds: '네임스페이스 petclinic이 있음',
          test: () => sh`kubectl get namespace petclinic >/dev/null`,
          otherwise: 'petclinic 네임스페이스가 없습니다. 예제 앱을 먼저 배포하세요.',
        },
      ],
      command: () => sh`
        kubectl -n petclinic get pods -L app
        kubectl -n petclinic get services
      `,
      ensures: [appsReady],
      sampleOutput: [
        'NAME                    READY   STATUS    RESTARTS   AGE   APP',
        'mysql-6b8d9f7c4-8hz6v   1/1     Running   0          12d   mysql',
        'was-5f7d8c6b9-qx2lm     1/1     Running   0          12d   was',
        'web-7c9f8d6b5-2xkqp     1/1     Running   0          12d   web',
        'NAME    TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)    AGE',
        'web     ClusterIP   10.96.120.15   <none>        8080/TCP   12d',
        'was     ClusterIP   10.96.87.203   <none>        8080/TCP   12d',
        'mysql   ClusterIP   10.96.44.12    <none>        3306/TCP   12d',
        'pod/web-7c9f8d6b5-2xkqp condition met',
        'pod/was-5f7d8c6b9-qx2lm condition met',
        'pod/mysql-6b8d9f7c4-8hz6v condition met',
      ].join('\n'),
    },
    {
      id: 'allow-dns',
      title: 'DNS 허용 (모든 파드 → kube-dns:53)',
      risk: 'change',
      explanation:
        '원문에 없던 정책입니다. 기본 차단이 Egress까지 막으면 DNS 조회도 막혀서 파드가 서비스 이름(was, mysql)을 찾지 못합니다. ' +
        'petclinic의 모든 파드가 kube-system 네임스페이스의 kube-dns 파드(k8s-app=kube-dns)에 UDP와 TCP 53번으로 나가는 것만 허용합니다. ' +
        'namespaceSelector와 podSelector를 한 항목(to의 같은 원소)에 함께 써야 "kube-system의 kube-dns 파드"라는 뜻이 됩니다. ' +
        '둘을 별도 항목으로 나누면 "kube-system의 모든 파드 또는 petclinic의 kube-dns 파드"가 되어 훨씬 넓어집니다.' +
        SKIP_NOTE,
      requires: [
        {
          holds: 'kube-system에 k8s-app=kube-dns 라벨을 단 DNS 파드가 있음',
          test: () => sh`test -n "$(kubectl -n kube-system get pods -l k8s-app=kube-dns -o name)"`,
          otherwise: 'k8s-app=kube-dns 파드가 없습니다. DNS 파드의 라벨에 맞게 정책을 고치세요.',
        },
      ],
      command: () =>
        applyUnlessSame(
          `
        # petclinic의 모든 파드 → kube-system/kube-dns 53 (UDP, TCP)
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-dns-egress
          namespace: petclinic
        spec:
          podSelector: {}
          policyTypes:
          - Egress
          egress:
          - to:
            # 같은 항목 안의 두 selector: "kube-system 네임스페이스의 kube-dns 파드"
            - namespaceSelector:
                matchLabels:
                  kubernetes.io/metadata.name: kube-system
              podSelector:
                matchLabels:
                  k8s-app: kube-dns
            ports:
            - protocol: UDP
              port: 53
            - protocol: TCP
              port: 53
        `,
          'allow-dns-egress가 매니페스트와 같음',
        ),
      undo: () => sh`kubectl -n petclinic delete networkpolicy allow-dns-egress --ignore-not-found`,
      sampleOutput: 'networkpolicy.networking.k8s.io/allow-dns-egress created',
    },
    {
      id: 'allow-egress',
      title: '나가는 연결 허용 (web → was:8080, was → mysql:3306)',
      risk: 'change',
      explanation:
        '원문이 빠뜨린 핵심입니다. Kubernetes에서 연결이 성립하려면 보내는 파드의 Egress 정책과 받는 파드의 Ingress 정책이 둘 다 ' +
        '허용해야 합니다. 원문은 받는 쪽(Ingress)만 허용했기 때문에, 기본 차단이 Egress를 막는 순간 web → was와 was → mysql이 ' +
        '보내는 쪽에서 막혔습니다. 여기서 web은 was의 8080으로만, was는 mysql의 3306으로만 나갈 수 있게 합니다(DNS 허용이 ' +
        '먼저 있어야 함).' +
        SKIP_NOTE,
      requires: [
        {
          holds: 'DNS 허용 정책 allow-dns-egress가 있음',
          test: () => sh`kubectl -n petclinic get networkpolicy allow-dns-egress -o name >/dev/null`,
          otherwise: 'allow-dns-egress가 없습니다. DNS가 막히므로 allow-dns 단계를 먼저 실행하세요.',
        },
      ],
      command: () =>
        applyUnlessSame(
          `
        # web → was:8080 (보내는 쪽 web의 Egress)
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-web-egress-to-was
          namespace: petclinic
        spec:
          podSelector:
            matchLabels:
              app: web
          policyTypes:
          - Egress
          egress:
          - to:
            - podSelector:
                matchLabels:
                  app: was
            ports:
            - protocol: TCP
              port: 8080
        ---
        # was → mysql:3306 (보내는 쪽 was의 Egress)
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-was-egress-to-db
          namespace: petclinic
        spec:
          podSelector:
            matchLabels:
              app: was
          policyTypes:
          - Egress
          egress:
          - to:
            - podSelector:
                matchLabels:
                  app: mysql
            ports:
            - protocol: TCP
              port: 3306
        `,
          'Egress 정책 두 개가 매니페스트와 같음',
        ),
      undo: () =>
        sh`kubectl -n petclinic delete networkpolicy allow-web-egress-to-was allow-was-egress-to-db --ignore-not-found`,
      sampleOutput: [
        'networkpolicy.networking.k8s.io/allow-web-egress-to-was created',
        'networkpolicy.networking.k8s.io/allow-was-egress-to-db created',
      ].join('\n'),
    },
    {
      id: 'allow-ingress',
      title: '들어오는 연결 허용 (web:8080, web → was, was → mysql)',
      risk: 'change',
      explanation:
        '원문의 두 정책(allow-web-to-was, allow-was-to-db)은 그대로 쓰고, 원문에 없던 web의 Ingress 허용을 더합니다. ' +
        '원문대로면 기본 차단 뒤에 web으로 들어오는 연결을 허용하는 규칙이 하나도 없어 사용자 요청이 web에 도달하지 못합니다.\n\n' +
        'web은 앱의 입구이므로 8080 포트만 출발지 제한 없이 엽니다(from 생략). 지금 NodePort, LoadBalancer, Ingress 컨트롤러 중 ' +
        '무엇으로 노출하든 동작이 바뀌지 않게 하려는 선택입니다. Ingress 컨트롤러만 통과시키려면 가이드 2. 네트워크 정책 페이지의 ' +
        '설명대로 from에 그 컨트롤러의 네임스페이스를 적으세요.' +
        SKIP_NOTE,
      command: () =>
        applyUnlessSame(
          `
        # web:8080 ← 어디서든 (앱의 입구)
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-ingress-to-web
          namespace: petclinic
        spec:
          podSelector:
            matchLabels:
              app: web
          policyTypes:
          - Ingress
          ingress:
          - ports:
            - protocol: TCP
              port: 8080
        ---
        # was:8080 ← web (원문 그대로)
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-web-to-was
          namespace: petclinic
        spec:
          podSelector:
            matchLabels:
              app: was
          policyTypes:
          - Ingress
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  app: web
            ports:
            - protocol: TCP
              port: 8080
        ---
        # mysql:3306 ← was (원문 그대로)
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-was-to-db
          namespace: petclinic
        spec:
          podSelector:
            matchLabels:
              app: mysql
          policyTypes:
          - Ingress
          ingress:
          - from:
            - podSelector:
                matchLabels:
                  app: was
            ports:
            - protocol: TCP
              port: 3306
        `,
          'Ingress 정책 세 개가 매니페스트와 같음',
        ),
      undo: () =>
        sh`kubectl -n petclinic delete networkpolicy allow-ingress-to-web allow-web-to-was allow-was-to-db --ignore-not-found`,
      sampleOutput: [
        'networkpolicy.networking.k8s.io/allow-ingress-to-web created',
        'networkpolicy.networking.k8s.io/allow-web-to-was created',
        'networkpolicy.networking.k8s.io/allow-was-to-db created',
      ].join('\n'),
    },
    {
      id: 'default-deny',
      title: '기본 차단 (Ingress와 Egress)',
      risk: 'change',
      explanation:
        '원문의 default-deny-all과 같습니다. petclinic의 모든 파드(podSelector: {})를 들어오는 쪽과 나가는 쪽 모두 격리해서, ' +
        '앞 단계들에서 허용한 연결 말고는 모두 막습니다. 원문처럼 이 정책을 맨 먼저 적용하면 허용 정책이 들어갈 때까지 DNS를 ' +
        '포함한 모든 연결이 끊기므로 마지막에 적용하고, 허용 정책 여섯 개가 모두 있을 때만 적용합니다.' +
        SKIP_NOTE,
      requires: [
        {
          holds: '허용 정책 여섯 개가 모두 있음',
          test: () =>
            sh`test "$(kubectl -n petclinic get networkpolicy allow-dns-egress allow-web-egress-to-was allow-was-egress-to-db allow-ingress-to-web allow-web-to-was allow-was-to-db --ignore-not-found -o name | wc -l)" -eq 6`,
          otherwise: '허용 정책 중 빠진 것이 있습니다. 앱이 끊기므로 멈춥니다. 앞의 allow 단계들을 먼저 실행하세요.',
        },
      ],
      command: () =>
        applyUnlessSame(
          `
        # petclinic의 모든 파드: 허용한 것 말고는 들어오고 나가는 연결을 모두 막음
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: default-deny-all
          namespace: petclinic
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
          - Egress
        `,
          'default-deny-all이 매니페스트와 같음',
        ),
      undo: () => sh`kubectl -n petclinic delete networkpolicy default-deny-all --ignore-not-found`,
      sampleOutput: 'networkpolicy.networking.k8s.io/default-deny-all created',
    },
  ],
  verify: [
    {
      id: 'list-policies',
      title: '적용된 정책 목록 확인',
      risk: 'read',
      explanation:
        '일곱 개의 정책이 모두 있는지 봅니다. POD-SELECTOR가 <none>이면 네임스페이스의 모든 파드를 고른다는 뜻입니다.',
      command: () => sh`
        out=$(kubectl -n petclinic get networkpolicy)
        printf '%s\n' "$out"
      `,
      ensures: [
        {
          holds: `정책 ${PETCLINIC_POLICIES.length}개(${PETCLINIC_POLICIES.join(', ')})가 모두 있음`,
          test: () => ({
            kind: 'template',
            parts: [
              `test "$(grep -cE '^(${PETCLINIC_POLICIES.join('|')})[[:space:]]' <<<"$out")" -eq ${PETCLINIC_POLICIES.length}`,
            ],
            values: [],
          }),
          otherwise: '정책 중 일부가 없습니다. apply 단계의 출력을 확인하세요.',
        },
      ],
      sampleOutput: [
        'NAME                      POD-SELECTOR   AGE',
        'allow-dns-egress          <none>         12s',
        'allow-ingress-to-web      app=web        10s',
        'allow-was-egress-to-db    app=was        11s',
        'allow-was-to-db           app=mysql      10s',
        'allow-web-egress-to-was   app=web        11s',
        'allow-web-to-was          app=was        10s',
        'default-deny-all          <none>         9s',
      ].join('\n'),
    },
    {
      id: 'probe-matrix',
      title: '연결 시험: 기대한 표와 실제 결과 비교',
      risk: 'change',
      explanation:
        '가이드 2. 네트워크 정책 페이지의 "이 가이드의 정책" 표에서 고른 연결을 실제로 열어 봅니다. 보내는 쪽 앱 파드에 ' +
        'busybox 임시 컨테이너를 붙여(kubectl debug) 받는 쪽 파드 IP와 포트로 nc -z -w 3을 실행합니다. 새 파드를 만들지 ' +
        '않으니 시험용 파드가 서비스 엔드포인트에 끼어들지 않고, 정책은 진짜 앱 파드의 라벨로 판단합니다. 이름 조회는 전체 ' +
        '이름(mysql.petclinic.svc.cluster.local)의 A 레코드만 묻습니다. busybox nslookup은 짧은 이름이면 검색 도메인마다 ' +
        '묻고 NXDOMAIN이 하나라도 나오면 실패하기 때문입니다.\n\n' +
        '기대와 다른 줄이 하나라도 있으면 표를 모두 출력한 뒤 실패합니다. 임시 컨테이너는 파드가 다시 만들어질 때까지 파드 정의에 ' +
        '남습니다. pods/ephemeralcontainers 권한이 필요하고, 파드 보안 수준이 restricted인 네임스페이스에서는 거절됩니다.',
      command: () => sh`
        fail=0
        for probe in "web was 8080 허용" "was mysql 3306 허용" "web mysql 3306 차단" "was web 8080 차단" "mysql was 8080 차단" "was kube-dns 53 허용"; do
          set -- $probe
          src=$(kubectl -n petclinic get pods -l "app=$1" -o jsonpath='{.items[0].metadata.name}')
          if [ "$2" = kube-dns ]; then
            try="nslookup -type=a mysql.petclinic.svc.cluster.local"
            what="$1 → kube-dns:53 (이름 조회)"
          else
            dst=$(kubectl -n petclinic get pods -l "app=$2" -o jsonpath='{.items[0].metadata.name}')
            try="nc -z -w 3 $(kubectl -n petclinic get pod "$dst" -o jsonpath='{.status.podIP}') $3"
            what="$1 → $2:$3"
          fi
          out=$(kubectl -n petclinic debug "$src" -i -q --profile=baseline --image=busybox:1.36 \
            -- sh -c "if $try >/dev/null 2>&1; then echo OPEN; else echo CLOSED; fi" </dev/null 2>&1 || true)
          case "$out" in *OPEN*) got=허용 ;; *CLOSED*) got=차단 ;; *) got=오류 ;; esac
          if [ "$got" = "$4" ]; then result=일치; else result=불일치; fail=1; fi
          echo "$what  기대: $4  실제: $got  $result"
        done
      `,
      ensures: [
        {
          holds: '모든 줄이 기대와 일치',
          test: () => sh`test "$fail" = 0`,
          otherwise: '기대와 다른 연결이 있습니다(불일치 줄). 정책과 라벨을 확인하세요.',
        },
      ],
      sampleOutput: [
        'web → was:8080  기대: 허용  실제: 허용  일치',
        'was → mysql:3306  기대: 허용  실제: 허용  일치',
        'web → mysql:3306  기대: 차단  실제: 차단  일치',
        'was → web:8080  기대: 차단  실제: 차단  일치',
        'mysql → was:8080  기대: 차단  실제: 차단  일치',
        'was → kube-dns:53 (이름 조회)  기대: 허용  실제: 허용  일치',
      ].join('\n'),
      timeoutSeconds: 300,
    },
  ],
});
