/**
 * (c) The seed guide's petclinic scenario (corrections rows 31-37 and 50): the seed's three policies block the
 * application; the corrected set lets exactly the intended flows through; the seed's L7 CiliumNetworkPolicy filters
 * HTTP requests.
 */
import { describe, expect, it } from 'vitest';
import {
  type Cluster,
  evaluate,
  evaluateHttp,
  matrix,
  type PodRef,
  parsePolicies,
  renderMatrix,
} from '../../src/policy/index.js';
import { fixture } from './helpers.js';

const cluster: Cluster = {
  namespaces: [{ name: 'petclinic' }, { name: 'kube-system' }, { name: 'ingress-nginx' }],
  pods: [
    {
      name: 'web',
      namespace: 'petclinic',
      labels: { app: 'web' },
      ip: '10.0.1.10',
      ports: [{ name: 'http', port: 8080 }],
    },
    {
      name: 'was',
      namespace: 'petclinic',
      labels: { app: 'was' },
      ip: '10.0.1.11',
      ports: [{ name: 'http', port: 8080 }],
    },
    {
      name: 'mysql',
      namespace: 'petclinic',
      labels: { app: 'mysql' },
      ip: '10.0.1.12',
      ports: [{ name: 'mysql', port: 3306 }],
    },
    {
      name: 'coredns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
      ip: '10.0.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, protocol: 'TCP' },
      ],
    },
    {
      name: 'controller',
      namespace: 'ingress-nginx',
      labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
      ip: '10.0.2.5',
    },
  ],
};

const pc = (name: string): PodRef => ({ namespace: 'petclinic', name });
const dns: PodRef = { namespace: 'kube-system', name: 'coredns' };
const ingress: PodRef = { namespace: 'ingress-nginx', name: 'controller' };
const tcp = (from: PodRef, to: PodRef, port: number) => ({ from, to, port, protocol: 'TCP' as const });

describe("the seed's petclinic policies (default-deny-all + two ingress-only allows) block the application", () => {
  const seed = parsePolicies(fixture('petclinic-seed.yaml'));

  it('loads the three documents', () => {
    expect(seed.map((p) => p.metadata.name)).toEqual(['default-deny-all', 'allow-was-to-db', 'allow-web-to-was']);
  });

  it('denies web → was:8080 on the egress side of web (the ingress side of was allows it)', () => {
    const v = evaluate(cluster, seed, tcp(pc('web'), pc('was'), 8080));
    expect(v.allowed).toBe(false);
    expect(v.reasons).toEqual([
      'egress of petclinic/web: isolated by NetworkPolicy petclinic/default-deny-all; no egress rule allows petclinic/was:8080/TCP',
      'ingress of petclinic/was: petclinic/web → :8080/TCP allowed by NetworkPolicy petclinic/allow-web-to-was spec.ingress[0]',
    ]);
  });

  it('denies was → mysql:3306 on the egress side of was', () => {
    const v = evaluate(cluster, seed, tcp(pc('was'), pc('mysql'), 3306));
    expect(v.allowed).toBe(false);
    expect(v.reasons[0]).toBe(
      'egress of petclinic/was: isolated by NetworkPolicy petclinic/default-deny-all; no egress rule allows petclinic/mysql:3306/TCP',
    );
    expect(v.reasons[1]).toContain('allowed by NetworkPolicy petclinic/allow-was-to-db spec.ingress[0]');
  });

  it.each(['web', 'was', 'mysql'])('denies DNS from %s to kube-dns:53/UDP and 53/TCP (egress of the pod)', (pod) => {
    for (const protocol of ['UDP', 'TCP'] as const) {
      const v = evaluate(cluster, seed, { from: pc(pod), to: dns, port: 53, protocol });
      expect(v.allowed).toBe(false);
      expect(v.reasons[0]).toContain(`no egress rule allows kube-system/coredns:53/${protocol}`);
      expect(v.reasons[1]).toBe('ingress of kube-system/coredns: not isolated (no policy selects it for ingress)');
    }
  });

  it('gives web no ingress at all, so not even the ingress controller reaches it', () => {
    const v = evaluate(cluster, seed, tcp(ingress, pc('web'), 8080));
    expect(v.allowed).toBe(false);
    expect(v.reasons[1]).toContain('ingress of petclinic/web: isolated by NetworkPolicy petclinic/default-deny-all');
  });
});

