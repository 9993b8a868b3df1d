/**
 * Terminal streams and what they can do, decided once (the GitHub CLI's IOStreams idea). Nothing below main.ts
 * touches process.stdout, process.env or process.exit directly.
 */
import type { Writable } from 'node:stream';

export interface IO {
  readonly out: Writable;
  readonly err: Writable;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Colour on stderr/stdout decorations: a TTY, no NO_COLOR, TERM not dumb (FORCE_COLOR overrides). */
  readonly color: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Calls `handler` on Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP); returns the unsubscribe function. */
  onInterrupt(handler: () => void): () => void;
}

/**
 * A reader that stops early (`runbook list | head -1`) closes the pipe, and Node reports the next write as an `EPIPE`
 * error event, which would end the process with a stack trace. Like git and gh, the CLI stops writing to that stream
 * and carries on: a listing just ends, a run keeps going and keeps its transcript.
 */
function ignoreClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // EIO: the terminal is gone (a closed window, a dropped SSH session); the run is ending on SIGHUP.
    if (error.code !== 'EPIPE' && error.code !== 'EIO' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

export function processIO(): IO {
  ignoreClosedPipe(process.stdout);
  ignoreClosedPipe(process.stderr);
  const env = process.env;
  const stdoutIsTTY = Boolean(process.stdout.isTTY);
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  const color = forced || (stderrIsTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb');
  return {
    out: process.stdout,
    err: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY,
    stderrIsTTY,
    color,
    env,
    cwd: process.cwd(),
    onInterrupt(handler) {
      const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
      for (const signal of signals) process.on(signal, handler);
      return () => {
        for (const signal of signals) process.off(signal, handler);
      };
    },
  };
}

/** Whether the operator can be asked a question. */
export function canPrompt(io: IO): boolean {
  return io.stdinIsTTY && io.stderrIsTTY;
}

export interface Styler {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function styler(enabled: boolean): Styler {
  if (!enabled) {
    const same = (s: string) => s;
    return { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };
  }
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}
