/**
 * Errors name the policy (kind namespace/name) and the field (a path such as `spec.ingress[0].from[1].ipBlock.cidr`),
 * and, when the policy came from a YAML file, the 1-based document index.
 */

export interface PolicyErrorOrigin {
  /** e.g. `NetworkPolicy petclinic/default-deny-all`, or `document 2` when the name is not known yet. */
  readonly policy: string;
  /** 1-based index of the YAML document, when loaded by `parsePolicies`. */
  readonly document?: number;
}

abstract class PolicyError extends Error {
  constructor(
    readonly origin: PolicyErrorOrigin,
    /** The offending field, as a path from the object root (`spec.egress[0].toFQDNs`). Empty for the whole object. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(formatMessage(origin, field, problem));
  }

  get policy(): string {
    return this.origin.policy;
  }

  get document(): number | undefined {
    return this.origin.document;
  }
}

function formatMessage(origin: PolicyErrorOrigin, field: string, problem: string): string {
  const where = origin.document === undefined ? origin.policy : `document ${origin.document} (${origin.policy})`;
  return field === '' ? `${where}: ${problem}` : `${where}: ${field}: ${problem}`;
}

/** The object is not a valid policy (it would be rejected by the API server or the CRD schema). */
export class PolicyValidationError extends PolicyError {
  override readonly name = 'PolicyValidationError';
}

/** The object is valid, but uses a field whose semantics this evaluator does not model. Nothing is guessed. */
export class UnsupportedPolicyError extends PolicyError {
  override readonly name = 'UnsupportedPolicyError';
}

/** A YAML document that cannot be read at all (syntax error). */
export class PolicyParseError extends Error {
  override readonly name = 'PolicyParseError';
  constructor(
    readonly document: number,
    readonly problem: string,
  ) {
    super(`document ${document}: ${problem}`);
  }
}

/** A query that names a pod the cluster does not have, an invalid IP, or an invalid port. */
export class PolicyQueryError extends Error {
  override readonly name = 'PolicyQueryError';
}
