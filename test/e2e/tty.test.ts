/**
 * The prompts on a real terminal (a pty from util-linux `script`): y/N for a change, the typed context name for a
 * destructive step. Policy is covered on fakes in test/runner; this checks the wiring an operator actually meets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runOnTTY } from '../helpers/run-tty.js';
import type { SimCluster } from '../helpers/sim-cluster.js';
import { makeSimCluster } from '../helpers/sim-cluster.js';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.cleanup();
});

const STEPS = ['--only', 'helm-repo,save-values,helm-upgrade,delete-kube-proxy'];

describe('prompts on a terminal', () => {
  it('runs a change after "y" and a destructive step after the context name is typed', async () => {
    sim = await makeSimCluster();
    const env: NodeJS.ProcessEnv = { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/state` };
    const { code, screen } = await runOnTTY(['run', 'kpr-enable', ...STEPS], {
      env,
      cwd: sim.workDir,
      answers: [
        ['helm-upgrade changes the cluster of context "sim-admin@sim"', 'y'],
        ['Type the context name "sim-admin@sim"', 'sim-admin@sim'],
      ],
    });
    expect(code, screen).toBe(0);
    expect(screen).toContain('Context    sim-admin@sim');
    expect(sim.state().helm.release?.userValues).toMatchObject({ kubeProxyReplacement: true });
    expect(sim.state().kubeProxy).toMatchObject({ daemonset: false, configmap: false });
  }, 90_000);

  it('typing another name stops before the destructive step; the earlier change stays, the rest does not run', async () => {
    sim = await makeSimCluster();
    const env: NodeJS.ProcessEnv = { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/state` };
    const { code, screen } = await runOnTTY(['run', 'kpr-enable', ...STEPS], {
      env,
      cwd: sim.workDir,
      answers: [
        ['helm-upgrade changes the cluster', 'y'],
        ['Type the context name', 'other@prod'],
      ],
    });
    expect(code, screen).toBe(3);
    expect(screen).toContain('You declined. Nothing after this point was run.');
    expect(screen).toContain('Not run: delete-kube-proxy');
    expect(sim.state().kubeProxy.daemonset).toBe(true);
  }, 90_000);
});
