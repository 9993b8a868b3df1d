/**
 * The network-policy, cilium CLI, L7 policy and troubleshooting runbooks (seed §2, §3, §5 L7, §7) run end to end by
 * the real CLI against the simulated cluster, whose connection verdicts come from the policy evaluator (src/policy).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PETCLINIC_POLICIES } from '../../runbooks/lib/petclinic.js';
import { CONSENT, simClusters } from '../helpers/sim-cli.js';
import type { SimCluster } from '../helpers/sim-cluster.js';

const SEED = fs.readFileSync(new URL('../fixtures/policy/petclinic-seed.yaml', import.meta.url), 'utf8');
const simCluster = simClusters();

async function cluster() {
  const run = await simCluster();
  const stepOutput = (result: { stdout: string }, step: string) => result.stdout.split(`${step}`).slice(1).join(step);
  return { ...run, stepOutput };
}

const policyNames = (sim: SimCluster) =>
  (sim.state().objects?.policies ?? []).map((p) => `${p.kind}/${p.namespace}/${p.name}`).sort();

/** The pod of a petclinic Deployment (web, was, mysql): the probes run inside it (kubectl debug). */
const appPod = (sim: SimCluster, app: string) =>
  sim.state().objects?.deployments.find((d) => d.namespace === 'petclinic' && d.name === app)?.pods[0]?.name ?? '';

describe('netpol-petclinic', () => {
  it('applies the seven policies, the allowed probes connect and the denied ones are blocked; remove undoes it', async () => {
    const { sim, cli } = await cluster();
    const run = await cli('run', 'netpol-petclinic', ...CONSENT);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('netpol-petclinic: all 7 steps done.');
    expect(policyNames(sim)).toEqual(PETCLINIC_POLICIES.map((n) => `NetworkPolicy/petclinic/${n}`).sort());
    // The probes really ran inside the app's own pods (ephemeral containers, so no probe pod joined a Service), and
    // the evaluator's verdicts were recorded as flows from those pods.
    const flows = sim.state().flows ?? [];
    const tcp = (src: string, dst: string, port: number) =>
      flows
        .filter(
          (f) =>
            f.protocol === 'TCP' &&
            f.src.pod === appPod(sim, src) &&
            f.dst.pod === appPod(sim, dst) &&
            f.dst.port === port,
        )
        .map((f) => f.verdict);
    expect(tcp('web', 'was', 8080)).toEqual(['FORWARDED']);
    expect(tcp('was', 'mysql', 3306)).toEqual(['FORWARDED']);
    expect(tcp('web', 'mysql', 3306)).toEqual(['DROPPED']);
    expect(tcp('was', 'web', 8080)).toEqual(['DROPPED']);
    expect(tcp('mysql', 'was', 8080)).toEqual(['DROPPED']);
    expect((sim.state().ephemeralContainers ?? []).map((c) => c.pod).sort()).toEqual(
      ['web', 'web', 'was', 'was', 'was', 'mysql'].map((app) => appPod(sim, app)).sort(),
    );
    // The observed-vs-expected table: every row matches.
    expect(run.stdout).toMatch(/^web → mysql:3306 {2}기대: 차단 {2}실제: 차단 {2}일치$/m);
    expect(run.stdout).toMatch(/^was → kube-dns:53 \(이름 조회\) {2}기대: 허용 {2}실제: 허용 {2}일치$/m);
    expect(run.stdout).not.toMatch(/ {2}불일치$/m);

    const remove = await cli('run', 'netpol-petclinic-remove', ...CONSENT);
    expect(remove.code, `${remove.stdout}\n${remove.stderr}`).toBe(0);
    expect(policyNames(sim)).toEqual([]);
    expect(remove.stdout).toContain('netpol-petclinic-remove: all 3 steps done.');
  });

  it("with the seed's three policies instead, the probe step fails and shows the blocked connection", async () => {
    const { sim, cli } = await cluster();
    const applied = await sim.exec(`kubectl apply -f - <<'EOF'\n${SEED}EOF`);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('networkpolicy.networking.k8s.io/default-deny-all created');
    const probe = await cli('run', 'netpol-petclinic', '--only', 'probe-matrix', '--yes');
    expect(probe.code).toBe(1);
    expect(probe.stdout).toContain('netpol-petclinic stopped: step probe-matrix failed.');
    // The table shows what the seed's policies break: both app connections and DNS.
    expect(probe.stdout).toMatch(/^web → was:8080 {2}기대: 허용 {2}실제: 차단 {2}불일치$/m);
    expect(probe.stdout).toMatch(/^was → mysql:3306 {2}기대: 허용 {2}실제: 차단 {2}불일치$/m);
    expect(probe.stdout).toMatch(/^was → kube-dns:53 \(이름 조회\) {2}기대: 허용 {2}실제: 차단 {2}불일치$/m);
    expect(probe.stdout).toMatch(/^web → mysql:3306 {2}기대: 차단 {2}실제: 차단 {2}일치$/m);
    // And with DNS allowed, the seed's ingress-only allows still leave web → was blocked on web's egress.
    await sim.exec(`kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns-egress
  namespace: petclinic
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - {protocol: UDP, port: 53}
EOF`);
    const again = await cli('run', 'netpol-petclinic', '--only', 'probe-matrix', '--yes');
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/^web → was:8080 {2}기대: 허용 {2}실제: 차단 {2}불일치$/m);
    expect(again.stdout).toMatch(/^was → kube-dns:53 \(이름 조회\) {2}기대: 허용 {2}실제: 허용 {2}일치$/m);
    const web = (sim.state().flows ?? []).filter(
      (f) => f.src.pod === appPod(sim, 'web') && f.dst.pod === appPod(sim, 'was') && f.dst.port === 8080,
    );
    // Both runs (without and with DNS) were dropped on the web pod's node: its egress side refused it.
    const webNode = sim.state().objects?.deployments.find((d) => d.name === 'web')?.pods[0]?.node;
    expect(webNode).toBe('k8s-w1');
    expect(web.map((f) => [f.verdict, f.node])).toEqual([
      ['DROPPED', webNode],
      ['DROPPED', webNode],
    ]);
  });
});

