import { LookupError, ParamError, RunbookDefinitionError } from '../runbook/errors.js';
import { PreflightError } from '../runner/errors.js';
import { asStateDirError } from '../runner/node/state.js';
import { TargetProblem } from '../runner/target.js';
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
    io.err.write(`${style.red(messages.errorPrefix)} ${text}\n`);
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
  if (error instanceof TargetProblem) {
    const [text, hint] = pinProblem(error);
    line(error.facts.detail ? `${text}\n${error.facts.detail}` : text, hint);
    return ExitCode.preflight;
  }
  if (error instanceof PreflightError) {
    line(error.message, error.hint);
    return ExitCode.preflight;
  }
  // The machine, not runbook: a folder that cannot be written (permissions, a full or read-only disk, a file in the way).
  const environment = asStateDirError(error, '');
  if (environment) {
    line(
      messages.env.stateDir(environment.path, messages.env.reason(environment.code)),
      messages.env.stateDirHint(environment.stateDir || environment.path),
    );
    return ExitCode.preflight;
  }
  line(error instanceof Error ? (error.stack ?? error.message) : String(error), messages.internal);
  return ExitCode.internal;
}

function pinProblem(problem: TargetProblem): [string, string | undefined] {
  const m = messages.pin;
  const { context, server } = problem.facts;
  switch (problem.kind) {
    case 'no-current-context':
      return [m.noCurrentContext, m.noCurrentContextHint];
    case 'context-unreadable':
      return [m.contextUnreadable(context), m.contextUnreadableHint];
    case 'no-server':
      return [m.noServer(context), undefined];
    case 'unauthorized':
      return [m.unauthorized(context, server), m.unauthorizedHint];
    case 'unreachable':
      return [m.unreachable(context, server), m.unreachableHint];
  }
}
