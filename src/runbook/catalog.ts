import { LookupError, RunbookDefinitionError } from './errors.js';
import type { Runbook, Step } from './model.js';
import { parseRunbook } from './schema.js';

/** All runbooks, validated together (ids unique, rollback targets exist). */
export interface Catalog {
  readonly runbooks: readonly Runbook[];
  /** @throws LookupError listing the known ids. */
  get(id: string): Runbook;
}

export function createCatalog(inputs: readonly unknown[]): Catalog {
  const runbooks = inputs.map((input) => parseRunbook(input));
  const byId = new Map<string, Runbook>();
  for (const rb of runbooks) {
    if (byId.has(rb.id)) throw new RunbookDefinitionError(rb.id, ['id: two runbooks use this id']);
    byId.set(rb.id, rb);
  }
  for (const rb of runbooks) {
    if (rb.rollback !== undefined && !byId.has(rb.rollback)) {
      throw new RunbookDefinitionError(rb.id, [
        `rollback: names "${rb.rollback}", which is not a runbook. Runbooks: ${[...byId.keys()].join(', ')}`,
      ]);
    }
  }
  return {
    runbooks,
    get(id) {
      const rb = byId.get(id);
      if (!rb) throw new LookupError(`Unknown runbook "${id}". Runbooks: ${[...byId.keys()].join(', ')}.`);
      return rb;
    },
  };
}

/** @throws LookupError listing the runbook's step ids. */
export function findStep(runbook: Runbook, id: string): Step {
  const step = runbook.steps.find((s) => s.id === id);
  if (!step) {
    throw new LookupError(
      `Unknown step "${id}" in ${runbook.id}. Steps: ${runbook.steps.map((s) => s.id).join(', ')}.`,
    );
  }
  return step;
}
