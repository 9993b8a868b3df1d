/**
 * Who-can-reach-whom tables for the policy pages, computed at build time by the evaluator (src/policy) from the
 * very manifests the runbooks apply (the heredocs in their rendered steps) and, for "before", from the seed's
 * original policies. Pure: no client JavaScript, no cluster.
 */
import { catalog } from '../../../runbooks/index.js';
import type { Cluster, Endpoint, HttpRequest, Policy, Protocol } from '../../policy/index.js';
import { evaluate, evaluateHttp, parsePolicies } from '../../policy/index.js';
import { renderStep } from '../../runbook/render.js';
import { resolveParams } from '../../runbook/values.js';

/** The YAML documents a runbook applies with `kubectl apply -f - <<'EOF' … EOF`, in step order. */
export function appliedManifests(runbookId: string): string {
  const rb = catalog.get(runbookId);
  const { values } = resolveParams(rb, {}, { allowExamples: true });
  const docs: string[] = [];
  for (const step of rb.steps) {
    for (const m of renderStep(step, values).matchAll(/<<'EOF'\n([\s\S]*?)\nEOF(?:\n|$)/g)) docs.push(m[1] ?? '');
  }
  return docs.join('\n---\n');
}

export interface Cell {
  readonly allowed: boolean;
  readonly reasons: readonly string[];
  /** A pod talking to itself: never blocked by policy, shown as such. */
  readonly self?: boolean;
}

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly source: string; readonly cells: readonly Cell[] }[];
}

interface Target {
  readonly label: string;
  readonly to: Endpoint;
  readonly port: number;
  readonly protocol: Protocol;
}

const ns = (name: string) => ({ name });
const pod = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ip: string,
  port: number,
  protocol: Protocol = 'TCP',
) => ({
  name,
  namespace,
  labels,
  ip,
  ports: [{ port, protocol }],
});

/** The petclinic scenario of seed §2: web → was:8080 → mysql:3306, DNS via kube-dns. IPs are illustrative. */
export const PETCLINIC: Cluster = {
  namespaces: [ns('petclinic'), ns('kube-system')],
  pods: [
    pod('petclinic', 'web', { app: 'web' }, '10.0.1.10', 8080),
    pod('petclinic', 'was', { app: 'was' }, '10.0.1.11', 8080),
    pod('petclinic', 'mysql', { app: 'mysql' }, '10.0.1.12', 3306),
    pod('kube-system', 'kube-dns', { 'k8s-app': 'kube-dns' }, '10.0.0.10', 53, 'UDP'),
  ],
};

const OUTSIDE: Endpoint = { ip: '203.0.113.10' };
const PETCLINIC_SOURCES: readonly [string, Endpoint][] = [
  ['web', { namespace: 'petclinic', name: 'web' }],
  ['was', { namespace: 'petclinic', name: 'was' }],
  ['mysql', { namespace: 'petclinic', name: 'mysql' }],
  ['클러스터 밖', OUTSIDE],
];
const PETCLINIC_TARGETS: readonly Target[] = [
  { label: 'web:8080', to: { namespace: 'petclinic', name: 'web' }, port: 8080, protocol: 'TCP' },
  { label: 'was:8080', to: { namespace: 'petclinic', name: 'was' }, port: 8080, protocol: 'TCP' },
  { label: 'mysql:3306', to: { namespace: 'petclinic', name: 'mysql' }, port: 3306, protocol: 'TCP' },
  { label: 'kube-dns:53/UDP', to: { namespace: 'kube-system', name: 'kube-dns' }, port: 53, protocol: 'UDP' },
];

export function connectionTable(cluster: Cluster, policies: readonly Policy[]): Table {
  return {
    columns: PETCLINIC_TARGETS.map((t) => t.label),
    rows: PETCLINIC_SOURCES.map(([source, from]) => ({
      source,
      cells: PETCLINIC_TARGETS.map((t) => ({
        ...evaluate(cluster, policies, { from, to: t.to, port: t.port, protocol: t.protocol }),
        self: 'name' in from && 'name' in t.to && from.name === t.to.name,
      })),
    })),
  };
}

/** Cells blocked in `before` but allowed in `after`, with why they were blocked: what the correction changed. */
export function fixedCells(
  before: Table,
  after: Table,
): { source: string; column: string; reasons: readonly string[] }[] {
  return before.rows.flatMap((row, r) =>
    row.cells.flatMap((cell, c) =>
      !cell.allowed && after.rows[r]?.cells[c]?.allowed
        ? [{ source: row.source, column: before.columns[c] ?? '', reasons: cell.reasons }]
        : [],
    ),
  );
}

export function petclinicTables(seedYaml: string): { before: Table; after: Table } {
  return {
    before: connectionTable(PETCLINIC, parsePolicies(seedYaml, { skipOtherKinds: true })),
    after: connectionTable(PETCLINIC, parsePolicies(appliedManifests('netpol-petclinic'), { skipOtherKinds: true })),
  };
}

/** The L7 demo of seed §5: api (app=api) in l7-demo, called by web (app=web) and by another pod. */
export const L7_DEMO: Cluster = {
  namespaces: [ns('l7-demo')],
  pods: [
    pod('l7-demo', 'api', { app: 'api' }, '10.0.2.10', 8080),
    pod('l7-demo', 'web', { app: 'web' }, '10.0.2.11', 8080),
    pod('l7-demo', 'other', { app: 'other' }, '10.0.2.12', 8080),
  ],
};

const L7_REQUESTS: readonly HttpRequest[] = [
  { method: 'GET', path: '/api/users' },
  { method: 'POST', path: '/api/create' },
  { method: 'POST', path: '/api/users' },
  { method: 'DELETE', path: '/api/users/1' },
  { method: 'GET', path: '/healthz' },
];

export function l7Tables(): { before: Table; after: Table } {
  const table = (policies: readonly Policy[]): Table => ({
    columns: L7_REQUESTS.map((r) => `${r.method} ${r.path}`),
    rows: ['web', 'other'].map((source) => ({
      source,
      cells: L7_REQUESTS.map((request) =>
        evaluateHttp(
          L7_DEMO,
          policies,
          {
            from: { namespace: 'l7-demo', name: source },
            to: { namespace: 'l7-demo', name: 'api' },
            port: 8080,
            protocol: 'TCP',
          },
          request,
        ),
      ),
    })),
  });
  return {
    before: table([]),
    after: table(parsePolicies(appliedManifests('l7-http-policy'), { skipOtherKinds: true })),
  };
}
