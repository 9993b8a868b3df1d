/**
 * The policy pages and the verify step agree with the evaluator: the probe-matrix step of netpol-petclinic expects
 * exactly what src/policy computes from the manifests that runbook applies, and the page tables (built HTML) show
 * the same verdicts for the seed's policies (before) and the runbook's (after).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { appliedManifests, l7Tables, PETCLINIC, petclinicTables } from '../../src/components/policy/policy-matrix.js';
import { evaluate, parsePolicies } from '../../src/policy/index.js';
import { renderStep } from '../../src/runbook/render.js';
import { attr, builtPages, findAll, text } from '../helpers/dist-html.js';

const seedYaml = readFileSync(new URL('../../src/content/policy/petclinic-seed.yaml', import.meta.url), 'utf8');

describe('netpol-petclinic: probe-matrix expectations come from the evaluator', () => {
  const rb = catalog.get('netpol-petclinic');
  const step = rb.steps.find((s) => s.id === 'probe-matrix');
  const script = step ? renderStep(step, {}) : '';
  const probes = [...script.matchAll(/"(\w+) (\w+) (\d+) (허용|차단)"/g)].map((m) => ({
    from: m[1] ?? '',
    to: m[2] ?? '',
    port: Number(m[3]),
    expected: m[4] === '허용',
  }));
  const policies = parsePolicies(appliedManifests('netpol-petclinic'), { skipOtherKinds: true });

  it('has both allowed and denied probes', () => {
    expect(probes.length).toBeGreaterThanOrEqual(5);
    expect(probes.some((p) => p.expected)).toBe(true);
    expect(probes.some((p) => !p.expected)).toBe(true);
  });

  it.each(probes.map((p) => [`${p.from} → ${p.to}:${p.port}`, p] as const))('%s matches the evaluator', (_, p) => {
    const verdict = evaluate(PETCLINIC, policies, {
      from: { namespace: 'petclinic', name: p.from },
      to: { namespace: 'petclinic', name: p.to },
      port: p.port,
      protocol: 'TCP',
    });
    expect(verdict.allowed, verdict.reasons.join('\n')).toBe(p.expected);
  });

  it('the DNS probe is allowed by the runbook and blocked by the seed', () => {
    const dns = {
      from: { namespace: 'petclinic', name: 'was' },
      to: { namespace: 'kube-system', name: 'kube-dns' },
      port: 53,
      protocol: 'UDP',
    } as const;
    expect(evaluate(PETCLINIC, policies, dns).allowed).toBe(true);
    expect(evaluate(PETCLINIC, parsePolicies(seedYaml), dns).allowed).toBe(false);
  });
});

describe('policy matrices on the built pages', () => {
  const pages = builtPages();
  const cellsOf = (scenario: string) =>
    pages.flatMap((page) =>
      findAll(page.document, (el) => attr(el, 'data-policy-matrix') === scenario).flatMap((matrix) =>
        findAll(matrix, (el) => el.tagName === 'table').map((table) =>
          findAll(table, (el) => el.tagName === 'tbody').flatMap((tbody) =>
            findAll(tbody, (el) => el.tagName === 'tr').map((tr) =>
              findAll(tr, (el) => el.tagName === 'td').map((td) =>
                text(td)
                  .replace(/[✓✗]\s*/, '')
                  .trim(),
              ),
            ),
          ),
        ),
      ),
    );
  const words = (table: ReturnType<typeof petclinicTables>['before']) =>
    table.rows.map((r) => r.cells.map((c) => (c.self ? '— 자기 자신' : c.allowed ? '허용' : '차단')));

  it('§2 shows the seed (before) and the runbook (after) verdicts', () => {
    const { before, after } = petclinicTables(seedYaml);
    expect(cellsOf('petclinic')).toEqual([words(before), words(after)]);
    // The seed blocks the app: web → was and was → mysql.
    expect(before.rows[0]?.cells[1]?.allowed).toBe(false);
    expect(after.rows[0]?.cells[1]?.allowed).toBe(true);
  });

  it('§5 shows no policy (before) and the L7 policy (after)', () => {
    const { before, after } = l7Tables();
    expect(cellsOf('l7')).toEqual([words(before), words(after)]);
    expect(after.rows[0]?.cells.map((c) => c.allowed)).toEqual([true, true, false, false, false]);
    expect(after.rows[1]?.cells.every((c) => !c.allowed)).toBe(true);
  });
});
