/**
 * One run per kube context at a time: an exclusive lock file (O_EXCL) holding the owner's pid. A lock whose pid is
 * no longer alive is stale and taken over. Hand-written (30 lines) rather than a dependency: the common lock
 * libraries are built for shared network file systems and long-lived locks, which this is not.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockOwner {
  readonly pid: number;
  readonly runbook: string;
  readonly context: string;
  readonly since: string;
}

export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  constructor(readonly owner: LockOwner) {
    super(
      `Another run (${owner.runbook}, pid ${owner.pid}, since ${owner.since}) is using context "${owner.context}".`,
    );
  }
}

export function acquireLock(dir: string, owner: Omit<LockOwner, 'since'>, server: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = createHash('sha256').update(`${owner.context}\n${server}`).digest('hex').slice(0, 16);
  const path = join(dir, `${key}.lock`);
  const record: LockOwner = { ...owner, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const held = readOwner(path);
      if (held && isAlive(held.pid)) throw new LockHeldError(held);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the run lock ${path}.`);
}

function readOwner(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
