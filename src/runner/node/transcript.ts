/**
 * The run record: one JSON object per line, each event stamped with the time. Written as the run goes, so a
 * crash or Ctrl-C still leaves everything up to that point on disk.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventSink, RunEvent } from '../events.js';

export interface Transcript {
  readonly path: string;
  readonly sink: EventSink;
}

export function openTranscript(dir: string, runbook: string, context: string, now = new Date()): Transcript {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const safeContext = context.replace(/[^A-Za-z0-9._@-]+/g, '_');
  const path = join(dir, `${stamp}-${runbook}-${safeContext}.jsonl`);
  return {
    path,
    sink: (event: RunEvent) =>
      appendFileSync(path, `${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`, { mode: 0o600 }),
  };
}
