/**
 * The runner under operator faults, on the real CLI process and the simulated cluster: a closed terminal (SIGHUP),
 * a runner killed outright (SIGKILL), a read-only, a full and a filling state folder (each in a private mount
 * namespace: `unshare -m`, so nothing outside this test sees the mounts), 100 MB of step output with the CLI's max
 * RSS measured, and two context names for one API server.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hookLongStep, pgidOf, processGroups, startUntilHooked, transcripts, waitFor } from '../helpers/processes.js';
import { BIN, type CliResult, runCli } from '../helpers/run-cli.js';
import { CONSENT, SIM_CONTEXT as CONTEXT, simClusters } from '../helpers/sim-cli.js';
import { SIM_BIN, SIM_SERVER } from '../helpers/sim-cluster.js';

const cluster = simClusters();

/** Files left in the state folder's locks/ and private/ (both must be empty once a run has ended). */
function leftovers(stateDir: string): string[] {
  return ['locks', 'private'].flatMap((d) =>
    existsSync(join(stateDir, d)) ? readdirSync(join(stateDir, d)).map((f) => `${d}/${f}`) : [],
  );
}

/**
 * Runs the CLI inside a private mount namespace after `setup` (shell text) has mounted what the test needs.
 * As root, `unshare -m` makes the mounts private to this process tree.
 */
function runInNamespace(
  setup: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<CliResult> {
  return runCli(args, { ...options, via: ['unshare', '-m', '/bin/sh', '-c', `set -e; ${setup}; exec "$@"`, 'sh'] });
}

describe('a lost terminal or a killed runner', () => {
  it('SIGHUP during a step ends its whole process group, records "interrupted" and removes the lock and the kubeconfig copy', async () => {
    const { sim, env, stateDir } = await cluster();
    const {
      cliPid,
      hookedPid,
      result: run,
    } = await startUntilHooked(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir }, hookLongStep(sim));
    const group = pgidOf(hookedPid);
    expect(group).not.toBe(pgidOf(cliPid)); // the step runs in its own process group
    expect(leftovers(stateDir).filter((f) => f.startsWith('private/'))).toHaveLength(1);

    process.kill(cliPid, 'SIGHUP');
    const result = await run;
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('kpr-enable was interrupted.');
    expect(result.stdout).toContain('--from verify-service');
    await waitFor(() => !processGroups().includes(group), 10_000);
    const record = transcripts(stateDir)
      .map((t) => t.events)
      .find((e) => e.some((x) => x.status === 'interrupted'));
    expect(record?.at(-1)).toMatchObject({ kind: 'run-finished', status: 'interrupted', failed: 'verify-service' });
    expect(leftovers(stateDir)).toEqual([]);
  });

  it('SIGHUP during the checks before the first step: exit 130, nothing run, nothing left behind', async () => {
    const { sim, env, stateDir } = await cluster();
    const held = hookLongStep(sim, { tool: 'kubectl', argvIncludes: ['get', 'nodes'] });
    const {
      cliPid,
      hookedPid,
      result: run,
    } = await startUntilHooked(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir }, held);
    const group = pgidOf(hookedPid);
    process.kill(cliPid, 'SIGHUP');
    const result = await run;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('kpr-enable was interrupted before its first step. Nothing was run.');
    expect(result.stderr).not.toContain('did not answer');
    await waitFor(() => !processGroups().includes(group), 10_000);
    expect(leftovers(stateDir)).toEqual([]);
    expect(sim.scripts().filter((c) => c.role === 'command')).toEqual([]);
  });

  it('SIGKILL of the runner: a new run is refused while its step still runs; once it ends, the next run cleans up', async () => {
    const { sim, env, stateDir } = await cluster();
    const {
      cliPid,
      hookedPid,
      result: run,
    } = await startUntilHooked(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir }, hookLongStep(sim));
    const group = pgidOf(hookedPid);
    process.kill(cliPid, 'SIGKILL');
    expect((await run).signal).toBe('SIGKILL');
    expect(processGroups()).toContain(group); // the orphan: nothing can stop it from a killed process

    const second = await runCli(['run', 'kpr-enable', '--only', 'check-kube-proxy'], { env, cwd: sim.workDir });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`process group ${group}`);
    expect(second.stderr).toContain(`kill -- -${group}`);

    process.kill(-group, 'SIGKILL');
    await waitFor(() => !processGroups().includes(group), 10_000);
    const third = await runCli(['run', 'kpr-enable', '--only', 'check-kube-proxy'], { env, cwd: sim.workDir });
    expect(third.code).toBe(0);
    // The crashed run's lock and its private kubeconfig copy (with credentials) are gone.
    expect(leftovers(stateDir)).toEqual([]);
  });
});

