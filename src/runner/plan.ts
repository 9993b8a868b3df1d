import { findStep } from '../runbook/catalog.js';
import { LookupError } from '../runbook/errors.js';
import type { Runbook, Step } from '../runbook/model.js';

export interface Selection {
  /** Start at this step id (resume). */
  readonly from?: string;
  /** Run only these step ids. */
  readonly only?: readonly string[];
}

/** The steps a run will consider, in runbook order. @throws LookupError for an unknown step id. */
export function selectSteps(runbook: Runbook, selection: Selection): Step[] {
  if (selection.from !== undefined && selection.only !== undefined) {
    throw new LookupError('Use either --from or --only, not both.');
  }
  if (selection.from !== undefined) {
    const start = runbook.steps.indexOf(findStep(runbook, selection.from));
    return runbook.steps.slice(start);
  }
  if (selection.only !== undefined) {
    const wanted = new Set(selection.only.map((id) => findStep(runbook, id).id));
    return runbook.steps.filter((s) => wanted.has(s.id));
  }
  return [...runbook.steps];
}
