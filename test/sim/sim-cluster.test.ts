/**
 * The simulated cluster (test/fixtures/sim) itself: the fakes answer like the real tools and change state the
 * way the real cluster would. Every script runs through the recording bash, as the runner does.
 */
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSimCluster, resolvesTo, type SimCluster, type SimState } from '../helpers/sim-cluster.js';

const KPR_TRUE = /^KubeProxyReplacement:\s+True\b/m;
const KPR_FALSE = /^KubeProxyReplacement:\s+False\b/m;
const NOT_FOUND_DS = 'Error from server (NotFound): daemonsets.apps "kube-proxy" not found\n';
const REFUSED =
  'The connection to the server 192.168.1.187:6443 was refused - did you specify the right host or port?\n';

const VERIFY_SERVICE = `(
  trap 'kubectl delete pod/kpr-check service/kpr-check --ignore-not-found' EXIT
  kubectl run kpr-check --image=nginx:1.27 --port=80 --expose
  kubectl wait --for=condition=Ready pod/kpr-check --timeout=120s
  kubectl run kpr-check-client --rm -i --restart=Never --image=busybox:1.36 -- wget -qO- -T 5 http://kpr-check
)`;

/** kpr-enable as the runbook renders it (one bash call per step). */
const KPR_ENABLE: [string, string][] = [
  ['check-kube-proxy', 'kubectl -n kube-system get ds kube-proxy --ignore-not-found'],
  ['check-cilium-release', "helm -n kube-system list --filter '^cilium$'"],
  ['helm-repo', 'helm repo add cilium https://helm.cilium.io/ --force-update\nhelm repo update cilium'],
  ['save-values', 'helm get values cilium -n kube-system -o yaml > cilium-values-before-kpr.yaml'],
  [
    'helm-upgrade',
    `helm upgrade cilium cilium/cilium --version 1.18.4 \\
  --namespace kube-system \\
  --values cilium-values-before-kpr.yaml \\
  --set kubeProxyReplacement=true \\
  --set k8sServiceHost=192.168.1.187 \\
  --set k8sServicePort=6443 \\
  --set bpf.masquerade=true`,
  ],
  [
    'restart-agents',
    'kubectl -n kube-system rollout restart ds/cilium\nkubectl -n kube-system rollout status ds/cilium --timeout=10m',
  ],
  ['verify-kpr', 'kubectl -n kube-system exec ds/cilium -- cilium-dbg status | grep KubeProxyReplacement'],
  [
    'delete-kube-proxy',
    'kubectl -n kube-system delete ds kube-proxy --ignore-not-found\nkubectl -n kube-system delete cm kube-proxy --ignore-not-found',
  ],
  ['verify-service', VERIFY_SERVICE],
];

/** kpr-rollback as rendered with the example parameters. */
const KPR_ROLLBACK: [string, string][] = [
  [
    'restore-kube-proxy',
    `kubeadm init phase addon kube-proxy \\
  --kubeconfig "\${KUBECONFIG:-$HOME/.kube/config}" \\
  --kubernetes-version v1.31.4 \\
  --pod-network-cidr 10.244.0.0/16 \\
  --apiserver-advertise-address 192.168.1.187 \\
  --apiserver-bind-port 6443`,
  ],
  ['wait-kube-proxy', 'kubectl -n kube-system rollout status ds/kube-proxy --timeout=5m'],
  [
    'helm-disable-kpr',
    `helm upgrade cilium cilium/cilium --version 1.18.4 \\
  --namespace kube-system \\
  --reuse-values \\
  --set kubeProxyReplacement=false \\
  --set bpf.masquerade=false`,
  ],
  [
    'restart-agents',
    'kubectl -n kube-system rollout restart ds/cilium\nkubectl -n kube-system rollout status ds/cilium --timeout=10m',
  ],
  ['verify-kpr-off', 'kubectl -n kube-system exec ds/cilium -- cilium-dbg status | grep KubeProxyReplacement'],
  ['verify-service', VERIFY_SERVICE],
];

