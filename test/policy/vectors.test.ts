/**
 * Public vectors kept as data in test/fixtures/policy/*.yaml. Each case records its source URL, the manifests
 * verbatim, and probes with the outcome the source text states (quoted in `says`):
 *   recipes.yaml          (a) Ahmet Alp Balkan's kubernetes-network-policy-recipes
 *   kubernetes-docs.yaml  the Kubernetes "Network Policies" concept page (examples, endPort, AND/OR selectors)
 *   cilium-docs.yaml      the Cilium 1.18 policy language page (CiliumNetworkPolicy L3/L4/L7 examples)
 * Texts were read from the sources while writing the vectors.
 */

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type Cluster,
  evaluate,
  evaluateHttp,
  type HttpRequest,
  type Namespace,
  type Pod,
  type Protocol,
  parsePolicies,
} from '../../src/policy/index.js';
import { ep, fixture } from './helpers.js';

interface Probe {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
  readonly http?: HttpRequest;
  readonly allowed: boolean;
  readonly says: string;
  readonly derived?: boolean;
}

interface VectorCase {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly namespace: string;
  readonly namespaces?: readonly Namespace[];
  readonly pods: readonly Pod[];
  readonly manifests: string;
  readonly probes: readonly Probe[];
}

const FILES = {
  'recipes.yaml': /^https:\/\/github\.com\/ahmetb\/kubernetes-network-policy-recipes\/blob\/[0-9a-f]{40}\//,
  'kubernetes-docs.yaml': /^https:\/\/kubernetes\.io\/docs\/concepts\/services-networking\/network-policies\//,
  'cilium-docs.yaml': /^https:\/\/docs\.cilium\.io\/en\/v1\.18\/security\/policy\/language\//,
} as const;

function load(file: string): VectorCase[] {
  return parse(fixture(file)) as VectorCase[];
}

function clusterOf(c: VectorCase): Cluster {
  const names = new Set([...(c.namespaces ?? []).map((n) => n.name), ...c.pods.map((p) => p.namespace)]);
  const namespaces = [...names].map((name) => c.namespaces?.find((n) => n.name === name) ?? { name });
  return { namespaces, pods: c.pods };
}

describe.each(Object.entries(FILES))('%s', (file, sourcePattern) => {
  const cases = load(file);

  it('records a source for every case', () => {
    for (const c of cases) expect(c.source, c.id).toMatch(sourcePattern);
  });

  describe.each(cases.map((c) => [`${c.id}: ${c.title}`, c] as const))('%s', (_title, c) => {
    const cluster = clusterOf(c);
    const policies = parsePolicies(c.manifests, { namespace: c.namespace });

    it.each(c.probes.map((p) => [probeName(p), p] as const))('%s', (_name, probe) => {
      const query = { from: ep(probe.from), to: ep(probe.to), port: probe.port, protocol: probe.protocol ?? 'TCP' };
      const verdict = probe.http
        ? evaluateHttp(cluster, policies, query, probe.http)
        : evaluate(cluster, policies, query);
      const context = `${c.source}\nsource says: ${probe.says}\n${verdict.reasons.join('\n')}`;
      expect(verdict.allowed, context).toBe(probe.allowed);
    });
  });
});

function probeName(p: Probe): string {
  const http = p.http ? ` ${p.http.method} ${p.http.path}` : '';
  return `${p.from} → ${p.to}:${p.port}/${p.protocol ?? 'TCP'}${http} ${p.allowed ? 'allowed' : 'denied'}`;
}

describe('the recipes the brief lists are all encoded', () => {
  it('covers recipes 01, 02, 02a, 03-12 and 14', () => {
    const ids = new Set(load('recipes.yaml').map((c) => c.id.split('-')[0]));
    expect([...ids]).toEqual(['01', '02', '02a', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '14']);
  });
});
