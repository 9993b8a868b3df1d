/**
 * Who-can-reach-whom: every source × destination × port, like the "reachability" truth tables of the Kubernetes
 * network-policy e2e suite and cyclonus's probe output.
 */
import { evaluatePrepared, prepare } from './evaluate.js';
import { type Cluster, type Endpoint, endpointId, type Protocol } from './model.js';
import type { Policy } from './validate.js';

export interface PortSpec {
  readonly port: number;
  readonly protocol: Protocol;
}

export interface MatrixRow {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly allowed: boolean;
  readonly l7Restricted: boolean;
  readonly reasons: readonly string[];
}

/**
 * Evaluates every ordered pair of `endpoints` (sources and destinations are the same list, self pairs included) on
 * every port. A bare number means TCP.
 */
export function matrix(
  cluster: Cluster,
  policies: readonly Policy[],
  endpoints: readonly Endpoint[],
  ports: readonly (PortSpec | number)[],
): MatrixRow[] {
  const prepared = prepare(cluster, policies);
  const specs = ports.map((p): PortSpec => (typeof p === 'number' ? { port: p, protocol: 'TCP' } : p));
  const rows: MatrixRow[] = [];
  for (const spec of specs) {
    for (const from of endpoints) {
      for (const to of endpoints) {
        const verdict = evaluatePrepared(prepared, { from, to, ...spec });
        rows.push({ from: endpointId(from), to: endpointId(to), ...spec, ...verdict });
      }
    }
  }
  return rows;
}

/**
 * Renders rows as one truth table per port: sources down, destinations across, `.` allowed, `X` denied, `L` allowed
 * at L4 with HTTP rules applying (the e2e suite's notation plus `L`).
 */
export function renderMatrix(rows: readonly MatrixRow[]): string {
  const groups = new Map<string, MatrixRow[]>();
  for (const row of rows) {
    const key = `${row.port}/${row.protocol}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const tables: string[] = [];
  for (const [key, group] of groups) {
    const sources = [...new Set(group.map((r) => r.from))];
    const targets = [...new Set(group.map((r) => r.to))];
    const width = Math.max(...sources.map((s) => s.length), key.length);
    const cell = (from: string, to: string): string => {
      const row = group.find((r) => r.from === from && r.to === to);
      if (row === undefined) return '?';
      return row.allowed ? (row.l7Restricted ? 'L' : '.') : 'X';
    };
    const lines = [[key.padEnd(width), ...targets].join('\t')];
    for (const from of sources) lines.push([from.padEnd(width), ...targets.map((to) => cell(from, to))].join('\t'));
    tables.push(lines.join('\n'));
  }
  return tables.join('\n\n');
}
