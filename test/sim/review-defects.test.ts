/**
 * Each defect of the 2026-12-06 correctness review (shared/research/reviews/2026-12-06-correctness.md, issue 11)
 * fails on the OLD runbook text against the simulator that now answers like the real tools. The old texts are kept
 * here as literal strings, copied from `runbook print` before the runbooks were fixed; they must not be updated
 * when the runbooks change: they are the evidence that the simulator no longer hides the defect.
 */
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSimCluster, type SimCluster } from '../helpers/sim-cluster.js';

const clusters: SimCluster[] = [];
async function cluster(options?: Parameters<typeof makeSimCluster>[0]): Promise<SimCluster> {
  const sim = await makeSimCluster(options);
  clusters.push(sim);
  return sim;
}
afterAll(async () => {
  await Promise.all(clusters.map((c) => c.cleanup()));
});

// OLD TEXT (connectivity-test and cilium-inspect, step `cilium-status`, before the review): command and expect.
const OLD_CILIUM_STATUS = 'cilium status --wait';
const OLD_CILIUM_STATUS_EXPECT = /Cilium:\s+OK/;

// OLD TEXT (netpol-petclinic, step `probe-matrix`, the DNS line), as printed.
const OLD_DNS_PROBE = `out=$(kubectl -n petclinic run np-probe-dns --rm -i --restart=Never --labels app=was --image=busybox:1.36 \\
  -- sh -c "if nslookup mysql >/dev/null 2>&1; then echo OPEN; else echo CLOSED; fi" 2>&1 || true)
case "$out" in *OPEN*) got=허용 ;; *CLOSED*) got=차단 ;; *) got=오류 ;; esac
if [ "$got" = 허용 ]; then result=일치; else result=불일치; fail=1; fi
echo "was → kube-dns:53 (이름 조회)  기대: 허용  실제: $got  $result"`;

// OLD TEXT (kpr-rollback, step `helm-disable-kpr`, alreadyDone probe).
const OLD_KPR_ROLLBACK_ALREADY_DONE =
  'helm get values cilium -n kube-system -o yaml | grep -Eq \'^kubeProxyReplacement: "?false"?$\'';

// OLD TEXT (kpr-rollback, step `restore-kube-proxy`), with the host/port the runbook detected from the kubeconfig.
const oldRestoreKubeProxy = (apiServerHost: string, apiServerPort: string) => `kubeadm init phase addon kube-proxy \\
  --kubeconfig "\${KUBECONFIG:-$HOME/.kube/config}" \\
  --kubernetes-version v1.31.4 \\
  --pod-network-cidr 10.244.0.0/16 \\
  --apiserver-advertise-address ${apiServerHost} \\
  --apiserver-bind-port ${apiServerPort}`;

// OLD TEXT (connectivity-test, step `cleanup-test-namespaces`).
const OLD_CLEANUP = `namespaces=$(kubectl get namespaces -o name | grep -E '^namespace/cilium-test(-[0-9]+)?$' || true)
if [ -z "$namespaces" ]; then
  echo "지울 cilium-test 네임스페이스가 없습니다."
else
  kubectl delete $namespaces --timeout=5m
fi`;

