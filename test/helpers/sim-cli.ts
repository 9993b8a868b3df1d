/**
 * The setup every end-to-end test file shares: a simulated cluster, the real CLI run against it with its own
 * state directory, and cleanup after each test. Call `simClusters()` once at the top of a test file.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { runCli } from './run-cli.js';
import type { SimCluster, SimClusterOptions } from './sim-cluster.js';
import { makeSimCluster } from './sim-cluster.js';

export const SIM_CONTEXT = 'sim-admin@sim';
/** Consent in advance for a run without a terminal, destructive steps included. */
export const CONSENT = ['--yes', `--confirm=${SIM_CONTEXT}`];

export interface SimRun {
  readonly sim: SimCluster;
  readonly env: NodeJS.ProcessEnv;
  /** The runner's transcripts and locks (RUNBOOK_STATE_DIR). */
  readonly stateDir: string;
  /** `node bin/runbook.js …` against this cluster, in its work directory. */
  cli(...args: string[]): ReturnType<typeof runCli>;
  /** Step ids of the commands the runner spawned, in order. */
  commandSteps(): (string | null)[];
}

export function simClusters(): (options?: SimClusterOptions) => Promise<SimRun> {
  let sims: SimCluster[] = [];
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.cleanup()));
    sims = [];
  });
  return async (options) => {
    const sim = await makeSimCluster(options);
    sims.push(sim);
    const stateDir = join(sim.dir, 'runbook-state');
    const env: NodeJS.ProcessEnv = { ...sim.env, RUNBOOK_STATE_DIR: stateDir };
    return {
      sim,
      env,
      stateDir,
      cli: (...args) => runCli(args, { env, cwd: sim.workDir }),
      commandSteps: () =>
        sim
          .scripts()
          .filter((c) => c.role === 'command')
          .map((c) => c.step),
    };
  };
}
