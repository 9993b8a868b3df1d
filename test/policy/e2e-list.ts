/** The e2e cases of the "NetworkPolicy between server and client" context (TCP), in upstream order. */
import {
  allowAllX,
  cidrCases,
  denyIngressX,
  type E2eCase,
  inSet,
  NS_KEY,
  notIn,
  nsName,
  podLabel,
  protocolCopies,
  step,
  TCP,
} from './e2e-cases.js';
import { gen, genByLabel } from './helpers.js';

const x4 = (pods: string[], ports: number[] = [80]) => ({ pods, ports, protocols: TCP });

export const E2E_CASES: readonly E2eCase[] = [
  {
    name: "should support a 'default-deny-ingress' policy",
    model: x4(['x/a', 'x/b', 'y/a', 'y/b']),
    steps: [step(80, [denyIngressX], (r) => r.expectPeer({}, { namespace: 'x' }, false))],
  },
  {
    name: "should support a 'default-deny-all' policy",
    model: x4(['x/a', 'x/b', 'y/a']),
    steps: [
      step(80, [gen('x', 'deny-all', {}, { ingress: [], egress: [] })], (r) =>
        r.expectPeer({}, { namespace: 'x' }, false).expectPeer({ namespace: 'x' }, {}, false),
      ),
    ],
  },
  {
    name: 'should enforce policy to allow traffic from pods within server namespace based on PodSelector',
    model: x4(['x/a', 'x/b', 'x/c', 'y/a']),
    steps: [
      step(
        80,
        [genByLabel('x', 'x-a-allows-x-b', { pod: 'a' }, { ingress: [{ from: [{ podSelector: podLabel('b') }] }] })],
        (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy to allow ingress traffic for a target',
    model: x4(['x/a', 'x/b', 'y/a']),
    steps: [
      step(
        80,
        [
          gen('x', 'deny-all', {}, { ingress: [] }),
          genByLabel(
            'x',
            'allow-all-to-a',
            { pod: 'a' },
            { ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] },
          ),
        ],
        (r) => r.expectAllIngress('x/a', true).expectAllIngress('x/b', false),
      ),
    ],
  },
  {
    name: 'should enforce policy to allow ingress traffic from pods in all namespaces',
    model: x4(['x/a', 'x/b', 'y/a', 'z/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-from-another-ns',
            { pod: 'a' },
            { ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] },
          ),
        ],
        () => {},
      ),
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector',
    model: x4(['x/a', 'x/b', 'y/a', 'z/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-client-a-via-ns-selector',
            { pod: 'a' },
            { ingress: [{ from: [{ namespaceSelector: nsName('y') }] }] },
          ),
        ],
        (r) =>
          r
            .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
            .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false),
      ),
    ],
  },
  {
    name: 'should enforce policy based on PodSelector with MatchExpressions',
    model: x4(['x/a', 'x/b', 'y/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'x-a-allows-x-b',
            { pod: 'a' },
            { ingress: [{ from: [{ podSelector: inSet('pod', ['b']) }] }] },
          ),
        ],
        (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions',
    model: x4(['x/a', 'x/b', 'y/a', 'z/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-ns-y-match-selector',
            { pod: 'a' },
            { ingress: [{ from: [{ namespaceSelector: inSet(NS_KEY, ['y']) }] }] },
          ),
        ],
        (r) =>
          r
            .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
            .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false),
      ),
    ],
  },
  {
    name: 'should enforce policy based on PodSelector or NamespaceSelector',
    model: x4(['x/a', 'x/b', 'x/c', 'y/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-ns-y-match-selector',
            { pod: 'a' },
            {
              ingress: [{ from: [{ namespaceSelector: notIn(NS_KEY, ['x']) }, { podSelector: podLabel('b') }] }],
            },
          ),
        ],
        (r) => r.expect('x/a', 'x/a', false).expect('x/c', 'x/a', false),
      ),
    ],
  },
  {
    name: 'should enforce policy based on PodSelector and NamespaceSelector',
    model: x4(['x/a', 'x/b', 'y/a', 'y/b', 'z/b']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-ns-y-podselector-and-nsselector',
            { pod: 'a' },
            {
              ingress: [{ from: [{ namespaceSelector: notIn(NS_KEY, ['x']), podSelector: podLabel('b') }] }],
            },
          ),
        ],
        (r) => r.expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy based on Multiple PodSelectors and NamespaceSelectors',
    model: x4(['x/a', 'x/b', 'y/a', 'y/b', 'y/c']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-ns-y-z-pod-b-c',
            { pod: 'a' },
            {
              ingress: [{ from: [{ namespaceSelector: notIn(NS_KEY, ['x']), podSelector: inSet('pod', ['b', 'c']) }] }],
            },
          ),
        ],
        (r) => r.expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expect('y/a', 'x/a', false),
      ),
    ],
  },
  {
    name: 'should enforce policy based on any PodSelectors',
    model: x4(['x/a', 'x/b', 'x/c']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-ns-x-pod-b-c',
            { pod: 'a' },
            {
              ingress: [{ from: [{ podSelector: podLabel('b') }, { podSelector: podLabel('c') }] }],
            },
          ),
        ],
        (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector',
    model: x4(['x/a', 'x/b', 'y/a', 'y/b', 'z/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-ns-y-pod-a-via-namespace-pod-selector',
            { pod: 'a' },
            {
              ingress: [{ from: [{ namespaceSelector: nsName('y'), podSelector: podLabel('a') }] }],
            },
          ),
        ],
        (r) => r.expectAllIngress('x/a', false).expect('y/a', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should enforce policy based on Ports',
    model: x4(['x/a', 'x/b', 'y/a', 'y/b', 'z/a'], [81]),
    steps: [step(81, [allowPort('allow-client-a-via-ns-selector', 81)], allowedFromY)],
  },
  {
    name: 'should enforce multiple, stacked policies with overlapping podSelectors',
    model: x4(['x/a', 'x/b', 'y/a', 'y/b', 'z/a'], [80, 81]),
    steps: [
      step(81, [allowPort('allow-client-a-via-ns-selector', 81)], allowedFromY),
      step(80, [allowPort('allow-client-a-via-ns-selector', 81)], (r) => r.expectAllIngress('x/a', false)),
      step(
        80,
        [allowPort('allow-client-a-via-ns-selector', 81), allowPort('allow-client-a-via-ns-selector-80', 80)],
        allowedFromY,
      ),
    ],
  },
  {
    name: 'should support allow-all policy',
    model: x4(['x/a', 'x/b', 'y/a'], [80, 81]),
    steps: [step(80, [allowAllX], () => {}), step(81, [allowAllX], () => {})],
  },
  {
    name: 'should allow ingress access on one named port',
    model: x4(['x/a', 'x/b', 'y/a'], [80, 81]),
    steps: [
      step(81, [genByLabel('x', 'allow-all', {}, { ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })], () => {}),
      step(80, [genByLabel('x', 'allow-all', {}, { ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })], (r) =>
        r.expectPeer({}, { namespace: 'x' }, false),
      ),
    ],
  },
  {
    name: 'should allow ingress access from namespace on one named port',
    model: x4(['x/a', 'x/b', 'y/a', 'z/a'], [80, 81]),
    steps: [80, 81].map((port) =>
      step(
        port,
        [
          genByLabel(
            'x',
            'allow-client-a-via-ns-selector-80',
            { pod: 'a' },
            {
              ingress: [
                { from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] },
              ],
            },
          ),
        ],
        port === 80
          ? (r) =>
              r
                .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
                .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false)
          : (r) => r.expectAllIngress('x/a', false),
      ),
    ),
  },
  {
    name: 'should allow egress access on one named port',
    model: x4(['x/a', 'y/a'], [80, 81]),
    steps: [80, 81].map((port) =>
      step(
        port,
        [genByLabel('x', 'allow-egress', {}, { egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })],
        port === 80 ? () => {} : (r) => r.expectPeer({ namespace: 'x' }, {}, false),
      ),
    ),
  },
  {
    name: 'should enforce updated policy',
    model: x4(['x/a', 'y/a'], [81]),
    steps: [
      step(81, [genByLabel('x', 'allow-all-mutate-to-deny-all', {}, { ingress: [{}] })], () => {}),
      step(81, [genByLabel('x', 'allow-all-mutate-to-deny-all', {}, { ingress: [] })], (r) =>
        r.expectPeer({}, { namespace: 'x' }, false),
      ),
    ],
  },
  {
    name: 'should allow ingress access from updated namespace',
    model: x4(['x/a', 'y/a']),
    steps: [
      step(80, [nsUpdatedPolicy()], (r) => r.expectAllIngress('x/a', false)),
      step(80, [nsUpdatedPolicy()], (r) => r.expectAllIngress('x/a', false).expectPeer({ namespace: 'y' }, {}, true), {
        model: { namespaceLabels: { y: { ns2: 'updated' } } },
      }),
    ],
  },
  {
    name: 'should allow ingress access from updated pod',
    model: x4(['x/a', 'x/b']),
    steps: [
      step(80, [podUpdatedPolicy()], (r) => r.expectAllIngress('x/a', false)),
      step(80, [podUpdatedPolicy()], (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true), {
        model: { podLabels: { 'x/b': { pod: 'b', pod2: 'updated' } } },
      }),
    ],
  },
  {
    name: 'should deny ingress from pods on other namespaces',
    model: x4(['x/a', 'x/b', 'y/a', 'z/a']),
    steps: [
      step(
        80,
        [gen('x', 'deny-empty-policy', {}, { ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })],
        (r) =>
          r
            .expectPeer({ namespace: 'y' }, { namespace: 'x' }, false)
            .expectPeer({ namespace: 'z' }, { namespace: 'x' }, false),
      ),
    ],
  },
  {
    name: 'should deny ingress access to updated pod',
    model: x4(['x/a', 'y/a']),
    steps: [
      step(80, [isolatedByLabel()], () => {}),
      step(80, [isolatedByLabel()], (r) => r.expectAllIngress('x/a', false), {
        model: { podLabels: { 'x/a': { target: 'isolated' } } },
      }),
    ],
  },
  {
    name: 'should deny egress from pods based on PodSelector',
    model: x4(['x/a', 'x/b', 'y/a']),
    steps: [
      step(80, [gen('x', 'deny-egress-pod-a', podLabel('a'), { egress: [] })], (r) => r.expectAllEgress('x/a', false)),
    ],
  },
  {
    name: 'should deny egress from all pods in a namespace',
    model: x4(['x/a', 'x/b', 'y/a']),
    steps: [
      step(80, [gen('x', 'deny-egress-ns-x', {}, { egress: [] })], (r) => r.expectPeer({ namespace: 'x' }, {}, false)),
    ],
  },
  {
    name: 'should work with Ingress, Egress specified together',
    model: x4(['x/a', 'x/b', 'x/c', 'y/a'], [80, 81]),
    steps: [
      step(80, [ingressEgressTogether()], (r) => r.expectAllIngress('x/a', false).expect('x/b', 'x/a', true)),
      step(81, [ingressEgressTogether()], (r) =>
        r.expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/b', 'x/a', true),
      ),
    ],
  },
  {
    name: 'should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)',
    model: x4(['x/a', 'y/a', 'y/b']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-to-ns-y-pod-a',
            { pod: 'a' },
            {
              egress: [{ to: [{ namespaceSelector: nsName('y'), podSelector: podLabel('a') }] }],
            },
          ),
          genByLabel(
            'y',
            'allow-from-xa-on-ya-match-selector',
            { pod: 'a' },
            {
              ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podLabel('a') }] }],
            },
          ),
          genByLabel(
            'y',
            'allow-from-xa-on-yb-match-selector',
            { pod: 'b' },
            {
              ingress: [{ from: [{ namespaceSelector: nsName('x'), podSelector: podLabel('a') }] }],
            },
          ),
        ],
        (r) =>
          r
            .expectPeer({ namespace: 'x', pod: 'a' }, {}, false)
            .expectPeer({}, { namespace: 'y', pod: 'a' }, false)
            .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y', pod: 'a' }, true)
            .expectPeer({}, { namespace: 'y', pod: 'b' }, false),
      ),
    ],
  },
  {
    name: 'should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector',
    model: x4(['x/a', 'y/a', 'y/b']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-to-ns-y-pod-a',
            { pod: 'a' },
            {
              egress: [{ to: [{ namespaceSelector: nsName('y'), podSelector: podLabel('a') }] }],
            },
          ),
        ],
        (r) => r.expectAllEgress('x/a', false).expect('x/a', 'y/a', true),
      ),
    ],
  },
  {
    name: 'should enforce ingress policy allowing any port traffic to a server on a specific protocol',
    model: { pods: ['x/a', 'y/a'], ports: [80], protocols: ['TCP', 'UDP'] },
    steps: [
      step(80, [byProtocol()], () => {}),
      step(80, [byProtocol()], (r) => r.expectPeer({}, { namespace: 'x', pod: 'a' }, false), { protocol: 'UDP' }),
    ],
  },
  {
    name: 'should enforce multiple ingress policies with ingress allow-all policy taking precedence',
    model: x4(['x/a', 'y/a'], [81]),
    steps: [
      step(81, [onlyPort80('ingress')], (r) => r.expectPeer({}, { namespace: 'x' }, false)),
      step(81, [onlyPort80('ingress'), genByLabel('x', 'allow-ingress', {}, { ingress: [{}] })], () => {}),
    ],
  },
  {
    name: 'should enforce multiple egress policies with egress allow-all policy taking precedence',
    model: x4(['x/a', 'y/a'], [81]),
    steps: [
      step(81, [onlyPort80('egress')], (r) => r.expectPeer({ namespace: 'x' }, {}, false)),
      step(81, [onlyPort80('egress'), genByLabel('x', 'allow-egress', {}, { egress: [{}] })], () => {}),
    ],
  },
  {
    name: 'should stop enforcing policies after they are deleted',
    model: x4(['x/a', 'y/a']),
    steps: [
      step(80, [gen('x', 'deny-all', {}, { ingress: [], egress: [] })], (r) =>
        r.expectPeer({ namespace: 'x' }, {}, false).expectPeer({}, { namespace: 'x' }, false),
      ),
      step(80, [], () => {}),
    ],
  },
  ...cidrCases(4),
  {
    name: 'should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector',
    model: x4(['x/a', 'x/b', 'y/a']),
    steps: [
      step(80, [gen('x', 'allow-egress-for-target', podLabel('a'), { egress: [{}] })], () => {}),
      step(
        80,
        [
          gen('x', 'allow-egress-for-target', podLabel('a'), { egress: [{}] }),
          gen('x', 'deny-ingress-via-label-selector', podLabel('a'), { ingress: [] }),
        ],
        (r) => r.expectAllIngress('x/a', false),
      ),
    ],
  },
  {
    name: "should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP",
    model: x4(['x/a', 'y/a'], [81]),
    steps: [
      step(
        81,
        [
          denyIngressX,
          genByLabel(
            'x',
            'allow-only-sctp-ingress-on-port-81',
            { pod: 'a' },
            { ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] },
          ),
        ],
        (r) => r.expectPeer({}, { namespace: 'x' }, false),
      ),
    ],
  },
  {
    name: "should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP",
    model: x4(['x/a', 'y/a'], [81]),
    steps: [
      step(
        81,
        [
          genByLabel(
            'x',
            'allow-only-sctp-ingress-on-port-80',
            { pod: 'a' },
            { ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] },
          ),
        ],
        (r) => r.expectAllIngress('x/a', false),
      ),
    ],
  },
  {
    name: 'should not allow access by TCP when a policy specifies only UDP',
    model: x4(['x/a', 'y/a'], [81]),
    steps: [
      step(
        81,
        [
          genByLabel(
            'x',
            'allow-only-udp-ingress-on-port-81',
            { pod: 'a' },
            { ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] },
          ),
        ],
        (r) => r.expectAllIngress('x/a', false),
      ),
    ],
  },
  {
    name: 'should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label',
    model: x4(['x/a', 'x/b', 'y/a', 'z/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-client-a-via-ns-selector-for-immutable-ns-label',
            { pod: 'a' },
            {
              ingress: [{ from: [{ namespaceSelector: nsName('y') }] }],
            },
          ),
        ],
        (r) =>
          r
            .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
            .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false),
      ),
    ],
  },
  {
    name: 'should enforce policy based on NamespaceSelector with MatchExpressions using default ns label',
    model: x4(['x/a', 'x/b', 'y/a', 'z/a']),
    steps: [
      step(
        80,
        [
          genByLabel(
            'x',
            'allow-ns-y-match-selector-for-immutable-ns-label',
            { pod: 'a' },
            {
              egress: [{ to: [{ namespaceSelector: notIn(NS_KEY, ['y']) }] }],
            },
          ),
        ],
        (r) => r.expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, false),
      ),
    ],
  },
  ...protocolCopies('UDP'),
  ...protocolCopies('SCTP'),
];

