/**
 * Issue 10 and 11 on kpr-enable and kpr-rollback: for every guard in their text, the fault is built on two fresh
 * simulated clusters; `run` and the copied text (the whole script, the `--from`/`--only` blocks, or one block pasted
 * alone into a plain shell) stop at the same check with a non-zero exit, the same calls that change the cluster and
 * the same cluster state. Then the fixes of the 2026-12-06 review (issue 11 items 3, 4, 7, 8, 9, 11; issue 10 item 5)
 * pass on the new text, and a rerun after success changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { renderScript } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';
import { type BothWays, bash, bothWaysOn, comparable, mutationsOf, type WorkFiles } from '../helpers/both-ways.js';
import { runCli } from '../helpers/run-cli.js';
import { CONSENT } from '../helpers/sim-cli.js';
import type { SimState } from '../helpers/sim-cluster.js';

const { bothWays, pastedAlone, fresh } = bothWaysOn();
const T = 120_000;

/** Both ways stopped, at the same check, having changed the same things. */
function sameStop(both: BothWays, message: string): void {
  const { run, script } = both;
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(script.code).not.toBe(0);
  expect(run.check).toContain(message);
  expect(script.check).toBe(run.check);
  expect(script.mutations).toEqual(run.mutations);
  expect(script.state).toEqual(run.state);
}

const chart1176 = (s: SimState) => {
  if (s.helm.release) Object.assign(s.helm.release, { chart: 'cilium-1.17.6', appVersion: '1.17.6' });
};
const kprOff = (s: SimState) => {
  s.faults = { ...s.faults, agentKprFalse: true };
};
/** After kpr-enable: KPR and BPF masquerade on (revision 2, revision 1 had no user values), kube-proxy deleted. */
const afterEnable = (s: SimState): void => {
  if (!s.helm.release) throw new Error('no release');
  s.helm.release.history = [{ revision: 1, userValues: {} }];
  s.helm.release.revision = 2;
  s.helm.release.userValues = { bpf: { masquerade: true }, k8sServiceHost: 'auto', kubeProxyReplacement: true };
  Object.assign(s.agent, {
    kubeProxyReplacement: true,
    masquerade: true,
    k8sServiceHost: '192.168.1.187',
    k8sServicePort: '6443',
  });
  s.kubeProxy = { ...s.kubeProxy, daemonset: false, configmap: false };
};
const VALUES_BACKUP = '# cilium revision 1\nnull\n';

/** What `kubectl get ds,cm kube-proxy -o yaml` printed before the delete (from a fresh cluster, ipvs mode). */
async function kubeProxyBackup(mode: SimState['kubeProxy']['mode'] = 'ipvs'): Promise<string> {
  const sim = await fresh((s) => {
    s.kubeProxy.mode = mode;
  });
  const r = await sim.exec('kubectl -n kube-system get ds,cm kube-proxy -o yaml');
  expect(r.code).toBe(0);
  return r.stdout;
}

const PINNED = 'cilium-1.18.4가 아닙니다';

