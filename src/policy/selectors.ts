/**
 * Kubernetes label selectors (matchLabels + matchExpressions with In, NotIn, Exists, DoesNotExist), shared by
 * NetworkPolicy and CiliumNetworkPolicy. An empty selector matches everything.
 */
import { at, type Checker } from './check.js';
import type { Labels } from './model.js';

export const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;
export type SelectorOperator = (typeof SELECTOR_OPERATORS)[number];

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values?: readonly string[] | null;
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  readonly matchExpressions?: readonly LabelSelectorRequirement[] | null;
}

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && value !== undefined && values.includes(value);
    case 'NotIn':
      return !has || value === undefined || !values.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  const matchLabels = selector.matchLabels ?? {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementMatches(req, labels));
}

/** All keys the selector constrains (matchLabels and matchExpressions). */
export function selectorKeys(selector: LabelSelector): string[] {
  return [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((r) => r.key)];
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return selectorKeys(selector).length === 0;
}

/**
 * Validates a selector object (as the API server would) and returns it typed. Label values must be strings: YAML
 * `version: 1` is a number and the API server rejects it, so we do too (quote it).
 */
export function checkSelector(c: Checker, value: unknown, field: string): LabelSelector {
  const obj = c.record(value, field);
  c.keys(obj, field, ['matchLabels', 'matchExpressions']);
  const labels = c.optionalRecord(obj.matchLabels, at(field, 'matchLabels'));
  for (const [key, v] of Object.entries(labels ?? {})) {
    const path = at(at(field, 'matchLabels'), key);
    if (typeof v !== 'string') c.invalid(path, `label values must be strings (quote the value), got ${typeof v}`);
  }
  const exprs = c.list(obj.matchExpressions, at(field, 'matchExpressions')) ?? [];
  for (const [i, e] of exprs.entries()) checkRequirement(c, e, at(at(field, 'matchExpressions'), i));
  return obj as LabelSelector;
}

function checkRequirement(c: Checker, value: unknown, field: string): void {
  const req = c.record(value, field);
  c.keys(req, field, ['key', 'operator', 'values']);
  c.string(req.key, at(field, 'key'));
  const op = c.oneOf(req.operator, at(field, 'operator'), SELECTOR_OPERATORS);
  const values = c.strings(req.values, at(field, 'values')) ?? [];
  if ((op === 'In' || op === 'NotIn') && values.length === 0) {
    c.invalid(at(field, 'values'), `must be non-empty when operator is ${op}`);
  }
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
    c.invalid(at(field, 'values'), `must be empty when operator is ${op}`);
  }
}
