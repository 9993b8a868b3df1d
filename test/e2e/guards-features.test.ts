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
import { type BothWays, bothWaysOn, mutationsOf } from '../helpers/both-ways.js';
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
