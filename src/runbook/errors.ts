/** A runbook definition that does not satisfy the model. The message names the runbook and every bad field. */
export class RunbookDefinitionError extends Error {
  override readonly name = 'RunbookDefinitionError';
  constructor(
    readonly runbookId: string,
    readonly issues: readonly string[],
  ) {
    super(`Runbook "${runbookId}" is invalid:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
  }
}

/** A parameter value that fails its rule, or an unknown parameter. Nothing has run when this is thrown. */
export class ParamError extends Error {
  override readonly name = 'ParamError';
}

/** An unknown runbook or step id. */
export class LookupError extends Error {
  override readonly name = 'LookupError';
}
