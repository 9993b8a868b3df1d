/**
 * The fault knobs issue 10 needs (test/fixtures/sim/README.md "Fault knobs"), and the cluster facts a guard reads:
 * each knob is shown to produce the fault the way a real check would see it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { makeSimCluster, type SimCluster } from '../helpers/sim-cluster.js';

const clusters: SimCluster[] = [];
async function cluster(): Promise<SimCluster> {
  const sim = await makeSimCluster();
  clusters.push(sim);
  return sim;
}
afterAll(async () => {
  await Promise.all(clusters.map((c) => c.cleanup()));
});

const UPGRADE = (...sets: string[]) =>
  `helm repo add cilium https://helm.cilium.io/ >/dev/null\nhelm upgrade cilium cilium/cilium --version 1.18.4 -n kube-system --reuse-values ${sets.map((s) => `--set ${s}`).join(' ')} >/dev/null`;
const RESTART = 'kubectl -n kube-system rollout restart ds/cilium >/dev/null';
const AGENT_STATUS = 'kubectl -n kube-system exec ds/cilium -- cilium-dbg status';

describe('fault knobs', () => {
  it('faults.agentKprFalse: agents report KubeProxyReplacement False after the KPR upgrade', async () => {
    const c = await cluster();
    c.update((s) => {
      s.faults = { agentKprFalse: true };
    });
    const r = await c.exec(
      `${UPGRADE('kubeProxyReplacement=true', 'k8sServiceHost=192.168.1.187', 'k8sServicePort=6443')}\n${RESTART}\n${AGENT_STATUS} | grep KubeProxyReplacement`,
    );
    expect(r.stdout).toMatch(/^KubeProxyReplacement:\s+False$/m);
  });

  it('an installed chart cilium-1.17.6 shows in helm list', async () => {
    const c = await cluster();
    c.update((s) => {
      if (s.helm.release) Object.assign(s.helm.release, { chart: 'cilium-1.17.6', appVersion: '1.17.6' });
    });
    const r = await c.exec("helm -n kube-system list --filter '^cilium$'");
    expect(r.stdout).toMatch(/\tcilium-1\.17\.6\s*\t1\.17\.6\s*\n$/);
  });

  it('faults.helmUpgradeNoop: helm upgrade exits 0, bumps the revision, changes nothing', async () => {
    const c = await cluster();
    c.update((s) => {
      s.faults = { helmUpgradeNoop: true };
    });
    const r = await c.exec(
      `${UPGRADE('bandwidthManager.enabled=true')}\nhelm get values cilium -n kube-system -o yaml`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('null\n');
    expect(c.state().helm.release?.revision).toBe(2);
  });

  it('faults.ciliumStatus: cilium status is not OK and --wait fails', async () => {
    const c = await cluster();
    c.update((s) => {
      s.faults = { ciliumStatus: { errors: ['controller endpoint-gc is failing since 1m (3x): boom'] } };
    });
    const r = await c.exec('cilium status --wait');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cilium:             \x1b[31m1 errors\x1b[0m');
    expect(r.stderr).toContain(
      'Error: Unable to determine status:  timeout while waiting for status to become successful',
    );
  });

  it('faults.connectivityFailures: the connectivity test reports failures and exits 1', async () => {
    const c = await cluster();
    c.update((s) => {
      s.faults = { connectivityFailures: ['client-egress'] };
    });
    const r = await c.exec('cilium connectivity test');
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/All \d+ tests \(\d+ actions\) successful/);
    expect(r.stdout).toContain('Test [client-egress]:');
  });

  it('l7Proxy=false: cilium-dbg status has no Proxy Status line', async () => {
    const c = await cluster();
    const before = await c.exec(`${AGENT_STATUS} | grep '^Proxy Status:'`);
    expect(before.stdout).toMatch(/^Proxy Status:\s+OK, /);
    const r = await c.exec(
      `${UPGRADE('l7Proxy=false')}\n${RESTART}\n${AGENT_STATUS} | grep -c '^Proxy Status:' || true`,
    );
    expect(r.stdout).toBe('0\n');
  });

  it('faults.agentIgnoresValues: Encryption and BandwidthManager stay off after upgrade and restart', async () => {
    const c = await cluster();
    c.update((s) => {
      s.faults = { agentIgnoresValues: ['encryption.enabled', 'bandwidthManager.enabled'] };
    });
    const r = await c.exec(
      `${UPGRADE('encryption.enabled=true', 'encryption.type=wireguard', 'bandwidthManager.enabled=true')}\n${RESTART}\n${AGENT_STATUS} | grep -E '^(Encryption|BandwidthManager):'`,
    );
    expect(r.stdout).toMatch(/^BandwidthManager:\s+Disabled$/m);
    expect(r.stdout).toMatch(/^Encryption:\s+Disabled$/m);
  });

  it('agents older than cilium-config: pods started before the ConfigMap changed; a restart makes them newer', async () => {
    const c = await cluster();
    const times = `cm=$(kubectl -n kube-system get cm cilium-config -o jsonpath='{.metadata.managedFields[*].time}')
pods=$(kubectl -n kube-system get pods -l k8s-app=cilium -o jsonpath='{.items[*].status.startTime}')
stale=0; for t in $pods; do if [ "$t" \\< "$cm" ]; then stale=1; fi; done; echo "stale=$stale"`;
    expect((await c.exec(times)).stdout).toBe('stale=0\n');
    // A change that alters cilium-config but not the pod template: no roll, agents keep the old configuration.
    expect((await c.exec(`${UPGRADE('bandwidthManager.enabled=true')}\n${times}`)).stdout).toBe('stale=1\n');
    expect((await c.exec(`${RESTART}\n${times}`)).stdout).toBe('stale=0\n');
    // A change that does not touch cilium-config leaves the agents current.
    expect((await c.exec(`${UPGRADE('hubble.relay.enabled=true')}\n${times}`)).stdout).toBe('stale=0\n');
  });

  it('stale values file: the release changes after the file was saved; revisions tell them apart', async () => {
    const c = await cluster();
    const r = await c.exec(`helm get values cilium -n kube-system -o yaml > saved.yaml
${UPGRADE('hubble.relay.enabled=true')}
helm get values cilium -n kube-system -o yaml > now.yaml
helm get values cilium -n kube-system -o yaml --revision 1 > rev1.yaml
cmp -s saved.yaml now.yaml || echo changed
cmp -s saved.yaml rev1.yaml && echo same-as-rev1
helm -n kube-system list --filter '^cilium$' | awk 'NR==2 {print $3}'`);
    expect(r.stdout).toBe('changed\nsame-as-rev1\n2\n');
  });

  it('k8sServiceHost=auto resolves through kube-public/cluster-info; without it the upgrade fails', async () => {
    const c = await cluster();
    const r = await c.exec(`${UPGRADE('kubeProxyReplacement=true', 'k8sServiceHost=auto')}\n${RESTART}`);
    expect(r.code).toBe(0);
    expect(c.state().agent).toMatchObject({ healthy: true, k8sServiceHost: '192.168.1.187', k8sServicePort: '6443' });
    const c2 = await cluster();
    c2.update((s) => {
      s.clusterInfo = null;
    });
    const r2 = await c2.exec(UPGRADE('k8sServiceHost=auto'));
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/^Error: UPGRADE FAILED: template: cilium\/templates\/cilium-agent\/daemonset\.yaml/);
  });

  it('a k8sServiceHost the nodes cannot reach (the workstation loopback) leaves every agent without the API', async () => {
    const c = await cluster();
    await c.exec(`${UPGRADE('kubeProxyReplacement=true', 'k8sServiceHost=127.0.0.1', 'k8sServicePort=36443')}`);
    expect(c.state().agent.healthy).toBe(false);
    expect(c.state().agent.error).toContain('dial tcp 127.0.0.1:36443: connect: connection refused');
  });

  it('kubeadm --config from kubeadm-config and --control-plane-endpoint point kube-proxy at the endpoint', async () => {
    const c = await cluster();
    c.update((s) => {
      s.controlPlaneEndpoint = 'k8s-api.example.internal:6443';
      s.kubeProxy = { daemonset: false, configmap: false };
    });
    const r =
      await c.exec(`kubectl -n kube-system get cm kubeadm-config -o jsonpath='{.data.ClusterConfiguration}' > cluster.yaml
kubeadm init phase addon kube-proxy --kubeconfig "$KUBECONFIG" --config cluster.yaml
kubectl -n kube-system get cm kube-proxy -o jsonpath='{.data.kubeconfig\\.conf}' | grep server:`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('server: https://k8s-api.example.internal:6443');
    c.update((s) => {
      s.kubeProxy = { daemonset: false, configmap: false };
    });
    const f = await c.exec(
      'kubeadm init phase addon kube-proxy --kubeconfig "$KUBECONFIG" --kubernetes-version v1.31.4 --pod-network-cidr 10.244.0.0/16 --control-plane-endpoint 192.168.1.187:6443',
    );
    expect(f.code).toBe(0);
    expect(c.state().kubeProxy.apiServer).toBe('https://192.168.1.187:6443');
  });

  it('kube-proxy backup with -o yaml restores mode and clusterCIDR through kubectl apply', async () => {
    const c = await cluster();
    c.update((s) => {
      s.kubeProxy.mode = 'nftables';
    });
    const r = await c.exec(`kubectl -n kube-system get ds/kube-proxy cm/kube-proxy -o yaml > kube-proxy-backup.yaml
kubectl -n kube-system delete ds kube-proxy >/dev/null
kubectl -n kube-system delete cm kube-proxy >/dev/null
kubectl apply -f kube-proxy-backup.yaml
kubectl -n kube-system get cm kube-proxy -o jsonpath='{.data.config\\.conf}' | grep -E '^(mode|clusterCIDR):'`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'daemonset.apps/kube-proxy created\nconfigmap/kube-proxy created\nclusterCIDR: 10.244.0.0/16\nmode: nftables\n',
    );
  });

  it('helm get values -o yaml prints null without user values, and helm upgrade --values accepts that file', async () => {
    const c = await cluster();
    const r = await c.exec(`helm get values cilium -n kube-system -o yaml > before.yaml
cat before.yaml
helm repo add cilium https://helm.cilium.io/ >/dev/null
helm upgrade cilium cilium/cilium --version 1.18.4 -n kube-system --values before.yaml --set bandwidthManager.enabled=true >/dev/null
helm get values cilium -n kube-system -o yaml`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('null\nbandwidthManager:\n  enabled: true\n');
  });

  it('kubectl logs ds/kube-proxy shows a kube-proxy that cannot reach its server', async () => {
    const c = await cluster();
    expect((await c.exec('kubectl -n kube-system logs ds/kube-proxy')).stdout).toContain('"SyncProxyRules complete"');
    c.update((s) => {
      s.kubeProxy.apiServer = 'https://127.0.0.1:36443';
    });
    const r = await c.exec(
      'kubectl -n kube-system rollout status ds/kube-proxy && kubectl -n kube-system logs ds/kube-proxy',
    );
    expect(r.stdout).toContain('daemon set "kube-proxy" successfully rolled out'); // no readiness probe
    expect(r.stdout).toContain('"Failed to retrieve node info"');
    expect(r.stdout).not.toContain('SyncProxyRules');
  });

  it('kubectl debug runs a probe with the pod own identity: policies apply to it, no new pod appears', async () => {
    const c = await cluster();
    const probe = `p=$(kubectl -n petclinic get pods -l app=was -o name | head -1)
kubectl -n petclinic debug "$p" -i -q --image=busybox:1.36 -- sh -c "if nc -z -w 3 mysql 3306; then echo OPEN; else echo CLOSED; fi"`;
    expect((await c.exec(probe)).stdout).toBe('OPEN\n');
    const deny = `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: was-deny-egress, namespace: petclinic}
spec:
  podSelector: {matchLabels: {app: was}}
  policyTypes: [Egress]
EOF`;
    expect((await c.exec(deny)).code).toBe(0);
    expect((await c.exec(probe)).stdout).toBe('CLOSED\n');
    expect(c.state().pods).toEqual([]);
    expect(c.state().ephemeralContainers).toHaveLength(2);
  });
});
