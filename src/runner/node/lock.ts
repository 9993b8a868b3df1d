/**
 * One run per cluster at a time: an exclusive lock file (O_EXCL) keyed by the cluster's API server URL and CA, so two
 * context names for one cluster (an alias, or the same cluster in two kubeconfigs) share one lock. The lock records
 * the runner's pid and the process group of every step it starts: it is stale only when none of them is alive, so a
 * step orphaned by a killed runner still holds it. Hand-written (a few lines) rather than a dependency: the common
 * lock libraries are built for shared network file systems and long-lived locks, which this is not.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownerAlive, writeAtomic } from './state.js';

export interface LockOwner {
  readonly pid: number;
  /** Process groups of the steps this run started (each step is the leader of its own group). */
  readonly groups: readonly number[];
  readonly runbook: string;
  readonly context: string;
  readonly server: string;
  readonly since: string;
}

export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  constructor(
    readonly owner: LockOwner,
    /** Process groups of the owner still alive while its runner is gone (an orphaned step). */
    readonly orphanGroups: readonly number[],
  ) {
    super(`lock held by pid ${owner.pid}`);
  }
}

/** The identity of a cluster: its API server URL (normalised) and the CA it presents. */
export function clusterKey(server: string, certificateAuthority: string): string {
  let url = server.trim();
  try {
    const parsed = new URL(url);
    url = `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
  } catch {
    // not a URL: use it as given
  }
  return createHash('sha256').update(`${url}\n${certificateAuthority.trim()}`).digest('hex').slice(0, 16);
}

export interface HeldLock {
  readonly path: string;
  /** Records the process groups of the running steps (best effort: if the rewrite fails, the pid still holds it). */
  setGroups(groups: readonly number[]): void;
  release(): void;
}

export function acquireLock(dir: string, owner: Omit<LockOwner, 'since' | 'groups'>, key: string): HeldLock {
  const path = join(dir, `${key}.lock`);
  let record: LockOwner = { ...owner, groups: [], since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
      return {
        path,
        setGroups(groups) {
          record = { ...record, groups: [...groups] };
          try {
            writeAtomic(path, JSON.stringify(record));
          } catch {
            // the pid still holds the lock
          }
        },
        release: () => rmSync(path, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        try {
          rmSync(path, { force: true }); // created but not written (ENOSPC): not a lock
        } catch {
          // the folder is read-only: there is no file either
        }
        throw error;
      }
      const held = readOwner(path);
      if (held && ownerAlive(held)) {
        const orphans = ownerAlive({ pid: held.pid })
          ? []
          : (held.groups ?? []).filter((g) => ownerAlive({ groups: [g] }));
        throw new LockHeldError(held, orphans);
      }
      rmSync(path, { force: true }); // stale: nothing of that run is alive
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
