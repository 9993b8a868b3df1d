/**
 * Issue 10 on the feature runbooks (Hubble, Prometheus, WireGuard, BandwidthManager and the bandwidth example): each
 * guard stops `run` and the reader's copy (the whole printed script, `--from` into the guarded step, the guarded
 * block pasted alone) at the same check, with the same exit and the same cluster state; and a rerun after success
 * changes nothing. Plus the issue 11 fixes of this group (review rows 28–30), each failing on the old text.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { renderScript } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';
import { type BothWays, bothWaysOn, comparable, mutationsOf } from '../helpers/both-ways.js';
import { CONSENT, simClusters } from '../helpers/sim-cli.js';
import type { SimState } from '../helpers/sim-cluster.js';

const LONG = 120_000;
const { bothWays, pastedAlone } = bothWaysOn();
const simCluster = simClusters();

const HELM_RUNBOOKS = [
  'hubble-enable',
  'hubble-disable',
  'prometheus-enable',
  'prometheus-disable',
  'wireguard-enable',
  'wireguard-disable',
  'bandwidth-manager-enable',
  'bandwidth-manager-disable',
] as const;

const CHART_MESSAGE = 'Helm 릴리스 cilium이 없거나 차트가 cilium-1.18.4가 아닙니다.';

const oldChart = (s: SimState) => {
  if (s.helm.release) Object.assign(s.helm.release, { chart: 'cilium-1.17.6', appVersion: '1.17.6' });
};
const upgradeNoop = (s: SimState) => {
  s.faults = { ...s.faults, helmUpgradeNoop: true };
};

/** Both ways stopped with a non-zero exit at the same check, with equal cluster states and the same mutations. */
function sameStop(both: BothWays, message: string) {
  const { run, script } = both;
  expect(run.code, run.stdout).toBe(1);
  expect(script.code, script.stderr).not.toBe(0);
  expect(run.check).toContain(message);
  expect(script.check).toBe(run.check);
  expect(script.state).toEqual(run.state);
  expect(script.mutations).toEqual(run.mutations);
}

function script(id: string): string {
  const rb = catalog.get(id);
  return renderScript(rb, resolveParams(rb, {}, { allowExamples: true }).values);
}

describe.each(HELM_RUNBOOKS)('%s on a cluster whose chart is cilium-1.17.6', (id) => {
  it(
    'the whole script and run stop at the chart check before any upgrade',
    async () => {
      const both = await bothWays(id, oldChart);
      sameStop(both, CHART_MESSAGE);
      expect(both.run.mutations).toEqual([]);
    },
    LONG,
  );

  it(
    '--from helm-upgrade and the upgrade block pasted alone re-check the chart themselves',
    async () => {
      const from = await bothWays(id, oldChart, { from: 'helm-upgrade' });
      sameStop(from, CHART_MESSAGE);
      expect(from.run.mutations).toEqual([]);
      const alone = await pastedAlone(id, 'helm-upgrade', oldChart);
      sameStop(alone, CHART_MESSAGE);
      expect(alone.script.mutations).toEqual([]);
    },
    LONG,
  );
});

// ---- Feature states a disable runbook starts from (values, the agents' running config) ----------------------------

const wireguardOn = (s: SimState) => {
  if (s.helm.release) s.helm.release.userValues = { encryption: { enabled: true, type: 'wireguard' } };
  s.agent.encryption = 'Wireguard';
};
const bandwidthOn = (s: SimState) => {
  if (s.helm.release) s.helm.release.userValues = { bandwidthManager: { enabled: true } };
  s.agent.bandwidthManager = true;
};
const hubbleOn = (s: SimState) => {
  if (s.helm.release) s.helm.release.userValues = { hubble: { relay: { enabled: true }, ui: { enabled: true } } };
};
const prometheusOn = (s: SimState) => {
  if (s.helm.release) {
    s.helm.release.userValues = {
      prometheus: { enabled: true, serviceMonitor: { enabled: true } },
      operator: { prometheus: { enabled: true } },
    };
  }
  s.agent.prometheus = true;
};
const both =
  (...setups: ((s: SimState) => void)[]) =>
  (s: SimState) => {
    for (const f of setups) f(s);
  };

