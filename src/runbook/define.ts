import type { RunbookInput } from './model.js';
import type { ParamDefs } from './params.js';

/**
 * Identity helper that gives a runbook file its types (`params` flow into each step's command function).
 * Validation happens in `parseRunbook`, which the build, the CLI and the tests all call.
 */
export function defineRunbook<const P extends ParamDefs>(input: RunbookInput<P>): RunbookInput<P> {
  return input;
}

export { sh } from './template.js';
