/**
 * Runs the selected steps of a runbook. Policy only: risk-tiered consent, target guards and stopping on failure.
 * A step is judged by its exit status alone: every check (preconditions, "already applied", waits after a change)
 * is in the step's text (src/runbook/guards.ts), so a reader's copy stops where a run stops. The one thing the runner
 * adds is asking less: before asking consent it runs the step's skip probe, made of lines of that same text.
 * Processes, prompts and output go through ports, so this is tested with fakes.
 */

import { CHECK_FAILED } from '../runbook/guards.js';
import type { Runbook, Step } from '../runbook/model.js';
import type { ParamValues } from '../runbook/render.js';
import { renderCommand, renderStep } from '../runbook/render.js';
import type { BuildInfo, EventSink, RunStatus, StepStatus, Target } from './events.js';
import type { ProcessResult, ProcessRunner, Prompter, StepQuestion } from './ports.js';

export interface RunRequest {
  readonly runbook: Runbook;
  readonly values: ParamValues;
  /** Values as they may appear in events and transcripts (secrets masked). */
  readonly shownValues: ParamValues;
  readonly steps: readonly Step[];
  readonly target: Target;
  /** Which runbook build runs this (`runbook --version`), recorded in the run-started event. */
  readonly build?: BuildInfo;
  /** Environment for every spawned process (includes the pinned KUBECONFIG). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** `--yes`: consent in advance to `change` steps and node steps. */
  readonly yes: boolean;
  /** `--confirm=<context>`: consent in advance to `destructive` steps on exactly this context. */
  readonly confirmContext?: string;
  /** Whether the operator can be asked (a TTY on stdin and stderr). */
  readonly canPrompt: boolean;
  readonly signal: AbortSignal;
}

export interface RunPorts {
  readonly runner: ProcessRunner;
  readonly prompter: Prompter;
  readonly emit: EventSink;
  /** Called before every step that changes something; a returned sentence aborts the run (e.g. context switched). */
  readonly guard?: () => Promise<string | undefined>;
  /** Called before every step; a returned sentence aborts the run (e.g. the transcript can no longer be written). */
  readonly stopReason?: () => string | undefined;
}

export type RefusalReason = 'no-tty' | 'declined' | 'no-confirm' | 'confirm-mismatch';

export interface RunOutcome {
  readonly status: RunStatus;
  readonly completed: readonly string[];
  readonly skipped: readonly string[];
  readonly notRun: readonly string[];
  readonly refusal?: RefusalReason;
  readonly abortReason?: string;
  readonly failed?: { readonly step: string; readonly status: StepStatus; readonly result?: ProcessResult };
}

const PROBE_TIMEOUT_MS = 60_000;

/** Refusals decided before anything is spawned. */
export function refuseUpFront(request: RunRequest): RefusalReason | undefined {
  const { steps, target, yes, canPrompt, confirmContext } = request;
  if (confirmContext !== undefined && confirmContext !== target.context) return 'confirm-mismatch';
  const needsConsent = steps.some((s) => s.risk !== 'read' || s.runOn === 'each-node');
  if (needsConsent && !yes && !canPrompt) return 'no-tty';
  const destructive = steps.some((s) => s.risk === 'destructive');
  if (destructive && !canPrompt && confirmContext !== target.context) return 'no-confirm';
  return undefined;
}