describe('helm upgrade exits 0 but changes nothing (faults.helmUpgradeNoop)', () => {
  const cases: [string, (s: SimState) => void, string][] = [
    ['wireguard-enable', () => {}, 'cilium-config에 enable-wireguard: "true"가 있음'],
    ['wireguard-disable', wireguardOn, 'cilium-config에 enable-wireguard: "true"가 없음'],
    ['bandwidth-manager-enable', () => {}, 'cilium-config에 enable-bandwidth-manager: "true"가 있음'],
    ['bandwidth-manager-disable', bandwidthOn, 'cilium-config의 enable-bandwidth-manager가 "true"가 아님'],
    ['hubble-enable', () => {}, 'hubble-relay와 hubble-ui Deployment가 모두 있음'],
  ];
  it.each(cases)(
    '%s: run and the whole script fail at the upgrade step, before any restart',
    async (id, start, holds) => {
      const result = await bothWays(id, both(start, upgradeNoop));
      sameStop(result, `명령은 끝났지만 적용되지 않았습니다(${holds})`);
      expect(result.run.stdout).toContain(`${id} stopped: step helm-upgrade failed.`);
      expect(result.run.mutations.filter((m) => m.startsWith('helm upgrade'))).toHaveLength(1);
      expect(result.run.mutations.join('\n')).not.toContain('rollout restart');
    },
    LONG,
  );
});

describe('agents that ignore the new values (faults.agentIgnoresValues)', () => {
  const cases: [string, string, string][] = [
    ['wireguard-enable', 'encryption.enabled', '에이전트가 WireGuard 암호화를 쓰지 않습니다.'],
    ['bandwidth-manager-enable', 'bandwidthManager.enabled', 'BandwidthManager가 켜지지 않았습니다.'],
  ];
  it.each(cases)(
    '%s: both ways stop at the agent status check after the restart',
    async (id, key, message) => {
      const result = await bothWays(id, (s) => {
        s.faults = { ...s.faults, agentIgnoresValues: [key] };
      });
      sameStop(result, message);
      expect(result.run.mutations.join('\n')).toContain('rollout restart');
    },
    LONG,
  );
});

describe('a restart that restarts nothing (rollout restart exits 0, the pods stay)', () => {
  const restartNoop = (s: SimState) => {
    s.failures.push({
      tool: 'kubectl',
      argvIncludes: ['rollout', 'restart', 'ds/cilium'],
      exitCode: 0,
      stderr: '',
      stdout: 'daemonset.apps/cilium restarted\n',
    });
  };
  const AGENTS_CURRENT = '모든 Cilium 에이전트 파드가 cilium-config의 마지막 변경 뒤에 시작됨';
  it(
    'wireguard-enable: run and the whole script stop at restart-agents (the shared step of all four)',
    async () => {
      const result = await bothWays('wireguard-enable', restartNoop);
      sameStop(result, AGENTS_CURRENT);
      expect(result.run.stdout).toContain('wireguard-enable stopped: step restart-agents failed.');
    },
    LONG,
  );

  it.each([
    ['wireguard-enable', () => {}],
    ['bandwidth-manager-disable', bandwidthOn],
  ] as const)(
    '%s --from restart-agents before the upgrade: the step re-checks cilium-config and restarts nothing',
    async (id, start) => {
      const result = await bothWays(id, start, { from: 'restart-agents' });
      sameStop(result, '새 설정이 cilium-config에 없어 재시작해도 소용없습니다.');
      expect(result.run.mutations).toEqual([]);
    },
    LONG,
  );

  it(
    'the restart block pasted alone, with a changed cilium-config, fails the same way',
    async () => {
      const stale = (s: SimState) => {
        wireguardOn(s);
        s.agent.encryption = 'Disabled';
        s.ciliumConfig = { resourceVersion: '1001', updated: '2025-11-21T00:00:00Z' };
        restartNoop(s);
      };
      const result = await pastedAlone('wireguard-enable', 'restart-agents', stale);
      sameStop(result, AGENTS_CURRENT);
    },
    LONG,
  );
});

