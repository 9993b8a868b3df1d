/**
 * Network-policy evaluator: computes who can reach whom from the same NetworkPolicy / CiliumNetworkPolicy YAML a
 * runbook applies. Pure functions; no cluster access.
 *
 *   const policies = parsePolicies(yamlText, { namespace: 'petclinic' });
 *   evaluate(cluster, policies, { from: web, to: was, port: 8080, protocol: 'TCP' });
 *   // → { allowed: false, reasons: ['egress of petclinic/web: isolated by NetworkPolicy petclinic/default-deny-all; …'] }
 */
export { ciliumLabels } from './cilium-cnp.js';
export type * from './cnp-types.js';
export {
  type PolicyErrorOrigin,
  PolicyParseError,
  PolicyQueryError,
  PolicyValidationError,
  UnsupportedPolicyError,
} from './errors.js';
export { evaluate, evaluateHttp, evaluatePrepared, type Prepared, prepare } from './evaluate.js';
export type * from './k8s-types.js';
export { effectivePolicyTypes } from './k8s-types.js';
export { type MatrixRow, matrix, type PortSpec, renderMatrix } from './matrix.js';
export * from './model.js';
export { type ParseOptions, parsePolicies } from './parse.js';
export type { LabelSelector, LabelSelectorRequirement, SelectorOperator } from './selectors.js';
export { selectorMatches } from './selectors.js';
export { type Policy, policyName, type ValidateOptions, validatePolicy } from './validate.js';