export async function executeRun(request: RunRequest, ports: RunPorts): Promise<RunOutcome> {
  const { runbook, steps, target, signal } = request;
  const ids = steps.map((s) => s.id);
  const done: string[] = [];
  const skipped: string[] = [];
  const stop = (status: RunStatus, index: number, extra: Partial<RunOutcome> = {}): RunOutcome => {
    const outcome: RunOutcome = { status, completed: done, skipped, notRun: ids.slice(index), ...extra };
    ports.emit({
      kind: 'run-finished',
      status,
      completed: done,
      notRun: outcome.notRun,
      ...(extra.failed && { failed: extra.failed.step }),
      ...((extra.refusal ?? extra.abortReason) && { reason: extra.refusal ?? extra.abortReason }),
    });
    return outcome;
  };

  ports.emit({
    kind: 'run-started',
    runbook: runbook.id,
    params: request.shownValues,
    target,
    steps: ids,
    ...(request.build && { build: request.build }),
  });
  const refusal = refuseUpFront(request);
  if (refusal) return stop('refused', 0, { refusal });

  for (const [index, step] of steps.entries()) {
    const stopReason = ports.stopReason?.();
    if (stopReason) return stop('aborted', index, { abortReason: stopReason });
    if (signal.aborted) return stop('interrupted', index);
    const command = renderStep(step, request.values);
    const question: StepQuestion = {
      step: step.id,
      index: runbook.steps.indexOf(step) + 1,
      total: runbook.steps.length,
      title: step.title,
      context: target.context,
      server: target.server,
      command,
    };
    ports.emit({ kind: 'step-started', ...question, risk: step.risk, runOn: step.runOn });

    if (step.risk !== 'read' && ports.guard) {
      const reason = await ports.guard();
      if (reason) return stop('aborted', index, { abortReason: reason });
    }

    if (step.runOn === 'each-node') {
      if (!request.yes && !(await ports.prompter.confirmNodeStep(question))) {
        return signal.aborted ? stop('interrupted', index) : stop('refused', index, { refusal: 'declined' });
      }
      ports.emit({ kind: 'step-skipped', step: step.id, reason: 'node-step-acknowledged' });
      done.push(step.id);
      continue;
    }

    if (step.skipProbe) {
      const probe = await spawn(request, ports, step, 'probe', renderCommand(step.skipProbe, request.values));
      if (probe.interrupted) return stop('interrupted', index, { failed: { step: step.id, status: 'interrupted' } });
      if (probe.exitCode === 0) {
        ports.emit({ kind: 'step-skipped', step: step.id, reason: 'already-done' });
        skipped.push(step.id);
        continue;
      }
    }

    // A prompt ended by Ctrl-C or a closed terminal (the signal is aborted) is an interruption, not an answer.
    if (!(await consent(request, ports.prompter, step, question))) {
      return signal.aborted ? stop('interrupted', index) : stop('refused', index, { refusal: 'declined' });
    }

    ports.emit({ kind: 'step-running', step: step.id });
    const result = await spawn(request, ports, step, 'command', command);
    const status = judge(result);
    const detail = status === 'check-failed' ? checkMessage(result.stderr) : undefined;
    ports.emit({
      kind: 'step-finished',
      step: step.id,
      status,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      ...(detail !== undefined && { detail }),
    });
    if (status === 'interrupted') return stop('interrupted', index, { failed: { step: step.id, status, result } });
    if (status !== 'ok') return stop('failed', index, { failed: { step: step.id, status, result } });
    done.push(step.id);
  }
  return stop('succeeded', steps.length);
}

async function consent(request: RunRequest, prompter: Prompter, step: Step, question: StepQuestion): Promise<boolean> {
  if (step.risk === 'destructive') {
    return request.confirmContext === request.target.context || prompter.approveDestructive(question);
  }
  if (step.risk === 'change') return request.yes || prompter.approveChange(question);
  return true;
}

/** By exit status only. A non-zero exit whose stderr carries a check's message is shown as a failed check. */
function judge(result: ProcessResult): StepStatus {
  if (result.interrupted) return 'interrupted';
  if (result.timedOut) return 'timed-out';
  if (result.exitCode === 0) return 'ok';
  return checkMessage(result.stderr) === undefined ? 'failed' : 'check-failed';
}

/** The last `확인 실패: …` line a step's text printed (presentation only: the exit status decided). */
function checkMessage(stderr: string): string | undefined {
  const lines = stderr.split('\n').filter((line) => line.startsWith(CHECK_FAILED));
  return lines.at(-1)?.slice(CHECK_FAILED.length);
}

function spawn(request: RunRequest, ports: RunPorts, step: Step, role: 'command' | 'probe', script: string) {
  return ports.runner.run({
    script,
    env: request.env,
    cwd: request.cwd,
    timeoutMs: role === 'probe' ? PROBE_TIMEOUT_MS : step.timeoutSeconds * 1000,
    signal: request.signal,
    stepId: step.id,
    role,
    ...(role === 'command' && {
      onOutput: (stream: 'stdout' | 'stderr', text: string) =>
        ports.emit({ kind: 'step-output', step: step.id, stream, text }),
    }),
  });
}