describe('a rerun after success changes nothing', () => {
  const cases: [string, (s: SimState) => void][] = [
    ['hubble-enable', () => {}],
    ['hubble-disable', hubbleOn],
    ['prometheus-enable', () => {}],
    ['prometheus-disable', prometheusOn],
    ['wireguard-enable', () => {}],
    ['wireguard-disable', wireguardOn],
    ['bandwidth-manager-enable', () => {}],
    ['bandwidth-manager-disable', bandwidthOn],
  ];
  it.each(cases)(
    '%s: run again and the printed script: no helm upgrade, no restart, no apply',
    async (id, start) => {
      const { sim, cli } = await simCluster();
      sim.update(start);
      const first = await cli('run', id, ...CONSENT);
      expect(first.code, first.stdout).toBe(0);
      expect(mutationsOf(sim).some((m) => m.startsWith('helm upgrade'))).toBe(true);
      const done = mutationsOf(sim).length;
      const after = comparable(sim.state());

      const rerun = await cli('run', id, ...CONSENT);
      expect(rerun.code, rerun.stdout).toBe(0);
      expect(rerun.stdout).toContain('이미 적용됨');
      const copy = await sim.exec(script(id));
      expect(copy.code, copy.stderr).toBe(0);
      expect(copy.stdout).toContain('이미 적용됨: ');
      expect(mutationsOf(sim).slice(done)).toEqual([]);
      expect(comparable(sim.state())).toEqual(after);
    },
    LONG,
  );

  it(
    'bandwidth-pod-example repeats its demonstration (create, check, delete) and ends in the same state',
    async () => {
      const { sim, cli } = await simCluster();
      sim.update(bandwidthOn);
      const first = await cli('run', 'bandwidth-pod-example', ...CONSENT);
      expect(first.code, first.stdout).toBe(0);
      const once = mutationsOf(sim);
      const after = comparable(sim.state());
      const copy = await sim.exec(script('bandwidth-pod-example'));
      expect(copy.code, copy.stderr).toBe(0);
      expect(mutationsOf(sim).slice(once.length)).toEqual(once);
      expect(comparable(sim.state())).toEqual(after);
      expect(sim.state().pods).toEqual([]);
    },
    LONG,
  );
});

