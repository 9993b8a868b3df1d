/**
 * Kubernetes NetworkPolicy semantics for one side of a connection.
 *
 * - A policy selects pods in its own namespace with `podSelector` (empty = all). A selected pod is isolated for each
 *   direction in the policy's effective `policyTypes` (see {@link effectivePolicyTypes}).
 * - An isolated pod accepts (ingress) or sends (egress) only what some rule of some policy selecting it allows.
 *   Policies are additive: the union of their rules.
 * - A rule matches when a peer matches (absent or empty `from`/`to`: every peer, including outside addresses) and a
 *   port matches (absent or empty `ports`: every port).
 * - ipBlock matches the peer's IP, pod IPs included (as the upstream e2e suite expects). Pod and namespace selectors
 *   match pods only, never outside addresses.
 * - Ports: protocol defaults to TCP; `port` absent means every port of the protocol; `endPort` gives a range; a named
 *   port is looked up in the destination pod's container ports (for ingress the protected pod, for egress the peer).
 *
 * Not modelled (the cluster model has pods and outside addresses only): Services and the NAT in front of them
 * (query the pod IP and container port), nodes and hostNetwork pods (Kubernetes always allows traffic between a pod
 * and its node), reply traffic (connections are evaluated in the direction they are opened), and protocols other
 * than TCP, UDP and SCTP. Note that Cilium enforces ipBlock on outside addresses; whether an ipBlock that covers
 * pod IPs selects those pods under Cilium is not checked here (the e2e suite expects it to).
 */
import { cidrContains, parseCidr } from './cidr.js';
import type { Contribution, SideQuery } from './context.js';
import { peerIp } from './context.js';
import {
  effectivePolicyTypes,
  type NetworkPolicy,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type PolicyType,
} from './k8s-types.js';
import { namedPortMatches, numericPortMatches, type PortTarget } from './ports.js';
import { selectorMatches } from './selectors.js';

export function networkPolicyName(policy: NetworkPolicy): string {
  return `NetworkPolicy ${policy.metadata.namespace}/${policy.metadata.name}`;
}

/** Adds what `policy` says about side `q` to `out`. */
export function contributeNetworkPolicy(policy: NetworkPolicy, q: SideQuery, out: Contribution): void {
  const { spec, metadata } = policy;
  if (q.subject.pod.namespace !== metadata.namespace) return;
  if (!selectorMatches(spec.podSelector ?? {}, q.subject.pod.labels ?? {})) return;
  const type: PolicyType = q.direction === 'ingress' ? 'Ingress' : 'Egress';
  if (!effectivePolicyTypes(spec).has(type)) return;
  const name = networkPolicyName(policy);
  out.isolatedBy.push(name);
  // A bare `-` in YAML is a null rule, which the API server reads as an empty rule.
  const rules =
    q.direction === 'ingress'
      ? (spec.ingress ?? []).map((r) => ({ peers: r?.from ?? [], ports: r?.ports ?? [] }))
      : (spec.egress ?? []).map((r) => ({ peers: r?.to ?? [], ports: r?.ports ?? [] }));
  rules.forEach(({ peers, ports }, i) => {
    const peerOk = peers.length === 0 || peers.some((p) => peerMatches(p, metadata.namespace, q));
    const portOk = ports.length === 0 || ports.some((p) => portMatches(p, q.target));
    if (peerOk && portOk) out.allows.push({ source: `${name} spec.${q.direction}[${i}]` });
  });
}

function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, q: SideQuery): boolean {
  if (peer.ipBlock) {
    const block = parseCidr(peer.ipBlock.cidr);
    const ip = peerIp(q.peer);
    if (block === undefined || !cidrContains(block, ip)) return false;
    return !(peer.ipBlock.except ?? []).some((e) => {
      const hole = parseCidr(e);
      return hole !== undefined && cidrContains(hole, ip);
    });
  }
  if (q.peer.kind !== 'pod') return false;
  const other = q.peer.pod;
  const nsOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, other.namespaceLabels)
    : other.pod.namespace === policyNamespace;
  const podOk = peer.podSelector ? selectorMatches(peer.podSelector, other.pod.labels ?? {}) : true;
  return nsOk && podOk;
}

function portMatches(entry: NetworkPolicyPort, target: PortTarget): boolean {
  const protocol = entry.protocol ?? 'TCP';
  if (protocol !== target.protocol) return false;
  const port = entry.port;
  if (port === undefined || port === null) return true;
  if (typeof port === 'string') return namedPortMatches(port, [protocol], target);
  return numericPortMatches(port, entry.endPort ?? undefined, target);
}
