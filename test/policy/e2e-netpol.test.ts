/**
 * Public vectors (b): the upstream Kubernetes network-policy e2e suite, replayed against the evaluator. Every step's
 * truth table (all pod pairs of the case, loopback ignored as upstream) must match the suite's expectation exactly.
 */
import { describe, expect, it } from 'vitest';
import { cidrCases, E2E_SOURCE, type E2eCase } from './e2e-cases.js';
import { E2E_CASES } from './e2e-list.js';
import { e2eCluster, Reachability, wrongCells } from './helpers.js';

function run(c: E2eCase): void {
  c.steps.forEach((s, i) => {
    const model = { ...c.model, ...(s.model ?? {}) };
    const expected = new Reachability(model.pods, true);
    s.expect(expected);
    const wrong = wrongCells(e2eCluster(model), s.policies, s.port, s.protocol, expected);
    expect(wrong, `${E2E_SOURCE}\n"${c.name}" step ${i + 1} (${s.port}/${s.protocol})`).toEqual([]);
  });
}

describe(`Kubernetes e2e netpol suite (${E2E_SOURCE})`, () => {
  it.each(E2E_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => run(c));

  describe('the CIDR cases with IPv6 pod IPs (upstream uses /128 host masks on IPv6 clusters)', () => {
    it.each(cidrCases(6).map((c) => [c.name, c] as const))('%s', (_name, c) => run(c));
  });
});
