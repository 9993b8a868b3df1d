/**
 * Messages that must send the operator the right way (issue 12): a KUBECONFIG pointing at no file, an expired
 * credential (HTTP 401), a wrong context name typed at the destructive prompt, and Ctrl-C at a prompt.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { runOnTTY } from '../helpers/run-tty.js';
import { CONSENT, simClusters } from '../helpers/sim-cli.js';

const cluster = simClusters();
const STEPS = ['--only', 'helm-repo,save-values,helm-upgrade,delete-kube-proxy'];

describe('messages that name the real cause', () => {
  it('KUBECONFIG pointing at a missing file says so (not "no current context"), exit 4', async () => {
    const { sim, env, cli } = await cluster();
    const missing = join(sim.dir, 'no-such-kubeconfig.yaml');
    const result = await runCli(['run', 'kpr-enable', ...CONSENT], {
      env: { ...env, KUBECONFIG: missing },
      cwd: sim.workDir,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`No kubeconfig file found: ${missing} does not exist`);
    expect(result.stderr).toContain('KUBECONFIG');
    expect(result.stderr).not.toContain('No current kube context');
    expect((await cli('run', 'kpr-enable', '--only', 'check-kube-proxy')).code).toBe(0); // the real file works
  });

  it('an expired credential (401 Unauthorized) says so instead of "did not answer", exit 4', async () => {
    const { sim, cli } = await cluster();
    sim.update((s) => {
      s.failures = [
        {
          tool: 'kubectl',
          argvIncludes: ['get', 'nodes'],
          exitCode: 1,
          stderr: 'error: You must be logged in to the server (Unauthorized)\n',
        },
      ];
    });
    const result = await cli('run', 'kpr-enable', ...CONSENT);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('refused the credentials of that context (HTTP 401 Unauthorized)');
    expect(result.stderr).toContain('Log in again or refresh the credentials');
    expect(result.stderr).not.toContain('did not answer');
    expect(sim.scripts().filter((c) => c.role === 'command')).toEqual([]);
  });
});

describe('prompts on a terminal', () => {
  it('a wrong context name at the destructive prompt gets a ✗ (no green ✔) before "You declined"', async () => {
    const { sim, env } = await cluster();
    const { code, screen } = await runOnTTY(['run', 'kpr-enable', ...STEPS], {
      env,
      cwd: sim.workDir,
      answers: [
        ['helm-upgrade changes the cluster', 'y'],
        ['Type the context name', 'other@prod'],
      ],
    });
    expect(code, screen).toBe(3);
    const answer = screen.slice(screen.lastIndexOf('Type the context name'), screen.indexOf('You declined'));
    expect(answer).toContain('other@prod');
    expect(screen).toMatch(/✗ Step \d+\/\d+ delete-kube-proxy is destructive/);
    expect(screen).not.toMatch(/✔ Step \d+\/\d+ delete-kube-proxy is destructive/);
    expect(screen).toContain('You declined. Nothing after this point was run.');
  }, 90_000);

  it('the right context name gets ✔', async () => {
    const { sim, env } = await cluster();
    const { code, screen } = await runOnTTY(['run', 'kpr-enable', '--only', 'delete-kube-proxy'], {
      env,
      cwd: sim.workDir,
      answers: [['Type the context name', 'sim-admin@sim']],
    });
    expect(code, screen).toBe(0);
    expect(screen).toMatch(/✔ Step \d+\/\d+ delete-kube-proxy is destructive/);
  }, 90_000);

  it('Ctrl-C at a prompt exits 130 (as --help documents), says interrupted and records it', async () => {
    const { sim, env } = await cluster();
    const { code, screen } = await runOnTTY(['run', 'kpr-enable', ...STEPS], {
      env,
      cwd: sim.workDir,
      answers: [['helm-upgrade changes the cluster', '\u0003']],
    });
    expect(code, screen).toBe(130);
    expect(screen).toContain('kpr-enable was interrupted.');
    expect(screen).not.toContain('You declined');
    expect(screen).toContain('--from helm-upgrade');
    expect(sim.state().helm.release?.revision).toBe(1);
  }, 90_000);
});
