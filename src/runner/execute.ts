/**
 * Runs the selected steps of a runbook. Policy only: consent, probes, expected-output checks, stopping on failure.
 * Processes, prompts and output go through ports, so this is tested with fakes.
 */
import type { Runbook, Step } from '../runbook/model.js';
import type { ParamValues } from '../runbook/render.js';
import { renderCommand, renderStep } from '../runbook/render.js';
import type { EventSink, RunStatus, StepStatus, Target } from './events.js';
import { changingSteps } from './plan.js';
import type { ProcessResult, ProcessRunner, Prompter } from './ports.js';

export interface RunRequest {
  readonly runbook: Runbook;
  readonly values: ParamValues;
  /** Values as they may appear in events and transcripts (secrets masked). */
  readonly shownValues: ParamValues;
  readonly steps: readonly Step[];
  readonly target: Target;
  /** Environment for every spawned process (includes the pinned KUBECONFIG). */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** `--yes`: consent given in advance. */
  readonly yes: boolean;
  /** Whether the operator can be asked (a TTY on stdin and stderr). */
  readonly canPrompt: boolean;
  readonly signal: AbortSignal;
}

export interface RunPorts {
  readonly runner: ProcessRunner;
  readonly prompter: Prompter;
  readonly emit: EventSink;
}

export type RefusalReason = 'no-tty' | 'declined';

export interface RunOutcome {
  readonly status: RunStatus;
  readonly completed: readonly string[];
  readonly notRun: readonly string[];
  readonly refusal?: RefusalReason;
  readonly failed?: { readonly step: string; readonly status: StepStatus; readonly result?: ProcessResult };
}

const GRACE_FOR_PROBES_MS = 60_000;

export async function executeRun(request: RunRequest, ports: RunPorts): Promise<RunOutcome> {
  const { runbook, steps, target, signal } = request;
  const ids = steps.map((s) => s.id);
  const changes = changingSteps(steps).length;
  const stop = (status: RunStatus, done: string[], index: number, extra: Partial<RunOutcome> = {}): RunOutcome => {
    const outcome = { status, completed: done, notRun: ids.slice(index), ...extra };
    ports.emit({
      kind: 'run-finished',
      status,
      completed: done,
      notRun: outcome.notRun,
      ...(extra.failed && { failed: extra.failed.step }),
    });
    return outcome;
  };

  ports.emit({ kind: 'run-started', runbook: runbook.id, params: request.shownValues, target, steps: ids });
  if (changes > 0 && !request.yes) {
    if (!request.canPrompt) return stop('refused', [], 0, { refusal: 'no-tty' });
    const approved = await ports.prompter.approveRun({
      runbook: runbook.id,
      context: target.context,
      server: target.server,
      changes,
    });
    if (!approved) return stop('refused', [], 0, { refusal: 'declined' });
  }

  const done: string[] = [];
  for (const [index, step] of steps.entries()) {
    if (signal.aborted) return stop('interrupted', done, index);
    const command = renderStep(step, request.values);
    ports.emit({
      kind: 'step-started',
      step: step.id,
      index: runbook.steps.indexOf(step) + 1,
      total: runbook.steps.length,
      title: step.title,
      risk: step.risk,
      runOn: step.runOn,
      command,
    });

    if (step.runOn === 'each-node') {
      const acknowledged =
        request.yes || (await ports.prompter.confirmNodeStep({ step: step.id, title: step.title, command }));
      if (!acknowledged) return stop('refused', done, index, { refusal: 'declined' });
      ports.emit({ kind: 'step-skipped', step: step.id, reason: 'node-step-acknowledged' });
      done.push(step.id);
      continue;
    }

    if (step.alreadyDone) {
      const probe = await spawn(request, ports, step, 'probe', renderCommand(step.alreadyDone.command, request.values));
      if (probe.interrupted)
        return stop('interrupted', done, index, { failed: { step: step.id, status: 'interrupted' } });
      if (probe.exitCode === 0) {
        ports.emit({ kind: 'step-skipped', step: step.id, reason: 'already-done' });
        done.push(step.id);
        continue;
      }
    }

    if (step.risk === 'destructive' && !request.yes) {
      const approved = await ports.prompter.approveDestructive({
        step: step.id,
        title: step.title,
        context: target.context,
        command,
      });
      if (!approved) return stop('refused', done, index, { refusal: 'declined' });
    }

    const result = await spawn(request, ports, step, 'command', command);
    const status = judge(step, result);
    ports.emit({
      kind: 'step-finished',
      step: step.id,
      status,
      exitCode: result.exitCode,
      durationMs: result.durationMs,
      ...(status === 'check-failed' && step.expect && { detail: step.expect.description }),
    });
    if (status === 'interrupted')
      return stop('interrupted', done, index, { failed: { step: step.id, status, result } });
    if (status !== 'ok') return stop('failed', done, index, { failed: { step: step.id, status, result } });
    done.push(step.id);
  }
  return stop('succeeded', done, steps.length);
}

function judge(step: Step, result: ProcessResult): StepStatus {
  if (result.interrupted) return 'interrupted';
  if (result.timedOut) return 'timed-out';
  if (result.exitCode !== 0) return 'failed';
  if (step.expect && !step.expect.pattern.test(result.stdout)) return 'check-failed';
  return 'ok';
}

function spawn(request: RunRequest, ports: RunPorts, step: Step, role: 'command' | 'probe', script: string) {
  return ports.runner.run({
    script,
    env: request.env,
    cwd: request.cwd,
    timeoutMs: role === 'probe' ? GRACE_FOR_PROBES_MS : step.timeoutSeconds * 1000,
    signal: request.signal,
    stepId: step.id,
    role,
    ...(role === 'command' && {
      onOutput: (stream: 'stdout' | 'stderr', text: string) =>
        ports.emit({ kind: 'step-output', step: step.id, stream, text }),
    }),
  });
}
