/**
 * A live run: preflight (tools, versions, target, lock), parameter detection, the plan, then the executor.
 * Says exactly what happened and what to do next; the transcript records it all.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runbook, Step } from '../../runbook/model.js';
import { renderCommand } from '../../runbook/render.js';
import { resolveParams } from '../../runbook/values.js';
import { detectParams } from '../../runner/detect.js';
import { PreflightError } from '../../runner/errors.js';
import type { EventSink, RunEvent, Target } from '../../runner/events.js';
import { executeRun } from '../../runner/execute.js';
import { masker } from '../../runner/mask.js';
import { BashProcessRunner } from '../../runner/node/bash-runner.js';
import { acquireLock, LockHeldError } from '../../runner/node/lock.js';
import { missingTools } from '../../runner/node/tools.js';
import { openTranscript } from '../../runner/node/transcript.js';
import type { ProcessRunner } from '../../runner/ports.js';
import { pinTarget, targetGuard } from '../../runner/target.js';
import { TOOL_CHECKS, versionProblem } from '../../runner/tools.js';
import { humanSink, jsonSink } from '../event-view.js';
import { ExitCode } from '../exit-codes.js';
import { canPrompt, styler } from '../io.js';
import type { CommandContext, RunFlags } from '../main.js';
import { messages } from '../messages.js';
import { terminalPrompter } from '../prompter.js';
import { reportError } from '../report-error.js';
import { buildInfo } from '../version.js';
import { formatPlan } from './plan-view.js';
import { exitCodeFor, reportOutcome } from './run-report.js';

/** The target of a workstation-scoped runbook: this machine; no kube context is read or pinned. */
const WORKSTATION: Target = { context: 'workstation', cluster: 'workstation', server: 'this machine', nodes: 0 };

/** Where transcripts and locks live: $RUNBOOK_STATE_DIR, else $XDG_STATE_HOME/cilium-runbook, else ~/.local/state/…. */
export function stateDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.RUNBOOK_STATE_DIR) return env.RUNBOOK_STATE_DIR;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'cilium-runbook');
}

export async function runLive(
  { io }: CommandContext,
  runbook: Runbook,
  steps: readonly Step[],
  given: Readonly<Record<string, string>>,
  flags: RunFlags,
): Promise<number> {
  const env = Object.fromEntries(Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined));
  const missing = await missingTools(['bash', ...runbook.requires], env.PATH);
  if (missing.length > 0) {
    throw new PreflightError(messages.preflight.missingTools(missing), messages.preflight.missingToolsHint);
  }
  const abort = new AbortController();
  const unsubscribe = io.onInterrupt(() => abort.abort());
  const privateDir = await mkdtemp(join(tmpdir(), 'runbook-'));
  const runner = new BashProcessRunner();
  const base = { env, cwd: io.cwd, signal: abort.signal };
  let release: (() => void) | undefined;
  try {
    await checkToolVersions(runner, runbook, base);
    const clusterScoped = runbook.scope === 'cluster';
    const pinned = clusterScoped
      ? await pinTarget(runner, {
          ...base,
          ...(flags.context !== undefined && { context: flags.context }),
          writePrivateFile: async (name, content) => {
            const path = join(privateDir, name);
            await writeFile(path, content, { mode: 0o600 });
            return path;
          },
        })
      : { target: WORKSTATION, env };
    const { target } = pinned;
    try {
      release = acquireLock(
        join(stateDir(io.env), 'locks'),
        { pid: process.pid, runbook: runbook.id, context: target.context },
        target.server,
      );
    } catch (error) {
      if (!(error instanceof LockHeldError)) throw error;
      io.err.write(`${styler(io.color).red('error:')} ${messages.result.lockHeld(error.message)}\n`);
      return ExitCode.refused;
    }
    const live = { ...base, env: pinned.env };
    const detected = await detectParams(runner, runbook, given, live);
    const { values, sources } = resolveParams(runbook, given, { detected, allowExamples: false });
    const secrets = Object.keys(values)
      .filter((k) => runbook.params[k]?.secret)
      .map((k) => values[k] ?? '');
    const mask = masker(secrets);
    const shownValues = mask(values);

    const style = styler(io.color && !flags.json);
    const chat = flags.json ? io.err : io.out;
    const transcript = openTranscript(join(stateDir(io.env), 'transcripts'), runbook.id, target.context);
    const t = messages.target;
    if (clusterScoped) {
      chat.write(`${style.bold(t.context.padEnd(10))} ${target.context}\n`);
      chat.write(`${style.bold(t.cluster.padEnd(10))} ${target.cluster} (${t.nodes(target.nodes)})\n`);
      chat.write(`${style.bold(t.server.padEnd(10))} ${target.server}\n`);
      chat.write(`${style.bold(t.cilium.padEnd(10))} ${target.ciliumVersion ?? t.unknown}\n`);
      chat.write(`${style.bold(t.kpr.padEnd(10))} ${target.kubeProxyReplacement ?? t.unknown}\n`);
    } else {
      chat.write(`${style.bold(t.target.padEnd(10))} ${t.workstation}\n`);
    }
    chat.write(`${style.bold(t.transcript.padEnd(10))} ${transcript.path}\n\n`);
    chat.write(formatPlan(runbook, steps, shownValues, sources, style, false));

    const view: EventSink = flags.json ? jsonSink(io) : humanSink(io, style);
    const emit = (event: RunEvent) => {
      const safe = mask(event);
      transcript.sink(safe);
      view(safe);
    };
    const outcome = await executeRun(
      {
        runbook,
        values,
        shownValues,
        steps,
        target,
        build: buildInfo(),
        env: pinned.env,
        cwd: io.cwd,
        yes: Boolean(flags.yes),
        // --confirm names a kube context; a workstation runbook has none to compare it with.
        ...(flags.confirm !== undefined && clusterScoped && { confirmContext: flags.confirm }),
        canPrompt: canPrompt(io),
        signal: abort.signal,
      },
      {
        runner,
        prompter: terminalPrompter(io, abort.signal),
        emit,
        ...(clusterScoped && {
          guard: targetGuard(runner, { ...base, target, explicitContext: flags.context !== undefined }),
        }),
      },
    );
    reportOutcome(io, runbook, outcome, {
      values: shownValues,
      target,
      json: Boolean(flags.json),
      transcript: transcript.path,
      ...(flags.confirm !== undefined && { confirm: flags.confirm }),
    });
    return exitCodeFor(outcome);
  } catch (error) {
    return reportError(io, error);
  } finally {
    release?.();
    unsubscribe();
    await rm(privateDir, { recursive: true, force: true });
  }
}

async function checkToolVersions(
  runner: ProcessRunner,
  runbook: Runbook,
  options: { env: Readonly<Record<string, string>>; cwd: string; signal: AbortSignal },
): Promise<void> {
  const problems: string[] = [];
  for (const tool of runbook.requires) {
    const check = TOOL_CHECKS[tool];
    if (!check) continue;
    const result = await runner.run({
      script: renderCommand(check.command, {}),
      ...options,
      timeoutMs: 30_000,
      stepId: 'preflight',
      role: 'detect',
    });
    const problem =
      result.exitCode === 0
        ? versionProblem(tool, result.stdout)
        : `${tool} did not report its version: ${result.stderr.trim()}`;
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new PreflightError(messages.preflight.toolVersion(problems));
}
