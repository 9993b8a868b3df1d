import type { EventSink, RunEvent } from '../runner/events.js';
import { riskLabel } from './commands/plan-view.js';
import type { IO, Styler } from './io.js';
import { LiveTimer } from './live-timer.js';
import { messages } from './messages.js';

/** `--json`: one event per line on stdout, nothing else there. */
export function jsonSink(io: IO): EventSink {
  return (event) => io.out.write(`${JSON.stringify(event)}\n`);
}

/** The human view: step headers, the exact command, live output, and a result line per step. */
export function humanSink(io: IO, style: Styler): EventSink {
  // The spinner needs both streams on a terminal (it writes to stderr between lines of stdout).
  const timer = io.stdoutIsTTY && io.stderrIsTTY ? new LiveTimer(io.err) : undefined;
  return (event: RunEvent) => {
    timer?.clear();
    const w = (s: string) => io.out.write(`${s}\n`);
    switch (event.kind) {
      case 'run-started':
        return;
      case 'step-started':
        w('');
        w(
          `${style.bold(`[${event.index}/${event.total}] ${event.step}`)}  ${riskLabel(event.risk, style).trim()}  ${event.title}`,
        );
        w(
          style.cyan(
            event.command
              .split('\n')
              .map((l, i) => (i === 0 ? `$ ${l}` : `  ${l}`))
              .join('\n'),
          ),
        );
        return;
      case 'step-output':
        io.out.write(event.stream === 'stderr' ? style.dim(event.text) : event.text);
        return;
      case 'step-skipped':
        timer?.stop();
        w(style.dim(`  ↷ ${event.reason === 'already-done' ? messages.step.skippedDone : messages.step.skippedNode}`));
        return;
      case 'step-finished': {
        timer?.stop();
        const seconds = (event.durationMs / 1000).toFixed(1);
        if (event.status === 'ok') w(style.green(`  ✓ ${messages.step.ok(seconds)}`));
        else w(style.red(`  ✗ ${describeFailure(event)}`));
        return;
      }
      case 'run-finished':
        timer?.stop();
        return;
    }
  };
}

function describeFailure(event: Extract<RunEvent, { kind: 'step-finished' }>): string {
  switch (event.status) {
    case 'check-failed':
      return messages.step.checkFailed(event.detail ?? '');
    case 'timed-out':
      return messages.step.timedOut;
    case 'interrupted':
      return messages.step.interrupted;
    default:
      return messages.step.failed(event.exitCode);
  }
}