describe('review defects fail on the old runbook text', () => {
  it('row 1/2: `cilium status --wait` + /Cilium:\\s+OK/ never matches a healthy cluster (ANSI colours)', async () => {
    const c = await cluster();
    const r = await c.exec(OLD_CILIUM_STATUS);
    expect(r.code).toBe(0);
    // The old expect fails although the cluster is healthy…
    expect(OLD_CILIUM_STATUS_EXPECT.test(r.stdout)).toBe(false);
    expect(r.stdout).toContain('Cilium:             \x1b[32mOK\x1b[0m');
    // …and only matches once the escapes are stripped.
    expect(OLD_CILIUM_STATUS_EXPECT.test(stripVTControlCharacters(r.stdout))).toBe(true);
  });

  it('row 1/2: while agents roll out, `--wait` prints frames erased with cursor-up escapes', async () => {
    const c = await cluster();
    c.update((s) => {
      s.agent.rollingOut = true;
    });
    const interactive = await c.exec(OLD_CILIUM_STATUS);
    expect(interactive.code).toBe(0);
    expect(interactive.stdout).toContain('\x1b[A\x1b[2K');
    expect(interactive.stdout).toContain('daemonset cilium is rolling out - 0 out of 3 pods updated');
    const quiet = await c.exec('cilium status --wait --interactive=false');
    expect(quiet.stdout).not.toContain('\x1b[A');
    expect(quiet.stdout).not.toContain('rolling out');
  });

  it('row 1/2: `-o json` is machine-readable: errors per component, no escapes', async () => {
    const c = await cluster();
    const ok = await c.exec('cilium status --wait --interactive=false -o json');
    expect(ok.stdout).not.toContain('\x1b');
    const doc = JSON.parse(ok.stdout) as { errors: Record<string, Record<string, { Errors: unknown[] | null }>> };
    expect(Object.values(doc.errors.cilium ?? {}).every((p) => p.Errors === null)).toBe(true);
    c.update((s) => {
      s.faults = { ciliumStatus: { errors: ['controller sync-to-k8s-ciliumendpoint is failing'] } };
    });
    const bad = await c.exec('cilium status -o json');
    expect(bad.code).toBe(0);
    const badDoc = JSON.parse(bad.stdout) as typeof doc;
    expect(Object.values(badDoc.errors.cilium ?? {}).some((p) => (p.Errors?.length ?? 0) > 0)).toBe(true);
  });

  it('row 3: the old `nslookup mysql` probe reports 불일치 on a correct cluster; an FQDN with -type=a resolves', async () => {
    const c = await cluster();
    const r = await c.exec(`fail=0\n${OLD_DNS_PROBE}\nexit $fail`);
    expect(r.stdout).toBe('was → kube-dns:53 (이름 조회)  기대: 허용  실제: 차단  불일치\n');
    expect(r.code).toBe(1);
    const direct = await c.exec(
      'kubectl -n petclinic run dns-a --rm -i --restart=Never --labels app=was --image=busybox:1.36 -- nslookup mysql || echo "exit $?"',
    );
    expect(direct.stdout).toContain("** server can't find mysql.svc.cluster.local: NXDOMAIN\n");
    expect(direct.stdout).toContain('Name:\tmysql.petclinic.svc.cluster.local\nAddress: ');
    expect(direct.stdout).toContain('exit 1');
    const fqdn = await c.exec(
      'kubectl -n petclinic run dns-b --rm -i --restart=Never --labels app=was --image=busybox:1.36 -- nslookup -type=a mysql.petclinic.svc.cluster.local',
    );
    expect(fqdn.code).toBe(0);
    expect(fqdn.stdout).not.toContain("can't find");
  });

  it('row 4: the old alreadyDone probe counts KPR false + bpf.masquerade true (crash-looping agents) as done', async () => {
    const c = await cluster();
    // What the seed's rollback leaves: --reuse-values --set kubeProxyReplacement=false on a KPR+BPF-masq release.
    c.update((s) => {
      if (s.helm.release) s.helm.release.userValues = { kubeProxyReplacement: false, bpf: { masquerade: true } };
    });
    await c.exec('kubectl -n kube-system rollout restart ds/cilium');
    const probe = await c.exec(OLD_KPR_ROLLBACK_ALREADY_DONE);
    expect(probe.code).toBe(0); // "already done": the step would be skipped
    const status = await c.exec('cilium status -o json');
    expect(JSON.stringify(JSON.parse(status.stdout).errors.cilium)).toContain('{}'); // errors present
    expect(c.state().agent).toMatchObject({
      healthy: false,
      error: 'BPF masquerade requires NodePort (--enable-node-port="true")',
    });
  });

  it('row 5: the old kubeadm call fails for a DNS-named API endpoint, with the upstream error', async () => {
    const c = await cluster();
    const r = await c.exec(oldRestoreKubeProxy('k8s-api.example.internal', '6443'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'couldn\'t use "k8s-api.example.internal" as "apiserver-advertise-address", must be ipv4 or ipv6 address\n' +
        'To see the stack trace of this error execute with --v=5 or higher\n',
    );
  });

  it('row 5: the old kubeadm call fails for a loopback endpoint (kind, tunnels) without a global address on lo', async () => {
    const c = await cluster();
    const r = await c.exec(oldRestoreKubeProxy('127.0.0.1', '36443'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'unable to resolve link-local addresses\nTo see the stack trace of this error execute with --v=5 or higher\n',
    );
    // With a global address on the workstation's lo, kubeadm succeeds but kube-proxy points at the workstation.
    c.update((s) => {
      if (s.workstation) s.workstation.loopbackGlobalIP = '10.255.0.1';
      s.kubeProxy = { daemonset: false, configmap: false };
    });
    const ok = await c.exec(oldRestoreKubeProxy('127.0.0.1', '36443'));
    expect(ok.code).toBe(0);
    expect(c.state().kubeProxy.apiServer).toBe('https://10.255.0.1:36443');
    const svc = await c.exec(
      'kubectl -n petclinic run svc-probe --rm -i --restart=Never --image=busybox:1.36 -- wget -qO- -T 5 http://web:8080 || echo "exit $?"',
    );
    expect(svc.stdout).toContain('exit 1'); // no Service routing: kube-proxy cannot reach its server
  });

  it('row 5: the old kubeadm call is refused by a workstation kubeadm two minors newer', async () => {
    const c = await cluster();
    c.update((s) => {
      if (s.workstation) s.workstation.kubeadmVersion = 'v1.33.1';
    });
    const r = await c.exec(oldRestoreKubeProxy('192.168.1.187', '6443'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'this version of kubeadm only supports deploying clusters with the control plane version >= 1.32.0. Current version: v1.31.4',
    );
  });

  it('row 5: the old kubeadm call breaks on a colon-separated KUBECONFIG', async () => {
    const c = await cluster();
    const r = await c.exec(
      `export KUBECONFIG="$KUBECONFIG:$HOME/other.yaml"\n${oldRestoreKubeProxy('192.168.1.187', '6443')}`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/failed to load admin kubeconfig: open \S+kubeconfig\.yaml:\S+other\.yaml: no such file/);
  });

  it('row 33: the old cleanup regex leaves cilium-test-ccnp1 and cilium-test-ccnp2 behind', async () => {
    const c = await cluster();
    const test = await c.exec('cilium connectivity test --test no-policies');
    expect(test.stdout).toMatch(/✅ \[cilium-test-1\] All \d+ tests \(\d+ actions\) successful/);
    const clean = await c.exec(OLD_CLEANUP);
    expect(clean.code).toBe(0);
    const left = await c.exec('kubectl get namespaces -o name | grep cilium-test || true');
    expect(left.stdout).toBe('namespace/cilium-test-ccnp1\nnamespace/cilium-test-ccnp2\n');
  });
});
