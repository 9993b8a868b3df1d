import { LookupError, RunbookDefinitionError } from './errors.js';
import type { Runbook, Step } from './model.js';
import { parseRunbook } from './schema.js';

/** All runbooks. Each is validated the first time it is asked for (the CLI's `run x` validates only x and its ids). */
export interface Catalog {
  /** Every runbook, validated (the site build and `list` use this, so an invalid one fails them). */
  readonly runbooks: readonly Runbook[];
  /** @throws LookupError listing the known ids; RunbookDefinitionError if that runbook is invalid. */
  get(id: string): Runbook;
}

export function createCatalog(inputs: readonly unknown[]): Catalog {
  const raw = new Map<string, unknown>();
  for (const input of inputs) {
    const id = String((input as { id?: unknown } | null)?.id ?? '');
    if (raw.has(id)) throw new RunbookDefinitionError(id, ['id: two runbooks use this id']);
    raw.set(id, input);
  }
  const parsed = new Map<string, Runbook>();
  const get = (id: string): Runbook => {
    const cached = parsed.get(id);
    if (cached) return cached;
    if (!raw.has(id)) throw new LookupError(`Unknown runbook "${id}". Runbooks: ${[...raw.keys()].join(', ')}.`);
    const rb = parseRunbook(raw.get(id), id);
    if (rb.rollback !== undefined && !raw.has(rb.rollback)) {
      throw new RunbookDefinitionError(rb.id, [
        `rollback: names "${rb.rollback}", which is not a runbook. Runbooks: ${[...raw.keys()].join(', ')}`,
      ]);
    }
    parsed.set(id, rb);
    return rb;
  };
  return {
    get runbooks() {
      return [...raw.keys()].map(get);
    },
    get,
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
