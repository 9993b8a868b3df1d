/**
 * Every Helm key our runbooks set must exist in the Cilium 1.18.4 chart's values.schema.json (copied with its
 * attribution into test/fixtures/upstream/cilium-1.18/) and its value must have a type the schema allows. The
 * schema has no `additionalProperties: false`, so key existence is checked by walking `properties`.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { renderScript } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';
import { helmSets } from '../helpers/helm-sets.js';

interface Schema {
  properties?: Record<string, Schema>;
  [key: string]: unknown;
}
const schema = JSON.parse(
  readFileSync(new URL('../fixtures/upstream/cilium-1.18/values.schema.json', import.meta.url), 'utf8'),
) as Schema;
const ajv = new Ajv({ strict: false });

function leaf(key: string): Schema | undefined {
  let node: Schema | undefined = schema;
  for (const part of key.split('.')) node = node?.properties?.[part];
  return node;
}

const cases = catalog.runbooks.flatMap((rb) => {
  const script = renderScript(rb, resolveParams(rb, {}, { allowExamples: true }).values);
  return helmSets(script).map((set) => ({ runbook: rb.id, ...set }));
});

describe('Helm values set by runbooks exist in the Cilium 1.18.4 chart schema', () => {
  it('finds the keys the runbooks set', () => {
    expect(cases.map((c) => `${c.runbook}:${c.key}`)).toEqual([
      'kpr-enable:k8sServiceHost',
      'kpr-enable:k8sServiceHost',
      'kpr-enable:k8sServicePort',
      'kpr-enable:kubeProxyReplacement',
      'kpr-enable:bpf.masquerade',
      'kpr-rollback:kubeProxyReplacement',
      'kpr-rollback:bpf.masquerade',
      'hubble-enable:hubble.relay.enabled',
      'hubble-enable:hubble.ui.enabled',
      'hubble-disable:hubble.ui.enabled',
      'hubble-disable:hubble.relay.enabled',
      'wireguard-enable:encryption.enabled',
      'wireguard-enable:encryption.type',
      'wireguard-disable:encryption.enabled',
      'bandwidth-manager-enable:bandwidthManager.enabled',
      'bandwidth-manager-disable:bandwidthManager.enabled',
      'prometheus-enable:prometheus.enabled',
      'prometheus-enable:operator.prometheus.enabled',
      'prometheus-enable:prometheus.serviceMonitor.enabled',
      'prometheus-disable:prometheus.serviceMonitor.enabled',
      'prometheus-disable:prometheus.enabled',
    ]);
  });

  it.each(cases)('$runbook sets $key=$raw, which the schema defines and accepts', ({ key, value }) => {
    const sub = leaf(key);
    expect(sub, `${key} is not in values.schema.json`).toBeDefined();
    expect(ajv.validate(sub as object, value), ajv.errorsText()).toBe(true);
  });

  it('rejects a key the chart does not have (negative control)', () => {
    expect(leaf('bpf.masqurade')).toBeUndefined();
    expect(ajv.validate(leaf('bpf.masquerade') as object, 'yes')).toBe(false);
  });

  it('pins every helm upgrade or install of cilium to chart 1.18.4', () => {
    let seen = 0;
    for (const rb of catalog.runbooks) {
      const script = renderScript(rb, resolveParams(rb, {}, { allowExamples: true }).values);
      const upgrades = script.match(/helm (upgrade|install) cilium [^\n]*/g) ?? [];
      // Read-only and workstation runbooks (status, hubble-cli-install, …) have none.
      if (script.includes('--set ')) expect(upgrades.length, rb.id).toBeGreaterThan(0);
      for (const line of upgrades) expect(line, rb.id).toContain('--version 1.18.4');
      seen += upgrades.length;
    }
    expect(seen).toBeGreaterThan(0);
  });
});
