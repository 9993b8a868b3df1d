/**
 * Kubernetes NetworkPolicy (networking.k8s.io/v1), typed as the API object. `null` is accepted wherever YAML
 * commonly produces it (`from:` with nothing after it) and means the same as an absent field.
 */
import type { LabelSelector } from './selectors.js';

export const POLICY_TYPES = ['Ingress', 'Egress'] as const;
export type PolicyType = (typeof POLICY_TYPES)[number];

export interface ObjectMeta {
  readonly name: string;
  /** Filled in by `parsePolicies` from its `namespace` option when the manifest has none. */
  readonly namespace: string;
}

export interface IPBlock {
  readonly cidr: string;
  readonly except?: readonly string[] | null;
}

/**
 * One peer. podSelector alone: pods in the policy's namespace. namespaceSelector alone: all pods in matching
 * namespaces. Both: matching pods in matching namespaces. ipBlock: addresses (pod IPs included), never combined.
 */
export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector | null;
  readonly namespaceSelector?: LabelSelector | null;
  readonly ipBlock?: IPBlock | null;
}

export interface NetworkPolicyPort {
  /** Default TCP. */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | null;
  /** A number or a named container port. Absent: every port of the protocol. */
  readonly port?: number | string | null;
  /** With a numeric `port`: the inclusive range port..endPort. */
  readonly endPort?: number | null;
}

export interface NetworkPolicyIngressRule {
  /** Absent or empty: every source (all pods and all addresses). */
  readonly from?: readonly NetworkPolicyPeer[] | null;
  /** Absent or empty: every port. */
  readonly ports?: readonly NetworkPolicyPort[] | null;
}

export interface NetworkPolicyEgressRule {
  /** Absent or empty: every destination. */
  readonly to?: readonly NetworkPolicyPeer[] | null;
  readonly ports?: readonly NetworkPolicyPort[] | null;
}

export interface NetworkPolicySpec {
  /** Empty or absent selects every pod in the policy's namespace. */
  readonly podSelector?: LabelSelector | null;
  /**
   * Absent or empty: `Ingress`, plus `Egress` when `egress` has at least one rule (the API server's defaulting).
   */
  readonly policyTypes?: readonly PolicyType[] | null;
  readonly ingress?: readonly NetworkPolicyIngressRule[] | null;
  readonly egress?: readonly NetworkPolicyEgressRule[] | null;
}

export interface NetworkPolicy {
  readonly apiVersion?: 'networking.k8s.io/v1';
  readonly kind: 'NetworkPolicy';
  readonly metadata: ObjectMeta;
  readonly spec: NetworkPolicySpec;
}

/** The policy types in effect after the API server's defaulting. */
export function effectivePolicyTypes(spec: NetworkPolicySpec): ReadonlySet<PolicyType> {
  if (spec.policyTypes && spec.policyTypes.length > 0) return new Set(spec.policyTypes);
  const types = new Set<PolicyType>(['Ingress']);
  if (spec.egress && spec.egress.length > 0) types.add('Egress');
  return types;
}