describe('kpr-enable: each guard stops run and the copied text at the same check', () => {
  it(
    'chart 1.17.6: the whole script stops at check-cilium-release, nothing upgraded',
    async () => {
      const both = await bothWays('kpr-enable', chart1176);
      sameStop(both, PINNED);
      expect(both.run.mutations).toEqual([]);
    },
    T,
  );

  it(
    'chart 1.17.6: --from helm-upgrade re-checks the chart in the upgrade step itself',
    async () => {
      const both = await bothWays('kpr-enable', chart1176, { from: 'helm-upgrade' });
      sameStop(both, PINNED);
      expect(both.run.mutations).toEqual([]);
    },
    T,
  );

  it(
    'KPR False after the upgrade: the whole script stops at verify-kpr, kube-proxy stays',
    async () => {
      const both = await bothWays('kpr-enable', kprOff);
      sameStop(both, 'KPR을 켜지 않았습니다');
      expect(both.run.mutations.join('\n')).not.toMatch(/delete/);
    },
    T,
  );

  it(
    'KPR False: verify-kpr pasted alone stops too',
    async () => {
      const both = await pastedAlone('kpr-enable', 'verify-kpr', kprOff);
      sameStop(both, 'KPR을 켜지 않았습니다');
    },
    T,
  );

  it(
    'KPR False: --from delete-kube-proxy and the delete block pasted alone re-check KPR themselves',
    async () => {
      const from = await bothWays('kpr-enable', kprOff, { from: 'delete-kube-proxy' });
      sameStop(from, '지금 kube-proxy를 지우면 서비스가 끊기므로 멈춥니다');
      expect(from.run.mutations.join('\n')).not.toMatch(/delete/);
      const alone = await pastedAlone('kpr-enable', 'delete-kube-proxy', kprOff);
      sameStop(alone, '지금 kube-proxy를 지우면 서비스가 끊기므로 멈춥니다');
      expect(alone.script.mutations).toEqual([]);
    },
    T,
  );

  it(
    'helm upgrade exits 0 but changes nothing: helm-upgrade fails on its own done test',
    async () => {
      const both = await bothWays('kpr-enable', (s) => {
        s.faults = { ...s.faults, helmUpgradeNoop: true };
      });
      sameStop(both, '명령은 끝났지만 적용되지 않았습니다(Helm values에 kubeProxyReplacement: true가 있음)');
      expect(both.run.mutations.join('\n')).not.toMatch(/delete|rollout restart/);
    },
    T,
  );

  it(
    'a restart that restarts nothing: restart-agents fails on its own done test',
    async () => {
      // k8sServiceHost already in the values: the upgrade keeps it, so the pod template does not change and the
      // agents need the restart; `rollout restart` answers as usual but restarts nothing.
      const both = await bothWays('kpr-enable', (s) => {
        if (s.helm.release) s.helm.release.userValues = { k8sServiceHost: '192.168.1.187', k8sServicePort: 6443 };
        s.failures.push({
          tool: 'kubectl',
          argvIncludes: ['rollout', 'restart'],
          exitCode: 0,
          stderr: '',
          stdout: 'daemonset.apps/cilium restarted\n',
        });
      });
      sameStop(
        both,
        '명령은 끝났지만 적용되지 않았습니다(모든 Cilium 에이전트 파드가 cilium-config의 마지막 변경 뒤에 시작됨)',
      );
      expect(both.run.mutations.join('\n')).not.toMatch(/delete/);
    },
    T,
  );

  it(
    'a loopback k8sServiceHost (item 7): helm-upgrade refuses it before upgrading',
    async () => {
      const both = await bothWays('kpr-enable', (s) => {
        s.clusterInfo = { server: 'https://127.0.0.1:36443' };
      });
      sameStop(both, 'apiServerHost)가 루프백이라 노드에서 연결할 수 없습니다');
      expect(both.run.mutations.join('\n')).not.toMatch(/upgrade/);
    },
    T,
  );
});