/** The state right after a successful kpr-enable (without running it). */
function kprEnabled(s: SimState): void {
  if (s.helm.release) {
    s.helm.release.revision = 2;
    s.helm.release.userValues = {
      bpf: { masquerade: true },
      k8sServiceHost: '192.168.1.187',
      k8sServicePort: 6443,
      kubeProxyReplacement: true,
    };
  }
  s.helm.repos = { cilium: 'https://helm.cilium.io/' };
  Object.assign(s.agent, {
    kubeProxyReplacement: true,
    masquerade: true,
    k8sServiceHost: '192.168.1.187',
    k8sServicePort: 6443,
  });
  s.kubeProxy = { daemonset: false, configmap: false };
}

/** A fresh simulated cluster per test; all are removed at the end. */
const clusters: SimCluster[] = [];
async function cluster(options?: Parameters<typeof makeSimCluster>[0]): Promise<SimCluster> {
  const sim = await makeSimCluster(options);
  clusters.push(sim);
  return sim;
}
afterAll(async () => {
  await Promise.all(clusters.map((c) => c.cleanup()));
});

describe('simulated cluster', () => {
  it('runs kpr-enable end to end: KPR on, kube-proxy gone, services still answer', async () => {
    const c = await cluster();
    const outputs: Record<string, string> = {};
    for (const [step, script] of KPR_ENABLE) {
      const r = await c.exec(script, { step, role: 'command' });
      expect({ step, code: r.code, stderr: r.stderr }).toEqual({ step, code: 0, stderr: '' });
      outputs[step] = r.stdout;
    }
    expect(outputs['check-kube-proxy']).toMatch(
      /^NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE\nkube-proxy +3 +3 +3 +3 +3 +kubernetes\.io\/os=linux +\S+\n$/,
    );
    expect(outputs['check-cilium-release']).toMatch(
      /^NAME\s+\tNAMESPACE\s*\tREVISION\tUPDATED\s+\tSTATUS\s+\tCHART\s+\tAPP VERSION\ncilium\t.*\bcilium-1\.18\.4\b/,
    );
    expect(outputs['helm-repo']).toBe(
      '"cilium" has been added to your repositories\nHang tight while we grab the latest from your chart repositories...\n' +
        '...Successfully got an update from the "cilium" chart repository\nUpdate Complete. ⎈Happy Helming!⎈\n',
    );
    expect(outputs['helm-upgrade']).toMatch(
      /^Release "cilium" has been upgraded\. Happy Helming!\nNAME: cilium\nLAST DEPLOYED: .+\nNAMESPACE: kube-system\nSTATUS: deployed\nREVISION: 2\n/,
    );
    expect(outputs['restart-agents']).toMatch(
      /^daemonset\.apps\/cilium restarted\n(Waiting for daemon set "cilium" rollout to finish: \d of 3 updated pods are available\.\.\.\n)+daemon set "cilium" successfully rolled out\n$/,
    );
    expect(outputs['verify-kpr']).toBe(
      'KubeProxyReplacement:    True   [eth0   192.168.1.187 fe80::1 (Direct Routing)]\n',
    );
    expect(outputs['verify-kpr']).toMatch(KPR_TRUE);
    expect(outputs['delete-kube-proxy']).toBe('daemonset.apps "kube-proxy" deleted\nconfigmap "kube-proxy" deleted\n');
    expect(outputs['verify-service']).toContain('<title>Welcome to nginx!</title>');
    expect(outputs['verify-service']).toMatch(
      /^service\/kpr-check created\npod\/kpr-check created\npod\/kpr-check condition met\n<!DOCTYPE html>[\s\S]*<\/html>\npod "kpr-check-client" deleted\npod "kpr-check" deleted\nservice "kpr-check" deleted\n$/,
    );

    const s = c.state();
    expect(s.agent).toMatchObject({
      kubeProxyReplacement: true,
      masquerade: true,
      healthy: true,
      k8sServiceHost: '192.168.1.187',
    });
    expect(s.kubeProxy).toMatchObject({ daemonset: false, configmap: false });
    expect(s.helm.release).toMatchObject({
      revision: 2,
      userValues: { kubeProxyReplacement: true, k8sServicePort: 6443, bpf: { masquerade: true } },
    });
    expect(s.pods).toEqual([]);
    expect(s.services).toEqual([]);

    // The calls are recorded with their step and role.
    const scripts = c.scripts();
    expect(scripts.map((x) => [x.step, x.role, x.script])).toEqual(
      KPR_ENABLE.map(([step, script]) => [step, 'command', script]),
    );
    const upgrade = c.calls().find((x) => x.tool === 'helm' && x.argv[0] === 'upgrade');
    expect(upgrade).toMatchObject({ step: 'helm-upgrade', role: 'command', cwd: c.workDir, kubeconfig: c.kubeconfig });

    // Probes of the runbooks now report "already done".
    const probes = await c.exec(
      `helm get values cilium -n kube-system -o yaml | grep -Eq '^kubeProxyReplacement: "?true"?$' && echo kpr-set
ds=$(kubectl -n kube-system get ds kube-proxy --ignore-not-found -o name) &&
  cm=$(kubectl -n kube-system get cm kube-proxy --ignore-not-found -o name) &&
  test -z "$ds$cm" && echo kube-proxy-gone
kubectl -n kube-system get ds kube-proxy -o name || echo "exit $?"`,
      { role: 'probe' },
    );
    expect(probes).toMatchObject({ code: 0, stdout: 'kpr-set\nkube-proxy-gone\nexit 1\n', stderr: NOT_FOUND_DS });
  }, 60_000);

  it('runs kpr-rollback: kube-proxy back, KPR off, services answer through kube-proxy', async () => {
    const c = await cluster();
    c.update(kprEnabled);
    const outputs: Record<string, string> = {};
    for (const [step, script] of KPR_ROLLBACK) {
      const r = await c.exec(script, { step, role: 'command' });
      expect({ step, code: r.code, stderr: r.stderr }).toEqual({ step, code: 0, stderr: '' });
      outputs[step] = r.stdout;
    }
    expect(outputs['restore-kube-proxy']).toBe('[addons] Applied essential addon: kube-proxy\n');
    expect(outputs['wait-kube-proxy']).toMatch(/daemon set "kube-proxy" successfully rolled out\n$/);
    expect(outputs['verify-kpr-off']).toBe('KubeProxyReplacement:    False\n');
    expect(outputs['verify-kpr-off']).toMatch(KPR_FALSE);
    expect(outputs['verify-service']).toContain('Welcome to nginx!');
    const s = c.state();
    expect(s.kubeProxy).toMatchObject({
      daemonset: true,
      configmap: true,
      image: 'registry.k8s.io/kube-proxy:v1.31.4',
      clusterCIDR: '10.244.0.0/16',
    });
    expect(s.agent).toMatchObject({ kubeProxyReplacement: false, masquerade: false, healthy: true });
    expect(s.helm.release?.userValues).toEqual({
      bpf: { masquerade: false },
      k8sServiceHost: '192.168.1.187',
      k8sServicePort: 6443,
      kubeProxyReplacement: false,
    });
  }, 60_000);

  it('crash-loops the agent when KPR is turned off but BPF masquerade stays on', async () => {
    const c = await cluster();
    c.update(kprEnabled);
    const r = await c.exec(
      `helm upgrade cilium cilium/cilium --version 1.18.4 --namespace kube-system --reuse-values --set kubeProxyReplacement=false >/dev/null
kubectl -n kube-system exec ds/cilium -- cilium-dbg status | grep KubeProxyReplacement
kubectl -n kube-system rollout restart ds/cilium
kubectl -n kube-system rollout status ds/cilium --timeout=10m`,
    );
    // Before the restart the agents still run the old config; the restart brings up crash-looping pods.
    expect(r).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /^KubeProxyReplacement:\s+True\b.*\ndaemonset\.apps\/cilium restarted\nWaiting for daemon set "cilium" rollout to finish: 0 of 3 updated pods are available\.\.\.\n$/,
      ),
      stderr: 'error: timed out waiting for the condition\n',
    });
    expect(c.state().agent).toMatchObject({
      healthy: false,
      error: expect.stringContaining('BPF masquerade requires NodePort'),
    });

    const exec = await c.exec('kubectl -n kube-system exec ds/cilium -- cilium-dbg status');
    expect(exec).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'error: unable to upgrade connection: container not found ("cilium-agent")\n',
    });
    // New pods get no IP from the crash-looping CNI, so the check pod never becomes Ready.
    const verify = await c.exec(VERIFY_SERVICE);
    expect(verify).toMatchObject({
      code: 1,
      stdout:
        'service/kpr-check created\npod/kpr-check created\npod "kpr-check" deleted\nservice "kpr-check" deleted\n',
      stderr: 'error: timed out waiting for the condition on pods/kpr-check\n',
    });
  }, 30_000);

  it('fails the service check when neither kube-proxy nor KPR routes services', async () => {
    const c = await cluster({ state: { kubeProxy: { daemonset: false, configmap: false } } });
    const r = await c.exec(VERIFY_SERVICE);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('Welcome to nginx!');
    expect(r.stdout).toContain('pod "kpr-check-client" deleted\n');
    expect(r.stderr).toBe('wget: download timed out\npod default/kpr-check-client terminated (Error)\n');
  }, 30_000);

  it('answers the detector commands and the read-only checks', async () => {
    const c = await cluster();
    const r = await c.exec(
      `kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'; echo
kubectl version -o json
kubectl -n kube-system get cm kubeadm-config -o jsonpath='{.data.ClusterConfiguration}'
helm get values cilium -n kube-system -o yaml
helm get values cilium -n kube-system
helm get values cilium -n kube-system -o yaml | grep -Eq '^kubeProxyReplacement: "?true"?$' || echo "probe $?"`,
      { role: 'detect' },
    );
    expect(r.stderr).toBe('');
    const [server, ...rest] = r.stdout.split('\n');
    expect(server).toBe('https://192.168.1.187:6443');
    const text = rest.join('\n');
    const json = text.slice(0, text.indexOf('\n}\n') + 2);
    expect(JSON.parse(json)).toMatchObject({ serverVersion: { gitVersion: 'v1.31.4', major: '1', minor: '31' } });
    expect(/"serverVersion"\s*:\s*\{[^}]*"gitVersion"\s*:\s*"([^"]+)"/.exec(text)?.[1]).toBe('v1.31.4');
    expect(text).toContain('apiVersion: kubeadm.k8s.io/v1beta4\n');
    expect(/^\s*podSubnet:\s*"?([^"\s,]+)"?\s*$/m.exec(text)?.[1]).toBe('10.244.0.0/16');
    expect(text).toContain('kind: ClusterConfiguration\nkubernetesVersion: v1.31.4\n');
    // helm prints rel.Config, a nil map when there are no user values: `null` (pkg/release/release.go omitempty).
    expect(text.endsWith('scheduler: {}\nnull\nUSER-SUPPLIED VALUES:\nnull\nprobe 1\n')).toBe(true);
    expect(
      c
        .calls()
        .filter((x) => x.tool !== 'bash')
        .every((x) => x.role === 'detect'),
    ).toBe(true);
  }, 30_000);

  it('behaves like an unreachable API server when the cluster is down or another context is current', async () => {
    const c = await cluster({ state: { reachable: false } });
    const r = await c.exec(
      `kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'; echo
kubectl -n kube-system get ds kube-proxy || echo "kubectl $?"
helm -n kube-system list --filter '^cilium$' || echo "helm $?"
kubeadm init phase addon kube-proxy --kubeconfig "$KUBECONFIG" --kubernetes-version v1.31.4 --pod-network-cidr 10.244.0.0/16 --apiserver-advertise-address 192.168.1.187 --apiserver-bind-port 6443 || echo "kubeadm $?"`,
    );
    expect(r.stdout).toBe('https://192.168.1.187:6443\nkubectl 1\nhelm 1\nkubeadm 1\n');
    expect(r.stderr).toBe(
      REFUSED +
        'Error: Kubernetes cluster unreachable: Get "https://192.168.1.187:6443/version": dial tcp 192.168.1.187:6443: connect: connection refused\n' +
        'error execution phase addon/kube-proxy: error when creating kube-proxy service account: unable to create serviceaccount: Post "https://192.168.1.187:6443/api/v1/namespaces/kube-system/serviceaccounts?timeout=10s": dial tcp 192.168.1.187:6443: connect: connection refused\n' +
        'To see the stack trace of this error execute with --v=5 or higher\n',
    );
    expect(c.state().kubeProxy).toMatchObject({ daemonset: true, configmap: true });

    c.update((s) => {
      s.reachable = true;
    });
    const other = await c.exec(
      `kubectl config use-context other@prod
kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}'; echo
kubectl version -o json >/dev/null || echo "version $?"
helm get values cilium -n kube-system -o yaml || echo "helm $?"
kubectl --context sim-admin@sim -n kube-system get ds kube-proxy -o name`,
    );
    expect(other.stdout).toBe(
      'Switched to context "other@prod".\nhttps://10.20.0.1:6443\nversion 1\nhelm 1\ndaemonset.apps/kube-proxy\n',
    );
    expect(other.stderr).toBe(
      'The connection to the server 10.20.0.1:6443 was refused - did you specify the right host or port?\n' +
        'Error: Kubernetes cluster unreachable: Get "https://10.20.0.1:6443/version": dial tcp 10.20.0.1:6443: connect: connection refused\n',
    );
  }, 30_000);

  it('injects failures without changing state, and rejects commands it does not simulate', async () => {
    const c = await cluster({
      state: {
        failures: [
          {
            tool: 'kubectl',
            argvIncludes: ['delete', 'kube-proxy'],
            exitCode: 1,
            stderr: 'Error from server (Forbidden): nope\n',
          },
        ],
      },
    });
    const r = await c.exec(
      `kubectl -n kube-system delete ds kube-proxy --ignore-not-found || echo "delete $?"
kubectl -n kube-system get ds kube-proxy -o name
kubectl get endpoints kubernetes || echo "get $?"
helm upgrade cilium cilium/cilium --namespace kube-system --reuse-values || echo "unpinned $?"
kubectl -n kube-system exec ds/cilium -- cilium-dbg bpf ct list global || echo "exec $?"`,
    );
    expect(r.stdout).toBe('delete 1\ndaemonset.apps/kube-proxy\nget 2\nunpinned 2\nexec 2\n');
    expect(r.stderr).toBe(
      'Error from server (Forbidden): nope\n' +
        'sim-kubectl: unhandled: get endpoints kubernetes (resource type endpoints is not simulated)\n' +
        'sim-helm: unhandled: upgrade cilium cilium/cilium --namespace kube-system --reuse-values (unpinned upgrade (no --version) is not simulated)\n' +
        'sim-kubectl: unhandled: -n kube-system exec ds/cilium -- cilium-dbg bpf ct list global (command not simulated inside the agent)\n',
    );
    expect(c.state().kubeProxy.daemonset).toBe(true);
  }, 30_000);

  it('fails helm upgrade without the repo, with a wrong chart version, and with a bad values file', async () => {
    const c = await cluster();
    const r = await c.exec(
      `helm upgrade cilium cilium/cilium --version 1.18.4 -n kube-system --set kubeProxyReplacement=true || echo "norepo $?"
helm repo update cilium || echo "update $?"
helm repo add cilium https://helm.cilium.io/ >/dev/null
helm upgrade cilium cilium/cilium --version 1.17.0 -n kube-system || echo "version $?"
helm get values cilium -n kube-system > bad.yaml
helm upgrade cilium cilium/cilium --version 1.18.4 -n kube-system -f bad.yaml || echo "badfile $?"
helm upgrade cilium cilium/cilium --version 1.18.4 -n kube-system -f missing.yaml || echo "missing $?"`,
    );
    expect(r.stdout).toBe('norepo 1\nupdate 1\nversion 1\nbadfile 1\nmissing 1\n');
    expect(r.stderr).toMatch(
      /^Error: repo cilium not found\nError: no repositories found\. You must add one before updating\nError: chart "cilium" matching 1\.17\.0 not found in cilium index\. .*\nError: failed to parse bad\.yaml: .*\nError: open missing\.yaml: no such file or directory\n$/,
    );
    expect(c.state().helm.release?.revision).toBe(1);
  }, 30_000);

  it('records the exact script text and passes stdin, stdout, stderr and exit status through', async () => {
    const c = await cluster();
    const scripts = [
      "echo '안녕하세요, 클러스터' && printf '%s\\n' \"it's \\\"quoted\\\" \\$HOME\"",
      "cat <<'EOF'\n첫 줄 $NOT_EXPANDED\n  둘째 줄\twith tab\nEOF\n",
      'read -r line; echo "got:$line"; echo oops >&2; exit 7',
    ];
    const r0 = await c.exec(scripts[0] ?? '', { step: 'korean', role: 'command' });
    const r1 = await c.exec(scripts[1] ?? '', { step: 'heredoc', role: 'probe' });
    const r2 = await c.exec(scripts[2] ?? '', { input: '입력 line\n' });
    expect(r0).toMatchObject({ code: 0, stdout: '안녕하세요, 클러스터\nit\'s "quoted" $HOME\n', stderr: '' });
    expect(r1).toMatchObject({ code: 0, stdout: '첫 줄 $NOT_EXPANDED\n  둘째 줄\twith tab\n' });
    expect(r2).toMatchObject({ code: 7, stdout: 'got:입력 line\n', stderr: 'oops\n' });
    const recorded = c.scripts();
    expect(recorded.map((x) => x.script)).toEqual(scripts);
    expect(recorded.map((x) => x.argv)).toEqual(scripts.map((s) => ['-euo', 'pipefail', '-c', s]));
    expect(recorded.map((x) => [x.step, x.role, x.cwd])).toEqual([
      ['korean', 'command', c.workDir],
      ['heredoc', 'probe', c.workDir],
      [null, null, c.workDir],
    ]);
  }, 30_000);

  it('puts only the fakes on PATH, minus omitted tools', async () => {
    const c = await cluster({ omitTools: ['helm'] });
    expect(resolvesTo(c, 'kubectl')).toBe(`${c.dir}/bin/kubectl`);
    expect(resolvesTo(c, 'bash')).toBe(`${c.dir}/bin/bash`);
    expect(resolvesTo(c, 'helm')).toBeUndefined();
    expect(resolvesTo(c, 'grep')).toBeDefined();
    expect(c.env.SIM_REAL_KUBECTL).toMatch(/\/kubectl$/);
    const r = await c.exec('helm version || echo "helm $?"; cilium version --client | head -1; cilium status');
    expect(r.stdout).toMatch(/^helm 127\ncilium-cli: v0\.18\.9 compiled with go\S+ on linux\/amd64\n/);
    // cilium-cli colours the summary whatever the output is (status.go statusSummary): OK is `\x1b[32mOK\x1b[0m`.
    expect(r.stdout).toContain('\x1b[0m    Cilium:             \x1b[32mOK\x1b[0m\n');
    const plain = stripVTControlCharacters(r.stdout);
    expect(plain).toContain(' /¯¯\\__/¯¯\\    Cilium:             OK\n');
    expect(plain).toMatch(/^DaemonSet {14}cilium {13}Desired: 3, Ready: 3\/3, Available: 3\/3$/m);
    expect(plain).toMatch(/^Helm chart version: {4}1\.18\.4$/m);
    expect(r.stdout).toContain('quay.io/cilium/cilium:v1.18.4@sha256:');
  }, 30_000);
});
