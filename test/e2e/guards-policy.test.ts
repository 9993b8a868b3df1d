/**
 * Issue 10 and 11 on the policy runbooks (netpol-petclinic, netpol-petclinic-remove, l7-http-policy,
 * l7-http-policy-cleanup): for each guard, the fault is built on two fresh simulated clusters and `run` and the copied
 * text (the whole script, `--from`/`--only` blocks, one block pasted alone) stop at the same check with equal cluster
 * states; after a successful run, rerunning both changes nothing (no apply, no delete); and the review's items 2, 10
 * and 11 hold on the new text while the old text fails.
 *
 * A "successful run" is taken once per runbook (a snapshot of the simulated cluster's state) and restored into the
 * fresh clusters of the cases that start from it.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { bothWaysOn } from '../helpers/both-ways.js';
import { runCli } from '../helpers/run-cli.js';
import { CONSENT } from '../helpers/sim-cli.js';
import type { SimCluster, SimState } from '../helpers/sim-cluster.js';

const { bothWays, pastedAlone, fresh } = bothWaysOn();
type Setup = (s: SimState) => void;

const cli = (sim: SimCluster, ...args: string[]) =>
  runCli(args, { env: { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/runbook-state` }, cwd: sim.workDir });

/** The cluster state after one successful `run <id>` on a fresh cluster (taken once, then reused). */
const snapshots = new Map<string, Promise<{ state: SimState; calls: ReturnType<SimCluster['calls']> }>>();
function afterSuccess(id: string) {
  let snap = snapshots.get(id);
  if (!snap) {
    snap = (async () => {
      const sim = await fresh(() => {});
      const r = await cli(sim, 'run', id, ...CONSENT);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      return { state: structuredClone(sim.state()), calls: sim.calls() };
    })();
    snapshots.set(id, snap);
  }
  return snap;
}
/** A setup that puts a saved state in place, then applies `more`. */
const restore =
  (state: SimState, more: Setup = () => {}): Setup =>
  (s) => {
    for (const key of Object.keys(s)) delete (s as unknown as Record<string, unknown>)[key];
    Object.assign(s, structuredClone(state));
    more(s);
  };

const changes = (mutations: readonly string[]) => mutations.filter((m) => /\b(apply|delete|create)\b/.test(m));

