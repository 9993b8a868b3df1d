/**
 * Processes of the runner tests (test/e2e/operator*.test.ts): waiting, process groups, transcripts, and a CLI run
 * held inside a long step so a test can signal it there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CliResult, runCli } from './run-cli.js';
import type { SimCluster, SimHook } from './sim-cluster.js';

export async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Process group ids of every process on the machine, from `ps`. */
export function processGroups(): number[] {
  return execFileSync('ps', ['-e', '-o', 'pgid='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);
}

export function pgidOf(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

/** Every transcript in the state folder: its file name and its events, one JSON line each. */
export function transcripts(stateDir: string): { file: string; events: Record<string, unknown>[] }[] {
  const dir = join(stateDir, 'transcripts');
  return readdirSync(dir).map((file) => ({
    file,
    events: readFileSync(join(dir, file), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  }));
}

/**
 * A hook that makes the first call of `tool` with `argvIncludes` a long sleep (120 s) that writes its pid first;
 * by default verify-service's wait for its nginx pod, the last step of kpr-enable (restart-agents is skipped: the
 * upgrade already rolled the agents). Returns the pid file.
 */
export function hookLongStep(
  sim: SimCluster,
  at: Pick<SimHook, 'tool' | 'argvIncludes'> = { tool: 'kubectl', argvIncludes: ['wait', 'pod/kpr-check'] },
): string {
  const pidFile = join(sim.dir, 'sleep.pid');
  sim.update((s) => {
    s.hooks = [{ ...at, run: `echo $$ > ${pidFile}; exec sleep 120`, times: 1 }];
  });
  return pidFile;
}

/** A CLI run held at a hooked command: the runner's pid, the hooked command's pid, and the run's end. */
export interface HeldRun {
  readonly cliPid: number;
  readonly hookedPid: number;
  readonly result: Promise<CliResult>;
}

/** Starts the CLI with `args` and waits until the hooked command has written its pid to `pidFile`. */
export async function startUntilHooked(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
  pidFile: string,
): Promise<HeldRun> {
  let cliPid = 0;
  const result = runCli(args, {
    ...options,
    onSpawn: (pid) => {
      cliPid = pid;
    },
  });
  await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '');
  return { cliPid, hookedPid: Number(readFileSync(pidFile, 'utf8')), result };
}
