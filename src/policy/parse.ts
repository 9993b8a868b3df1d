/**
 * Loads the policies a runbook applies from multi-document YAML (documents separated by `---`), and `List`
 * objects such as `kubectl get netpol -o yaml` prints. Errors name the 1-based document index and the field.
 */
import { parseAllDocuments } from 'yaml';
import { isRecord } from './check.js';
import { PolicyParseError } from './errors.js';
import { isPolicyKind, isUnsupportedPolicyKind, type Policy, validatePolicy } from './validate.js';

export interface ParseOptions {
  /**
   * The namespace for manifests without `metadata.namespace` (kubectl applies them in the current namespace).
   * Without it, such a manifest is an error.
   */
  readonly namespace?: string;
  /**
   * Skip documents of other kinds (Namespace, Deployment, ...). Default false: they are an error. Kinds that change
   * reachability but are not modelled (e.g. CiliumClusterwideNetworkPolicy) are always an error.
   */
  readonly skipOtherKinds?: boolean;
}

export function parsePolicies(yamlText: string, options: ParseOptions = {}): Policy[] {
  const docs = parseAllDocuments(yamlText, { uniqueKeys: true });
  if (!Array.isArray(docs)) return [];
  const policies: Policy[] = [];
  docs.forEach((doc, i) => {
    const document = i + 1;
    const error = doc.errors[0];
    if (error !== undefined) throw new PolicyParseError(document, `invalid YAML: ${error.message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    const items =
      isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') ? value.items : [value];
    if (!Array.isArray(items))
      throw new PolicyParseError(document, `${String(isRecord(value) && value.kind)}.items must be a list`);
    for (const item of items) {
      const kind = isRecord(item) ? item.kind : undefined;
      if (!isPolicyKind(kind) && !isUnsupportedPolicyKind(kind) && options.skipOtherKinds === true) continue;
      policies.push(validatePolicy(item, { document, namespace: options.namespace }));
    }
  });
  return policies;
}
