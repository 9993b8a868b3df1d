/**
 * Names the operator types (runbook ids, step ids, parameter names), checked before anything else runs, with a
 * "did you mean …?" for a near miss (Levenshtein distance by fastest-levenshtein) instead of a list to read through.
 */
import { closest, distance } from 'fastest-levenshtein';
import { catalog } from '../../runbooks/index.js';
import { LookupError } from '../runbook/errors.js';
import type { Runbook, Step } from '../runbook/model.js';
import { selectSteps } from '../runner/plan.js';
import { messages } from './messages.js';
import { UsageError } from './report-error.js';

/** The closest candidate when it is a plausible typo: at most a third of the word's letters differ (at least 1, at most 3). */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0 || word === '') return undefined;
  const best = closest(word, [...candidates]);
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

export function findRunbook(id: string): Runbook {
  try {
    return catalog.get(id);
  } catch (error) {
    if (!(error instanceof LookupError)) throw error;
    const ids = catalog.runbooks.map((r) => r.id);
    throw new UsageError(messages.unknown.runbook(id, suggest(id, ids), ids));
  }
}

export function findSteps(runbook: Runbook, from: string | undefined, only: readonly string[] | undefined): Step[] {
  const ids = runbook.steps.map((s) => s.id);
  for (const id of [...(from === undefined ? [] : [from]), ...(only ?? [])]) {
    if (!ids.includes(id)) throw new UsageError(messages.unknown.step(id, runbook.id, suggest(id, ids), ids));
  }
  return selectSteps(runbook, { ...(from !== undefined && { from }), ...(only && { only }) });
}

export function checkParamNames(runbook: Runbook, given: Readonly<Record<string, string>>): void {
  const names = Object.keys(runbook.params);
  for (const name of Object.keys(given)) {
    if (!names.includes(name)) {
      throw new UsageError(messages.unknown.param(name, runbook.id, suggest(name, names), names));
    }
  }
}
