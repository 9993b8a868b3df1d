/**
 * `runbook run <id>`: validate everything the operator typed (before any process starts), print the plan for
 * `--dry-run`, or hand over to the live run. zx and the runner load only for a live run.
 */
import { resolveParams } from '../../runbook/values.js';
import { ExitCode } from '../exit-codes.js';
import { styler } from '../io.js';
import { checkParamNames, findRunbook, findSteps } from '../lookup.js';
import type { CommandContext, RunFlags } from '../main.js';
import { messages } from '../messages.js';
import { parseParamFlags } from '../params-flag.js';
import { formatPlan } from './plan-view.js';

export async function run(ctx: CommandContext, id: string, flags: RunFlags): Promise<number> {
  const { io } = ctx;
  const runbook = findRunbook(id);
  const given = parseParamFlags(flags.param);
  checkParamNames(runbook, given);
  const only = flags.only?.flatMap((s) => s.split(',')).filter(Boolean);
  const steps = findSteps(runbook, flags.from, only);
  // Operator values are validated here; detected values are validated after detection, before any step runs.
  const typed = resolveParams(runbook, given, { allowExamples: true });

  if (flags.dryRun) {
    const style = styler(io.color && io.stdoutIsTTY && !flags.json);
    const sources = Object.fromEntries(
      Object.keys(runbook.params).map((n) => {
        const source = given[n] !== undefined ? 'given' : runbook.params[n]?.detect ? 'detect' : typed.sources[n];
        return [n, source ?? 'default'] as const;
      }),
    );
    const shown = Object.fromEntries(
      Object.keys(runbook.params).map((n) => [n, sources[n] === 'detect' ? `<${n}>` : (typed.values[n] ?? '')]),
    );
    const out = flags.json ? io.err : io.out;
    out.write(formatPlan(runbook, steps, shown, sources, style, true));
    out.write(`\n${style.dim(messages.plan.dryRunNote)}\n`);
    return ExitCode.ok;
  }
  const { runLive } = await import('./run-live.js');
  return runLive(ctx, runbook, steps, given, flags);
}
