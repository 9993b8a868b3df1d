/**
 * The run record: one JSON object per line, each event stamped with the time. Written as the run goes, so a
 * crash or Ctrl-C still leaves everything up to that point on disk.
 *
 * A step's output is capped: the first HEAD_CHARS and the last TAIL_CHARS are kept, and between them a
 * `step-output-dropped` line says how many bytes were left out. A write that fails (disk full, folder gone read-only)
 * never throws into the run: the transcript stops, and `onFailure` tells the caller, who stops the run before the
 * next step.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSink, RunEvent } from '../events.js';

export const HEAD_CHARS = 512 * 1024;
export const TAIL_CHARS = 512 * 1024;

export interface Transcript {
  readonly path: string;
  readonly sink: EventSink;
  /** The first write error, if writing has failed. */
  failure(): unknown;
}

export interface TranscriptOptions {
  readonly now?: Date;
  readonly onFailure?: (error: unknown) => void;
}

type Output = Extract<RunEvent, { kind: 'step-output' }>;

/** What the transcript holds of one step's output. */
class StepOutput {
  written = 0;
  dropped = 0;
  private tail: Output[] = [];
  private tailChars = 0;

  /** The part of `event` to write now (all or some of its text), or undefined. */
  take(event: Output): Output | undefined {
    const room = HEAD_CHARS - this.written;
    if (room >= event.text.length) {
      this.written += event.text.length;
      return event;
    }
    const head = room > 0 ? { ...event, text: event.text.slice(0, room) } : undefined;
    this.written += Math.max(room, 0);
    this.keep({ ...event, text: event.text.slice(Math.max(room, 0)) });
    return head;
  }

  /** Keeps the last TAIL_CHARS: whole events are dropped from the front; the first kept one is cut at finish. */
  private keep(event: Output): void {
    this.tail.push(event);
    this.tailChars += event.text.length;
    while (this.tail.length > 1 && this.tailChars - (this.tail[0]?.text.length ?? 0) >= TAIL_CHARS) {
      const first = this.tail.shift();
      if (!first) break;
      this.tailChars -= first.text.length;
      this.dropped += Buffer.byteLength(first.text);
    }
  }

  /** The lines that end the step's output: the marker (if anything was dropped) and the kept tail. */
  finish(step: string): Record<string, unknown>[] {
    const first = this.tail[0];
    if (first && this.tailChars > TAIL_CHARS) {
      const cut = this.tailChars - TAIL_CHARS;
      this.dropped += Buffer.byteLength(first.text.slice(0, cut));
      this.tail[0] = { ...first, text: first.text.slice(cut) };
    }
    const lines: Record<string, unknown>[] = [];
    if (this.dropped > 0) {
      lines.push({
        kind: 'step-output-dropped',
        step,
        droppedBytes: this.dropped,
        text: `[${this.dropped} bytes of output dropped here: the transcript keeps the first ${HEAD_CHARS} and the last ${TAIL_CHARS} characters of each step]`,
      });
    }
    lines.push(...this.tail);
    this.tail = [];
    return lines;
  }
}

export function openTranscript(
  dir: string,
  runbook: string,
  context: string,
  options: TranscriptOptions = {},
): Transcript {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const safeContext = context.replace(/[^A-Za-z0-9._@-]+/g, '_');
  const path = join(dir, `${stamp}-${runbook}-${safeContext}.jsonl`);
  writeFileSync(path, '', { flag: 'wx', mode: 0o600 }); // a read-only or missing folder shows here, before the run
  let failed: unknown;
  const steps = new Map<string, StepOutput>();
  const write = (records: readonly object[]) => {
    if (failed !== undefined || records.length === 0) return;
    const time = new Date().toISOString();
    try {
      appendFileSync(path, records.map((r) => `${JSON.stringify({ time, ...r })}\n`).join(''));
    } catch (error) {
      failed = error;
      options.onFailure?.(error);
    }
  };
  const output = (step: string) => {
    let state = steps.get(step);
    if (!state) {
      state = new StepOutput();
      steps.set(step, state);
    }
    return state;
  };
  const flush = (step: string) => {
    const state = steps.get(step);
    steps.delete(step);
    return state ? state.finish(step) : [];
  };
  return {
    path,
    failure: () => failed,
    sink: (event: RunEvent) => {
      switch (event.kind) {
        case 'step-output': {
          const part = output(event.step).take(event);
          if (part) write([part]);
          return;
        }
        case 'step-finished':
          write([...flush(event.step), event]);
          return;
        case 'run-finished':
          write([...[...steps.keys()].flatMap(flush), event]);
          return;
        default:
          write([event]);
      }
    },
  };
}
