/** CiliumNetworkPolicy semantics beyond the documented examples, and how they combine with NetworkPolicy. */
import { describe, expect, it } from 'vitest';
import {
  type Cluster,
  ciliumLabels,
  evaluate,
  evaluateHttp,
  namespaceLabels,
  type PodRef,
  type Protocol,
  parsePolicies,
} from '../../src/policy/index.js';

const cluster: Cluster = {
  namespaces: [{ name: 'app', labels: { team: 'shop' } }, { name: 'ops' }, { name: 'kube-system' }],
  pods: [
    { name: 'api', namespace: 'app', labels: { app: 'api' }, ip: '10.1.0.10', ports: [{ name: 'http', port: 8080 }] },
    { name: 'web', namespace: 'app', labels: { app: 'web' }, ip: '10.1.0.11', serviceAccount: 'web-sa' },
    { name: 'web', namespace: 'ops', labels: { app: 'web' }, ip: '10.2.0.11' },
    {
      name: 'dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
      ip: '10.3.0.10',
      ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
    },
  ],
};
const api: PodRef = { namespace: 'app', name: 'api' };
const web: PodRef = { namespace: 'app', name: 'web' };
const opsWeb: PodRef = { namespace: 'ops', name: 'web' };
const dns: PodRef = { namespace: 'kube-system', name: 'dns' };

const cnp = (spec: string, ns = 'app') =>
  parsePolicies(
    `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: t, namespace: ${ns}}\nspec:\n${spec}`,
  );
const allowed = (
  policies: ReturnType<typeof cnp>,
  from: PodRef | { ip: string },
  to: PodRef | { ip: string },
  port: number,
  protocol: Protocol = 'TCP',
) => evaluate(cluster, policies, { from, to, port, protocol }).allowed;

describe('identity labels', () => {
  it('are the pod labels plus the namespace, namespace labels, service account and cluster', () => {
    const pod = cluster.pods.find((p) => p.name === 'web' && p.namespace === 'app');
    if (pod === undefined) throw new Error('no pod');
    expect(ciliumLabels(pod, namespaceLabels(cluster, 'app'))).toEqual({
      app: 'web',
      'io.kubernetes.pod.namespace': 'app',
      'io.cilium.k8s.namespace.labels.team': 'shop',
      'io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name': 'app',
      'io.cilium.k8s.policy.serviceaccount': 'web-sa',
      'io.cilium.k8s.policy.cluster': 'default',
    });
  });
});

describe('namespace scoping', () => {
  it('limits peer selectors without a namespace label to the policy namespace', () => {
    const p = cnp(
      '  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {app: web}}]',
    );
    expect(allowed(p, web, api, 8080)).toBe(true);
    expect(allowed(p, opsWeb, api, 8080)).toBe(false);
  });

  it.each([
    ['k8s:io.kubernetes.pod.namespace', '{matchLabels: {"k8s:io.kubernetes.pod.namespace": ops, "k8s:app": web}}'],
    ['io.kubernetes.pod.namespace (any source)', '{matchLabels: {io.kubernetes.pod.namespace: ops, app: web}}'],
    [
      'a namespace matchExpression',
      '{matchExpressions: [{key: "k8s:io.kubernetes.pod.namespace", operator: In, values: [ops]}]}',
    ],
  ])('crosses namespaces when the selector names one with %s', (_name, selector) => {
    const p = cnp(`  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n  - fromEndpoints: [${selector}]`);
    expect(allowed(p, opsWeb, api, 8080)).toBe(true);
    expect(allowed(p, web, api, 8080)).toBe(false);
  });

  it('matches every namespace with an Exists expression on the namespace label', () => {
    const p = cnp(
      '  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n  - fromEndpoints: [{matchExpressions: [{key: io.kubernetes.pod.namespace, operator: Exists}]}]',
    );
    expect(allowed(p, opsWeb, api, 8080)).toBe(true);
    expect(allowed(p, web, api, 8080)).toBe(true);
    expect(allowed(p, { ip: '198.51.100.1' }, api, 8080)).toBe(false);
  });

  it('selects namespaces by their labels through io.cilium.k8s.namespace.labels', () => {
    const p = cnp(
      '  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {io.cilium.k8s.namespace.labels.team: shop, io.kubernetes.pod.namespace: app}}]',
    );
    expect(allowed(p, web, api, 8080)).toBe(true);
  });

  it('applies the endpointSelector only in the policy namespace, even when it is empty', () => {
    const p = cnp('  endpointSelector: {}\n  ingress: [{}]', 'ops');
    expect(allowed(p, web, opsWeb, 80)).toBe(false);
    expect(allowed(p, opsWeb, web, 80)).toBe(true);
  });

  it('reads the kube-dns selector of the Cilium docs (namespace kube-system, k8s-app kube-dns)', () => {
    const p = cnp(
      '  endpointSelector: {}\n  egress:\n  - toEndpoints: [{matchLabels: {"k8s:io.kubernetes.pod.namespace": kube-system, "k8s:k8s-app": kube-dns}}]\n    toPorts: [{ports: [{port: "53", protocol: ANY}]}]',
    );
    expect(allowed(p, web, dns, 53, 'UDP')).toBe(true);
    expect(allowed(p, web, api, 8080)).toBe(false);
  });
});

