/**
 * The cluster model the policy evaluator reasons about: namespaces, pods, and the connection or HTTP request whose
 * fate we want to know. Pure data; nothing here talks to a cluster.
 */

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export type Labels = Readonly<Record<string, string>>;

/** Kubernetes sets this label on every namespace (value = the namespace name); it cannot be removed. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface Namespace {
  readonly name: string;
  /** User labels. The automatic `kubernetes.io/metadata.name` label is added by {@link namespaceLabels}. */
  readonly labels?: Labels;
}

/** A named (or unnamed) container port, as in `spec.containers[].ports[]`. */
export interface ContainerPort {
  /** The port name (IANA_SVC_NAME) that policies may reference instead of the number. */
  readonly name?: string;
  readonly port: number;
  /** Default TCP, as in Kubernetes. */
  readonly protocol?: Protocol;
}

export interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Labels;
  /** The pod IP (IPv4 or IPv6). ipBlock / CIDR rules match it. */
  readonly ip: string;
  /** Container ports, used to resolve named ports in policies. */
  readonly ports?: readonly ContainerPort[];
  /** Service account name (Cilium exposes it as `io.cilium.k8s.policy.serviceaccount`). Default `default`. */
  readonly serviceAccount?: string;
}

/**
 * The cluster: pods and the namespaces they live in. A pod whose namespace is not listed is treated as living in a
 * namespace that carries only the automatic `kubernetes.io/metadata.name` label.
 */
export interface Cluster {
  readonly namespaces: readonly Namespace[];
  readonly pods: readonly Pod[];
}

/** A pod, by namespace and name (a {@link Pod} object also fits). */
export interface PodRef {
  readonly namespace: string;
  readonly name: string;
}

/** An address. If it is the IP of a pod in the cluster, it is treated as that pod; otherwise as outside the cluster. */
export interface IpRef {
  readonly ip: string;
}

export type Endpoint = PodRef | IpRef;

export interface ConnectionQuery {
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** Destination port. */
  readonly port: number;
  readonly protocol: Protocol;
}

/**
 * An HTTP request for L7 checks. `path` is what Envoy sees as `:path`, so it includes any query string
 * (`/api/users?page=2`).
 */
export interface HttpRequest {
  readonly method: string;
  readonly path: string;
}

export interface Verdict {
  readonly allowed: boolean;
  /** One sentence per side (egress of the source, ingress of the destination), plus L7 notes. */
  readonly reasons: readonly string[];
  /**
   * True when the connection is allowed at L3/L4 but a CiliumNetworkPolicy HTTP rule applies to it, so only some
   * requests pass. Use `evaluateHttp` to check a request.
   */
  readonly l7Restricted: boolean;
}

export function isPodRef(endpoint: Endpoint): endpoint is PodRef {
  return 'name' in endpoint && 'namespace' in endpoint;
}

export function podId(pod: PodRef): string {
  return `${pod.namespace}/${pod.name}`;
}

export function endpointId(endpoint: Endpoint): string {
  return isPodRef(endpoint) ? podId(endpoint) : endpoint.ip;
}

/** A namespace's labels including the automatic `kubernetes.io/metadata.name`. */
export function namespaceLabels(cluster: Cluster, name: string): Labels {
  const ns = cluster.namespaces.find((n) => n.name === name);
  return { ...(ns?.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
}
