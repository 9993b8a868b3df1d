import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/runbook.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real CLI (`node bin/runbook.js …`) as a separate process with pipes (so: no TTY), like CI would.
 * `node` is resolved from this process, so the test's PATH controls only the tools the runbooks call. With `via`,
 * the CLI is started by that command, which gets `node bin/runbook.js …` as its last arguments (e.g. a shell that
 * sets something up and ends with `exec "$@"`).
 */
export function runCli(
  args: readonly string[],
  options: {
    env: NodeJS.ProcessEnv;
    cwd?: string;
    onSpawn?: (pid: number) => void;
    input?: string;
    via?: readonly [string, ...string[]];
  },
): Promise<CliResult> {
  const [command, ...prefix] = options.via ?? [process.execPath];
  const argv = options.via ? [...prefix, process.execPath, BIN, ...args] : [BIN, ...args];
  return spawnCollected(command, argv, options);
}

/** Spawns `command` with pipes, writes `input` (default none) to its stdin, and collects its output until it ends. */
export function spawnCollected(
  command: string,
  argv: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; onSpawn?: (pid: number) => void; input?: string },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      env: options.env,
      cwd: options.cwd ?? process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    // A process that exits before reading its input closes the pipe; that is its business, not a test failure.
    child.stdin.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') reject(error);
    });
    child.stdin.end(options.input ?? '');
  });
}
