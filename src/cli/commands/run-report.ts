import type { Runbook } from '../../runbook/model.js';
import { quote } from '../../runbook/quote.js';
import type { Target } from '../../runner/events.js';
import type { RunOutcome } from '../../runner/execute.js';
import { ExitCode } from '../exit-codes.js';
import type { IO } from '../io.js';
import { styler } from '../io.js';
import { messages } from '../messages.js';

export function exitCodeFor(outcome: RunOutcome): number {
  switch (outcome.status) {
    case 'succeeded':
      return ExitCode.ok;
    case 'refused':
      return ExitCode.refused;
    case 'aborted':
      return ExitCode.aborted;
    case 'interrupted':
      return ExitCode.interrupted;
    case 'failed':
      return ExitCode.stepFailed;
  }
}

/** What happened, in what state the cluster is, and the exact next commands (resume, roll back). */
export function reportOutcome(
  io: IO,
  rb: Runbook,
  outcome: RunOutcome,
  ctx: {
    values: Readonly<Record<string, string>>;
    target: Target;
    json: boolean;
    transcript: string;
    confirm?: string;
    /** Says why an aborted run stopped, instead of the abort reason (e.g. the transcript could not be written). */
    stoppedBy?: string;
  },
): void {
  const style = styler(io.color && !ctx.json);
  const out = ctx.json ? io.err : io.out;
  const w = (s = '') => out.write(`${s}\n`);
  const r = messages.result;
  w();
  switch (outcome.status) {
    case 'succeeded':
      w(style.green(r.succeeded(rb.id, outcome.completed.length + outcome.skipped.length)));
      w(style.dim(`${messages.target.transcript}: ${ctx.transcript}`));
      return;
    case 'refused':
      io.err.write(`${refusalText(outcome, ctx.target.context, ctx.confirm ?? '')}\n`);
      break;
    case 'aborted':
      io.err.write(`${ctx.stoppedBy ?? r.aborted(outcome.abortReason ?? '')}\n`);
      break;
    default: {
      const failed = outcome.failed?.step ?? outcome.notRun[0] ?? '';
      w(style.red(outcome.status === 'interrupted' ? r.interrupted(rb.id) : r.failed(rb.id, failed)));
      const result = outcome.failed?.result;
      const tail = (result?.stderr.trim() || result?.stdout.trim() || '').split('\n').slice(-5);
      if (tail.join('').length > 0) w(`${r.lastOutput}\n${tail.map((l) => `  ${l}`).join('\n')}`);
    }
  }
  if (outcome.completed.length + outcome.skipped.length === 0 && outcome.status === 'refused') return;
  w(r.done([...outcome.completed, ...outcome.skipped.map((s) => `${s} (already done)`)]));
  w(r.notRun(outcome.notRun));
  const next = outcome.failed?.step ?? outcome.notRun[0];
  const context = ` --context ${quote(ctx.target.context)}`;
  if (next !== undefined) {
    const params = Object.entries(ctx.values)
      .map(([k, v]) => ` --param ${quote(`${k}=${v}`)}`)
      .join('');
    w(r.resume);
    w(`  npx runbook run ${rb.id} --from ${next}${params}${context}`);
  }
  if (rb.rollback && outcome.completed.length > 0) {
    w(r.rollback);
    w(`  npx runbook run ${rb.rollback}${context}`);
  }
  w(style.dim(`${messages.target.transcript}: ${ctx.transcript}`));
}

function refusalText(outcome: RunOutcome, context: string, confirm: string): string {
  const r = messages.result;
  switch (outcome.refusal) {
    case 'no-tty':
      return r.refusedNoTTY;
    case 'no-confirm':
      return r.refusedNoConfirm(context);
    case 'confirm-mismatch':
      return r.refusedMismatch(confirm, context);
    default:
      return r.declined;
  }
}
