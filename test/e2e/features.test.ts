/**
 * The feature runbooks (status, Hubble, WireGuard, BandwidthManager, Prometheus) through the real CLI process against
 * the simulated cluster: each runs end to end and changes what it should, its undo restores the state, and a failing
 * check stops the run before anything after it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSENT, simClusters } from '../helpers/sim-cli.js';
import type { SimCluster } from '../helpers/sim-cluster.js';

const LONG = 120_000;
const simCluster = simClusters();

async function cluster(options?: Parameters<typeof simCluster>[0]) {
  const run = await simCluster(options);
  const { sim } = run;
  const agentStatus = async () => (await sim.exec('kubectl -n kube-system exec ds/cilium -- cilium-dbg status')).stdout;
  const upgrades = () => sim.calls().filter((c) => c.tool === 'helm' && c.argv[0] === 'upgrade');
  return { ...run, agentStatus, upgrades };
}

describe('status', () => {
  it('reads everything, changes nothing, and ends with a summary per feature', async () => {
    const { sim, cli, upgrades } = await cluster();
    const before = sim.state();
    // Read-only: no --yes needed even without a terminal.
    const result = await cli('run', 'status');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('status: all 4 steps done.');
    expect(result.stdout).toMatch(/^KubeProxyReplacement {3}False {6}→ 1\.1절 kpr-enable$/m);
    expect(result.stdout).toMatch(/^Encryption {13}Disabled {3}→ 1\.3절 wireguard-enable$/m);
    expect(result.stdout).toMatch(/^Routing {16}Network: Tunnel \[vxlan\] Host: Legacy$/m);
    expect(result.stdout).toMatch(/^Cilium {17}Ok 1\.18\.4$/m);
    expect(upgrades()).toEqual([]);
    expect(sim.state().helm.release).toEqual(before.helm.release);
    expect(sim.state().agent).toEqual(before.agent);
  });

  it('stops at the chart check when the release is not the 1.18.4 chart', async () => {
    const { sim, cli, commandSteps } = await cluster();
    sim.update((s) => {
      if (s.helm.release) Object.assign(s.helm.release, { chart: 'cilium-1.17.6', appVersion: '1.17.6' });
    });
    const result = await cli('run', 'status');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('check failed: Helm 릴리스 cilium이 없거나 차트가 cilium-1.18.4가 아닙니다.');
    expect(commandSteps()).toEqual(['versions', 'cilium-release']);
  });
});

describe('Hubble', () => {
  it(
    'hubble-enable starts Relay and UI without restarting the agents; hubble-disable removes them again',
    async () => {
      const { sim, cli } = await cluster();
      const generation = sim.state().agent.generation;
      const enable = await cli('run', 'hubble-enable', ...CONSENT);
      expect(enable.code, enable.stderr).toBe(0);
      expect(enable.stdout).toContain('You have successfully installed Cilium with Hubble Relay and Hubble UI.');
      expect(enable.stdout).toContain('deployment "hubble-relay" successfully rolled out');
      expect(sim.state().helm.release?.userValues).toMatchObject({
        hubble: { relay: { enabled: true }, ui: { enabled: true } },
      });
      expect(sim.state().agent.generation).toBe(generation);
      const deploys = await sim.exec('kubectl -n kube-system get deploy hubble-relay hubble-ui -o name');
      expect(deploys.stdout).toBe('deployment.apps/hubble-relay\ndeployment.apps/hubble-ui\n');

      const disable = await cli('run', 'hubble-disable', ...CONSENT);
      expect(disable.code, disable.stderr).toBe(0);
      const gone = await sim.exec(
        'kubectl -n kube-system get deploy hubble-relay hubble-ui --ignore-not-found -o name',
      );
      expect(gone.stdout).toBe('');
      expect(sim.state().agent.hubble).toBe(true);
    },
    LONG,
  );

  it('a Relay that does not become ready stops the run before the checks', async () => {
    const { sim, cli, commandSteps } = await cluster();
    sim.update((s) => {
      s.failures.push({
        tool: 'kubectl',
        argvIncludes: ['rollout', 'status', 'deploy/hubble-relay'],
        exitCode: 1,
        stderr: 'error: timed out waiting for the condition\n',
      });
    });
    const result = await cli('run', 'hubble-enable', ...CONSENT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('hubble-enable stopped: step wait-hubble failed.');
    expect(result.stdout).toContain('npx runbook run hubble-disable');
    expect(commandSteps()).toEqual(['check-cilium-release', 'helm-repo', 'helm-upgrade', 'wait-hubble']);
  });

  it('the chart itself refuses Hubble UI without Relay (what the runbook sets together)', async () => {
    const { sim } = await cluster();
    const r = await sim.exec(
      'helm repo add cilium https://helm.cilium.io/ >/dev/null && helm upgrade cilium cilium/cilium --version 1.18.4 -n kube-system --reuse-values --set hubble.ui.enabled=true',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Error: UPGRADE FAILED: execution error at \(cilium\/templates\/validate\.yaml:\d+:\d+\): Hubble UI requires \.Values\.hubble\.relay\.enabled=true\n$/,
    );
    expect(sim.state().helm.release?.revision).toBe(1);
  });
});

describe('hubble-cli-install', () => {
  const installed = (sim: SimCluster) => path.join(sim.dir, 'root/usr/local/bin/hubble');

  it('downloads, checks, installs the binary for the detected architecture and leaves no files behind', async () => {
    const { sim, cli, commandSteps } = await cluster();
    const result = await cli('run', 'hubble-cli-install', ...CONSENT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Hubble CLI v1.18.5');
    expect(result.stdout).toContain('hubble-linux-amd64.tar.gz: OK');
    expect(result.stdout).toContain('hubble v1.18.5@HEAD-4f0a5d2 compiled with go1.24.11 on linux/amd64');
    expect(commandSteps()).toEqual(['download', 'verify-checksum', 'install-binary', 'cleanup', 'verify-version']);
    expect(fs.statSync(installed(sim)).mode & 0o777).toBe(0o755);
    expect(fs.readdirSync(sim.workDir)).toEqual([]);
    // The cluster is not touched.
    expect(sim.calls().filter((c) => c.tool === 'helm')).toEqual([]);
    const curls = sim.calls().filter((c) => c.tool === 'curl');
    expect(curls.map((c) => c.argv.at(-1))).toEqual([
      'https://raw.githubusercontent.com/cilium/hubble/main/stable.txt',
      'https://github.com/cilium/hubble/releases/download/v1.18.5/hubble-linux-amd64.tar.gz.sha256sum',
    ]);
  });

  it('needs no cluster: runs with kubectl missing and the API server down', async () => {
    const { sim, cli } = await cluster({ omitTools: ['kubectl'], state: { reachable: false } });
    const result = await cli('run', 'hubble-cli-install', '--yes');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Target     this workstation only (no cluster is read or changed)');
    expect(fs.existsSync(installed(sim))).toBe(true);
  });

  it('an arm64 workstation gets the arm64 release', async () => {
    const { sim, cli } = await cluster({ state: { workstation: { arch: 'aarch64', readOnlyDirs: [] } } });
    const result = await cli('run', 'hubble-cli-install', ...CONSENT);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('hubble-linux-arm64.tar.gz: OK');
    expect(result.stdout).toContain('on linux/arm64');
    expect(fs.existsSync(installed(sim))).toBe(true);
  });

  it('a download that does not match its checksum is never installed', async () => {
    const { sim, cli, commandSteps } = await cluster();
    const tarball = path.join(
      sim.dir,
      'downloads/github.com/cilium/hubble/releases/download/v1.18.5/hubble-linux-amd64.tar.gz',
    );
    fs.writeFileSync(tarball, 'not the release\n');
    const result = await cli('run', 'hubble-cli-install', ...CONSENT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('hubble-cli-install stopped: step verify-checksum failed.');
    expect(result.stdout).toContain('hubble-linux-amd64.tar.gz: FAILED');
    expect(commandSteps()).toEqual(['download', 'verify-checksum']);
    expect(fs.existsSync(installed(sim))).toBe(false);
  });

  it('an install directory the user cannot write stops with the resume command', async () => {
    const { sim, cli, commandSteps } = await cluster({
      state: { workstation: { arch: 'x86_64', readOnlyDirs: ['/usr/local/bin'] } },
    });
    const result = await cli('run', 'hubble-cli-install', ...CONSENT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("install: cannot create regular file '/usr/local/bin/hubble': Permission denied");
    expect(result.stdout).toContain('npx runbook run hubble-cli-install --from install-binary');
    expect(commandSteps()).toEqual(['download', 'verify-checksum', 'install-binary']);
    expect(fs.existsSync(installed(sim))).toBe(false);
  });
});

describe('WireGuard', () => {
  it(
    'wireguard-enable ends with Encryption: Wireguard on restarted agents; wireguard-disable turns it off',
    async () => {
      const { sim, cli, agentStatus } = await cluster();
      const enable = await cli('run', 'wireguard-enable', ...CONSENT);
      expect(enable.code, enable.stderr).toBe(0);
      expect(sim.state().helm.release?.userValues).toMatchObject({ encryption: { enabled: true, type: 'wireguard' } });
      expect(sim.state().agent).toMatchObject({ encryption: 'Wireguard', healthy: true });
      expect(await agentStatus()).toMatch(
        /^Encryption:\s+Wireguard\s+\[NodeEncryption: Disabled, cilium_wg0 .*Peers: 2\)\]$/m,
      );
      expect(enable.stdout).toMatch(/^Interface: cilium_wg0$/m);
      // The node-local kernel check is shown and acknowledged, never spawned; nothing runs `wg`.
      const scripts = sim.scripts().map((c) => c.script ?? '');
      expect(scripts.some((s) => s.includes('modprobe'))).toBe(false);
      expect(scripts.some((s) => /\bwg\b/.test(s))).toBe(false);

      const disable = await cli('run', 'wireguard-disable', ...CONSENT);
      expect(disable.code, disable.stderr).toBe(0);
      expect(await agentStatus()).toMatch(/^Encryption:\s+Disabled$/m);
    },
    LONG,
  );

  it('values without the restart leave the agents unencrypted, which the check catches', async () => {
    const { sim, cli, commandSteps } = await cluster();
    // The restart "succeeds" but does not restart anything (as a rollout that was never triggered).
    sim.update((s) => {
      s.failures.push({
        tool: 'kubectl',
        argvIncludes: ['rollout', 'restart', 'ds/cilium'],
        exitCode: 0,
        stderr: '',
        stdout: 'daemonset.apps/cilium restarted\n',
      });
    });
    const result = await cli('run', 'wireguard-enable', ...CONSENT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'check failed: 명령은 끝났지만 적용되지 않았습니다(모든 Cilium 에이전트 파드가 cilium-config의 마지막 변경 뒤에 시작됨).',
    );
    expect(commandSteps().at(-1)).toBe('restart-agents');
    expect(sim.state().agent.encryption).toBe('Disabled');
  });
});

describe('BandwidthManager', () => {
  it(
    'bandwidth-manager-enable turns on EDT; the example pod gets its 10M limits on its node and is removed',
    async () => {
      const { sim, cli, agentStatus } = await cluster();
      const enable = await cli('run', 'bandwidth-manager-enable', ...CONSENT);
      expect(enable.code, enable.stderr).toBe(0);
      expect(await agentStatus()).toMatch(/^BandwidthManager:\s+EDT with BPF \[CUBIC\] \[eth0\]$/m);

      const example = await cli('run', 'bandwidth-pod-example', ...CONSENT);
      expect(example.code, example.stderr).toBe(0);
      expect(example.stdout).toContain('pod/bandwidth-limited created');
      expect(example.stdout).toMatch(/^\d+ +Egress +0 +10M$/m);
      expect(example.stdout).toMatch(/^\d+ +Ingress +0 +10M$/m);
      // Asked the agent on the pod's node, not the DaemonSet's first pod.
      const execs = sim
        .calls()
        .filter((c) => c.tool === 'kubectl' && c.argv.includes('exec') && c.step === 'check-limits');
      expect(execs.map((c) => c.argv[3])).toEqual(['pod/cilium-b4n9q']);
      expect(sim.state().pods).toEqual([]);
    },
    LONG,
  );

  it('without the BandwidthManager the example stops before creating the pod (its own precondition)', async () => {
    const { sim, cli, commandSteps } = await cluster();
    const result = await cli('run', 'bandwidth-pod-example', ...CONSENT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('bandwidth-pod-example stopped: step apply-pod failed.');
    expect(result.stdout).toContain('BandwidthManager가 꺼져 있어 대역폭 어노테이션이 적용되지 않습니다.');
    expect(commandSteps()).toEqual(['apply-pod']);
    expect(sim.state().pods).toEqual([]);
  });

  it(
    'bandwidth-manager-disable turns it off again',
    async () => {
      const { cli, agentStatus } = await cluster();
      expect((await cli('run', 'bandwidth-manager-enable', ...CONSENT)).code).toBe(0);
      const disable = await cli('run', 'bandwidth-manager-disable', ...CONSENT);
      expect(disable.code, disable.stderr).toBe(0);
      expect(await agentStatus()).toMatch(/^BandwidthManager:\s+Disabled$/m);
    },
    LONG,
  );
});

describe('Prometheus', () => {
  it(
    'prometheus-enable creates the cilium-agent Service and ServiceMonitor; prometheus-disable removes them',
    async () => {
      const { sim, cli } = await cluster();
      const enable = await cli('run', 'prometheus-enable', ...CONSENT);
      expect(enable.code, enable.stderr).toBe(0);
      expect(sim.state().helm.release?.userValues).toMatchObject({
        prometheus: { enabled: true, serviceMonitor: { enabled: true } },
        operator: { prometheus: { enabled: true } },
      });
      // The agents rolled by themselves (pod template change) and now serve the metrics port.
      expect(sim.state().agent.prometheus).toBe(true);
      expect(enable.stdout).toMatch(
        /^cilium-agent-\S+ +IPv4 +9962 +192\.168\.1\.187,192\.168\.1\.188,192\.168\.1\.189 /m,
      );
      const objects = await sim.exec('kubectl -n kube-system get svc/cilium-agent servicemonitor/cilium-agent -o name');
      expect(objects.stdout).toBe('service/cilium-agent\nservicemonitor.monitoring.coreos.com/cilium-agent\n');

      const disable = await cli('run', 'prometheus-disable', ...CONSENT);
      expect(disable.code, disable.stderr).toBe(0);
      expect(sim.state().agent.prometheus).toBe(false);
    },
    LONG,
  );

  it('without the ServiceMonitor CRD the first check fails and nothing after it runs', async () => {
    const { sim, cli, commandSteps, upgrades } = await cluster({ state: { crds: [] } });
    const result = await cli('run', 'prometheus-enable', ...CONSENT);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('prometheus-enable stopped: step check-servicemonitor-crd failed.');
    expect(result.stdout).toContain(
      'check failed: ServiceMonitor CRD가 없어 차트가 업그레이드를 거부하므로 멈춥니다. Prometheus Operator(예: kube-prometheus-stack)를 먼저 설치하세요.',
    );
    expect(commandSteps()).toEqual(['check-servicemonitor-crd']);
    expect(upgrades()).toEqual([]);
    expect(sim.state().helm.release?.revision).toBe(1);
    // What the check prevents: the chart refuses the upgrade.
    const direct = await sim.exec(
      'helm repo add cilium https://helm.cilium.io/ >/dev/null && helm upgrade cilium cilium/cilium --version 1.18.4 -n kube-system --reuse-values --set prometheus.enabled=true --set prometheus.serviceMonitor.enabled=true',
    );
    expect(direct.code).toBe(1);
    expect(direct.stderr).toContain('Service Monitor requires monitoring.coreos.com/v1 CRDs.');
  });

  it('the seed hand-written ServiceMonitor target does not exist: there is no Service before the chart makes one', async () => {
    const { sim } = await cluster();
    const r = await sim.exec('kubectl -n kube-system get svc cilium-agent');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): services "cilium-agent" not found\n');
  });
});
