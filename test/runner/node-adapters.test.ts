/**
 * The node adapters under faults, without the CLI: the bash runner's bounded output and process groups, the lock's
 * cluster key and liveness, the transcript's cap and write failures, the state folder's clean-up of crashed runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/runner/events.js';
import { BashProcessRunner, TAIL_BYTES } from '../../src/runner/node/bash-runner.js';
import { acquireLock, clusterKey, LockHeldError } from '../../src/runner/node/lock.js';
import { prepareStateFolders, StateDirError, writeOwner } from '../../src/runner/node/state.js';
import { HEAD_CHARS, openTranscript, TAIL_CHARS } from '../../src/runner/node/transcript.js';

const temp = (name: string) => mkdtempSync(join(tmpdir(), `${name}-`));
const request = (script: string, extra: Partial<Parameters<BashProcessRunner['run']>[0]> = {}) => ({
  script,
  env: { PATH: process.env.PATH ?? '', SHLVL: '1' },
  cwd: tmpdir(),
  timeoutMs: 60_000,
  signal: new AbortController().signal,
  stepId: 's',
  role: 'command' as const,
  ...extra,
});

/** Whether a process runs (a zombie, exited but not yet reaped by whoever adopted it, does not). */
function running(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A live process group standing in for a step that outlived its runner; end it with `kill(-pgid)`. */
function liveGroup(): number {
  const child = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid ?? 0;
}

/** A process that is dead for sure: a child that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn('true');
  await new Promise((r) => child.on('close', r));
  return child.pid ?? 0;
}

describe('BashProcessRunner', () => {
  it('streams every byte to onOutput but keeps only the last TAIL_BYTES in the result', async () => {
    let seen = 0;
    const result = await new BashProcessRunner().run(
      request('head -c 5000000 /dev/zero | tr "\\0" x; echo; echo last-line', {
        onOutput: (_s, text) => {
          seen += text.length;
        },
      }),
    );
    expect(result.exitCode).toBe(0);
    expect(seen).toBe(5_000_000 + 1 + 'last-line\n'.length);
    expect(result.stdout.length).toBe(TAIL_BYTES);
    expect(result.stdout.endsWith('x\nlast-line\n')).toBe(true);
  });

  it('a character split across chunks arrives whole', async () => {
    const parts: string[] = [];
    // 65535 ASCII bytes, then a 3-byte Hangul syllable across the 64 KiB pipe chunk boundary.
    await new BashProcessRunner().run(
      request('head -c 65535 /dev/zero | tr "\\0" a; printf "한글\\n"', { onOutput: (_s, t) => parts.push(t) }),
    );
    expect(parts.join('').endsWith('한글\n')).toBe(true);
    expect(parts.join('')).not.toContain('\uFFFD');
  });

  it('reports the process group of each step, and ends the whole group when aborted', async () => {
    const dir = temp('pgid');
    const groups: number[] = [];
    const ended: number[] = [];
    const abort = new AbortController();
    const run = new BashProcessRunner({ started: (g) => groups.push(g), ended: (g) => ended.push(g) }).run(
      request(`sleep 60 & echo $! > ${dir}/bg; sleep 60`, { signal: abort.signal }),
    );
    const until = Date.now() + 10_000;
    while (!existsSync(join(dir, 'bg')) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const background = Number(readFileSync(join(dir, 'bg'), 'utf8'));
    abort.abort();
    const result = await run;
    expect(result.interrupted).toBe(true);
    expect(groups).toHaveLength(1);
    expect(ended).toEqual(groups);
    await new Promise((r) => setTimeout(r, 200));
    expect(running(background)).toBe(false); // the background sleep went with its group
  });

  it('starts nothing when the run was stopped before the step', async () => {
    const abort = new AbortController();
    abort.abort();
    const groups: number[] = [];
    const result = await new BashProcessRunner({ started: (g) => groups.push(g), ended: () => undefined }).run(
      request('echo should-not-run', { signal: abort.signal }),
    );
    expect(result).toMatchObject({ interrupted: true, stdout: '' });
    expect(groups).toEqual([]);
  });
});

describe('the run lock', () => {
  it('is keyed by the API server and CA, not the context name; URL spelling does not matter', () => {
    expect(clusterKey('https://API.example:443/', 'Q0E=')).toBe(clusterKey('https://api.example', 'Q0E='));
    expect(clusterKey('https://api.example:6443', 'Q0E=')).not.toBe(clusterKey('https://api.example:6443', 'T1RIRVI='));
    expect(clusterKey('https://api.example:6443', '')).not.toBe(clusterKey('https://other.example:6443', ''));
  });

  it('is held while the runner or one of its step groups is alive, and taken over when none is', async () => {
    const dir = temp('locks');
    const key = clusterKey('https://k:6443', '');
    const owner = { runbook: 'r', context: 'a', server: 'https://k:6443' };
    const dead = await deadPid();
    const orphan = liveGroup();
    // A killed runner whose step is still alive.
    writeFileSync(join(dir, `${key}.lock`), JSON.stringify({ ...owner, pid: dead, groups: [orphan], since: 'x' }));
    let held: unknown;
    try {
      acquireLock(dir, { ...owner, pid: process.pid, context: 'alias' }, key);
    } catch (error) {
      held = error;
    }
    expect(held).toBeInstanceOf(LockHeldError);
    expect((held as LockHeldError).orphanGroups).toEqual([orphan]);
    process.kill(-orphan, 'SIGKILL');
    // Nothing of it alive: stale, taken over.
    writeFileSync(join(dir, `${key}.lock`), JSON.stringify({ ...owner, pid: dead, groups: [dead], since: 'x' }));
    const lock = acquireLock(dir, { ...owner, pid: process.pid }, key);
    lock.setGroups([4242]);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, groups: [4242] });
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the transcript', () => {
  const output = (text: string): RunEvent => ({ kind: 'step-output', step: 'big', stream: 'stdout', text });

  it('keeps the head and the tail of a step and says exactly how many bytes it dropped', () => {
    const dir = temp('transcript');
    const t = openTranscript(dir, 'rb', 'ctx');
    const chunk = 'y'.repeat(64 * 1024);
    const chunks = 64; // 4 MiB
    for (let i = 0; i < chunks; i++) t.sink(output(chunk));
    t.sink({ kind: 'step-finished', step: 'big', status: 'ok', exitCode: 0, durationMs: 1 });
    const lines = readFileSync(t.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const kept = lines.filter((l) => l.kind === 'step-output').reduce((n, l) => n + String(l.text).length, 0);
    const marker = lines.find((l) => l.kind === 'step-output-dropped');
    expect(kept).toBe(HEAD_CHARS + TAIL_CHARS);
    expect(marker?.droppedBytes).toBe(chunks * chunk.length - HEAD_CHARS - TAIL_CHARS);
    expect(lines.map((l) => l.kind).indexOf('step-output-dropped')).toBeGreaterThan(0);
    expect(lines.at(-1)?.kind).toBe('step-finished');
  });

  it('a failed write is reported once and never thrown into the run', () => {
    const dir = temp('transcript-fail');
    const failures: unknown[] = [];
    const t = openTranscript(dir, 'rb', 'ctx', { onFailure: (e) => failures.push(e) });
    // Replace the file with a folder: appending to it fails (EISDIR), as a full or read-only one would.
    rmSync(t.path);
    mkdirSync(t.path);
    expect(() => t.sink(output('a'))).not.toThrow();
    expect(() => t.sink({ kind: 'run-finished', status: 'succeeded', completed: [], notRun: [] })).not.toThrow();
    expect(failures).toHaveLength(1);
    expect((t.failure() as NodeJS.ErrnoException).code).toBe('EISDIR');
  });
});

describe('the state folder', () => {
  it('removes the private folder of a crashed run once nothing of it is alive, keeps a live one', async () => {
    const root = temp('state');
    const dead = await deadPid();
    const crashed = join(root, 'private', String(dead));
    const orphaned = join(root, 'private', '999999999');
    mkdirSync(crashed, { recursive: true });
    writeFileSync(join(crashed, 'kubeconfig'), 'credentials');
    writeOwner(crashed, { pid: dead, groups: [dead] });
    mkdirSync(orphaned, { recursive: true });
    const orphan = liveGroup();
    writeOwner(orphaned, { pid: dead, groups: [orphan] }); // its step still runs
    const folders = prepareStateFolders(root, 123456789);
    process.kill(-orphan, 'SIGKILL');
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(orphaned)).toBe(true);
    expect(folders.private).toBe(join(root, 'private', '123456789'));
    expect(JSON.parse(readFileSync(join(folders.private, 'owner.json'), 'utf8'))).toEqual({
      pid: 123456789,
      groups: [],
    });
  });

  it('a file where the folder should be is ENOTDIR, with its path', () => {
    const root = join(temp('state-file'), 'state');
    writeFileSync(root, 'not a folder');
    let error: unknown;
    try {
      prepareStateFolders(root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateDirError);
    expect(error).toMatchObject({ code: 'ENOTDIR', stateDir: root });
  });
});
