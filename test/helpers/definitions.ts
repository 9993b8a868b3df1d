/** Runbook definitions in tests: what the schema says of one it rejects. */
import { RunbookDefinitionError } from '../../src/runbook/errors.js';
import { parseRunbook } from '../../src/runbook/schema.js';

/** The message `parseRunbook` rejects `input` with. @throws Error when it accepts it. */
export function issuesOf(input: unknown): string {
  try {
    parseRunbook(input);
  } catch (error) {
    if (error instanceof RunbookDefinitionError) return error.message;
    throw error;
  }
  throw new Error('expected the definition to be rejected');
}