describe('cilium CLI', () => {
  it('cilium-cli-install downloads, checks and installs the release, then removes the download', async () => {
    const { sim, cli } = await cluster();
    const run = await cli('run', 'cilium-cli-install', '--yes');
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('cilium CLI v0.18.9');
    expect(run.stdout).toContain('cilium-linux-amd64.tar.gz: OK');
    expect(run.stdout).toMatch(/^cilium-cli: v0\.18\.9 /m);
    const installed = path.join(sim.env.SIM_ROOT ?? '', 'usr/local/bin/cilium');
    expect(fs.statSync(installed).mode & 0o777).toBe(0o755);
    expect(fs.existsSync(path.join(sim.workDir, 'cilium-cli-download'))).toBe(false);
    const curls = sim.calls().filter((c) => c.tool === 'curl');
    expect(curls.map((c) => c.argv.at(-1))).toEqual([
      'https://raw.githubusercontent.com/cilium/cilium-cli/main/stable.txt',
      'https://github.com/cilium/cilium-cli/releases/download/v0.18.9/cilium-linux-amd64.tar.gz.sha256sum',
    ]);
  });

  it('cilium-cli-install picks the arm64 release on an aarch64 workstation', async () => {
    const { sim, cli } = await cluster();
    sim.update((s) => {
      s.workstation = { arch: 'aarch64', readOnlyDirs: [] };
    });
    const run = await cli('run', 'cilium-cli-install', '--yes');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('cilium-linux-arm64.tar.gz: OK');
  });

  it('connectivity-test runs the test and deletes only the cilium-test namespaces', async () => {
    const { sim, cli } = await cluster();
    const run = await cli('run', 'connectivity-test', ...CONSENT);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/✅ \[cilium-test-1\] All \d+ tests \(\d+ actions\) successful/);
    expect(run.stdout).toContain('namespace "cilium-test-1" deleted');
    // Review row 33: cilium-cli >= 0.18.9 also leaves cilium-test-ccnp1/2; the cleanup removes them too.
    const names = sim.state().objects?.namespaces.map((n) => n.name) ?? [];
    expect(names.filter((n) => n.startsWith('cilium-test'))).toEqual([]);
    expect(names).toContain('petclinic');
  });

  it('cilium-inspect lists services and identities from inside the agent (cilium-dbg)', async () => {
    const { sim, cli } = await cluster();
    const run = await cli('run', 'cilium-inspect', '--yes');
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^\d+\s+10\.96\.87\.203:8080\/TCP\s+ClusterIP\s+1 => 10\.0\.2\.51:8080\/TCP$/m);
    expect(run.stdout).toMatch(/^\d+\s+k8s:app=was$/m);
    const inPod = sim.calls().filter((c) => c.tool === 'kubectl' && c.argv.includes('exec'));
    expect(inPod.every((c) => c.argv[c.argv.indexOf('--') + 1] === 'cilium-dbg')).toBe(true);
  });
});