describe('netpol-petclinic', () => {
  it('app not ready (no app=was pod): check-app stops run and the script before any apply', async () => {
    const { run, script } = await bothWays('netpol-petclinic', (s) => {
      const was = s.objects?.deployments.find((d) => d.name === 'was');
      if (was) was.pods = [];
    });
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('앱 파드 중 없거나 Ready가 아닌 것이 있습니다');
    expect(run.stderr + run.stdout).toContain('no matching resources found');
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(script.mutations).toEqual(run.mutations);
    expect(changes(run.mutations)).toEqual([]);
  }, 180_000);

  it('--from default-deny with the allows missing: the deny re-checks them and is not applied', async () => {
    const { run, script } = await bothWays('netpol-petclinic', () => {}, { from: 'default-deny' });
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('허용 정책 중 빠진 것이 있습니다');
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(changes(run.mutations)).toEqual([]);
    expect(changes(script.mutations)).toEqual([]);
  }, 180_000);

  it('the default-deny block pasted alone into a plain shell stops the same way', async () => {
    const { run, script } = await pastedAlone('netpol-petclinic', 'default-deny', () => {});
    expect(script.code).not.toBe(0);
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(changes(script.mutations)).toEqual([]);
  }, 180_000);

  it('an apply that exits 0 but stores nothing: the next step, which needs that policy, stops both', async () => {
    const noop: Setup = (s) => {
      s.failures.push({
        tool: 'kubectl',
        argvIncludes: ['apply'],
        exitCode: 0,
        stderr: '',
        stdout: 'networkpolicy.networking.k8s.io/allow-dns-egress created\n',
      });
    };
    const { run, script } = await bothWays('netpol-petclinic', noop);
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('allow-dns-egress가 없습니다');
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(script.mutations).toEqual(run.mutations);
    // Stopped at allow-egress's precondition: no later apply (no deny) was attempted.
    expect(run.mutations.filter((m) => m.startsWith('kubectl apply'))).toHaveLength(1);
  }, 180_000);

  it("probe mismatch (the seed's three policies): probe-matrix fails in run and in the pasted block alike", async () => {
    const seed = fs.readFileSync(new URL('../fixtures/policy/petclinic-seed.yaml', import.meta.url), 'utf8');
    const docs = parseAllDocuments(seed).map((d) => d.toJS() as { kind: 'NetworkPolicy'; metadata: { name: string } });
    const seeded: Setup = (s) => {
      if (!s.objects) return;
      s.objects.policies = docs.map((doc) => ({
        kind: doc.kind,
        name: doc.metadata.name,
        namespace: 'petclinic',
        manifest: { ...doc, metadata: { ...doc.metadata, namespace: 'petclinic' } },
        created: '2025-11-20T02:00:00Z',
      }));
    };
    const { run, script } = await pastedAlone('netpol-petclinic', 'probe-matrix', seeded);
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('기대와 다른 연결이 있습니다');
    expect(script.check).toBe(run.check);
    expect(run.stdout).toMatch(/^web → was:8080 {2}기대: 허용 {2}실제: 차단 {2}불일치$/m);
    expect(script.stdout).toMatch(/^web → was:8080 {2}기대: 허용 {2}실제: 차단 {2}불일치$/m);
    expect(script.state).toEqual(run.state);
    expect(script.mutations).toEqual(run.mutations);
  }, 180_000);

  it('rerun after success: run and the script apply nothing (every apply step says 이미 적용됨); only the probes run', async () => {
    const { state } = await afterSuccess('netpol-petclinic');
    const { run, script } = await bothWays('netpol-petclinic', restore(state));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(script.code, script.stderr).toBe(0);
    // Printed lines only (the run also echoes each step's text).
    for (const out of [run.stdout, script.stdout]) expect(out.match(/^ *이미 적용됨: /gm)).toHaveLength(4);
    expect(changes(run.mutations)).toEqual([]);
    expect(changes(script.mutations)).toEqual([]);
    expect(run.mutations.every((m) => m.startsWith('kubectl debug '))).toBe(true);
    expect(script.mutations).toEqual(run.mutations);
    expect(script.state).toEqual(run.state);
  }, 240_000);

  it('issue 11 item 10: no probe is ever an endpoint of an app Service (the old labelled probe pods were)', async () => {
    const { state, calls } = await afterSuccess('netpol-petclinic');
    const services = state.objects?.services.filter((s) => s.namespace === 'petclinic') ?? [];
    const appPods = new Set(state.objects?.deployments.flatMap((d) => d.pods.map((p) => p.name)));
    /** Pods a call created whose labels a petclinic Service selects. */
    const endpointsCreated = (cs: typeof calls) =>
      cs
        .filter((c) => c.tool === 'kubectl' && c.argv.includes('run') && c.argv.includes('petclinic'))
        .map((c) => c.argv[c.argv.indexOf('--labels') + 1] ?? '')
        .map((l) => Object.fromEntries(l.split(',').map((kv) => kv.split('='))) as Record<string, string>)
        .filter((labels) => services.some((svc) => Object.entries(svc.selector).every(([k, v]) => labels[k] === v)));
    expect(endpointsCreated(calls)).toEqual([]);
    // The probes ran as ephemeral containers of the app's own pods.
    expect(state.ephemeralContainers?.length).toBe(6);
    expect(state.ephemeralContainers?.every((c) => appPods.has(c.pod))).toBe(true);

    // The old text's probe pod (review row 35) carried app=web: the web Service selected it.
    const old = await fresh(() => {});
    await old.exec(
      `kubectl -n petclinic run np-probe-web-was --rm -i --restart=Never --labels "app=web" --image=busybox:1.36 -- sh -c "echo OPEN" || true`,
    );
    expect(endpointsCreated(old.calls())).toHaveLength(1);
  }, 240_000);

  it('issue 11 row 35: a Service port that differs from the pod port does not break the probes (pod IP:port)', async () => {
    const { state } = await afterSuccess('netpol-petclinic');
    const sim = await fresh(
      restore(state, (s) => {
        const mysql = s.objects?.services.find((x) => x.namespace === 'petclinic' && x.name === 'mysql');
        if (mysql) mysql.ports = [{ port: 33060, targetPort: 3306, protocol: 'TCP' }];
      }),
    );
    const r = await cli(sim, 'run', 'netpol-petclinic', '--only', 'probe-matrix', '--yes');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^was → mysql:3306 {2}기대: 허용 {2}실제: 허용 {2}일치$/m);
  }, 240_000);
});

describe('netpol-petclinic-remove', () => {
  it('rerun on a namespace without the policies: the delete step is skipped, nothing is deleted', async () => {
    const { run, script } = await bothWays('netpol-petclinic-remove', () => {});
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(script.code, script.stderr).toBe(0);
    expect(script.stdout).toContain('이미 적용됨: netpol-petclinic의 정책 일곱 개가 하나도 없음');
    expect(changes(run.mutations)).toEqual([]);
    expect(changes(script.mutations)).toEqual([]);
    expect(script.state).toEqual(run.state);
  }, 180_000);

  it('a delete that exits 0 but removes nothing: the step’s wait stops both with the policies still there', async () => {
    const { state } = await afterSuccess('netpol-petclinic');
    const noop = restore(state, (s) => {
      s.failures.push({ tool: 'kubectl', argvIncludes: ['delete', 'networkpolicy'], exitCode: 0, stderr: '' });
    });
    const { run, script } = await bothWays('netpol-petclinic-remove', noop);
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('netpol-petclinic의 정책 일곱 개가 하나도 없음');
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(script.mutations).toEqual(run.mutations);
  }, 240_000);
});

