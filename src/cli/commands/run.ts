/**
 * `runbook run <id>`: validate everything, pin the target, detect parameters, show the plan, ask, execute, and say
 * exactly what happened and what to do next. Refuses before the first spawn whenever it can.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '../../../runbooks/index.js';
import type { Runbook } from '../../runbook/model.js';
import { quote } from '../../runbook/quote.js';
import { resolveParams } from '../../runbook/values.js';
import { detectParams } from '../../runner/detect.js';
import { PreflightError } from '../../runner/errors.js';
import type { RunOutcome } from '../../runner/execute.js';
import { executeRun } from '../../runner/execute.js';
import { BashProcessRunner } from '../../runner/node/bash-runner.js';
import { missingTools } from '../../runner/node/tools.js';
import { selectSteps } from '../../runner/plan.js';
import { pinTarget } from '../../runner/target.js';
import { humanSink, jsonSink } from '../event-view.js';
import { ExitCode } from '../exit-codes.js';
import type { IO } from '../io.js';
import { canPrompt, styler } from '../io.js';
import type { CommandContext, RunFlags } from '../main.js';
import { messages } from '../messages.js';
import { parseParamFlags } from '../params-flag.js';
import { terminalPrompter } from '../prompter.js';
import { formatPlan } from './plan-view.js';

export async function run({ io }: CommandContext, id: string, flags: RunFlags): Promise<number> {
  const rb = catalog.get(id);
  const given = parseParamFlags(flags.param);
  const only = flags.only?.flatMap((s) => s.split(',')).filter(Boolean);
  const steps = selectSteps(rb, { ...(flags.from !== undefined && { from: flags.from }), ...(only && { only }) });
  // Validate what the operator typed before any process starts (detected values are validated after detection).
  const givenOnly = resolveParams(rb, given, { allowExamples: true });
  const style = styler(io.color && !flags.json);
  const chat = (s: string) => (flags.json ? io.err : io.out).write(s);

  if (flags.dryRun) {
    const sources = Object.fromEntries(
      Object.keys(rb.params).map(
        (n) =>
          [
            n,
            given[n] !== undefined ? 'given' : rb.params[n]?.detect ? 'detect' : (givenOnly.sources[n] ?? 'default'),
          ] as const,
      ),
    );
    const shown = Object.fromEntries(
      Object.keys(rb.params).map((n) => [n, sources[n] === 'detect' ? `<${n}>` : (givenOnly.values[n] ?? '')]),
    );
    chat(formatPlan(rb, steps, shown, sources, style, true));
    chat(`\n${style.dim(messages.plan.dryRunNote)}\n`);
    return ExitCode.ok;
  }

  const missing = await missingTools(['bash', ...rb.requires], io.env.PATH);
  if (missing.length > 0)
    throw new PreflightError(messages.preflight.missingTools(missing), messages.preflight.missingToolsHint);

  const abort = new AbortController();
  const unsubscribe = io.onInterrupt(() => abort.abort());
  const privateDir = await mkdtemp(join(tmpdir(), 'runbook-'));
  try {
    const runner = new BashProcessRunner();
    const baseEnv = Object.fromEntries(Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined));
    const pinned = await pinTarget(runner, {
      ...(flags.context !== undefined && { context: flags.context }),
      env: baseEnv,
      cwd: io.cwd,
      signal: abort.signal,
      writePrivateFile: async (name, content) => {
        const path = join(privateDir, name);
        await writeFile(path, content, { mode: 0o600 });
        return path;
      },
    });
    const options = { env: pinned.env, cwd: io.cwd, signal: abort.signal };
    const detected = await detectParams(runner, rb, given, options);
    const { values, sources } = resolveParams(rb, given, { detected, allowExamples: false });
    const shownValues = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, rb.params[k]?.secret ? '***' : v]),
    );

    const { target } = pinned;
    chat(`${style.bold(messages.target.context)}  ${target.context}\n`);
    chat(`${style.bold(messages.target.server)}   ${target.server} (${messages.target.nodes(target.nodes)})\n`);
    chat(formatPlan(rb, steps, shownValues, sources, style, false));

    const outcome = await executeRun(
      {
        runbook: rb,
        values,
        shownValues,
        steps,
        target,
        env: pinned.env,
        cwd: io.cwd,
        yes: Boolean(flags.yes),
        canPrompt: canPrompt(io),
        signal: abort.signal,
      },
      { runner, prompter: terminalPrompter(io, abort.signal), emit: flags.json ? jsonSink(io) : humanSink(io, style) },
    );
    reportOutcome(io, rb, outcome, { values, context: target.context, json: Boolean(flags.json) });
    return exitCodeFor(outcome);
  } finally {
    unsubscribe();
    await rm(privateDir, { recursive: true, force: true });
  }
}

function exitCodeFor(outcome: RunOutcome): number {
  switch (outcome.status) {
    case 'succeeded':
      return ExitCode.ok;
    case 'refused':
      return ExitCode.refused;
    case 'interrupted':
      return ExitCode.interrupted;
    case 'failed':
      return ExitCode.stepFailed;
  }
}

function reportOutcome(
  io: IO,
  rb: Runbook,
  outcome: RunOutcome,
  ctx: { values: Readonly<Record<string, string>>; context: string; json: boolean },
): void {
  const style = styler(io.color && !ctx.json);
  const out = ctx.json ? io.err : io.out;
  const w = (s = '') => out.write(`${s}\n`);
  w();
  if (outcome.status === 'succeeded') {
    w(style.green(messages.result.succeeded(rb.id, outcome.completed.length)));
    return;
  }
  if (outcome.status === 'refused') {
    io.err.write(`${outcome.refusal === 'no-tty' ? messages.result.refusedNoTTY : messages.result.declined}\n`);
    if (outcome.completed.length === 0) return;
  } else {
    const failed = outcome.failed?.step ?? outcome.notRun[0] ?? '';
    w(
      style.red(
        outcome.status === 'interrupted' ? messages.result.interrupted(rb.id) : messages.result.failed(rb.id, failed),
      ),
    );
    const tail = (outcome.failed?.result?.stderr.trim() || outcome.failed?.result?.stdout.trim() || '')
      .split('\n')
      .slice(-5);
    if (ctx.json && tail.join('').length > 0)
      w(`${messages.result.lastOutput}\n${tail.map((l) => `  ${l}`).join('\n')}`);
  }
  w(messages.result.done(outcome.completed));
  w(messages.result.notRun(outcome.notRun));
  const next = outcome.failed?.step ?? outcome.notRun[0];
  if (next !== undefined) {
    const params = Object.entries(ctx.values)
      .map(([k, v]) => ` --param ${quote(`${k}=${v}`)}`)
      .join('');
    w(messages.result.resume);
    w(`  npx runbook run ${rb.id} --from ${next}${params} --context ${quote(ctx.context)}`);
  }
  if (rb.rollback && outcome.completed.length > 0) {
    w(messages.result.rollback);
    w(`  npx runbook run ${rb.rollback} --context ${quote(ctx.context)}`);
  }
}
