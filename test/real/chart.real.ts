/**
 * Chart truth: for every `helm upgrade cilium …` in every runbook (found in the printed scripts, so it follows the
 * catalog and runbooks/lib/cilium.ts upgradeReusingValues as they change), the REAL Cilium chart is rendered by the
 * REAL helm (`helm template`) with the same --set values on top of the cluster's install values, and the objects and
 * cilium-config keys that each --set promises on the page are asserted. A --set this file has no promise for fails
 * the test, so a new value in a runbook gets a check here. `k8sServiceHost=auto` is rendered twice: offline (helm
 * template cannot look up kube-public/cluster-info, so the chart writes "auto" literally) and with
 * `--dry-run=server` against the real API server (the chart's lookup finds kubeadm's cluster-info).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { catalog } from '../../runbooks/index.js';
import { REPO, sh, TOOLS } from './harness.js';

const CHART = path.join(TOOLS, 'chart', 'src', 'cilium');
/** helm template renders for the cluster's Kubernetes version (real/versions.json), as the real upgrade does. */
const KUBE_VERSION = (
  JSON.parse(fs.readFileSync(path.join(REPO, 'real', 'versions.json'), 'utf8')) as { kubernetes: string }
).kubernetes;
/** The values real/cluster.sh installs Cilium with (the guide's starting point). */
const INSTALL = ['kubeProxyReplacement=false', 'routingMode=tunnel', 'tunnelProtocol=vxlan', 'ipam.mode=kubernetes'];

interface K8sObject {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: { template?: { spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] } } };
}

interface Upgrade {
  readonly runbook: string;
  readonly sets: readonly string[];
}

function helmUpgrades(script: string, runbook: string): Upgrade[] {
  const joined = script.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .filter((l) => /^\s*helm upgrade cilium /.test(l))
    .map((l) => ({ runbook, sets: [...l.matchAll(/--set (\S+)/g)].map((m) => m[1] ?? '') }));
}

async function render(sets: readonly string[], extra = ''): Promise<K8sObject[]> {
  const args = [...INSTALL, ...sets].map((s) => `--set ${s}`).join(' ');
  const r = await sh(
    `helm template cilium ${CHART} --namespace kube-system --kube-version ${KUBE_VERSION} --api-versions monitoring.coreos.com/v1 ${args} ${extra}`,
  );
  expect(r.code, r.stderr).toBe(0);
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === 'object' && 'kind' in o);
}

const find = (objs: K8sObject[], kind: string, name: string) =>
  objs.find((o) => o.kind === kind && o.metadata.name === name);
const config = (objs: K8sObject[]) => find(objs, 'ConfigMap', 'cilium-config')?.data ?? {};
const agentEnv = (objs: K8sObject[], name: string) =>
  find(objs, 'DaemonSet', 'cilium')
    ?.spec?.template?.spec?.containers?.find((c) => c.name === 'cilium-agent')
    ?.env?.find((e) => e.name === name)?.value;

/** What each --set promises in the rendered chart. */
function promise(set: string, objs: K8sObject[], all: readonly string[]): void {
  const [key, value] = set.split('=') as [string, string];
  const on = value === 'true';
  const cm = config(objs);
  const has = (kind: string, name: string) => find(objs, kind, name) !== undefined;
  switch (key) {
    case 'kubeProxyReplacement':
      expect(cm['kube-proxy-replacement'], set).toBe(value);
      return;
    case 'bpf.masquerade':
      expect(cm['enable-bpf-masquerade'], set).toBe(value);
      return;
    case 'k8sServiceHost':
      expect(agentEnv(objs, 'KUBERNETES_SERVICE_HOST'), set).toBe(value);
      return;
    case 'k8sServicePort':
      expect(agentEnv(objs, 'KUBERNETES_SERVICE_PORT'), set).toBe(value);
      return;
    case 'encryption.enabled':
      expect(cm['enable-wireguard'] === 'true', set).toBe(on && all.includes('encryption.type=wireguard'));
      return;
    case 'encryption.type':
      expect(value).toBe('wireguard');
      return;
    case 'bandwidthManager.enabled':
      // The chart writes the key only when the manager is on; the agent's default is off.
      expect(cm['enable-bandwidth-manager'] ?? 'false', set).toBe(value);
      return;
    case 'hubble.relay.enabled':
      expect(has('Deployment', 'hubble-relay'), set).toBe(on);
      return;
    case 'hubble.ui.enabled':
      expect(has('Deployment', 'hubble-ui'), set).toBe(on);
      expect(has('Service', 'hubble-ui'), set).toBe(on);
      return;
    case 'prometheus.enabled':
      expect(cm['prometheus-serve-addr'] !== undefined, set).toBe(on);
      return;
    case 'operator.prometheus.enabled':
      expect(cm['operator-prometheus-serve-addr'] !== undefined, set).toBe(on);
      return;
    case 'prometheus.serviceMonitor.enabled':
      expect(has('ServiceMonitor', 'cilium-agent'), set).toBe(on && all.includes('prometheus.enabled=true'));
      expect(has('Service', 'cilium-agent'), `${set}: the agent metrics Service`).toBe(
        on && all.includes('prometheus.enabled=true'),
      );
      return;
    default:
      throw new Error(`--set ${set}: test/real/chart.real.ts has no promise for this value; add one.`);
  }
}

const upgrades: Upgrade[] = [];
for (const rb of catalog.runbooks) {
  const printed = await sh(`node bin/runbook.js print ${rb.id}`);
  upgrades.push(...helmUpgrades(printed.stdout, rb.id));
}

describe('the real Cilium 1.18.4 chart renders what each runbook upgrade promises', () => {
  it('finds the helm upgrades of the catalog', () => {
    expect(upgrades.length).toBeGreaterThan(8);
  });
  for (const u of upgrades) {
    it(`${u.runbook}: helm template with ${u.sets.join(' ')}`, async () => {
      const objs = await render(u.sets);
      for (const set of u.sets) promise(set, objs, u.sets);
    });
  }

  it('k8sServiceHost=auto: helm template without a cluster writes "auto" literally (no lookup)', async () => {
    const objs = await render(['kubeProxyReplacement=true', 'k8sServiceHost=auto']);
    expect(agentEnv(objs, 'KUBERNETES_SERVICE_HOST')).toBe('auto');
  });

  it('k8sServiceHost=auto: against the real API server the chart reads kube-public/cluster-info (kubeadm)', async () => {
    const info = await sh("kubectl -n kube-public get cm cluster-info -o jsonpath='{.data.kubeconfig}'");
    expect(info.code, info.stderr).toBe(0);
    const server = new URL(/server: (\S+)/.exec(info.stdout)?.[1] ?? 'missing:');
    const objs = await render(
      ['kubeProxyReplacement=true', 'k8sServiceHost=auto', 'k8sServicePort=auto'],
      '--dry-run=server',
    );
    expect(agentEnv(objs, 'KUBERNETES_SERVICE_HOST')).toBe(server.hostname);
    expect(agentEnv(objs, 'KUBERNETES_SERVICE_PORT')).toBe(server.port || '443');
  });

  it('prometheus.serviceMonitor.enabled without the CRD fails in the chart (validate.yaml), as the runbook warns', async () => {
    const args = [...INSTALL, 'prometheus.enabled=true', 'prometheus.serviceMonitor.enabled=true']
      .map((s) => `--set ${s}`)
      .join(' ');
    const r = await sh(`helm template cilium ${CHART} --namespace kube-system --kube-version ${KUBE_VERSION} ${args}`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Service Monitor requires monitoring\.coreos\.com\/v1 CRDs/);
  });
});