describe('kpr-enable: the review fixes on the new text', () => {
  it(
    'item 7: a k8sServiceHost already in the values is kept; without it, auto from cluster-info',
    async () => {
      const kept = await bothWays('kpr-enable', (s) => {
        if (s.helm.release) s.helm.release.userValues = { k8sServiceHost: '10.0.0.10', k8sServicePort: 6443 };
        s.apiEndpointsFromNodes = ['10.0.0.10:6443', '192.168.1.187:6443'];
      });
      expect(kept.run.code, kept.run.stdout).toBe(0);
      expect(kept.script.code, kept.script.stderr).toBe(0);
      expect(kept.script.state).toEqual(kept.run.state);
      const values = (kept.run.state as SimState).helm.release?.userValues;
      expect(values).toMatchObject({ k8sServiceHost: '10.0.0.10', kubeProxyReplacement: true });
    },
    T,
  );

  it(
    'items 8 and 11: the values backup carries its revision, kube-proxy is backed up before the delete',
    async () => {
      const sim = await fresh((s) => {
        s.kubeProxy.mode = 'nftables';
      });
      const env = { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/runbook-state` };
      const r = await runCli(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const files = await sim.exec(
        'head -n 2 cilium-values-before-kpr.yaml; grep -c "kind: DaemonSet\\|kind: ConfigMap" kube-proxy-backup.yaml',
      );
      expect(files.stdout).toBe('# cilium revision 1\nnull\n2\n');
      expect(r.stdout).toContain('kube-proxy 모드: nftables');
      // The node cleanup covers what each mode leaves.
      const text = renderScript(catalog.get('kpr-enable'), { apiServerHost: '192.168.1.187', apiServerPort: '6443' });
      for (const line of [
        'ip6tables-save | grep -v KUBE',
        'nft delete table ip kube-proxy',
        'nft delete table ip6 kube-proxy',
        'ipvsadm --clear',
      ])
        expect(text).toContain(line);
    },
    T,
  );

  it(
    'issue 10 item 5: resuming after another upgrade keeps that upgrade (no stale values file is fed to helm)',
    async () => {
      // save-values wrote revision 1 (no user values); then hubble-enable ran (revision 2); the operator resumes.
      const both = await bothWays(
        'kpr-enable',
        (s) => {
          if (!s.helm.release) return;
          s.helm.repos = { cilium: 'https://helm.cilium.io/' }; // added by the first run's helm-repo
          s.helm.release.history = [{ revision: 1, userValues: {} }];
          s.helm.release.revision = 2;
          s.helm.release.userValues = { hubble: { relay: { enabled: true }, ui: { enabled: true } } };
        },
        { from: 'helm-upgrade', files: { 'cilium-values-before-kpr.yaml': VALUES_BACKUP } },
      );
      expect(both.run.code, both.run.stdout).toBe(0);
      expect(both.script.code, both.script.stderr).toBe(0);
      expect(both.script.state).toEqual(both.run.state);
      expect((both.run.state as SimState).helm.release?.userValues).toMatchObject({
        hubble: { relay: { enabled: true }, ui: { enabled: true } },
        kubeProxyReplacement: true,
      });
    },
    T,
  );
});

describe('kpr-enable without kube-public/cluster-info', () => {
  it(
    'item 7: the apiServerHost/apiServerPort parameters are used, after the loopback check passes',
    async () => {
      const both = await bothWays(
        'kpr-enable',
        (s) => {
          s.helm.repos = { cilium: 'https://helm.cilium.io/' };
          s.clusterInfo = null;
        },
        { only: 'helm-upgrade' },
      );
      expect(both.run.code, both.run.stdout + both.run.stderr).toBe(0);
      expect(both.script.code, both.script.stderr).toBe(0);
      expect(both.script.state).toEqual(both.run.state);
      expect((both.run.state as SimState).helm.release?.userValues).toMatchObject({
        k8sServiceHost: '192.168.1.187',
        k8sServicePort: 6443,
      });
    },
    T,
  );
});

describe('kpr-rollback: guards', () => {
  it(
    'chart 1.17.6: --from helm-disable-kpr re-checks the chart',
    async () => {
      const both = await bothWays(
        'kpr-rollback',
        (s) => {
          afterEnable(s);
          chart1176(s);
          s.kubeProxy = { ...s.kubeProxy, daemonset: true, configmap: true };
        },
        { from: 'helm-disable-kpr' },
      );
      sameStop(both, PINNED);
      expect(both.run.mutations).toEqual([]);
    },
    T,
  );

  it(
    'item 9: kube-proxy restored but not reaching the API: helm-disable-kpr refuses to turn KPR off',
    async () => {
      const unhealthy = (s: SimState) => {
        afterEnable(s);
        s.kubeProxy = { ...s.kubeProxy, daemonset: true, configmap: true, apiServer: 'https://10.255.0.1:36443' };
      };
      const message = 'kube-proxy가 API 서버에 연결하지 못했거나';
      const from = await bothWays('kpr-rollback', unhealthy, { from: 'helm-disable-kpr' });
      sameStop(from, message);
      expect(from.run.mutations).toEqual([]);
      const alone = await pastedAlone('kpr-rollback', 'helm-disable-kpr', unhealthy);
      sameStop(alone, message);
      expect((alone.run.state as SimState).agent.kubeProxyReplacement).toBe(true);
    },
    T,
  );
});

describe('kpr-rollback: the review fixes on the new text', () => {
  it(
    'item 3: KPR false with bpf.masquerade still true (crash-looping agents) is repaired, not skipped',
    async () => {
      const seedRollback = (s: SimState) => {
        if (!s.helm.release) return;
        s.helm.release.userValues = { bpf: { masquerade: true }, kubeProxyReplacement: false };
        Object.assign(s.agent, {
          healthy: false,
          error: 'BPF masquerade requires NodePort (--enable-node-port="true")',
        });
      };
      const both = await bothWays('kpr-rollback', seedRollback);
      expect(both.run.code, both.run.stdout).toBe(0);
      expect(both.script.code, both.script.stderr).toBe(0);
      expect(both.run.stdout).not.toMatch(/helm-disable-kpr[^\n]*already done/);
      expect(both.script.state).toEqual(both.run.state);
      expect((both.run.state as SimState).agent).toMatchObject({ healthy: true, masquerade: false });
    },
    T,
  );

  it(
    'items 4, 8, 9: restores the backup (ipvs mode kept) and the pre-KPR values file',
    async () => {
      const files: WorkFiles = {
        'kube-proxy-backup.yaml': await kubeProxyBackup('ipvs'),
        'cilium-values-before-kpr.yaml': VALUES_BACKUP,
      };
      const both = await bothWays('kpr-rollback', afterEnable, { files });
      expect(both.run.code, both.run.stdout + both.run.stderr).toBe(0);
      expect(both.script.code, both.script.stderr).toBe(0);
      expect(both.script.state).toEqual(both.run.state);
      expect(both.script.mutations).toEqual(both.run.mutations);
      const state = both.run.state as SimState;
      expect(state.kubeProxy).toMatchObject({ daemonset: true, configmap: true, mode: 'ipvs' });
      expect(state.helm.release?.userValues).toEqual({}); // exactly the values before KPR
      expect(state.agent).toMatchObject({ kubeProxyReplacement: false, masquerade: false, healthy: true });
      expect(both.run.mutations.join('\n')).not.toMatch(/kubeadm/);
    },
    T,
  );

  it(
    'item 4: without a backup, kubeadm runs from kubeadm-config (DNS endpoint, loopback kubeconfig, colon KUBECONFIG)',
    async () => {
      const sim = await fresh((s) => {
        afterEnable(s);
        s.controlPlaneEndpoint = 'k8s-api.example.internal:6443';
        s.apiEndpointsFromNodes = ['k8s-api.example.internal:6443', '192.168.1.187:6443'];
      });
      const rb = catalog.get('kpr-rollback');
      const text = renderScript(rb, resolveParams(rb, {}, { allowExamples: true }).values);
      const r = await bash(sim, ['-s'], `export KUBECONFIG="$KUBECONFIG:$HOME/other.yaml"\n${text}`);
      expect(r.code, r.stderr).toBe(0);
      expect(sim.state().kubeProxy).toMatchObject({
        daemonset: true,
        apiServer: 'https://k8s-api.example.internal:6443',
        clusterCIDR: '10.244.0.0/16',
      });
      // The values file is missing: the rollback changed only the two values, from the current ones.
      expect(sim.state().helm.release?.userValues).toMatchObject({
        kubeProxyReplacement: false,
        bpf: { masquerade: false },
      });
    },
    T,
  );

  it(
    'issue 10 item 5: a values file older than the KPR upgrade is not used',
    async () => {
      const both = await bothWays(
        'kpr-rollback',
        (s) => {
          afterEnable(s);
          // hubble-enable ran after kpr-enable: revision 3.
          if (!s.helm.release) return;
          s.helm.release.history = [
            ...(s.helm.release.history ?? []),
            { revision: 2, userValues: { ...s.helm.release.userValues } },
          ];
          s.helm.release.revision = 3;
          s.helm.release.userValues = { ...s.helm.release.userValues, hubble: { relay: { enabled: true } } };
        },
        {
          files: {
            'kube-proxy-backup.yaml': await kubeProxyBackup('iptables'),
            'cilium-values-before-kpr.yaml': VALUES_BACKUP,
          },
        },
      );
      expect(both.run.code, both.run.stdout).toBe(0);
      expect(both.script.state).toEqual(both.run.state);
      expect((both.run.state as SimState).helm.release?.userValues).toMatchObject({
        hubble: { relay: { enabled: true } },
        kubeProxyReplacement: false,
        bpf: { masquerade: false },
      });
    },
    T,
  );
});

describe('a rerun after success changes nothing', () => {
  const CHANGES = /helm upgrade|rollout restart|kubeadm|apply|delete (ds|cm|daemonset|configmap)/;

  async function rerunChangesNothing(id: string, setup: (s: SimState) => void, files: WorkFiles): Promise<void> {
    const sim = await fresh(setup, files);
    const env = { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/runbook-state` };
    const first = await runCli(['run', id, ...CONSENT], { env, cwd: sim.workDir });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const after = comparable(sim.state());
    const backups = 'cat cilium-values-before-kpr.yaml kube-proxy-backup.yaml 2>/dev/null || true';
    const backup = (await sim.exec(backups)).stdout;
    const done = mutationsOf(sim).length;

    const again = await runCli(['run', id, ...CONSENT], { env, cwd: sim.workDir });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const rb = catalog.get(id);
    const script = await bash(sim, ['-s'], renderScript(rb, resolveParams(rb, {}, { allowExamples: true }).values));
    expect(script.code, script.stderr).toBe(0);

    expect(
      mutationsOf(sim)
        .slice(done)
        .filter((m) => CHANGES.test(m)),
    ).toEqual([]);
    expect(comparable(sim.state())).toEqual(after);
    expect((await sim.exec(backups)).stdout).toBe(backup);
  }

  it(
    'kpr-enable: run, then run again and the printed script again',
    async () => {
      await rerunChangesNothing('kpr-enable', () => undefined, {});
    },
    T,
  );

  it(
    'kpr-rollback: run, then run again and the printed script again',
    async () => {
      await rerunChangesNothing('kpr-rollback', afterEnable, {
        'cilium-values-before-kpr.yaml': VALUES_BACKUP,
        'kube-proxy-backup.yaml': await kubeProxyBackup(),
      });
    },
    T,
  );
});
