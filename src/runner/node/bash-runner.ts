/**
 * The real ProcessRunner: bash receives the rendered text unchanged as its `-c` argument, with errexit, nounset and
 * pipefail set by flags (so nothing is prepended to the text). zx manages the process: output capture, the timeout,
 * and ending the whole process tree (descendants and the process group) on interrupt.
 */
import { spawn } from 'node:child_process';
import { $ } from 'zx';
import type { ProcessResult, ProcessRunner, SpawnRequest } from '../ports.js';

/** bash is looked up on PATH, like every other tool the runbooks call. */
export const BASH_ARGS = ['--noprofile', '--norc', '-euo', 'pipefail', '-c'] as const;
const KILL_GRACE_MS = 5_000;

export class BashProcessRunner implements ProcessRunner {
  async run(request: SpawnRequest): Promise<ProcessResult> {
    const started = Date.now();
    let timedOut = false;
    let interrupted = false;
    const env = { ...request.env, RUNBOOK_STEP: request.stepId, RUNBOOK_ROLE: request.role };
    const child = $({
      cwd: request.cwd,
      env,
      nothrow: true,
      quiet: true,
      verbose: false,
      detached: true,
      prefix: '',
      postfix: '',
      stdio: ['ignore', 'pipe', 'pipe'],
      spawn: ((_cmd: string, _args: readonly string[], options: Parameters<typeof spawn>[2]) =>
        spawn('bash', [...BASH_ARGS, request.script], { ...options, shell: false })) as unknown as typeof spawn,
    })(Object.assign([request.script], { raw: [request.script] }) as TemplateStringsArray);

    const end = (reason: 'timeout' | 'interrupt') => {
      if (reason === 'timeout') timedOut = true;
      else interrupted = true;
      void child.kill('SIGTERM').catch(() => undefined);
      const hard = setTimeout(() => void child.kill('SIGKILL').catch(() => undefined), KILL_GRACE_MS);
      hard.unref();
    };
    const timer = setTimeout(() => end('timeout'), request.timeoutMs);
    const onAbort = () => end('interrupt');
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => request.onOutput?.('stdout', chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => request.onOutput?.('stderr', chunk.toString('utf8')));
    try {
      const output = await child;
      return {
        exitCode: output.exitCode,
        signal: output.signal,
        stdout: output.stdout,
        stderr: output.stderr,
        durationMs: Date.now() - started,
        timedOut,
        interrupted,
      };
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onAbort);
    }
  }
}