describe('l7-http-policy', () => {
  const noProxy: Setup = (s) => {
    s.agent.l7Proxy = false;
  };

  it('Proxy Status not OK (l7Proxy=false): run and the script stop at check-l7-proxy, nothing applied', async () => {
    const { run, script } = await bothWays('l7-http-policy', noProxy);
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('L7 프록시(Envoy)가 OK가 아닙니다');
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(changes(run.mutations)).toEqual([]);
    expect(changes(script.mutations)).toEqual([]);
  }, 180_000);

  it('--from apply-policy with l7Proxy=false: apply-policy re-checks the proxy itself', async () => {
    const { run, script } = await bothWays('l7-http-policy', noProxy, { from: 'apply-policy' });
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('L7 프록시(Envoy)가 OK가 아닙니다');
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(changes(script.mutations)).toEqual([]);
  }, 180_000);

  it('the apply-policy block pasted alone stops too', async () => {
    const { run, script } = await pastedAlone('l7-http-policy', 'apply-policy', noProxy);
    expect(script.code).not.toBe(0);
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(script.mutations).toEqual([]);
  }, 180_000);

  it('rerun after success: nothing applied (demo and policy 이미 적용됨, check-before skipped), verification passes', async () => {
    const { state } = await afterSuccess('l7-http-policy');
    const { run, script } = await bothWays('l7-http-policy', restore(state));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(script.code, script.stderr).toBe(0);
    expect(script.stdout.match(/^이미 적용됨: /gm)).toHaveLength(3);
    expect(run.stdout.match(/^ *이미 적용됨: /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(run.mutations).toEqual([]);
    expect(script.mutations).toEqual([]);
    expect(script.state).toEqual(run.state);
  }, 240_000);

  it('issue 11 item 11: verify-allowed waits while the redirect installs (the old single try failed)', async () => {
    const { state } = await afterSuccess('l7-http-policy');
    // The first GET after the policy lands fails to connect (curl writes 000, kubectl exec exits 7).
    const installing = restore(state, (s) => {
      s.failures.push({
        tool: 'kubectl',
        argvIncludes: ['exec', 'http://api:8080/api/users'],
        exitCode: 7,
        stdout: '000',
        stderr: 'command terminated with exit code 7\n',
        times: 1,
      });
    });
    const { run, script } = await bothWays('l7-http-policy', installing, { only: 'verify-allowed' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(script.code, script.stderr).toBe(0);
    expect(script.stdout).toContain('GET /api/users → 000');
    expect(script.stdout).toContain('GET /api/users → 200');

    const OLD_VERIFY_ALLOWED = `set -euo pipefail
get=$(kubectl -n l7-demo exec web -- curl -s -o /dev/null --max-time 5 -w '%{http_code}' http://api:8080/api/users)
echo "GET /api/users → $get"
create=$(kubectl -n l7-demo exec web -- curl -s -o /dev/null --max-time 5 -w '%{http_code}' -X POST http://api:8080/api/create)
echo "POST /api/create → $create"
test "$get" = 200
test "$create" = 200`;
    const old = await fresh(installing);
    expect((await old.exec(OLD_VERIFY_ALLOWED)).code).not.toBe(0);
  }, 240_000);
});

describe('l7-http-policy-cleanup', () => {
  it('l7-demo holding a pod the demo did not make: the delete refuses in run and in the script', async () => {
    const { state } = await afterSuccess('l7-http-policy');
    const foreign = restore(state, (s) => {
      s.pods.push({ name: 'billing', namespace: 'l7-demo', image: 'nginx:1.27', labels: { app: 'billing' }, port: 80 });
    });
    const { run, script } = await bothWays('l7-http-policy-cleanup', foreign);
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(run.check).toContain('이 데모가 만들지 않은 파드가 있어 지우지 않습니다');
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(changes(run.mutations)).toEqual([]);
    expect(changes(script.mutations)).toEqual([]);
  }, 240_000);

  it('rerun once l7-demo is gone: skipped, nothing deleted', async () => {
    const { run, script } = await bothWays('l7-http-policy-cleanup', () => {});
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(script.code, script.stderr).toBe(0);
    expect(script.stdout).toContain('이미 적용됨: l7-demo 네임스페이스가 없음');
    expect(changes(run.mutations)).toEqual([]);
    expect(changes(script.mutations)).toEqual([]);
    expect(script.state).toEqual(run.state);
  }, 180_000);
});
