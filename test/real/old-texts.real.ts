/**
 * The OLD runbook texts that a source review found wrong on a real cluster (issue 11), run against the real tools
 * here: each must fail (or misbehave) the way the review says. They are kept verbatim as they were in runbooks/ before
 * the fixes, so this file shows why the fixes were needed whatever the runbooks say today.
 *
 * Not here: cilium-cli's coloured `cilium status` (the Go module proxy refuses github.com/cilium/cilium-cli, so no
 * real cilium-cli could be built on this machine; .github/workflows/real-cluster.yml runs the real one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATE, sh } from './harness.js';

const work = path.join(STATE, 'old-texts');
fs.mkdirSync(work, { recursive: true });

describe('old runbook texts against the real tools', () => {
  it('kpr-rollback: kubeadm refuses a DNS name for --apiserver-advertise-address (real kubeadm)', async () => {
    // Old text: `--apiserver-advertise-address <apiServerHost>`, where apiServerHost came from the kubeconfig's
    // server URL: a DNS name on an HA cluster (here: a name that resolves, so only the IP rule can refuse it).
    const r = await sh(
      'kubeadm init phase addon kube-proxy --kubeconfig "$KUBECONFIG" --kubernetes-version v1.34.4 ' +
        '--pod-network-cidr 10.244.0.0/16 --apiserver-advertise-address localhost --apiserver-bind-port 6443',
    );
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(/advertise-address|not a valid IP|invalid/i);
  });

  it('kpr-enable: `helm get values` of a release without user values prints null, and --values accepts it (real helm)', async () => {
    const chart = path.join(work, 'plain');
    await sh(`rm -rf ${chart} && helm create ${chart}`);
    const install = await sh(`helm install plain ${chart} -n null-check --create-namespace`);
    expect(install.code, install.stderr).toBe(0);
    const values = await sh(
      `helm get values plain -n null-check -o yaml > ${work}/values.yaml && cat ${work}/values.yaml`,
    );
    expect(values.stdout).toBe('null\n');
    const upgrade = await sh(`helm upgrade plain ${chart} -n null-check --values ${work}/values.yaml`);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    await sh('helm uninstall plain -n null-check && kubectl delete namespace null-check --wait=false');
  });

  it('netpol-petclinic: BusyBox `nslookup mysql` exits non-zero in a pod although the name resolves (real BusyBox)', async () => {
    // Old probe text (step probe-matrix), unchanged: run with the real kubectl; the pod's command runs with Debian's
    // BusyBox and the pod's search list against the DNS stand-in (which answers mysql.petclinic.svc.cluster.local).
    const old = await sh(
      'kubectl -n petclinic run np-probe-dns --rm -i --restart=Never --labels app=was --image=busybox:1.36 ' +
        `-- sh -c "if nslookup mysql >/dev/null 2>&1; then echo OPEN; else echo CLOSED; fi" 2>&1 || true`,
    );
    expect(old.stdout).toMatch(/CLOSED/);
    const plain = await sh(
      'kubectl -n petclinic run np-nslookup-short --rm -i --restart=Never --image=busybox:1.36 -- nslookup mysql',
    );
    expect(plain.code, plain.stdout + plain.stderr).not.toBe(0);
    expect(plain.stdout).toMatch(/mysql\.petclinic\.svc\.cluster\.local/);
    const fqdn = await sh(
      'kubectl -n petclinic run np-nslookup-fqdn --rm -i --restart=Never --image=busybox:1.36 ' +
        '-- nslookup -type=a mysql.petclinic.svc.cluster.local',
    );
    expect(fqdn.code, fqdn.stdout + fqdn.stderr).toBe(0);
  });

  it('connectivity-test: the old cleanup leaves cilium-test-ccnp1/2 behind (real kubectl; the namespaces are a stand-in for cilium-cli ≥ 0.18.9)', async () => {
    for (const ns of ['cilium-test-1', 'cilium-test-ccnp1', 'cilium-test-ccnp2']) {
      expect((await sh(`kubectl create namespace ${ns}`)).code).toBe(0);
    }
    const oldCleanup = `set -euo pipefail
namespaces=$(kubectl get namespaces -o name | grep -E '^namespace/cilium-test(-[0-9]+)?$' || true)
if [ -z "$namespaces" ]; then
  echo "지울 cilium-test 네임스페이스가 없습니다."
else
  kubectl delete $namespaces --timeout=5m
fi`;
    const r = await sh(oldCleanup);
    expect(r.code, r.stderr).toBe(0);
    const left = await sh("kubectl get namespaces -o name | grep '^namespace/cilium-test' || true");
    expect(left.stdout).toMatch(/cilium-test-ccnp1/);
    expect(left.stdout).toMatch(/cilium-test-ccnp2/);
    await sh('kubectl delete namespace cilium-test-ccnp1 cilium-test-ccnp2 --wait=false');
  });
});