describe('l7-http-policy', () => {
  it('GET /api/... and POST /api/create pass (200), POST /api/users is refused by Envoy (403); cleanup removes it all', async () => {
    const { sim, cli } = await cluster();
    const run = await cli('run', 'l7-http-policy', ...CONSENT);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('GET /api/users → 200');
    expect(run.stdout).toContain('POST /api/create → 200');
    expect(run.stdout).toContain('POST /api/users → 403');
    expect(run.stdout).toContain('Access denied');
    expect(run.stdout).toContain('GET /healthz → 403');
    expect(policyNames(sim)).toEqual(['CiliumNetworkPolicy/l7-demo/l7-http-policy']);
    const http = (sim.state().flows ?? []).filter((f) => f.reason === 'http-request');
    expect(http.map((f) => `${f.http?.method} ${new URL(f.http?.url ?? '').pathname} ${f.verdict}`)).toEqual([
      'GET /api/users FORWARDED',
      'POST /api/create FORWARDED',
      'POST /api/users DROPPED',
      'POST /api/users DROPPED',
      'GET /healthz DROPPED',
    ]);

    const cleanup = await cli('run', 'l7-http-policy-cleanup', ...CONSENT);
    expect(cleanup.code, `${cleanup.stdout}\n${cleanup.stderr}`).toBe(0);
    expect(policyNames(sim)).toEqual([]);
    expect(sim.state().pods.filter((p) => p.namespace === 'l7-demo')).toEqual([]);
  });
});

