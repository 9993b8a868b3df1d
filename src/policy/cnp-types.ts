/**
 * The supported subset of CiliumNetworkPolicy (cilium.io/v2, CRD schema of Cilium 1.18), typed as the API object.
 * Fields outside this subset are rejected by the validator with UnsupportedPolicyError; see cilium-cnp.ts for the
 * list and the reasons.
 */
import type { ObjectMeta } from './k8s-types.js';
import type { LabelSelector } from './selectors.js';

/**
 * A Cilium endpoint selector. Keys may carry a label source prefix: `k8s:app` or `any:app` (same as `app`). The
 * namespace is the label `io.kubernetes.pod.namespace` (`k8s:io.kubernetes.pod.namespace`).
 */
export type EndpointSelector = LabelSelector;

/** The entities this evaluator models. The cluster model has pods and outside addresses only (no nodes). */
export const SUPPORTED_ENTITIES = ['all', 'world', 'cluster', 'none'] as const;
export type SupportedEntity = (typeof SUPPORTED_ENTITIES)[number];
export const UNSUPPORTED_ENTITIES = [
  'host',
  'init',
  'ingress',
  'unmanaged',
  'remote-node',
  'health',
  'kube-apiserver',
] as const;

export interface CidrRule {
  readonly cidr: string;
  readonly except?: readonly string[] | null;
}

export interface PortProtocol {
  /** A number as a string ("8080"), "0" for every port, or a named container port. */
  readonly port: string;
  readonly endPort?: number | null;
  /** Absent or ANY: TCP, UDP and SCTP. */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | 'ANY' | null;
}

/** Method and path are extended POSIX regexes matched against the whole method / `:path` (anchored). */
export interface PortRuleHTTP {
  readonly method?: string | null;
  readonly path?: string | null;
}

export interface L7Rules {
  readonly http?: readonly PortRuleHTTP[] | null;
}

export interface PortRule {
  readonly ports?: readonly PortProtocol[] | null;
  readonly rules?: L7Rules | null;
}

/** Deny rules take only L4 ports (the CRD has no `rules` there). */
export interface PortDenyRule {
  readonly ports?: readonly PortProtocol[] | null;
}

export interface IngressRule {
  readonly fromEndpoints?: readonly EndpointSelector[] | null;
  readonly fromCIDR?: readonly string[] | null;
  readonly fromCIDRSet?: readonly CidrRule[] | null;
  readonly fromEntities?: readonly SupportedEntity[] | null;
  readonly toPorts?: readonly PortRule[] | null;
}

export interface IngressDenyRule extends Omit<IngressRule, 'toPorts'> {
  readonly toPorts?: readonly PortDenyRule[] | null;
}

export interface EgressRule {
  readonly toEndpoints?: readonly EndpointSelector[] | null;
  readonly toCIDR?: readonly string[] | null;
  readonly toCIDRSet?: readonly CidrRule[] | null;
  readonly toEntities?: readonly SupportedEntity[] | null;
  readonly toPorts?: readonly PortRule[] | null;
}

export interface EgressDenyRule extends Omit<EgressRule, 'toPorts'> {
  readonly toPorts?: readonly PortDenyRule[] | null;
}

export interface CiliumRule {
  readonly endpointSelector: EndpointSelector;
  readonly ingress?: readonly IngressRule[] | null;
  readonly ingressDeny?: readonly IngressDenyRule[] | null;
  readonly egress?: readonly EgressRule[] | null;
  readonly egressDeny?: readonly EgressDenyRule[] | null;
  readonly description?: string | null;
}

export interface CiliumNetworkPolicy {
  readonly apiVersion?: 'cilium.io/v2';
  readonly kind: 'CiliumNetworkPolicy';
  readonly metadata: ObjectMeta;
  /** At least one of `spec` and `specs`. */
  readonly spec?: CiliumRule | null;
  readonly specs?: readonly CiliumRule[] | null;
}
