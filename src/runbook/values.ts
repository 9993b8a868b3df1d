import { ParamError } from './errors.js';
import type { Runbook } from './model.js';
import { displayValue, validateParamValue } from './params.js';

/** Where a parameter's value came from; shown in the plan so the operator can check it. */
export type ValueSource = 'given' | 'detected' | 'default' | 'example';

export interface ResolvedParams {
  readonly values: Readonly<Record<string, string>>;
  readonly sources: Readonly<Record<string, ValueSource>>;
}

/**
 * Merges operator values, detected values and defaults, and validates each against its rule.
 * `allowExamples` lets `print` and the page fall back to example values; `run` never does.
 * @throws ParamError for an unknown name, an invalid value, or (without examples) a missing value.
 */
export function resolveParams(
  runbook: Runbook,
  given: Readonly<Record<string, string>>,
  options: { detected?: Readonly<Record<string, string>>; allowExamples: boolean },
): ResolvedParams {
  const names = Object.keys(runbook.params);
  for (const name of Object.keys(given)) {
    if (!(name in runbook.params)) {
      throw new ParamError(
        `Unknown parameter "${name}" for ${runbook.id}. Parameters: ${names.join(', ') || '(none)'}.`,
      );
    }
  }
  const values: Record<string, string> = {};
  const sources: Record<string, ValueSource> = {};
  for (const [name, def] of Object.entries(runbook.params)) {
    const detected = options.detected?.[name];
    const [value, source]: [string | undefined, ValueSource] =
      given[name] !== undefined
        ? [given[name], 'given']
        : detected !== undefined
          ? [detected, 'detected']
          : def.default !== undefined
            ? [def.default, 'default']
            : [options.allowExamples ? displayValue(def) : undefined, 'example'];
    if (value === undefined) {
      throw new ParamError(
        `Parameter "${name}" (${def.label}) of ${runbook.id} has no value and could not be detected. ` +
          `Give it with --param ${name}=<value>, e.g. --param ${name}=${def.example ?? ''}.`,
      );
    }
    const problem = validateParamValue(def, value);
    if (problem) {
      const from = source === 'detected' ? 'The value detected from the cluster' : `The value`;
      throw new ParamError(`${from} "${value}" for parameter "${name}" of ${runbook.id} ${problem}. Nothing was run.`);
    }
    values[name] = value;
    sources[name] = source;
  }
  return { values, sources };
}
