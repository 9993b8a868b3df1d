/**
 * Entry point of validation: checks an object (from YAML, or built in code) and returns it typed as a
 * {@link Policy}. Used by `parsePolicies` and again by the evaluator, so a hand-built object with an unsupported
 * field fails just like a YAML one.
 */
import { at, Checker, isRecord } from './check.js';
import { ciliumPolicyName } from './cilium-cnp.js';
import type { CiliumNetworkPolicy } from './cnp-types.js';
import { UnsupportedPolicyError } from './errors.js';
import { networkPolicyName } from './k8s-netpol.js';
import type { NetworkPolicy } from './k8s-types.js';
import { checkCiliumRule } from './validate-cnp.js';
import { checkNetworkPolicySpec } from './validate-k8s.js';

export type Policy = NetworkPolicy | CiliumNetworkPolicy;

export interface ValidateOptions {
  /** 1-based YAML document index, for messages. */
  readonly document?: number;
  /** Namespace for a manifest without `metadata.namespace` (what `kubectl apply` would use). */
  readonly namespace?: string;
}

const KINDS = {
  NetworkPolicy: 'networking.k8s.io/v1',
  CiliumNetworkPolicy: 'cilium.io/v2',
} as const;

/** Kinds that change reachability but are not modelled: refusing them beats silently ignoring them. */
const UNSUPPORTED_KINDS: Readonly<Record<string, string>> = {
  CiliumClusterwideNetworkPolicy: 'cluster-wide Cilium policies are not modelled',
  AdminNetworkPolicy: 'AdminNetworkPolicy (network-policy-api) is not modelled',
  BaselineAdminNetworkPolicy: 'BaselineAdminNetworkPolicy (network-policy-api) is not modelled',
  ClusterNetworkPolicy: 'ClusterNetworkPolicy (network-policy-api) is not modelled',
  CiliumCIDRGroup: 'CiliumCIDRGroup is not modelled',
};

export function isPolicyKind(kind: unknown): kind is Policy['kind'] {
  return kind === 'NetworkPolicy' || kind === 'CiliumNetworkPolicy';
}

export function isUnsupportedPolicyKind(kind: unknown): boolean {
  return typeof kind === 'string' && kind in UNSUPPORTED_KINDS;
}

export function policyName(policy: Policy): string {
  return policy.kind === 'NetworkPolicy' ? networkPolicyName(policy) : ciliumPolicyName(policy);
}

export function validatePolicy(value: unknown, options: ValidateOptions = {}): Policy {
  const fallback = options.document === undefined ? 'policy' : `document ${options.document}`;
  const obj = new Checker({ policy: fallback, document: options.document }).record(value, '');
  const kind = typeof obj.kind === 'string' ? obj.kind : undefined;
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '?';
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : options.namespace;
  const c: Checker = new Checker({ policy: `${kind ?? 'object'} ${ns ?? '?'}/${name}`, document: options.document });
  const unsupportedKind = kind === undefined ? undefined : UNSUPPORTED_KINDS[kind];
  if (unsupportedKind !== undefined) {
    throw new UnsupportedPolicyError(c.origin, 'kind', `not supported by this evaluator: ${unsupportedKind}`);
  }
  if (!isPolicyKind(kind)) c.invalid('kind', `must be NetworkPolicy or CiliumNetworkPolicy, got ${String(obj.kind)}`);
  if (obj.apiVersion !== undefined && obj.apiVersion !== KINDS[kind]) {
    c.invalid('apiVersion', `must be ${KINDS[kind]} for ${kind}, got ${String(obj.apiVersion)}`);
  }
  const metadata = c.record(obj.metadata, 'metadata');
  c.string(metadata.name, at('metadata', 'name'));
  if (ns === undefined) {
    c.invalid(at('metadata', 'namespace'), 'is missing: set it, or pass the namespace the manifest is applied in');
  }
  const withNs = { ...metadata, name, namespace: ns };
  if (kind === 'NetworkPolicy') {
    c.keys(obj, '', ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const spec = checkNetworkPolicySpec(c, obj.spec, 'spec');
    return { kind, apiVersion: KINDS[kind], metadata: withNs, spec };
  }
  c.keys(obj, '', ['apiVersion', 'kind', 'metadata', 'spec', 'specs', 'status']);
  const hasSpec = obj.spec !== undefined && obj.spec !== null;
  const specs = c.list(obj.specs, 'specs');
  if (!hasSpec && (specs === undefined || specs.length === 0)) c.invalid('spec', 'spec or specs is required');
  const spec = hasSpec ? checkCiliumRule(c, obj.spec, 'spec') : undefined;
  const rules = specs?.map((rule, i) => checkCiliumRule(c, rule, at('specs', i)));
  return {
    kind,
    apiVersion: KINDS[kind],
    metadata: withNs,
    ...(spec ? { spec } : {}),
    ...(rules ? { specs: rules } : {}),
  };
}
