/** The loader and the validator: errors name the document index, the policy and the field; nothing is guessed. */
import { describe, expect, it } from 'vitest';
import {
  type Cluster,
  evaluate,
  type NetworkPolicy,
  PolicyParseError,
  PolicyValidationError,
  parsePolicies,
  UnsupportedPolicyError,
} from '../../src/policy/index.js';

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const np = (spec: string, meta = 'name: p\n  namespace: ns') =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  ${meta}\nspec:\n${spec}`;
const cnp = (spec: string) =>
  `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: c\n  namespace: ns\nspec:\n${spec}`;

describe('parsePolicies', () => {
  it('reads multi-document YAML, skipping empty documents, and fills the namespace of namespace-less manifests', () => {
    const text = `---\n${np('  podSelector: {}')}\n---\n---\n${np('  podSelector: {}', 'name: q')}\n`;
    const policies = parsePolicies(text, { namespace: 'fallback' });
    expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['ns/p', 'fallback/q']);
  });

  it('reads List objects (kubectl get -o yaml)', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: a, namespace: n, uid: x, resourceVersion: "1"}\n  spec: {podSelector: {}}\n`;
    expect(parsePolicies(text).map((p) => p.metadata.name)).toEqual(['a']);
  });

  it('refuses a manifest without a namespace when none is given, naming the document and field', () => {
    const e = errorOf(() => parsePolicies(`${np('  podSelector: {}')}\n---\n${np('  podSelector: {}', 'name: q')}`));
    expect(e).toBeInstanceOf(PolicyValidationError);
    expect(e.message).toBe(
      'document 2 (NetworkPolicy ?/q): metadata.namespace: is missing: set it, or pass the namespace the manifest is applied in',
    );
  });

  it('reports YAML syntax errors with the document index', () => {
    const e = errorOf(() => parsePolicies(`${np('  podSelector: {}')}\n---\nkind: [unclosed\n`));
    expect(e).toBeInstanceOf(PolicyParseError);
    expect(e.message).toMatch(/^document 2: invalid YAML: /);
  });

  it('rejects duplicate keys (the API server would keep only one of them)', () => {
    expect(() => parsePolicies(np('  podSelector: {}\n  podSelector: {}'))).toThrow(PolicyParseError);
  });

  it('rejects other kinds unless asked to skip them, but never skips kinds that change reachability', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n';
    expect(errorOf(() => parsePolicies(deployment)).message).toBe(
      'document 1 (Deployment ?/d): kind: must be NetworkPolicy or CiliumNetworkPolicy, got Deployment',
    );
    expect(parsePolicies(`${deployment}---\n${np('  podSelector: {}')}`, { skipOtherKinds: true })).toHaveLength(1);
    const ccnp = 'apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: all}\nspec: {}\n';
    const e = errorOf(() => parsePolicies(ccnp, { skipOtherKinds: true }));
    expect(e).toBeInstanceOf(UnsupportedPolicyError);
    expect(e.message).toContain('cluster-wide Cilium policies are not modelled');
  });

  it('parses the recipe-03 style `matchLabels:` (null) and `from:` (null) as empty', () => {
    const [p] = parsePolicies(np('  podSelector:\n    matchLabels:\n  ingress:\n  - from:\n'));
    expect(p?.kind === 'NetworkPolicy' && p.spec.ingress?.[0]).toEqual({ from: null });
  });
});

