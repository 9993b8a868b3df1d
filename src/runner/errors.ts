/** A check before the first step failed (tool missing, context unknown, cluster unreachable). Nothing was run. */
export class PreflightError extends Error {
  override readonly name = 'PreflightError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