describe('default deny', () => {
  it('is not switched on by an empty ingress list (the CRD: "If omitted or empty, this rule does not apply")', () => {
    const p = cnp('  endpointSelector: {matchLabels: {app: api}}\n  ingress: []\n  egress: [{}]');
    expect(allowed(p, web, api, 8080)).toBe(true);
    expect(allowed(p, api, web, 80)).toBe(false);
  });

  it('is switched on by an ingressDeny section alone', () => {
    const p = cnp(
      '  endpointSelector: {matchLabels: {app: api}}\n  ingressDeny:\n  - fromEndpoints: [{matchLabels: {app: nothing}}]',
    );
    const v = evaluate(cluster, p, { from: web, to: api, port: 8080, protocol: 'TCP' });
    expect(v.allowed).toBe(false);
    expect(v.reasons[1]).toBe(
      'ingress of app/api: isolated by CiliumNetworkPolicy app/t; no ingress rule allows app/web → :8080/TCP',
    );
  });
});

describe('ports', () => {
  it.each([
    ['"0" (every port)', '{port: "0", protocol: TCP}', 9999, 'TCP', true],
    ['ANY protocol', '{port: "53", protocol: ANY}', 53, 'UDP', true],
    ['omitted protocol', '{port: "53"}', 53, 'SCTP', true],
    ['a named port', '{port: http}', 8080, 'TCP', true],
    ['a named port in capitals (compared lower-cased)', '{port: HTTP}', 8080, 'TCP', true],
    ['a named port on another number', '{port: http}', 8081, 'TCP', false],
    ['a range', '{port: "8000", endPort: 8100, protocol: TCP}', 8080, 'TCP', true],
  ])('%s', (_name, port, number, protocol, expected) => {
    const p = cnp(`  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n  - toPorts: [{ports: [${port}]}]`);
    expect(allowed(p, web, api, number, protocol as Protocol)).toBe(expected);
  });
});

describe('CIDR, entities and the L4-only wildcard', () => {
  it('matches CIDR rules against outside addresses only, with except', () => {
    const p = cnp(
      '  endpointSelector: {matchLabels: {app: web}}\n  egress:\n  - toCIDRSet: [{cidr: 0.0.0.0/0, except: [169.254.169.254/32]}]',
    );
    expect(allowed(p, web, { ip: '93.184.216.34' }, 443)).toBe(true);
    expect(allowed(p, web, { ip: '169.254.169.254' }, 80)).toBe(false);
    expect(allowed(p, web, api, 8080)).toBe(false);
  });

  it('accepts a bare IP in toCIDR', () => {
    const p = cnp('  endpointSelector: {matchLabels: {app: web}}\n  egress:\n  - toCIDR: [203.0.113.7]');
    expect(allowed(p, web, { ip: '203.0.113.7' }, 443)).toBe(true);
    expect(allowed(p, web, { ip: '203.0.113.8' }, 443)).toBe(false);
  });

  it('matches IPv6 CIDRs', () => {
    const p = cnp('  endpointSelector: {matchLabels: {app: web}}\n  egress:\n  - toCIDR: ["2001:db8::/32"]');
    expect(allowed(p, web, { ip: '2001:db8:1::1' }, 443)).toBe(true);
    expect(allowed(p, web, { ip: '2001:db9::1' }, 443)).toBe(false);
  });

  it('treats cluster as every pod and world as every outside address', () => {
    const p = cnp('  endpointSelector: {matchLabels: {app: web}}\n  egress:\n  - toEntities: [cluster]');
    expect(allowed(p, web, opsWeb, 80)).toBe(true);
    expect(allowed(p, web, { ip: '93.184.216.34' }, 80)).toBe(false);
  });

  it('selects nothing with an explicitly empty L3 list', () => {
    const p = cnp(
      '  endpointSelector: {matchLabels: {app: web}}\n  egress:\n  - toEndpoints: []\n    toPorts: [{ports: [{port: "80", protocol: TCP}]}]',
    );
    expect(allowed(p, web, opsWeb, 80)).toBe(false);
  });
});

