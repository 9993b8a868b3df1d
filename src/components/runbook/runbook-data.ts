/**
 * What the browser needs to re-render a runbook with the reader's parameter values: the command templates, not
 * their text. The build writes it once per runbook as `runbook/<id>.json` (src/pages/runbook/[id].json.ts); the
 * parameter form fetches it on first use and renders with the model's own renderer and quoting, so a reader's value
 * lands in each block and copy button exactly as `runbook print --param` would put it.
 */
import type { Runbook, Step } from '../../runbook/model.js';
import type { ParamDef, ParamType } from '../../runbook/params.js';
import { quote } from '../../runbook/quote.js';
import type { CommandTemplate } from '../../runbook/template.js';
import { isParamRef } from '../../runbook/template.js';

/** A parameter's validation rule as JSON (a RegExp does not survive JSON). */
export interface ParamData {
  readonly type: ParamType;
  readonly values?: readonly string[];
  readonly pattern?: readonly [source: string, flags: string];
}

/** The fields of a step the renderer reads (`renderStep`, `renderScript`). */
export interface StepData {
  readonly id: string;
  readonly title: string;
  readonly risk: Step['risk'];
  readonly runOn: Step['runOn'];
  readonly command: CommandTemplate;
  readonly undo?: CommandTemplate;
}

export interface RunbookData {
  readonly id: string;
  readonly title: string;
  readonly ciliumVersion: string;
  readonly rollback?: string;
  readonly params: Readonly<Record<string, ParamData>>;
  /** The values the page was built with (defaults, else examples). */
  readonly values: Readonly<Record<string, string>>;
  readonly steps: readonly StepData[];
}

export function runbookData(runbook: Runbook, values: Readonly<Record<string, string>>): RunbookData {
  return {
    id: runbook.id,
    title: runbook.title,
    ciliumVersion: runbook.ciliumVersion,
    rollback: runbook.rollback,
    params: Object.fromEntries(
      Object.entries(runbook.params).map(([name, def]) => [
        name,
        { type: def.type, values: def.values, pattern: def.pattern && [def.pattern.source, def.pattern.flags] },
      ]),
    ),
    values,
    steps: runbook.steps.map((s) => ({
      id: s.id,
      title: s.title,
      risk: s.risk,
      runOn: s.runOn,
      command: s.command,
      undo: s.undo,
    })),
  };
}

/** The validation rule back as the model's ParamDef (labels are not needed to validate). */
export function paramDef(data: ParamData): ParamDef {
  return {
    type: data.type,
    label: '',
    description: '',
    values: data.values,
    pattern: data.pattern && new RegExp(data.pattern[0], data.pattern[1]),
  };
}

/**
 * The data as the model's Runbook, for `renderScript`, which reads only the fields serialized above (id, title,
 * version, rollback, parameter names, and each step's id, title, risk, runOn and command).
 */
export function asRunbook(data: RunbookData): Runbook {
  return { ...data, summary: '', requires: [], steps: data.steps } as unknown as Runbook;
}

/** Where each parameter's quoted value sits in `renderTemplate(template, values)`: [start, end) offsets and name. */
export interface ParamRange {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/** Walks the template exactly as `renderTemplate` joins it, recording the span of every parameter value. */
export function paramRanges(template: CommandTemplate, values: Readonly<Record<string, string>>): ParamRange[] {
  const ranges: ParamRange[] = [];
  let at = template.parts[0]?.length ?? 0;
  template.values.forEach((value, i) => {
    const text = quote(isParamRef(value) ? (values[value.name] ?? '') : String(value));
    if (isParamRef(value)) ranges.push({ start: at, end: at + text.length, name: value.name });
    at += text.length + (template.parts[i + 1]?.length ?? 0);
  });
  return ranges;
}
