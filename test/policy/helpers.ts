/** Shared test helpers: fixture loading, endpoint shorthand, and the Kubernetes e2e "reachability" truth tables. */
import { readFileSync } from 'node:fs';
import type {
  Cluster,
  ContainerPort,
  Endpoint,
  LabelSelector,
  Labels,
  NetworkPolicy,
  NetworkPolicyEgressRule,
  NetworkPolicyIngressRule,
  Policy,
  PolicyType,
  Protocol,
} from '../../src/policy/index.js';
import { matrix } from '../../src/policy/index.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/policy/${name}`, import.meta.url), 'utf8');
}

/** `"ns/pod"` → a pod reference; anything else → an IP. */
export function ep(text: string): Endpoint {
  const slash = text.indexOf('/');
  if (slash > 0 && !text.includes(':') && !/^\d/.test(text)) {
    return { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
  }
  return { ip: text };
}

// ---------------------------------------------------------------------------------------------------------------
// The upstream e2e model (kubernetes/kubernetes test/e2e/network/netpol): namespaces x, y, z; pods named a, b, c
// labelled pod=<name>; each pod serves the test's ports × protocols on container ports named
// serve-<port>-<protocol>. Namespaces carry ns=<name> (the older model.go label) and the automatic
// kubernetes.io/metadata.name.

export const NAMESPACES = ['x', 'y', 'z'] as const;

export interface E2eModel {
  /** Pods as "x/a" strings, in upstream order. */
  readonly pods: readonly string[];
  readonly ports: readonly number[];
  readonly protocols: readonly Protocol[];
  readonly family?: 4 | 6;
  readonly podLabels?: Readonly<Record<string, Labels>>;
  readonly namespaceLabels?: Readonly<Record<string, Labels>>;
}

export function podIp(pod: string, family: 4 | 6 = 4): string {
  const [ns = 'x', name = 'a'] = pod.split('/');
  const n = NAMESPACES.indexOf(ns as (typeof NAMESPACES)[number]) + 1;
  const m = name.charCodeAt(0) - 96;
  return family === 4 ? `10.${n}.0.${m}` : `fd00:${n}::${m}`;
}

export function e2eCluster(model: E2eModel): Cluster {
  const ports: ContainerPort[] = model.ports.flatMap((port) =>
    model.protocols.map((protocol) => ({ name: `serve-${port}-${protocol.toLowerCase()}`, port, protocol })),
  );
  return {
    namespaces: NAMESPACES.map((name) => ({ name, labels: { ns: name, ...(model.namespaceLabels?.[name] ?? {}) } })),
    pods: model.pods.map((pod) => {
      const [namespace = '', name = ''] = pod.split('/');
      const labels = { pod: name, ...(model.podLabels?.[pod] ?? {}) };
      return { name, namespace, labels, ip: podIp(pod, model.family), ports };
    }),
  };
}

/** The /4 that contains the IP (upstream `makeLargeCIDRForIP`). */
export function largeCidrFor(ip: string): string {
  if (ip.includes(':')) {
    const first = Number.parseInt(ip.split(':')[0] ?? '0', 16) & 0xf000;
    return `${first.toString(16)}::/4`;
  }
  const first = Number(ip.split('.')[0]) & 0xf0;
  return `${first}.0.0.0/4`;
}

interface PeerSpec {
  readonly namespace?: string;
  readonly pod?: string;
}

/** Mirrors upstream `Reachability`: a default, then Expect / ExpectPeer / ExpectAllIngress / ExpectAllEgress. */
export class Reachability {
  private readonly expected = new Map<string, boolean>();

  constructor(
    readonly pods: readonly string[],
    defaultValue: boolean,
  ) {
    for (const from of pods) for (const to of pods) this.expected.set(`${from}>${to}`, defaultValue);
  }

  expect(from: string, to: string, value: boolean): this {
    this.expected.set(`${from}>${to}`, value);
    return this;
  }

  expectPeer(from: PeerSpec, to: PeerSpec, value: boolean): this {
    const matches = (pod: string, peer: PeerSpec): boolean => {
      const [ns, name] = pod.split('/');
      return (peer.namespace === undefined || peer.namespace === ns) && (peer.pod === undefined || peer.pod === name);
    };
    for (const f of this.pods)
      for (const t of this.pods) if (matches(f, from) && matches(t, to)) this.expect(f, t, value);
    return this;
  }

  expectAllIngress(pod: string, value: boolean): this {
    for (const from of this.pods) this.expect(from, pod, value);
    return this;
  }

  expectAllEgress(pod: string, value: boolean): this {
    for (const to of this.pods) this.expect(pod, to, value);
    return this;
  }

  get(from: string, to: string): boolean | undefined {
    return this.expected.get(`${from}>${to}`);
  }
}

/**
 * Compares the evaluator's truth table with the expected one, ignoring loopback as upstream does
 * (`ignoreLoopback = true`). Returns the wrong cells.
 */
export function wrongCells(
  cluster: Cluster,
  policies: readonly Policy[],
  port: number,
  protocol: Protocol,
  expected: Reachability,
): string[] {
  const endpoints = expected.pods.map(ep);
  const rows = matrix(cluster, policies, endpoints, [{ port, protocol }]);
  return rows
    .filter((r) => r.from !== r.to && r.allowed !== expected.get(r.from, r.to))
    .map((r) => `${r.from} → ${r.to} ${port}/${protocol}: expected ${expected.get(r.from, r.to)}, got ${r.allowed}`);
}

/**
 * Upstream `GenNetworkPolicyWithNameAndPodSelector(name, selector, SetSpecIngressRules(...), SetSpecEgressRules(...))`:
 * passing `ingress` (even empty) adds Ingress to policyTypes, passing `egress` adds Egress.
 */
export function gen(
  namespace: string,
  name: string,
  podSelector: LabelSelector,
  rules: { ingress?: NetworkPolicyIngressRule[]; egress?: NetworkPolicyEgressRule[] },
): NetworkPolicy {
  const policyTypes: PolicyType[] = [];
  if (rules.ingress) policyTypes.push('Ingress');
  if (rules.egress) policyTypes.push('Egress');
  return { kind: 'NetworkPolicy', metadata: { name, namespace }, spec: { podSelector, policyTypes, ...rules } };
}

/** `GenNetworkPolicyWithNameAndPodMatchLabel`. */
export function genByLabel(
  namespace: string,
  name: string,
  matchLabels: Record<string, string>,
  rules: { ingress?: NetworkPolicyIngressRule[]; egress?: NetworkPolicyEgressRule[] },
): NetworkPolicy {
  return gen(namespace, name, { matchLabels }, rules);
}