describe('troubleshooting', () => {
  function diagFolders(sim: SimCluster) {
    return fs.readdirSync(sim.workDir).filter((d) => d.startsWith('diag-'));
  }

  it('diagnose-pod-connectivity collects into diag-<pod>-<timestamp>/ and summarises the drops', async () => {
    const { sim, cli } = await cluster();
    expect((await sim.exec(`kubectl apply -f - <<'EOF'\n${SEED}EOF`)).code).toBe(0);
    const run = await cli('run', 'diagnose-pod-connectivity', '--yes');
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const [folder, ...more] = diagFolders(sim);
    expect(more).toEqual([]);
    expect(folder).toMatch(/^diag-was-5f7d8c6b9-qx2lm-\d{8}-\d{6}$/);
    const files = fs.readdirSync(path.join(sim.workDir, folder ?? '')).sort();
    expect(files).toEqual(
      [
        'agent-log.txt',
        'bpf-lb-list.txt',
        'cilium-status.txt',
        'endpoint-list.txt',
        'events.txt',
        'hubble-drops.txt',
        'monitor-drop.txt',
        'pod.txt',
        'service-list.txt',
      ].sort(),
    );
    expect(run.stdout).toContain('Cilium 에이전트: pod/cilium-zr5wd');
    expect(run.stdout).toContain('monitor-drop.txt (timeout으로 끝냄)');
    expect(run.stdout).not.toMatch(/^ {2}\S+ \(실패: exit/m);
    expect(run.stdout).toMatch(new RegExp(`^\\s+\\d+ ${folder}/agent-log\\.txt$`, 'm'));
    // The seed's policies block the was pod's DNS (its egress), seen by the agent of its node (k8s-w2).
    expect(run.stdout).toMatch(/^\s+3 drop \(Policy denied\)$/m);
    expect(run.stdout).toMatch(/^\s+3 Policy denied DROPPED$/m);
    const calls = sim.calls().filter((c) => c.tool === 'kubectl' && c.argv.includes('exec'));
    expect(calls.every((c) => c.argv.includes('pod/cilium-zr5wd'))).toBe(true);
  });

  it('diagnose-policy collects labels, policies, endpoints, identities, selectors and drops; no drops means "없음"', async () => {
    const { sim, cli } = await cluster();
    const run = await cli('run', 'diagnose-policy', '--yes', '--param', 'pod=web-7c9f8d6b5-2xkqp');
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const [folder] = diagFolders(sim);
    expect(folder).toMatch(/^diag-web-7c9f8d6b5-2xkqp-\d{8}-\d{6}-policy$/);
    const files = fs.readdirSync(path.join(sim.workDir, folder ?? '')).sort();
    expect(files).toEqual(
      [
        'ciliumendpoint.txt',
        'ciliumnetworkpolicies.yaml',
        'endpoint-list.txt',
        'hubble-drops.txt',
        'identity-list.txt',
        'monitor-drop.txt',
        'networkpolicies.yaml',
        'pod-labels.txt',
        'policy-selectors.txt',
      ].sort(),
    );
    expect(run.stdout).toContain('Cilium 에이전트: pod/cilium-b4n9q');
    expect(run.stdout).toMatch(/^web-7c9f8d6b5-2xkqp\s.*\sapp=web$/m);
    expect(run.stdout.match(/^ {2}없음$/gm)).toHaveLength(3);
  });

  it("a second run in the same second collects into the next second's folder and leaves the first untouched", async () => {
    const { sim, cli } = await cluster();
    const two = (n: number) => String(n).padStart(2, '0');
    const stamp = (
      d: Date, // `date +%Y%m%d-%H%M%S`, local time as the step's date prints it
    ) =>
      `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
    // "Earlier runs" made the folders of this second and the next two.
    const now = Date.now();
    const taken = [0, 1, 2].map((i) => `diag-web-7c9f8d6b5-2xkqp-${stamp(new Date(now + i * 1000))}-policy`);
    for (const dir of taken) fs.mkdirSync(path.join(sim.workDir, dir));
    fs.writeFileSync(path.join(sim.workDir, taken[0] ?? '', 'earlier.txt'), 'earlier run');
    const run = await cli('run', 'diagnose-policy', '--yes', '--param', 'pod=web-7c9f8d6b5-2xkqp');
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const made = diagFolders(sim).filter((d) => !taken.includes(d));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^diag-web-7c9f8d6b5-2xkqp-\d{8}-\d{6}-policy$/);
    expect([...taken, made[0]].sort().at(-1)).toBe(made[0]);
    expect(run.stdout).toContain(`진단 폴더: ${made[0]}/`);
    expect(fs.readdirSync(path.join(sim.workDir, made[0] ?? ''))).toContain('pod-labels.txt');
    expect(fs.readdirSync(path.join(sim.workDir, taken[0] ?? ''))).toEqual(['earlier.txt']);
  });
});
