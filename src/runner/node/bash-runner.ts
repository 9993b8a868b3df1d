/**
 * The real ProcessRunner: bash receives the rendered text unchanged as its `-c` argument, with errexit, nounset and
 * pipefail set by flags (so nothing is prepended to the text). Each process is the leader of its own process group,
 * so ending it (timeout, Ctrl-C, a closed terminal) ends everything it started: SIGTERM to the group, SIGKILL after a
 * grace period.
 *
 * Output is streamed, never accumulated: each chunk goes to `onOutput` as it arrives, and the result keeps only the
 * last TAIL_BYTES of each stream (what the report and the checks need). A step may print gigabytes; the runner's
 * memory does not grow with it. Spawned directly (not through zx, which keeps all output in memory).
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { ProcessResult, ProcessRunner, SpawnRequest } from '../ports.js';

/** bash is looked up on PATH, like every other tool the runbooks call. */
export const BASH_ARGS = ['--noprofile', '--norc', '-euo', 'pipefail', '-c'] as const;
const KILL_GRACE_MS = 5_000;
/** Per stream. Large enough for any kubeconfig or `helm get values` a detector reads, small enough not to matter. */
export const TAIL_BYTES = 1024 * 1024;

/** Called with the process group of every process started, and again when it has ended (for the run lock). */
export interface ProcessGroupObserver {
  started(pgid: number): void;
  ended(pgid: number): void;
}

/**
 * The last `limit` characters of a stream. Whole chunks are dropped from the front as new ones arrive; the text is
 * joined and trimmed only when asked for, so streaming allocates nothing beyond the chunks themselves.
 */
class Tail {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    while (this.parts.length > 1 && this.size - (this.parts[0]?.length ?? 0) >= this.limit) {
      this.size -= this.parts.shift()?.length ?? 0;
    }
  }
  text(): string {
    return this.parts.join('').slice(-this.limit);
  }
}

export class BashProcessRunner implements ProcessRunner {
  constructor(private readonly groups?: ProcessGroupObserver) {}

  async run(request: SpawnRequest): Promise<ProcessResult> {
    const started = Date.now();
    // Asked to stop before it started (Ctrl-C, a closed terminal): start nothing.
    if (request.signal.aborted) {
      return {
        exitCode: null,
        signal: null,
        stdout: '',
        stderr: '',
        durationMs: 0,
        timedOut: false,
        interrupted: true,
      };
    }
    const env = { ...request.env, RUNBOOK_STEP: request.stepId, RUNBOOK_ROLE: request.role };
    const child = spawn('bash', [...BASH_ARGS, request.script], {
      cwd: request.cwd,
      env,
      detached: true, // its own process group: one kill reaches all of it
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    const pgid = child.pid;
    if (pgid !== undefined) this.groups?.started(pgid);
    let timedOut = false;
    let interrupted = false;
    let hard: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      if (pgid === undefined) return;
      try {
        process.kill(-pgid, signal);
      } catch {
        // already gone
      }
    };
    const end = (reason: 'timeout' | 'interrupt') => {
      if (reason === 'timeout') timedOut = true;
      else interrupted = true;
      killGroup('SIGTERM');
      hard ??= setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => end('timeout'), request.timeoutMs);
    const onAbort = () => end('interrupt');
    request.signal.addEventListener('abort', onAbort, { once: true });

    const tails = { stdout: new Tail(TAIL_BYTES), stderr: new Tail(TAIL_BYTES) };
    for (const stream of ['stdout', 'stderr'] as const) {
      const decoder = new StringDecoder('utf8'); // a character split across chunks stays whole
      child[stream].on('data', (chunk: Buffer) => {
        const text = decoder.write(chunk);
        if (text === '') return;
        tails[stream].push(text);
        request.onOutput?.(stream, text);
      });
      child[stream].on('end', () => {
        const rest = decoder.end();
        if (rest === '') return;
        tails[stream].push(rest);
        request.onOutput?.(stream, rest);
      });
    }
    try {
      const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
        child.on('error', reject);
        // bash has ended; anything it left running in its group would hold the pipes open (and outlive the run).
        child.on('exit', () => killGroup('SIGTERM'));
        child.on('close', (code, sig) => resolve([code, sig]));
      });
      return {
        exitCode,
        signal,
        stdout: tails.stdout.text(),
        stderr: tails.stderr.text(),
        durationMs: Date.now() - started,
        timedOut,
        interrupted,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        exitCode: 127,
        signal: null,
        stdout: '',
        stderr: `bash could not be started: ${message}`,
        durationMs: Date.now() - started,
        timedOut,
        interrupted,
      };
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
      if (hard) clearTimeout(hard);
      if (pgid !== undefined) this.groups?.ended(pgid);
    }
  }
}
