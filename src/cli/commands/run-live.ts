/**
 * A live run: preflight (tools, versions, target, lock), parameter detection, the plan, then the executor.
 * Says exactly what happened and what to do next; the transcript records it all.
 */
import { rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Runbook, Step } from '../../runbook/model.js';
import { renderCommand } from '../../runbook/render.js';
import { resolveParams } from '../../runbook/values.js';
import { detectParams } from '../../runner/detect.js';
import { PreflightError } from '../../runner/errors.js';
import type { EventSink, RunEvent, Target } from '../../runner/events.js';
import type { RunOutcome } from '../../runner/execute.js';
import { executeRun } from '../../runner/execute.js';
import { masker } from '../../runner/mask.js';
import { BashProcessRunner } from '../../runner/node/bash-runner.js';
import { missingKubeconfigs } from '../../runner/node/kubeconfig.js';
import { acquireLock, clusterKey, type HeldLock, LockHeldError } from '../../runner/node/lock.js';
import { asStateDirError, prepareStateFolders, type StateFolders, writeOwner } from '../../runner/node/state.js';
import { missingTools } from '../../runner/node/tools.js';
import { openTranscript, type Transcript } from '../../runner/node/transcript.js';
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
  const clusterScoped = runbook.scope === 'cluster';
  if (clusterScoped) {
    const absent = missingKubeconfigs(env);
    if (absent)
      throw new PreflightError(messages.preflight.kubeconfigMissing(absent), messages.preflight.kubeconfigHint);
  }
  const abort = new AbortController();
  /** Why the run stops early: a signal or Ctrl-C at a prompt, or a transcript that can no longer be written. */
  let stopCause: 'interrupt' | 'transcript' | undefined;
  const unsubscribe = io.onInterrupt(() => {
    stopCause ??= 'interrupt';
    abort.abort();
  });
  const root = stateDir(io.env);
  let folders: StateFolders | undefined;
  let lock: HeldLock | undefined;
  // The process groups of running steps, in the lock and the private folder's owner record: while any of them is
  // alive, even after this process is killed, no other run takes the cluster and its kubeconfig copy stays.
  const running = new Set<number>();
  const recordGroups = () => {
    lock?.setGroups([...running]);
    if (folders) {
      try {
        writeOwner(folders.private, { pid: process.pid, groups: [...running] });
      } catch {
        // best effort: the lock holds the same
      }
    }
  };
  const runner = new BashProcessRunner({
    started: (pgid) => {
      running.add(pgid);
      recordGroups();
    },
    ended: (pgid) => {
      running.delete(pgid);
      recordGroups();
    },
  });
  const base = { env, cwd: io.cwd, signal: abort.signal };
  try {
    folders = prepareStateFolders(root);
    const privateDir = folders.private;
    await checkToolVersions(runner, runbook, base);
    const pinned = clusterScoped
      ? await pinTarget(runner, {
          ...base,
          ...(flags.context !== undefined && { context: flags.context }),
          writePrivateFile: async (name, content) => {
            const path = join(privateDir, name);
            try {
              await writeFile(path, content, { mode: 0o600 });
            } catch (error) {
              throw asStateDirError(error, root, path) ?? error;
            }
            return path;
          },
        })
      : { target: WORKSTATION, env, certificateAuthority: '' };
    const { target } = pinned;
    try {
      lock = acquireLock(
        folders.locks,
        { pid: process.pid, runbook: runbook.id, context: target.context, server: target.server },
        clusterKey(target.server, pinned.certificateAuthority),
      );
    } catch (error) {
      if (!(error instanceof LockHeldError)) throw asStateDirError(error, root, folders.locks) ?? error;
      const { owner, orphanGroups } = error;
      const text =
        orphanGroups.length > 0
          ? messages.result.lockOrphan(owner.runbook, owner.context, owner.server ?? '', orphanGroups)
          : messages.result.lockHeld(owner.runbook, owner.pid, owner.since, owner.context, owner.server ?? '');
      io.err.write(`${styler(io.color).red(messages.errorPrefix)} ${text}\n`);
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
    let commandRunning = false;
    let anyCommandStarted = false;
    let transcript: Transcript;
    try {
      transcript = openTranscript(folders.transcripts, runbook.id, target.context, {
        onFailure: () => {
          stopCause ??= 'transcript';
          // A change under way finishes (stopping it half-way is worse); the run stops before the next step.
          if (!commandRunning) abort.abort();
        },
      });
    } catch (error) {
      throw asStateDirError(error, root, folders.transcripts) ?? error;
    }
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
      if (event.kind === 'step-running') {
        commandRunning = true;
        anyCommandStarted = true;
      }
      const safe = mask(event);
      transcript.sink(safe);
      view(safe);
      if (event.kind === 'step-finished') commandRunning = false;
    };
    const guard = clusterScoped
      ? targetGuard(runner, { ...base, target, explicitContext: flags.context !== undefined })
      : undefined;
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
        prompter: terminalPrompter(io, abort.signal, () => {
          stopCause ??= 'interrupt';
          abort.abort();
        }),
        emit,
        ...(guard && { guard }),
        // A transcript that can no longer be written stops the run before its next step, with the normal report.
        stopReason: () => (stopCause === 'transcript' ? transcriptStop(transcript, root) : undefined),
      },
    );
    const failure = transcript.failure();
    if (stopCause === 'transcript' && failure !== undefined && !anyCommandStarted) {
      // Nothing ran: the state folder is the problem, reported as such.
      throw asStateDirError(failure, root, transcript.path) ?? failure;
    }
    const shown: RunOutcome =
      stopCause === 'transcript' && outcome.status !== 'aborted'
        ? { ...outcome, status: 'aborted', abortReason: transcriptStop(transcript, root) }
        : outcome;
    reportOutcome(io, runbook, shown, {
      values: shownValues,
      target,
      json: Boolean(flags.json),
      transcript: transcript.path,
      ...(flags.confirm !== undefined && { confirm: flags.confirm }),
      ...(stopCause === 'transcript' && { stoppedBy: transcriptStop(transcript, root) }),
    });
    return exitCodeFor(shown);
  } catch (error) {
    // Ctrl-C or a closed terminal during the checks before the first step: whatever failed after it is no news.
    if (stopCause === 'interrupt') {
      io.err.write(`${messages.result.interruptedBeforeStart(runbook.id)}\n`);
      return ExitCode.interrupted;
    }
    return reportError(io, error);
  } finally {
    try {
      lock?.release();
    } catch {
      // a read-only folder: the lock is stale once this process is gone
    }
    unsubscribe();
    if (folders) await rm(folders.private, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The sentence that stops a run whose transcript can no longer be written. */
function transcriptStop(transcript: Transcript, root: string): string {
  const error = asStateDirError(transcript.failure(), root, transcript.path);
  return messages.result.transcriptFailed(
    error ? messages.env.reason(error.code) : String(transcript.failure()),
    error?.path ?? transcript.path,
  );
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
