/**
 * Small structural checks used by the validators. Every failure throws with the policy and the field path, so the
 * message tells the reader exactly what to fix.
 */
import { type PolicyErrorOrigin, PolicyValidationError, UnsupportedPolicyError } from './errors.js';

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

export class Checker {
  constructor(readonly origin: PolicyErrorOrigin) {}

  invalid(field: string, problem: string): never {
    throw new PolicyValidationError(this.origin, field, problem);
  }

  unsupported(field: string, problem: string): never {
    throw new UnsupportedPolicyError(this.origin, field, `not supported by this evaluator: ${problem}`);
  }

  record(value: unknown, field: string): Json {
    if (!isRecord(value)) this.invalid(field, `must be an object, got ${describe(value)}`);
    return value;
  }

  /** `null` and absent both mean "not set" (YAML `podSelector:` with nothing after it is null). */
  optionalRecord(value: unknown, field: string): Json | undefined {
    return value === undefined || value === null ? undefined : this.record(value, field);
  }

  list(value: unknown, field: string): readonly unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) this.invalid(field, `must be a list, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string') this.invalid(field, `must be a string, got ${describe(value)}`);
    return value;
  }

  optionalString(value: unknown, field: string): string | undefined {
    return value === undefined || value === null ? undefined : this.string(value, field);
  }

  strings(value: unknown, field: string): readonly string[] | undefined {
    const items = this.list(value, field);
    for (const [i, item] of (items ?? []).entries()) this.string(item, at(field, i));
    return items as readonly string[] | undefined;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.invalid(field, `must be an integer from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.invalid(field, `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }

  /**
   * Rejects keys outside `known`. Keys listed in `unsupported` are valid API fields this evaluator does not model;
   * they fail with {@link UnsupportedPolicyError} and the reason given there.
   */
  keys(obj: Json, field: string, known: readonly string[], unsupported: Readonly<Record<string, string>> = {}): void {
    for (const key of Object.keys(obj)) {
      const reason = unsupported[key];
      if (reason !== undefined) this.unsupported(at(field, key), reason);
      if (!known.includes(key)) this.invalid(at(field, key), 'unknown field');
    }
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}
