import { LookupError, ParamError, RunbookDefinitionError } from '../runbook/errors.js';
import { PreflightError } from '../runner/errors.js';
import { ExitCode } from './exit-codes.js';
import type { IO } from './io.js';
import { styler } from './io.js';
import { messages } from './messages.js';

/** A bad flag value the commands detect themselves (commander handles the rest). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Prints an error the way every command does and returns its exit code (the one mapping from error to code). */
export function reportError(io: IO, error: unknown): number {
  const style = styler(io.color);
  const line = (text: string, hint?: string) => {
    io.err.write(`${style.red('error:')} ${text}\n`);
    if (hint) io.err.write(`${style.dim(hint)}\n`);
  };
  if (error instanceof UsageError || error instanceof LookupError || error instanceof ParamError) {
    line(error.message);
    return ExitCode.usage;
  }
  if (error instanceof RunbookDefinitionError) {
    line(error.message, messages.internal);
    return ExitCode.internal;
  }
  if (error instanceof PreflightError) {
    line(error.message, error.hint);
    return ExitCode.preflight;
  }
  line(error instanceof Error ? (error.stack ?? error.message) : String(error), messages.internal);
  return ExitCode.internal;
}