describe('the state folder', () => {
  it('read-only: says so with the path and what to do, exit 4, before any step', async () => {
    const { sim, env, stateDir } = await cluster();
    mkdirSync(stateDir);
    const result = await runInNamespace(
      `mount --bind '${stateDir}' '${stateDir}'; mount -o remount,bind,ro '${stateDir}'`,
      ['run', 'kpr-enable', ...CONSENT],
      { env, cwd: sim.workDir },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(stateDir);
    expect(result.stderr).toContain('read-only');
    expect(result.stderr).toContain('RUNBOOK_STATE_DIR');
    expect(result.stderr).not.toContain('bug');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(sim.scripts().filter((c) => c.role === 'command')).toEqual([]);
  });

  it('full (ENOSPC): says so with the path and what to do, exit 4, before any step', async () => {
    const { sim, env, stateDir } = await cluster();
    mkdirSync(stateDir);
    const result = await runInNamespace(
      `mount -t tmpfs -o size=64k tmpfs '${stateDir}'; head -c 1048576 /dev/zero > '${stateDir}/filler' 2>/dev/null || true`,
      ['run', 'kpr-enable', ...CONSENT],
      { env, cwd: sim.workDir },
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(stateDir);
    expect(result.stderr).toContain('No space left');
    expect(result.stderr).not.toContain('bug');
    expect(sim.scripts().filter((c) => c.role === 'command')).toEqual([]);
  });

  it('a path that is a file (ENOTDIR): says so, exit 4', async () => {
    const { sim, env, stateDir } = await cluster();
    writeFileSync(stateDir, 'not a folder\n');
    const result = await runCli(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(stateDir);
    expect(result.stderr).toContain('not a folder');
    expect(sim.scripts().filter((c) => c.role === 'command')).toEqual([]);
  });

  it('turning read-only mid-run (during helm upgrade): stops before the next step with done / not run / resume, no crash', async () => {
    const { sim, env, stateDir } = await cluster();
    mkdirSync(stateDir);
    // The folder's file system goes read-only while helm upgrade runs (a full disk fails the same way, but only once
    // the last page of the transcript file is full, which makes the moment depend on the output's length).
    sim.update((s) => {
      s.hooks = [{ tool: 'helm', argvIncludes: ['upgrade'], run: `mount -o remount,ro '${stateDir}'`, times: 1 }];
    });
    const result = await runInNamespace(
      `mount -t tmpfs -o size=4m tmpfs '${stateDir}'`,
      ['run', 'kpr-enable', ...CONSENT],
      { env, cwd: sim.workDir },
    );
    expect(sim.state().helm.release?.revision).toBe(2); // the upgrade was applied
    expect(
      sim
        .scripts()
        .filter((c) => c.role === 'command')
        .at(-1)?.step,
    ).toBe('helm-upgrade');
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('The transcript could not be written');
    expect(result.stderr).toContain('read-only');
    expect(result.stdout).toMatch(/Done: .*helm-upgrade/);
    expect(result.stdout).toMatch(/Not run: restart-agents/);
    expect(result.stdout).toContain('npx runbook run kpr-enable --from restart-agents');
    expect(result.stderr).not.toContain('bug');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('output of any size', () => {
  /** Runs `kpr-enable --only check-kube-proxy` whose kubectl first prints `bytes` bytes; returns max RSS (KiB). */
  async function measured(
    run: Awaited<ReturnType<typeof cluster>>,
    bytes: number,
    label: string,
  ): Promise<{ code: number | null; maxRssKiB: number; transcript: string; stdoutBytes: number }> {
    const { sim, env, stateDir } = run;
    const loud = join(sim.dir, `loud-${label}`);
    mkdirSync(loud);
    writeFileSync(
      join(loud, 'kubectl'),
      [
        '#!/bin/sh',
        `[ "$RUNBOOK_ROLE" = command ] && yes 'a step that prints a great deal of output, line after line.....' | head -c ${bytes}`,
        `exec '${join(SIM_BIN, 'kubectl')}' "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(join(loud, 'kubectl'), 0o755);
    const rssFile = join(sim.dir, `rss-${label}`);
    const outFile = join(sim.dir, `stdout-${label}`);
    const out = openSync(outFile, 'w');
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        '/usr/bin/time',
        ['-f', '%M', '-o', rssFile, process.execPath, BIN, 'run', 'kpr-enable', '--only', 'check-kube-proxy'],
        { env: { ...env, PATH: `${loud}:${env.PATH}` }, cwd: sim.workDir, stdio: ['ignore', out, 'ignore'] },
      );
      child.on('error', reject);
      child.on('close', resolve);
    });
    closeSync(out);
    const dir = join(stateDir, 'transcripts');
    const newest = readdirSync(dir)
      .map((f) => join(dir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    return {
      code,
      maxRssKiB: Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)),
      transcript: readFileSync(String(newest), 'utf8'),
      stdoutBytes: statSync(outFile).size,
    };
  }

  it('100 MB from a step: memory stays bounded, the transcript keeps a capped part with a marker of what was dropped', async () => {
    const run = await cluster();
    const small = await measured(run, 1_000, 'small');
    const big = await measured(run, 100_000_000, 'big');
    console.log(
      `max RSS: ${small.maxRssKiB} KiB (1 kB output), ${big.maxRssKiB} KiB (100 MB output); ` +
        `transcript ${big.transcript.length} bytes; stdout ${big.stdoutBytes} bytes; exit ${big.code}`,
    );
    expect(small.code).toBe(0);
    expect(big.code).toBe(0);
    expect(big.stdoutBytes).toBeGreaterThanOrEqual(100_000_000); // the operator still sees all of it, live
    // The CLI's peak memory does not follow the output: it grows by less than the 100 MB it streamed (V8 frees the
    // pipe's 64 KiB read buffers lazily, after up to 64 MiB of them; before the fix the growth was 2.4 × the output).
    expect(big.maxRssKiB - small.maxRssKiB).toBeLessThan(96 * 1024);
    expect(big.transcript.length).toBeLessThan(4 * 1024 * 1024);
    const dropped = big.transcript
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; droppedBytes?: number; text?: string })
      .find((e) => e.kind === 'step-output-dropped');
    expect(dropped?.droppedBytes).toBeGreaterThan(95_000_000);
    expect(dropped?.text).toContain(`${dropped?.droppedBytes} bytes`);
  });
});

describe('one cluster under two context names', () => {
  it('a second run through another context of the same API server is refused while the first runs', async () => {
    const { sim, env } = await cluster({ contexts: [{ name: 'alias@sim-alias', server: SIM_SERVER }] });
    const { cliPid, result: first } = await startUntilHooked(
      ['run', 'kpr-enable', ...CONSENT],
      { env, cwd: sim.workDir },
      hookLongStep(sim),
    );
    const second = await runCli(['run', 'kpr-enable', '--context', 'alias@sim-alias', '--only', 'check-kube-proxy'], {
      env,
      cwd: sim.workDir,
    });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`is using context "${CONTEXT}"`);
    expect(second.stderr).toContain(SIM_SERVER);
    process.kill(cliPid, 'SIGINT');
    expect((await first).code).toBe(130);
  });
});