describe('the corrected petclinic policy set', () => {
  const fixed = parsePolicies(fixture('petclinic-fixed.yaml'));

  it.each([
    ['web → was:8080', tcp(pc('web'), pc('was'), 8080)],
    ['was → mysql:3306', tcp(pc('was'), pc('mysql'), 3306)],
    ['ingress controller → web:8080', tcp(ingress, pc('web'), 8080)],
  ])('allows %s', (_name, query) => {
    const v = evaluate(cluster, fixed, query);
    expect(v.allowed, v.reasons.join('\n')).toBe(true);
  });

  it.each(['web', 'was', 'mysql'])('allows DNS from %s to kube-dns on UDP and TCP 53', (pod) => {
    for (const protocol of ['UDP', 'TCP'] as const) {
      expect(evaluate(cluster, fixed, { from: pc(pod), to: dns, port: 53, protocol }).allowed).toBe(true);
    }
  });

  it.each([
    ['web → mysql:3306 (WEB may not reach the DB)', tcp(pc('web'), pc('mysql'), 3306)],
    ['was → web:8080', tcp(pc('was'), pc('web'), 8080)],
    ['mysql → was:8080', tcp(pc('mysql'), pc('was'), 8080)],
    ['ingress controller → was:8080', tcp(ingress, pc('was'), 8080)],
    ['ingress controller → web:9090 (wrong port)', tcp(ingress, pc('web'), 9090)],
    ['web → kube-dns:9153 (only port 53 is allowed)', tcp(pc('web'), dns, 9153)],
  ])('denies %s', (_name, query) => {
    expect(evaluate(cluster, fixed, query).allowed).toBe(false);
  });

  it('denies egress to the internet and ingress from it (no rule names outside addresses)', () => {
    expect(
      evaluate(cluster, fixed, { from: pc('was'), to: { ip: '203.0.113.9' }, port: 443, protocol: 'TCP' }).allowed,
    ).toBe(false);
    const fromOutside = evaluate(cluster, fixed, {
      from: { ip: '203.0.113.9' },
      to: pc('web'),
      port: 8080,
      protocol: 'TCP',
    });
    expect(fromOutside.allowed).toBe(false);
    expect(fromOutside.reasons[0]).toBe('egress of 203.0.113.9: outside the cluster, no policy applies');
  });

  it('renders the who-can-reach-whom table', () => {
    const pods = [pc('web'), pc('was'), pc('mysql')];
    const rows = matrix(cluster, fixed, pods, [8080, 3306]);
    expect(rows).toHaveLength(18);
    expect(renderMatrix(rows)).toBe(
      [
        '8080/TCP       \tpetclinic/web\tpetclinic/was\tpetclinic/mysql',
        'petclinic/web  \t.\t.\tX',
        'petclinic/was  \tX\t.\tX',
        'petclinic/mysql\tX\tX\t.',
        '',
        '3306/TCP       \tpetclinic/web\tpetclinic/was\tpetclinic/mysql',
        'petclinic/web  \t.\tX\tX',
        'petclinic/was  \tX\t.\t.',
        'petclinic/mysql\tX\tX\t.',
      ].join('\n'),
    );
  });
});

describe("the seed's L7 CiliumNetworkPolicy l7-http-policy", () => {
  // No metadata.namespace in the manifest: it lands in the namespace kubectl applies it to.
  const policies = parsePolicies(fixture('l7-http-policy.yaml'), { namespace: 'default' });
  const l7: Cluster = {
    namespaces: [{ name: 'default' }, { name: 'other' }],
    pods: [
      {
        name: 'api',
        namespace: 'default',
        labels: { app: 'api' },
        ip: '10.0.3.10',
        ports: [{ name: 'http', port: 8080 }],
      },
      { name: 'web', namespace: 'default', labels: { app: 'web' }, ip: '10.0.3.11' },
      { name: 'batch', namespace: 'default', labels: { app: 'batch' }, ip: '10.0.3.12' },
      { name: 'web', namespace: 'other', labels: { app: 'web' }, ip: '10.0.4.11' },
    ],
  };
  const api: PodRef = { namespace: 'default', name: 'api' };
  const web: PodRef = { namespace: 'default', name: 'web' };

  it('is placed in the namespace passed to parsePolicies', () => {
    expect(policies[0]?.metadata).toEqual({ name: 'l7-http-policy', namespace: 'default' });
  });

  it('allows web → api:8080 at L4, restricted by HTTP rules', () => {
    const v = evaluate(l7, policies, tcp(web, api, 8080));
    expect(v).toMatchObject({ allowed: true, l7Restricted: true });
    expect(v.reasons[1]).toBe(
      'ingress of default/api: default/web → :8080/TCP allowed by CiliumNetworkPolicy default/l7-http-policy spec.ingress[0].toPorts[0]',
    );
  });

  it.each([
    ['GET', '/api/users', true],
    ['POST', '/api/create', true],
    ['GET', '/api/create', true],
    ['GET', '/api/users?page=2', true],
    ['POST', '/api/users', false],
    ['DELETE', '/api/x', false],
    ['GET', '/other', false],
    ['GET', '/api', false],
    ['POST', '/api/create/extra', false],
    ['get', '/api/users', false],
  ])('%s %s from web → %s', (method, path, allowed) => {
    const v = evaluateHttp(l7, policies, tcp(web, api, 8080), { method, path });
    expect(v.allowed, v.reasons.join('\n')).toBe(allowed);
  });

  it('explains which HTTP rule matched or that none did', () => {
    const ok = evaluateHttp(l7, policies, tcp(web, api, 8080), { method: 'POST', path: '/api/create' });
    expect(ok.reasons.at(-1)).toBe(
      'ingress of default/api: HTTP POST /api/create allowed by CiliumNetworkPolicy default/l7-http-policy spec.ingress[0].toPorts[0].rules.http[1]',
    );
    const no = evaluateHttp(l7, policies, tcp(web, api, 8080), { method: 'DELETE', path: '/api/x' });
    expect(no.reasons.at(-1)).toBe(
      'ingress of default/api: HTTP DELETE /api/x matches no HTTP rule (CiliumNetworkPolicy default/l7-http-policy spec.ingress[0].toPorts[0].rules.http)',
    );
  });

  it.each([
    ['a non-web pod in the same namespace', { namespace: 'default', name: 'batch' }, 8080],
    ['a web pod in another namespace (the selector has no namespace label)', { namespace: 'other', name: 'web' }, 8080],
    ['web on another port', web, 9090],
  ])('denies %s, already at L4', (_name, from, port) => {
    const v = evaluateHttp(l7, policies, tcp(from, api, port), { method: 'GET', path: '/api/users' });
    expect(v.allowed).toBe(false);
    expect(v.reasons[1]).toContain('isolated by CiliumNetworkPolicy default/l7-http-policy');
  });

  it('leaves pods the policy does not select alone', () => {
    expect(evaluate(l7, policies, tcp(api, web, 8080)).allowed).toBe(true);
  });
});