describe('issue 11, review rows 28-30', () => {
  it(
    'row 28: bandwidth-pod-example stops before creating the pod when BandwidthManager is off, in run, the script and the block alone',
    async () => {
      const message = 'BandwidthManager가 꺼져 있어 대역폭 어노테이션이 적용되지 않습니다.';
      const whole = await bothWays('bandwidth-pod-example', () => {});
      sameStop(whole, message);
      expect(whole.run.mutations).toEqual([]);
      const alone = await pastedAlone('bandwidth-pod-example', 'apply-pod', () => {});
      sameStop(alone, message);
      expect(alone.script.mutations).toEqual([]);
    },
    LONG,
  );

  it(
    'row 28: the check reads the row of the pod’s own endpoint ID, not any row with 10M (IDENTITY is the endpoint ID)',
    async () => {
      const { sim, cli } = await simCluster();
      // The check run alone on a pod named bandwidth-limited without limits, while a neighbour on the same node has
      // 10M: the old check (`^[0-9]+ Egress … 10M$`) passed on the neighbour's row.
      sim.update((s) => {
        bandwidthOn(s);
        const pod = { namespace: 'default', image: 'nginx', labels: {}, port: null, node: 'k8s-w1' };
        s.pods.push({ ...pod, name: 'bandwidth-limited' });
        s.pods.push({
          ...pod,
          name: 'neighbour',
          annotations: { 'kubernetes.io/egress-bandwidth': '10M', 'kubernetes.io/ingress-bandwidth': '10M' },
        });
      });
      const result = await cli('run', 'bandwidth-pod-example', '--only', 'check-limits', ...CONSENT);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('bandwidth-pod-example stopped: step check-limits failed.');
      const own = (await sim.exec("kubectl get ciliumendpoint bandwidth-limited -o jsonpath='{.status.id}'")).stdout;
      const neighbour = (await sim.exec("kubectl get ciliumendpoint neighbour -o jsonpath='{.status.id}'")).stdout;
      expect(result.stdout).toContain(`파드의 엔드포인트 ID: ${own}\n`);
      expect(result.stdout).toMatch(new RegExp(`^${neighbour} +Egress +0 +10M$`, 'm'));
      expect(result.stdout).toMatch(/^[0-9]+[ \t]+Egress[ \t].*[ \t]10M$/m);
      // The prose says what the column is.
      const step = catalog.get('bandwidth-pod-example').steps.find((st) => st.id === 'check-limits');
      expect(step?.explanation).toContain('IDENTITY 열은 보안 ID가 아니라 엔드포인트 ID');
    },
    LONG,
  );

  it(
    'row 28: with BandwidthManager on, the pod’s endpoint ID is the IDENTITY of its 10M rows and the ENDPOINT of its endpoint',
    async () => {
      const { sim, cli } = await simCluster();
      sim.update(bandwidthOn);
      const result = await cli('run', 'bandwidth-pod-example', '--only', 'apply-pod,wait-pod,check-limits', ...CONSENT);
      expect(result.code, result.stdout).toBe(0);
      const id = /파드의 엔드포인트 ID: (\d+)/.exec(result.stdout)?.[1];
      expect(id).toMatch(/^\d+$/);
      expect(result.stdout).toMatch(new RegExp(`^${id} +Egress +0 +10M$`, 'm'));
      expect(result.stdout).toMatch(new RegExp(`^${id} +Ingress +0 +10M$`, 'm'));
      // The same number is the ENDPOINT of the pod's endpoint on its node's agent (not its IDENTITY).
      const list = await sim.exec(
        'agent=$(kubectl -n kube-system get pod -l k8s-app=cilium --field-selector spec.nodeName=$(kubectl get pod bandwidth-limited -o jsonpath=\'{.spec.nodeName}\') -o name) && kubectl -n kube-system exec "$agent" -- cilium-dbg endpoint list',
      );
      const row = list.stdout.split('\n').find((l) => l.startsWith(`${id} `));
      expect(row).toMatch(/ready$/);
      expect(row?.split(/ +/)[3]).not.toBe(id);
    },
    LONG,
  );

  it(
    'row 29: with Envoy embedded the EndpointSlice shows 9962,9964 and verify-endpoints still passes',
    async () => {
      const { sim, cli } = await simCluster();
      sim.update((s) => {
        if (s.helm.release) s.helm.release.userValues = { envoy: { enabled: false } };
      });
      const result = await cli('run', 'prometheus-enable', ...CONSENT);
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toMatch(/^cilium-agent-\S+ +IPv4 +9962,9964 +192\.168\.1\.187,/m);
      // The old pattern missed this line.
      const old = await sim.exec(
        "kubectl -n kube-system get endpointslices -l kubernetes.io/service-name=cilium-agent | grep -Eq '^cilium-agent-[^[:space:]]+[[:space:]]+IPv4[[:space:]]+9962[[:space:]]+[0-9]'",
      );
      expect(old.code).toBe(1);
    },
    LONG,
  );

  it(
    'row 30: prometheus-disable passes when the ServiceMonitor CRD was removed after prometheus-enable',
    async () => {
      const { sim, cli } = await simCluster();
      sim.update(prometheusOn);
      sim.update((s) => {
        s.crds = [];
      });
      const old = await sim.exec(
        'kubectl -n kube-system get svc/cilium-agent servicemonitor/cilium-agent --ignore-not-found -o name',
      );
      expect(old.code).toBe(1);
      expect(old.stderr).toContain('the server doesn\'t have a resource type "servicemonitor"');
      const result = await cli('run', 'prometheus-disable', ...CONSENT);
      expect(result.code, result.stdout).toBe(0);
      expect(sim.state().agent.prometheus).toBe(false);
      const svc = await sim.exec('kubectl -n kube-system get svc cilium-agent --ignore-not-found -o name');
      expect(svc.stdout).toBe('');
    },
    LONG,
  );
});

describe('prometheus-enable without the ServiceMonitor CRD', () => {
  const noCrd = (s: SimState) => {
    s.crds = [];
  };
  const message = 'ServiceMonitor CRD가 없어 차트가 업그레이드를 거부하므로 멈춥니다.';
  it(
    'run and the whole script stop at the first step; --from helm-upgrade and the block alone re-check the CRD',
    async () => {
      const whole = await bothWays('prometheus-enable', noCrd);
      sameStop(whole, message);
      expect(whole.run.mutations).toEqual([]);
      const alone = await pastedAlone('prometheus-enable', 'helm-upgrade', noCrd);
      sameStop(alone, message);
      expect(alone.script.mutations).toEqual([]);
    },
    LONG,
  );
});
