/**
 * What the runbook components show, computed once per runbook at build time. Every command string comes straight
 * from src/runbook/render.ts; components print these strings unchanged (in the highlighted block and in the copy
 * button), which is what keeps the page, the copy buttons, `runbook print` and the runner on the same text.
 */
import { catalog } from '../../../runbooks/index.js';
import { findStep } from '../../runbook/catalog.js';
import type { Runbook, Step } from '../../runbook/model.js';
import { renderCommand, renderScript, renderStep } from '../../runbook/render.js';
import { resolveParams, type ValueSource } from '../../runbook/values.js';
import { type ParamRange, paramRanges } from './runbook-data.js';

export interface StepView {
  readonly runbookId: string;
  readonly step: Step;
  /** 1-based position among all steps, as in the script's `# [n/total]` comment. */
  readonly number: number;
  readonly total: number;
  /** `renderStep(step, values)`: the block's text and its copy button's text. */
  readonly text: string;
  readonly undoText?: string;
  /** Where the parameter values sit in `text` and `undoText`. */
  readonly ranges: { readonly text: ParamRange[]; readonly undo: ParamRange[] };
}

export interface RunbookView {
  readonly runbook: Runbook;
  /** Display values: defaults, else examples (a page has no cluster to detect from). */
  readonly values: Readonly<Record<string, string>>;
  readonly sources: Readonly<Record<string, ValueSource>>;
  readonly steps: readonly StepView[];
  /** `renderScript(runbook, values)`: what "copy all" copies. Ends with one newline. */
  readonly script: string;
}

const views = new Map<string, RunbookView>();

/** @throws LookupError listing the known runbook ids, which fails the build for a typo in `<Runbook id>`. */
export function viewRunbook(id: string): RunbookView {
  const cached = views.get(id);
  if (cached) return cached;
  const runbook = catalog.get(id);
  const { values, sources } = resolveParams(runbook, {}, { allowExamples: true });
  const steps = runbook.steps.map((step, index) => ({
    runbookId: runbook.id,
    step,
    number: index + 1,
    total: runbook.steps.length,
    text: renderStep(step, values),
    undoText: step.undo && renderCommand(step.undo, values),
    ranges: {
      text: paramRanges(step.command, values),
      undo: step.undo ? paramRanges(step.undo, values) : [],
    },
  }));
  const view: RunbookView = { runbook, values, sources, steps, script: renderScript(runbook, values) };
  views.set(id, view);
  return view;
}

/** @throws LookupError for an unknown runbook id or step id, listing the known ones. */
export function viewStep(runbookId: string, stepId: string): StepView {
  const view = viewRunbook(runbookId);
  const step = findStep(view.runbook, stepId);
  return view.steps.find((s) => s.step === step) as StepView;
}

/** Splits an explanation into paragraphs at blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