describe('NetworkPolicy validation names the field', () => {
  it.each([
    [
      'a peer with no selector',
      '  ingress:\n  - from:\n    - {}',
      'spec.ingress[0].from[0]: must specify podSelector, namespaceSelector or ipBlock',
    ],
    [
      'ipBlock with a selector',
      '  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/8}\n      podSelector: {}',
      'spec.egress[0].to[0].ipBlock: may not be specified together with podSelector or namespaceSelector',
    ],
    [
      'an except outside the cidr',
      '  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/16, except: [10.1.0.0/24]}',
      'spec.egress[0].to[0].ipBlock.except[0]: must be a strict subset of cidr 10.0.0.0/16, got "10.1.0.0/24"',
    ],
    [
      'a bad CIDR',
      '  egress:\n  - to:\n    - ipBlock: {cidr: 10.0.0.0/33}',
      'spec.egress[0].to[0].ipBlock.cidr: must be a valid CIDR (e.g. 10.0.0.0/24), got "10.0.0.0/33"',
    ],
    [
      'a numeric label value',
      '  podSelector:\n    matchLabels: {version: 1}',
      'spec.podSelector.matchLabels.version: label values must be strings (quote the value), got number',
    ],
    [
      'an In without values',
      '  podSelector:\n    matchExpressions: [{key: a, operator: In}]',
      'spec.podSelector.matchExpressions[0].values: must be non-empty when operator is In',
    ],
    [
      'an unknown operator',
      '  podSelector:\n    matchExpressions: [{key: a, operator: Gt, values: ["1"]}]',
      'spec.podSelector.matchExpressions[0].operator: must be one of In, NotIn, Exists, DoesNotExist, got "Gt"',
    ],
    [
      'endPort with a named port',
      '  ingress:\n  - ports: [{port: http, endPort: 90}]',
      'spec.ingress[0].ports[0].endPort: may only be used with a numeric port',
    ],
    [
      'endPort below port',
      '  ingress:\n  - ports: [{port: 100, endPort: 90}]',
      'spec.ingress[0].ports[0].endPort: must be greater than or equal to port (100)',
    ],
    [
      'a quoted numeric port',
      '  ingress:\n  - ports: [{port: "80"}]',
      `spec.ingress[0].ports[0].port: a named port must be an IANA_SVC_NAME (1-15 lowercase letters, digits, '-', at least one letter); got "80"`,
    ],
    [
      'a bad protocol',
      '  ingress:\n  - ports: [{protocol: ICMP}]',
      'spec.ingress[0].ports[0].protocol: must be one of TCP, UDP, SCTP, got "ICMP"',
    ],
    ['a misspelled field', '  ingres: []', 'spec.ingres: unknown field'],
    [
      'a bad policy type',
      '  policyTypes: [ingress]',
      'spec.policyTypes[0]: must be one of Ingress, Egress, got "ingress"',
    ],
  ])('%s', (_name, spec, message) => {
    const e = errorOf(() => parsePolicies(np(spec)));
    expect(e).toBeInstanceOf(PolicyValidationError);
    expect(e.message).toBe(`document 1 (NetworkPolicy ns/p): ${message}`);
  });

  it('rejects a wrong apiVersion', () => {
    const text = np('  podSelector: {}').replace('networking.k8s.io/v1', 'extensions/v1beta1');
    expect(errorOf(() => parsePolicies(text)).message).toBe(
      'document 1 (NetworkPolicy ns/p): apiVersion: must be networking.k8s.io/v1 for NetworkPolicy, got extensions/v1beta1',
    );
  });
});

