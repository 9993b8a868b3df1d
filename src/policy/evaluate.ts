/**
 * The verdict API. A connection is allowed only when the source pod's egress side allows it (or the source is not
 * egress-isolated) AND the destination pod's ingress side allows it (or it is not ingress-isolated). An end outside
 * the cluster has no policy side. Allows from all policies (NetworkPolicy and CiliumNetworkPolicy) add up; a Cilium
 * deny rule wins over every allow. A pod can always reach itself ("a pod cannot block access to itself",
 * kubernetes.io/docs/concepts/services-networking/network-policies/).
 */
import { contributeCiliumPolicy } from './cilium-cnp.js';
import {
  type Allow,
  type Contribution,
  type Direction,
  type Peer,
  peerId,
  type ResolvedCluster,
  resolveCluster,
  resolveEndpoint,
  type SideQuery,
} from './context.js';
import { PolicyQueryError } from './errors.js';
import { httpRuleMatches } from './http.js';
import { contributeNetworkPolicy } from './k8s-netpol.js';
import { type Cluster, type ConnectionQuery, type HttpRequest, PROTOCOLS, type Verdict } from './model.js';
import { type Policy, validatePolicy } from './validate.js';

/** Policies validated and the cluster indexed, for evaluating many queries (see `matrix`). */
export interface Prepared {
  readonly cluster: ResolvedCluster;
  readonly policies: readonly Policy[];
}

export function prepare(cluster: Cluster, policies: readonly Policy[]): Prepared {
  return { cluster: resolveCluster(cluster), policies: policies.map((p) => validatePolicy(p)) };
}

interface SideResult {
  readonly allowed: boolean;
  readonly reason: string;
  /** The allows that let the connection through (empty when not isolated or denied). */
  readonly allows: readonly Allow[];
  readonly label: string;
}

function side(prepared: Prepared, q: SideQuery): SideResult {
  const out: Contribution = { isolatedBy: [], allows: [], denies: [] };
  for (const policy of prepared.policies) {
    if (policy.kind === 'NetworkPolicy') contributeNetworkPolicy(policy, q, out);
    else contributeCiliumPolicy(policy, q, out);
  }
  const label = `${q.direction} of ${q.subject.id}`;
  const what = describeConnection(q);
  if (out.denies.length > 0) {
    const reason = `${label}: ${what} denied by ${unique(out.denies).join(', ')} (deny rules win)`;
    return { allowed: false, allows: [], label, reason };
  }
  if (out.isolatedBy.length === 0) {
    return {
      allowed: true,
      allows: [],
      label,
      reason: `${label}: not isolated (no policy selects it for ${q.direction})`,
    };
  }
  if (out.allows.length === 0) {
    const isolated = `isolated by ${unique(out.isolatedBy).join(', ')}`;
    return {
      allowed: false,
      allows: [],
      label,
      reason: `${label}: ${isolated}; no ${q.direction} rule allows ${what}`,
    };
  }
  const by = unique(out.allows.map((a) => a.source)).join(', ');
  return { allowed: true, allows: out.allows, label, reason: `${label}: ${what} allowed by ${by}` };
}

function describeConnection(q: SideQuery): string {
  const l4 = `${q.target.port}/${q.target.protocol}`;
  return q.direction === 'egress' ? `${peerId(q.peer)}:${l4}` : `${peerId(q.peer)} → :${l4}`;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

function checkQuery(query: ConnectionQuery): void {
  if (!Number.isInteger(query.port) || query.port < 1 || query.port > 65535) {
    throw new PolicyQueryError(`invalid port ${query.port}: must be 1-65535`);
  }
  if (!PROTOCOLS.includes(query.protocol)) throw new PolicyQueryError(`invalid protocol ${String(query.protocol)}`);
}

interface Sides {
  readonly verdict: Verdict;
  readonly sides: readonly SideResult[];
}

function evaluateSides(prepared: Prepared, query: ConnectionQuery): Sides {
  checkQuery(query);
  const from = resolveEndpoint(prepared.cluster, query.from);
  const to = resolveEndpoint(prepared.cluster, query.to);
  if (from.kind === 'pod' && to.kind === 'pod' && from.pod.id === to.pod.id) {
    const reason = `${from.pod.id} → itself: always allowed (a pod cannot block access to itself)`;
    return { verdict: { allowed: true, reasons: [reason], l7Restricted: false }, sides: [] };
  }
  const destination = to.kind === 'pod' ? to.pod.pod : undefined;
  const target = { port: query.port, protocol: query.protocol, destination };
  const sideOf = (direction: Direction, subject: Peer, peer: Peer): SideResult => {
    if (subject.kind === 'external') {
      const label = `${direction} of ${subject.id}`;
      return { allowed: true, allows: [], label, reason: `${label}: outside the cluster, no policy applies` };
    }
    return side(prepared, { direction, subject: subject.pod, peer, target });
  };
  const sides = [sideOf('egress', from, to), sideOf('ingress', to, from)];
  const allowed = sides.every((s) => s.allowed);
  const l7 = allowed && sides.some(l7Restricted);
  const reasons = sides.map((s) => s.reason);
  if (l7) reasons.push('HTTP rules apply: only matching requests pass (check a request with evaluateHttp)');
  return { verdict: { allowed, reasons, l7Restricted: l7 }, sides };
}

/** An allowed side restricts L7 when every allow that matched carries HTTP rules. */
function l7Restricted(s: SideResult): boolean {
  return s.allows.length > 0 && s.allows.every((a) => a.http !== undefined);
}

/** Evaluates one connection against the policies. */
export function evaluate(cluster: Cluster, policies: readonly Policy[], query: ConnectionQuery): Verdict {
  return evaluatePrepared(prepare(cluster, policies), query);
}

export function evaluatePrepared(prepared: Prepared, query: ConnectionQuery): Verdict {
  return evaluateSides(prepared, query).verdict;
}

/**
 * Evaluates an HTTP request on a connection: L3/L4 first, then, on each side whose allowing entries all carry HTTP
 * rules, the request must match one of those rules (method and path, anchored regexes).
 */
export function evaluateHttp(
  cluster: Cluster,
  policies: readonly Policy[],
  query: ConnectionQuery,
  request: HttpRequest,
): Verdict {
  if (query.protocol !== 'TCP') throw new PolicyQueryError(`HTTP needs protocol TCP, got ${query.protocol}`);
  const { verdict, sides } = evaluateSides(prepare(cluster, policies), query);
  if (!verdict.allowed || !verdict.l7Restricted) return verdict;
  const reasons = verdict.reasons.filter((r) => !r.startsWith('HTTP rules apply'));
  const req = `${request.method} ${request.path}`;
  let allowed = true;
  for (const s of sides) {
    if (!l7Restricted(s)) continue;
    const hit = s.allows.flatMap((a) =>
      (a.http?.rules ?? []).flatMap((rule, i) => (httpRuleMatches(rule, request) ? [`${a.http?.source}[${i}]`] : [])),
    );
    if (hit.length > 0) {
      reasons.push(`${s.label}: HTTP ${req} allowed by ${hit.join(', ')}`);
    } else {
      allowed = false;
      const where = unique(s.allows.map((a) => a.http?.source ?? a.source)).join(', ');
      reasons.push(`${s.label}: HTTP ${req} matches no HTTP rule (${where})`);
    }
  }
  return { allowed, reasons, l7Restricted: true };
}
