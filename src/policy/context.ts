/** Internal evaluation types: the cluster with lookups prepared, and one side (ingress or egress) of a query. */
import { type Ip, parseIp } from './cidr.js';
import type { PortRuleHTTP } from './cnp-types.js';
import { PolicyQueryError } from './errors.js';
import { type Cluster, type Endpoint, isPodRef, type Labels, namespaceLabels, type Pod, podId } from './model.js';
import type { PortTarget } from './ports.js';

export type Direction = 'ingress' | 'egress';

export interface ResolvedPod {
  readonly pod: Pod;
  readonly id: string;
  readonly namespaceLabels: Labels;
  readonly ip: Ip;
}

export type Peer =
  | { readonly kind: 'pod'; readonly pod: ResolvedPod }
  | { readonly kind: 'external'; readonly ip: Ip; readonly id: string };

/** One side of a connection: the policies of `subject` for `direction`, looking at `peer`. */
export interface SideQuery {
  readonly direction: Direction;
  readonly subject: ResolvedPod;
  readonly peer: Peer;
  readonly target: PortTarget;
}

export interface Allow {
  /** e.g. `NetworkPolicy petclinic/allow-was-to-db spec.ingress[0]`. */
  readonly source: string;
  /** Present when the allow carries HTTP rules: only matching requests pass. */
  readonly http?: { readonly source: string; readonly rules: readonly PortRuleHTTP[] };
}

/** What the policies say about one side. */
export interface Contribution {
  readonly isolatedBy: string[];
  readonly allows: Allow[];
  readonly denies: string[];
}

export interface ResolvedCluster {
  readonly cluster: Cluster;
  readonly pods: ReadonlyMap<string, ResolvedPod>;
  readonly byIp: ReadonlyMap<string, ResolvedPod>;
}

function ipKey(ip: Ip): string {
  return `${ip.family}:${ip.value.toString(16)}`;
}

export function resolveCluster(cluster: Cluster): ResolvedCluster {
  const pods = new Map<string, ResolvedPod>();
  const byIp = new Map<string, ResolvedPod>();
  for (const pod of cluster.pods) {
    const id = podId(pod);
    const ip = parseIp(pod.ip);
    if (ip === undefined) throw new PolicyQueryError(`pod ${id}: invalid IP "${pod.ip}"`);
    if (pods.has(id)) throw new PolicyQueryError(`pod ${id} is listed twice`);
    const resolved: ResolvedPod = { pod, id, namespaceLabels: namespaceLabels(cluster, pod.namespace), ip };
    const other = byIp.get(ipKey(ip));
    if (other !== undefined) throw new PolicyQueryError(`pods ${other.id} and ${id} have the same IP ${pod.ip}`);
    pods.set(id, resolved);
    byIp.set(ipKey(ip), resolved);
  }
  return { cluster, pods, byIp };
}

/** A pod reference becomes that pod; an IP of a pod becomes that pod; any other IP is outside the cluster. */
export function resolveEndpoint(rc: ResolvedCluster, endpoint: Endpoint): Peer {
  if (isPodRef(endpoint)) {
    const pod = rc.pods.get(podId(endpoint));
    if (pod === undefined) throw new PolicyQueryError(`unknown pod ${podId(endpoint)}`);
    return { kind: 'pod', pod };
  }
  const ip = parseIp(endpoint.ip);
  if (ip === undefined) throw new PolicyQueryError(`invalid IP "${endpoint.ip}"`);
  const pod = rc.byIp.get(ipKey(ip));
  return pod === undefined ? { kind: 'external', ip, id: endpoint.ip } : { kind: 'pod', pod };
}

export function peerId(peer: Peer): string {
  return peer.kind === 'pod' ? peer.pod.id : peer.id;
}

export function peerIp(peer: Peer): Ip {
  return peer.kind === 'pod' ? peer.pod.ip : peer.ip;
}
