/**
 * Public vectors (b): the Kubernetes network-policy e2e suite, kubernetes/kubernetes
 * test/e2e/network/netpol/network_policy.go, read at
 * https://github.com/kubernetes/kubernetes/blob/008b3652959ca58af8be3fb5b6ecfe9ae7638282/test/e2e/network/netpol/network_policy.go
 * (with policies.go and test_helper.go of the same directory for the GenNetworkPolicy and SetSpec helpers).
 *
 * Each case keeps the upstream `It(...)` title, the pods it creates (`initializeResources(..., "x/a", ...)`), its
 * policies and, per step, the "reachability" truth table built with the same Expect* calls. Policy updates are
 * steps: a step lists every policy present at that time (UpdatePolicy with the same name replaces the policy), and
 * label changes (AddPodLabels / AddNamespaceLabel) are in the step's model.
 */
import type { NetworkPolicy, Protocol } from '../../src/policy/index.js';
import { type E2eModel, gen, genByLabel, largeCidrFor, podIp, type Reachability } from './helpers.js';

export const E2E_SOURCE =
  'https://github.com/kubernetes/kubernetes/blob/008b3652959ca58af8be3fb5b6ecfe9ae7638282/test/e2e/network/netpol/network_policy.go';

export interface E2eStep {
  readonly port: number;
  readonly protocol: Protocol;
  readonly policies: readonly NetworkPolicy[];
  /** Overrides of the case's model for this step (label updates). */
  readonly model?: Partial<E2eModel>;
  readonly expect: (r: Reachability) => void;
}

export interface E2eCase {
  /** The upstream `It(...)` title (and the Describe for the UDP/SCTP copies). */
  readonly name: string;
  readonly model: E2eModel;
  readonly steps: readonly E2eStep[];
}

const TCP: readonly Protocol[] = ['TCP'];
const nsName = (ns: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': ns } });
const podLabel = (pod: string) => ({ matchLabels: { pod } });
const notIn = (key: string, values: string[]) => ({ matchExpressions: [{ key, operator: 'NotIn' as const, values }] });
const inSet = (key: string, values: string[]) => ({ matchExpressions: [{ key, operator: 'In' as const, values }] });
const NS_KEY = 'kubernetes.io/metadata.name';

const step = (
  port: number,
  policies: readonly NetworkPolicy[],
  expect: (r: Reachability) => void,
  extra: { protocol?: Protocol; model?: Partial<E2eModel> } = {},
): E2eStep => ({
  port,
  protocol: extra.protocol ?? 'TCP',
  policies,
  expect,
  ...(extra.model ? { model: extra.model } : {}),
});

const denyIngressX = gen('x', 'deny-ingress', {}, { ingress: [] });
const allowAllX = genByLabel('x', 'allow-all', {}, { ingress: [{}] });

/** The three cases the suite repeats for UDP and SCTP ("Netpol [LinuxOnly]" and "[Feature:SCTPConnectivity]"). */
function protocolCopies(protocol: Protocol): E2eCase[] {
  const suite = protocol === 'UDP' ? 'using UDP' : 'using SCTP';
  const ports81 = { pods: ['x/a', 'x/b', 'y/a', 'z/a'], ports: [81], protocols: [protocol] };
  return [
    {
      name: `[${suite}] should support a 'default-deny-ingress' policy`,
      model: { pods: ['x/a', 'x/b', 'y/a', 'y/b'], ports: [80], protocols: [protocol] },
      steps: [
        step(80, [gen('x', 'deny-all', {}, { ingress: [] })], (r) => r.expectPeer({}, { namespace: 'x' }, false), {
          protocol,
        }),
      ],
    },
    {
      name: `[${suite}] should enforce policy based on Ports`,
      model: ports81,
      steps: [
        step(
          81,
          [
            genByLabel(
              'x',
              'allow-ingress-on-port-81-ns-x',
              { pod: 'a' },
              {
                ingress: [{ from: [{ namespaceSelector: nsName('y') }], ports: [{ port: 81, protocol }] }],
              },
            ),
          ],
          (r) => {
            r.expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false);
            r.expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false);
          },
          { protocol },
        ),
      ],
    },
    {
      name: `[${suite}] should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector`,
      model: { pods: ['x/a', 'x/b', 'y/a'], ports: [80], protocols: [protocol] },
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
          { protocol },
        ),
      ],
    },
  ];
}

/** The CIDR cases, for pods with IPv4 or IPv6 addresses (upstream uses /32 or /128 by the pod IP's family). */
export function cidrCases(family: 4 | 6): E2eCase[] {
  const host = family === 4 ? 32 : 128;
  const suffix = family === 4 ? '' : ' [IPv6 pod IPs]';
  const xb = podIp('x/b', family);
  const exceptPolicy = genByLabel(
    'x',
    'allow-client-a-via-cidr-egress-rule',
    { pod: 'a' },
    {
      egress: [{ to: [{ ipBlock: { cidr: largeCidrFor(xb), except: [`${xb}/${host}`] } }] }],
    },
  );
  return [
    {
      name: `should allow egress access to server in CIDR block${suffix}`,
      model: { pods: ['x/a', 'y/a', 'y/b'], ports: [80], protocols: TCP, family },
      steps: [
        step(
          80,
          [
            genByLabel(
              'x',
              'allow-client-a-via-cidr-egress-rule',
              { pod: 'a' },
              {
                egress: [{ to: [{ ipBlock: { cidr: `${podIp('y/b', family)}/${host}` } }] }],
              },
            ),
          ],
          (r) => r.expectAllEgress('x/a', false).expect('x/a', 'y/b', true),
        ),
      ],
    },
    {
      name: `should enforce except clause while egress access to server in CIDR block${suffix}`,
      model: { pods: ['x/a', 'x/b', 'x/c'], ports: [80], protocols: TCP, family },
      steps: [step(80, [exceptPolicy], (r) => r.expect('x/a', 'x/b', false))],
    },
    {
      name: `should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed${suffix}`,
      model: { pods: ['x/a', 'x/b', 'x/c'], ports: [80], protocols: TCP, family },
      steps: [
        step(80, [exceptPolicy], (r) => r.expect('x/a', 'x/b', false)),
        // UpdatePolicy with the same name: the /32 (/128) policy replaces the except policy.
        step(
          80,
          [
            genByLabel(
              'x',
              'allow-client-a-via-cidr-egress-rule',
              { pod: 'a' },
              {
                egress: [{ to: [{ ipBlock: { cidr: `${xb}/${host}` } }] }],
              },
            ),
          ],
          (r) => r.expectAllEgress('x/a', false).expect('x/a', 'x/b', true),
        ),
      ],
    },
  ];
}

export { allowAllX, denyIngressX, inSet, NS_KEY, notIn, nsName, podLabel, protocolCopies, step, TCP };