describe('mixing CiliumNetworkPolicy and NetworkPolicy', () => {
  const knp = parsePolicies(
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: k, namespace: app}\nspec:\n  podSelector: {matchLabels: {app: api}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: web}}}]',
  );
  const l7 = cnp(
    '  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {app: web}}]\n    toPorts: [{ports: [{port: "8080", protocol: TCP}], rules: {http: [{method: GET}]}}]',
  );

  it('adds allows up across kinds: a NetworkPolicy allow lifts the HTTP restriction of a CNP', () => {
    const q = { from: web, to: api, port: 8080, protocol: 'TCP' as const };
    expect(evaluate(cluster, l7, q).l7Restricted).toBe(true);
    expect(evaluateHttp(cluster, l7, q, { method: 'POST', path: '/' }).allowed).toBe(false);
    const both = [...l7, ...knp];
    expect(evaluate(cluster, both, q).l7Restricted).toBe(false);
    expect(evaluateHttp(cluster, both, q, { method: 'POST', path: '/' }).allowed).toBe(true);
  });

  it('lets a Cilium deny win over a NetworkPolicy allow', () => {
    const deny = cnp(
      '  endpointSelector: {matchLabels: {app: api}}\n  ingressDeny:\n  - fromEndpoints: [{matchLabels: {app: web}}]\n    toPorts: [{ports: [{port: "8080", protocol: TCP}]}]',
    );
    const v = evaluate(cluster, [...knp, ...deny], { from: web, to: api, port: 8080, protocol: 'TCP' });
    expect(v.allowed).toBe(false);
    expect(v.reasons[1]).toBe(
      'ingress of app/api: app/web → :8080/TCP denied by CiliumNetworkPolicy app/t spec.ingressDeny[0].toPorts[0] (deny rules win)',
    );
  });

  it('applies egress HTTP rules on the client side', () => {
    const p = cnp(
      '  endpointSelector: {matchLabels: {app: web}}\n  egress:\n  - toEndpoints: [{matchLabels: {app: api}}]\n    toPorts: [{ports: [{port: "8080", protocol: TCP}], rules: {http: [{method: "GET|HEAD", path: "/v[[:digit:]]+/.*"}]}}]',
    );
    const q = { from: web, to: api, port: 8080, protocol: 'TCP' as const };
    expect(evaluateHttp(cluster, p, q, { method: 'HEAD', path: '/v2/items' }).allowed).toBe(true);
    expect(evaluateHttp(cluster, p, q, { method: 'GET', path: '/vx/items' }).allowed).toBe(false);
    expect(evaluateHttp(cluster, p, q, { method: 'GETS', path: '/v2/items' }).allowed).toBe(false);
  });

  it('reads every rule of specs', () => {
    const p = parsePolicies(
      'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: multi, namespace: app}\nspecs:\n- endpointSelector: {matchLabels: {app: api}}\n  ingress: [{fromEndpoints: [{matchLabels: {app: web}}]}]\n- endpointSelector: {matchLabels: {app: web}}\n  egress: [{toEndpoints: [{matchLabels: {app: api}}]}]',
    );
    const v = evaluate(cluster, p, { from: web, to: api, port: 8080, protocol: 'TCP' });
    expect(v.allowed).toBe(true);
    expect(v.reasons[0]).toContain('CiliumNetworkPolicy app/multi specs[1].egress[0]');
    expect(allowed(p, web, dns, 53, 'UDP')).toBe(false);
  });
});