function allowPort(name: string, port: number) {
  return genByLabel(
    'x',
    name,
    { pod: 'a' },
    {
      ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port, protocol: 'TCP' }] }],
    },
  );
}

function allowedFromY(r: import('./helpers.js').Reachability): void {
  r.expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
    .expectPeer({ namespace: 'y' }, { namespace: 'x', pod: 'a' }, true)
    .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false);
}

function nsUpdatedPolicy() {
  return genByLabel(
    'x',
    'allow-client-a-via-ns-selector',
    { pod: 'a' },
    {
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }],
    },
  );
}

function podUpdatedPolicy() {
  return genByLabel(
    'x',
    'allow-client-a-via-pod-selector',
    { pod: 'a' },
    {
      ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }],
    },
  );
}

function isolatedByLabel() {
  return gen('x', 'deny-ingress-via-label-selector', { matchLabels: { target: 'isolated' } }, { ingress: [] });
}

function ingressEgressTogether() {
  const policy = genByLabel(
    'x',
    'allow-client-a-via-pod-selector',
    { pod: 'a' },
    {
      ingress: [{ from: [{ podSelector: podLabel('b') }] }],
    },
  );
  // policy.Spec.Egress = [{ports: [{port: 80}]}]; policyTypes = [Egress, Ingress]
  return {
    ...policy,
    spec: { ...policy.spec, egress: [{ ports: [{ port: 80 }] }], policyTypes: ['Egress', 'Ingress'] as const },
  };
}

function byProtocol() {
  return genByLabel('x', 'allow-ingress-by-proto', { pod: 'a' }, { ingress: [{ ports: [{ protocol: 'TCP' }] }] });
}

function onlyPort80(direction: 'ingress' | 'egress') {
  const rule = { ports: [{ port: 80 }] };
  return direction === 'ingress'
    ? genByLabel('x', 'allow-ingress-port-80', {}, { ingress: [rule] })
    : genByLabel('x', 'allow-egress-port-80', {}, { egress: [rule] });
}
