/**
 * The state folder ($RUNBOOK_STATE_DIR): `transcripts/`, `locks/` and `private/<pid>/` (the run's pinned kubeconfig,
 * credentials included, in a 0700 folder). Everything is created before the first process starts, so an unwritable,
 * full or misplaced folder is reported before anything runs. A run killed outright (SIGKILL, power loss) leaves its
 * private folder behind; the next run removes it once nothing of the crashed run is alive.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The errors that say something about the machine, not about runbook: the operator can fix them. */
const ENVIRONMENT_CODES = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EROFS', 'EISDIR', 'EEXIST']);

/** A file-system problem with the state folder (or another file the run must write). */
export class StateDirError extends Error {
  override readonly name = 'StateDirError';
  constructor(
    /** errno code: EACCES, EPERM, ENOSPC, EDQUOT, ENOTDIR, EROFS, EISDIR, EEXIST. */
    readonly code: string,
    readonly path: string,
    /** The state folder the path belongs to (what RUNBOOK_STATE_DIR would change). */
    readonly stateDir: string,
  ) {
    super(`${code}: ${path}`);
  }
}

/** The same error as a StateDirError when it is an environment problem; otherwise undefined. */
export function asStateDirError(error: unknown, stateDir: string, fallbackPath = stateDir): StateDirError | undefined {
  if (error instanceof StateDirError) return error;
  const e = error as NodeJS.ErrnoException | undefined;
  if (!e || typeof e.code !== 'string' || !ENVIRONMENT_CODES.has(e.code)) return undefined;
  return new StateDirError(e.code, e.path ?? fallbackPath, stateDir);
}

/** Whether a process (pid > 0) or a process group (pid < 0) still exists. */
export function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who a run is: its pid and the process groups of the steps it started (alive or not). */
export interface RunOwner {
  readonly pid: number;
  readonly groups: readonly number[];
}

/** Whether any part of a run (the runner or a step's process group) is still alive. */
export function ownerAlive(owner: Partial<RunOwner>): boolean {
  if (typeof owner.pid === 'number' && exists(owner.pid)) return true;
  return (owner.groups ?? []).some((g) => typeof g === 'number' && g > 0 && exists(-g));
}

/** Writes `content` to `path` atomically (temp file + rename), mode 600. */
export function writeAtomic(path: string, content: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, content, { mode: 0o600 });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export interface StateFolders {
  readonly root: string;
  readonly transcripts: string;
  readonly locks: string;
  /** This run's private folder (0700). */
  readonly private: string;
}

/**
 * Creates the folders (0700), removes private folders of crashed runs, and creates this run's private folder with
 * its owner record. @throws StateDirError for an environment problem.
 */
export function prepareStateFolders(root: string, pid = process.pid): StateFolders {
  const folders: StateFolders = {
    root,
    transcripts: join(root, 'transcripts'),
    locks: join(root, 'locks'),
    private: join(root, 'private', String(pid)),
  };
  try {
    for (const dir of [folders.transcripts, folders.locks, join(root, 'private')]) ensureFolder(dir);
    removeCrashedRuns(join(root, 'private'));
    rmSync(folders.private, { recursive: true, force: true }); // a crashed run that had our pid
    mkdirSync(folders.private, { mode: 0o700 });
    writeOwner(folders.private, { pid, groups: [] });
  } catch (error) {
    throw asStateDirError(error, root) ?? error;
  }
  return folders;
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir reports a read-only file system as ENOENT, which would hide
 * the cause. A file where a folder should be is ENOTDIR.
 */
function ensureFolder(path: string): void {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && dirname(path) !== path) {
      ensureFolder(dirname(path));
      mkdirSync(path, { mode: 0o700 });
    } else if (code === 'EEXIST') {
      if (!statSync(path).isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', path });
      }
    } else {
      throw error;
    }
  }
}

export function writeOwner(privateDir: string, owner: RunOwner): void {
  writeAtomic(join(privateDir, 'owner.json'), JSON.stringify(owner));
}

function removeCrashedRuns(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    let owner: Partial<RunOwner> = {};
    try {
      owner = JSON.parse(readFileSync(join(path, 'owner.json'), 'utf8')) as Partial<RunOwner>;
    } catch {
      owner = { pid: Number(name) };
    }
    if (!ownerAlive(owner)) rmSync(path, { recursive: true, force: true });
  }
}