describe('CiliumNetworkPolicy: unsupported fields fail loudly, naming the policy and field', () => {
  it.each([
    [
      'toFQDNs',
      '  endpointSelector: {}\n  egress:\n  - toFQDNs: [{matchName: example.com}]',
      'spec.egress[0].toFQDNs',
      'DNS-based rules',
    ],
    [
      'toServices',
      '  endpointSelector: {}\n  egress:\n  - toServices: [{k8sService: {serviceName: s}}]',
      'spec.egress[0].toServices',
      'Service',
    ],
    [
      'entity host',
      '  endpointSelector: {}\n  ingress:\n  - fromEntities: [host]',
      'spec.ingress[0].fromEntities[0]',
      'entity "host"',
    ],
    [
      'entity kube-apiserver',
      '  endpointSelector: {}\n  egress:\n  - toEntities: [kube-apiserver]',
      'spec.egress[0].toEntities[0]',
      'entity "kube-apiserver"',
    ],
    [
      'enableDefaultDeny',
      '  endpointSelector: {}\n  enableDefaultDeny: {ingress: false}\n  ingress: [{}]',
      'spec.enableDefaultDeny',
      'default-deny',
    ],
    ['nodeSelector', '  nodeSelector: {}\n  ingress: [{}]', 'spec.nodeSelector', 'host policies'],
    [
      'CIDR groups',
      '  endpointSelector: {}\n  egress:\n  - toCIDRSet: [{cidrGroupRef: office}]',
      'spec.egress[0].toCIDRSet[0].cidrGroupRef',
      'CiliumCIDRGroup',
    ],
    [
      'DNS L7 rules',
      '  endpointSelector: {}\n  egress:\n  - toPorts: [{ports: [{port: "53", protocol: UDP}], rules: {dns: [{matchPattern: "*"}]}}]',
      'spec.egress[0].toPorts[0].rules.dns',
      'only HTTP',
    ],
    [
      'HTTP headers',
      '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{method: PUT, path: /path2$, headers: ["X-My-Header: true"]}]}}]',
      'spec.ingress[0].toPorts[0].rules.http[0].headers',
      'only method and path',
    ],
    [
      'HTTP on protocol ANY',
      '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "80"}], rules: {http: [{method: GET}]}}]',
      'spec.ingress[0].toPorts[0].ports[0].protocol',
      'not TCP',
    ],
    ['ICMP', '  endpointSelector: {}\n  egress:\n  - icmps: [{fields: [{type: 8}]}]', 'spec.egress[0].icmps', 'ICMP'],
    [
      'reserved labels',
      '  endpointSelector: {}\n  ingress:\n  - fromEndpoints: [{matchLabels: {"reserved:host": ""}}]',
      'spec.ingress[0].fromEndpoints[0]',
      'label source "reserved:"',
    ],
  ])('%s', (_name, spec, field, reason) => {
    const e = errorOf(() => parsePolicies(cnp(spec)));
    expect(e).toBeInstanceOf(UnsupportedPolicyError);
    expect(e.message).toContain(`document 1 (CiliumNetworkPolicy ns/c): ${field}: not supported by this evaluator: `);
    expect(e.message).toContain(reason);
  });

  it.each([
    [
      'a numeric port',
      '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: 80}]}]',
      'spec.ingress[0].toPorts[0].ports[0].port: must be a string: quote it ("80")',
    ],
    ['no section', '  endpointSelector: {}', 'spec: must have ingress, ingressDeny, egress or egressDeny'],
    ['no endpointSelector', '  ingress: [{}]', 'spec.endpointSelector: is required'],
    [
      'a lookahead in an HTTP path',
      '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "80", protocol: TCP}], rules: {http: [{path: "/(?!admin)"}]}}]',
      'spec.ingress[0].toPorts[0].rules.http[0].path: lookaround is not supported by RE2/POSIX regexes: "/(?!admin)"',
    ],
    [
      'L7 rules on port 0',
      '  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: "0", protocol: TCP}], rules: {http: [{path: /}]}}]',
      'spec.ingress[0].toPorts[0].ports[0].port: L7 rules need a specific port, not "0"',
    ],
    [
      'an unknown entity',
      '  endpointSelector: {}\n  ingress:\n  - fromEntities: [everyone]',
      'spec.ingress[0].fromEntities[0]: unknown entity "everyone"',
    ],
  ])('rejects %s as invalid', (_name, spec, message) => {
    const e = errorOf(() => parsePolicies(cnp(spec)));
    expect(e).toBeInstanceOf(PolicyValidationError);
    expect(e.message).toBe(`document 1 (CiliumNetworkPolicy ns/c): ${message}`);
  });
});

describe('the evaluator validates hand-built policies the same way', () => {
  const cluster: Cluster = { namespaces: [], pods: [{ name: 'a', namespace: 'ns', ip: '10.0.0.1' }] };
  const query = { from: { ip: '10.9.9.9' }, to: { namespace: 'ns', name: 'a' }, port: 80, protocol: 'TCP' as const };

  it('throws UnsupportedPolicyError for an unsupported field instead of ignoring it', () => {
    const policy = {
      kind: 'CiliumNetworkPolicy',
      metadata: { name: 'fqdn', namespace: 'ns' },
      spec: { endpointSelector: {}, egress: [{ toFQDNs: [{ matchName: 'example.com' }] }] },
    } as unknown as NetworkPolicy;
    const e = errorOf(() => evaluate(cluster, [policy], query));
    expect(e).toBeInstanceOf(UnsupportedPolicyError);
    expect(e.message).toMatch(
      /^CiliumNetworkPolicy ns\/fqdn: spec\.egress\[0\]\.toFQDNs: not supported by this evaluator/,
    );
  });

  it('throws PolicyValidationError for an invalid object', () => {
    const policy = {
      kind: 'NetworkPolicy',
      metadata: { name: 'bad', namespace: 'ns' },
      spec: { ingress: [{ from: [{}] }] },
    };
    const e = errorOf(() => evaluate(cluster, [policy as NetworkPolicy], query));
    expect(e.message).toBe(
      'NetworkPolicy ns/bad: spec.ingress[0].from[0]: must specify podSelector, namespaceSelector or ipBlock',
    );
  });
});
