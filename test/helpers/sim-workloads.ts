/**
 * The Kubernetes objects of the simulated cluster beyond the bare pods (`kubectl run`, `kubectl apply` of a Pod) and
 * the services of `kubectl run --expose`, which stay in `SimState.pods` / `SimState.services`: namespaces,
 * Deployments with their pods, Services applied from manifests, NetworkPolicies and CiliumNetworkPolicies, and the
 * flows the datapath saw.
 *
 * The default cluster runs the guide's example application (seed §2): namespace `petclinic` with Deployments
 * `web`, `was` and `mysql` (labels `app=web|was|mysql`) behind Services of the same names, and CoreDNS in
 * kube-system (`k8s-app=kube-dns`). Pod names, IPs and node placement are fixed so that pages, tests and runs agree.
 * Pod IPs come from Cilium's default cluster-pool IPAM (one /24 of 10.0.0.0/8 per node, as `cilium-dbg status`
 * reports "allocated from 10.0.0.0/24").
 */

export interface SimNamespace {
  name: string;
  /** User labels; `kubernetes.io/metadata.name` is implied. */
  labels: Record<string, string>;
  /** ISO time, for AGE. */
  created: string;
}

export interface SimContainerPort {
  name?: string;
  port: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export interface SimDeployment {
  name: string;
  namespace: string;
  /** Pod template labels (= the selector). */
  labels: Record<string, string>;
  image: string;
  ports: SimContainerPort[];
  /** The running replicas, with their generated names. */
  pods: { name: string; node: string; ip: string }[];
  created: string;
}

export interface SimServicePort {
  name?: string;
  port: number;
  targetPort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
}

export interface SimObjectService {
  name: string;
  namespace: string;
  clusterIP: string;
  ports: SimServicePort[];
  selector: Record<string, string>;
  created: string;
}

/** A NetworkPolicy or CiliumNetworkPolicy exactly as applied (metadata.namespace filled in). */
export interface SimPolicy {
  kind: 'NetworkPolicy' | 'CiliumNetworkPolicy';
  name: string;
  namespace: string;
  manifest: Record<string, unknown>;
  created: string;
}

export interface SimObjects {
  namespaces: SimNamespace[];
  deployments: SimDeployment[];
  services: SimObjectService[];
  policies: SimPolicy[];
}

/** A connection the datapath saw (probes from pods); hubble and `cilium-dbg monitor` report the dropped ones. */
export interface SimFlow {
  time: string;
  /** The node whose agent enforced the verdict (source node for egress drops, destination node otherwise). */
  node: string;
  src: { namespace: string; pod: string; ip: string; port: number };
  dst: { namespace: string | null; pod: string | null; ip: string; port: number };
  protocol: 'TCP' | 'UDP';
  verdict: 'FORWARDED' | 'DROPPED';
  /** `Policy denied` for L3/L4 drops; `http-request` flows carry the request. */
  reason: string | null;
  http?: { method: string; url: string; code: number };
}

const DAY = 86_400_000;
/** Creation times relative to now, so AGE reads like the rest of the simulated cluster (41d) and the app (12d). */
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

export function defaultSimObjects(): SimObjects {
  const tcp = (name: string, port: number): SimContainerPort => ({ name, port, protocol: 'TCP' });
  return {
    namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'petclinic'].map((name) => ({
      name,
      labels: {},
      created: ago(name === 'petclinic' ? 12 : 41),
    })),
    deployments: [
      {
        name: 'coredns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns' },
        image: 'registry.k8s.io/coredns/coredns:v1.11.3',
        ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, tcp('dns-tcp', 53), tcp('metrics', 9153)],
        pods: [
          { name: 'coredns-7c65d6cfc9-4xk8p', node: 'k8s-cp1', ip: '10.0.0.211' },
          { name: 'coredns-7c65d6cfc9-r2m7n', node: 'k8s-cp1', ip: '10.0.0.58' },
        ],
        created: ago(41),
      },
      {
        name: 'web',
        namespace: 'petclinic',
        labels: { app: 'web' },
        image: 'nginxinc/nginx-unprivileged:1.27',
        ports: [tcp('http', 8080)],
        pods: [{ name: 'web-7c9f8d6b5-2xkqp', node: 'k8s-w1', ip: '10.0.1.34' }],
        created: ago(12),
      },
      {
        name: 'was',
        namespace: 'petclinic',
        labels: { app: 'was' },
        image: 'tomcat:10.1',
        ports: [tcp('http', 8080)],
        pods: [{ name: 'was-5f7d8c6b9-qx2lm', node: 'k8s-w2', ip: '10.0.2.51' }],
        created: ago(12),
      },
      {
        name: 'mysql',
        namespace: 'petclinic',
        labels: { app: 'mysql' },
        image: 'mysql:8.4',
        ports: [tcp('mysql', 3306)],
        pods: [{ name: 'mysql-6b8d9f7c4-8hz6v', node: 'k8s-w2', ip: '10.0.2.77' }],
        created: ago(12),
      },
    ],
    services: [
      {
        name: 'kubernetes',
        namespace: 'default',
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
        selector: {},
        created: ago(41),
      },
      {
        name: 'kube-dns',
        namespace: 'kube-system',
        clusterIP: '10.96.0.10',
        ports: [
          { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
          { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
        ],
        selector: { 'k8s-app': 'kube-dns' },
        created: ago(41),
      },
      ...(
        [
          ['web', '10.96.120.15', 8080],
          ['was', '10.96.87.203', 8080],
          ['mysql', '10.96.44.12', 3306],
        ] as const
      ).map(([name, clusterIP, port]) => ({
        name,
        namespace: 'petclinic',
        clusterIP,
        ports: [{ port, targetPort: port, protocol: 'TCP' as const }],
        selector: { app: name },
        created: ago(12),
      })),
    ],
    policies: [],
  };
}
