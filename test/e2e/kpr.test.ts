/**
 * The real CLI process against the simulated cluster: effects on the cluster, failures, resume, and the guarantees
 * that nothing is spawned or changed when it must not be.
 */
import { describe, expect, it } from 'vitest';
import { CONSENT, SIM_CONTEXT as CONTEXT, simClusters } from '../helpers/sim-cli.js';

const cluster = simClusters();

describe('kpr-enable and kpr-rollback on the simulated cluster', () => {
  it('enable ends with KPR True and kube-proxy gone; rollback restores kube-proxy with KPR and masquerade off', async () => {
    const { sim, cli } = await cluster();
    const enable = await cli('run', 'kpr-enable', ...CONSENT);
    expect(enable.code, enable.stderr).toBe(0);
    expect(enable.stdout).toContain('kpr-enable: all 10 steps done.');
    let state = sim.state();
    expect(state.kubeProxy).toMatchObject({ daemonset: false, configmap: false });
    expect(state.agent).toMatchObject({ kubeProxyReplacement: true, masquerade: true, healthy: true });
    // No k8sServiceHost in the values before: `auto` (the chart reads kube-public/cluster-info), not the
    // workstation's kubeconfig address; the agents run with cluster-info's server.
    expect(state.helm.release?.userValues).toMatchObject({ kubeProxyReplacement: true, k8sServiceHost: 'auto' });
    expect(state.agent).toMatchObject({ k8sServiceHost: '192.168.1.187', k8sServicePort: '6443' });
    const status = await sim.exec('kubectl -n kube-system exec ds/cilium -- cilium-dbg status');
    expect(status.stdout).toMatch(/^KubeProxyReplacement:\s+True\b/m);

    const rollback = await cli('run', 'kpr-rollback', '--yes');
    expect(rollback.code, rollback.stderr).toBe(0);
    state = sim.state();
    expect(state.kubeProxy).toMatchObject({ daemonset: true, configmap: true });
    expect(state.agent).toMatchObject({ kubeProxyReplacement: false, masquerade: false, healthy: true });
    const after = await sim.exec('kubectl -n kube-system exec ds/cilium -- cilium-dbg status');
    expect(after.stdout).toMatch(/^KubeProxyReplacement:\s+False$/m);
  });

  it('a rerun after success skips the steps that are already done', async () => {
    const { cli, sim, commandSteps } = await cluster();
    expect((await cli('run', 'kpr-enable', ...CONSENT)).code).toBe(0);
    const first = commandSteps().length;
    const again = await cli('run', 'kpr-enable', ...CONSENT);
    expect(again.code).toBe(0);
    // save-values (the backup is not overwritten), helm-upgrade, restart-agents, delete-kube-proxy.
    expect(again.stdout.match(/already done; skipped/g)).toHaveLength(4);
    const second = commandSteps().slice(first);
    expect(second).not.toContain('helm-upgrade');
    expect(second).not.toContain('restart-agents');
    expect(second).not.toContain('delete-kube-proxy');
    expect(sim.state().helm.release?.revision).toBe(2);
  });

  it('a failing step stops the run with exit 1, runs nothing after it, and prints resume and rollback commands', async () => {
    const { sim, cli, commandSteps } = await cluster();
    sim.update((s) => {
      s.failures.push({
        tool: 'helm',
        argvIncludes: ['upgrade'],
        exitCode: 1,
        stderr: 'Error: UPGRADE FAILED: context deadline exceeded\n',
        times: 1,
      });
    });
    const failed = await cli('run', 'kpr-enable', ...CONSENT);
    expect(failed.code).toBe(1);
    expect(commandSteps()).toEqual([
      'check-kube-proxy',
      'check-cilium-release',
      'helm-repo',
      'save-values',
      'helm-upgrade',
    ]);
    expect(failed.stdout).toContain('kpr-enable stopped: step helm-upgrade failed.');
    expect(failed.stdout).toContain('UPGRADE FAILED: context deadline exceeded');
    expect(failed.stdout).toContain(
      'Not run: helm-upgrade, restart-agents, verify-kpr, delete-kube-proxy, clean-iptables, verify-service',
    );
    const resume = `npx runbook run kpr-enable --from helm-upgrade --param apiServerHost=192.168.1.187 --param apiServerPort=6443 --context ${CONTEXT}`;
    expect(failed.stdout).toContain(resume);
    expect(failed.stdout).toContain(`npx runbook run kpr-rollback --context ${CONTEXT}`);
    expect(sim.state().agent.kubeProxyReplacement).toBe(false);
    expect(sim.state().kubeProxy.daemonset).toBe(true);

    const before = commandSteps().length;
    const resumed = await cli(...resume.split(' ').slice(2), ...CONSENT);
    expect(resumed.code, resumed.stderr).toBe(0);
    // The upgrade changes the agents' pod template (k8sServiceHost), so they roll by themselves and restart-agents
    // sees agents newer than cilium-config: skipped, not a second restart.
    expect(commandSteps().slice(before)).toEqual(['helm-upgrade', 'verify-kpr', 'delete-kube-proxy', 'verify-service']);
    expect(sim.state().kubeProxy.daemonset).toBe(false);
  });

  it('a check that fails (KPR not active) stops before the destructive step', async () => {
    const { sim, cli, commandSteps } = await cluster();
    sim.update((s) => {
      s.failures.push({
        tool: 'kubectl',
        argvIncludes: ['exec', 'cilium-dbg'],
        exitCode: 0,
        stderr: '',
        stdout: 'KubeProxyReplacement:    False\n',
      });
    });
    const result = await cli('run', 'kpr-enable', ...CONSENT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('check failed: Cilium이 KPR을 켜지 않았습니다.');
    expect(commandSteps()).not.toContain('delete-kube-proxy');
    expect(sim.state().kubeProxy.daemonset).toBe(true);
  });

  it('the seed rollback (only kubeProxyReplacement=false) would crash-loop the agents: the simulated cluster shows it', async () => {
    const { sim, cli } = await cluster();
    expect((await cli('run', 'kpr-enable', ...CONSENT)).code).toBe(0);
    await sim.exec('helm repo add cilium https://helm.cilium.io/ --force-update');
    await sim.exec(
      'helm upgrade cilium cilium/cilium --version 1.18.4 --namespace kube-system --reuse-values --set kubeProxyReplacement=false',
    );
    const restart = await sim.exec(
      'kubectl -n kube-system rollout restart ds/cilium && kubectl -n kube-system rollout status ds/cilium --timeout=10m',
    );
    expect(restart.code).toBe(1);
    expect(sim.state().agent.healthy).toBe(false);
  });
});

describe('guarantees: refuse before changing anything', () => {
  it('--dry-run prints the numbered plan and spawns nothing', async () => {
    const { sim, cli } = await cluster();
    const result = await cli('run', 'kpr-enable', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ +1\. check-kube-proxy/m);
    expect(result.stdout).toMatch(/^ +8\. delete-kube-proxy +destructive/m);
    expect(sim.calls()).toEqual([]);
  });

  it('without a TTY and without --yes nothing is changed (exit 3)', async () => {
    const { sim, cli } = await cluster();
    const before = sim.state();
    const result = await cli('run', 'kpr-enable');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('there is no terminal to ask for consent. Nothing was changed.');
    expect(sim.calls().filter((c) => c.role === 'command' || c.role === 'probe')).toEqual([]);
    expect(sim.state()).toEqual(before);
  });

  it('without a TTY, --yes without --confirm refuses a run with a destructive step (exit 3)', async () => {
    const { sim, cli } = await cluster();
    const result = await cli('run', 'kpr-enable', '--yes');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`Pass --confirm=${CONTEXT}`);
    expect(sim.calls().filter((c) => c.role === 'command')).toEqual([]);
  });

  it('--confirm naming another context is refused (wrong context), nothing run', async () => {
    const { sim, cli } = await cluster();
    const result = await cli('run', 'kpr-enable', '--yes', '--confirm=other@prod');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`--confirm names "other@prod", but this run targets context "${CONTEXT}"`);
    expect(sim.calls().filter((c) => c.role === 'command')).toEqual([]);
  });

  it('a parameter like "1.2.3.4; touch /tmp/x" is rejected before any shell sees it', async () => {
    const { sim, cli } = await cluster();
    const result = await cli(
      'run',
      'kpr-enable',
      ...CONSENT,
      '--param',
      `apiServerHost=1.2.3.4; touch ${sim.dir}/pwned`,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must be an IPv4 or IPv6 address or a DNS name');
    expect(sim.calls()).toEqual([]);
  });

  it('a missing tool stops the run in preflight (exit 4) with nothing spawned', async () => {
    const { sim, cli } = await cluster({ omitTools: ['helm'] });
    const result = await cli('run', 'kpr-enable', ...CONSENT);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('Required tool not found on PATH: helm. Nothing was run.');
    expect(sim.calls()).toEqual([]);
  });

  it('an unknown --context stops in preflight (exit 4)', async () => {
    const { sim, cli } = await cluster();
    const result = await cli('run', 'kpr-enable', ...CONSENT, '--context', 'nope');
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('The kube context "nope" could not be read from your kubeconfig.');
    expect(sim.calls().filter((c) => c.role === 'command')).toEqual([]);
  });
});
