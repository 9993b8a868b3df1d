// The network as a one-shot pod sees it, for the BusyBox stand-ins `nc` and `wget` (real/stand-ins/oneshot.mjs runs
// the pod's command with Debian's BusyBox; only these two applets, which would need a datapath, are replaced).
// Everything is read from the REAL API server: Services, EndpointSlices, Pods, Namespaces, NetworkPolicies and
// CiliumNetworkPolicies. A Service works when the real cluster has a service datapath provider: the kube-proxy
// DaemonSet exists, or cilium-config says kube-proxy-replacement=true. The verdict of every connection comes from
// the project's policy evaluator (src/policy), both sides.
import { evaluate, evaluateHttp } from '../../src/policy/evaluate.ts';
import { get } from './kube.mjs';

export async function snapshot() {
  const [pods, namespaces, services, netpols, cnps, kubeProxy, cm] = await Promise.all([
    get('/api/v1/pods'),
    get('/api/v1/namespaces'),
    get('/api/v1/services'),
    get('/apis/networking.k8s.io/v1/networkpolicies'),
    get('/apis/cilium.io/v2/ciliumnetworkpolicies').then((x) => x ?? { items: [] }),
    get('/apis/apps/v1/namespaces/kube-system/daemonsets/kube-proxy'),
    get('/api/v1/namespaces/kube-system/configmaps/cilium-config'),
  ]);
  const policies = [
    ...netpols.items.map((p) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', ...strip(p) })),
    ...cnps.items.map((p) => ({ apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', ...strip(p) })),
  ];
  const livePods = pods.items.filter((p) => !p.metadata.deletionTimestamp);
  return {
    pods: livePods,
    services: services.items,
    policies,
    serviceProvider: kubeProxy
      ? 'kube-proxy'
      : cm?.data?.['kube-proxy-replacement'] === 'true'
        ? 'cilium-kpr'
        : undefined,
    cluster: {
      namespaces: namespaces.items.map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} })),
      pods: livePods
        .filter((p) => !p.spec.hostNetwork && p.status.podIP)
        .map((p) => ({
          name: p.metadata.name,
          namespace: p.metadata.namespace,
          labels: p.metadata.labels ?? {},
          ip: p.status.podIP,
          serviceAccount: p.spec.serviceAccountName ?? 'default',
          ports: p.spec.containers.flatMap((c) =>
            (c.ports ?? []).map((x) => ({
              ...(x.name ? { name: x.name } : {}),
              port: x.containerPort,
              protocol: x.protocol ?? 'TCP',
            })),
          ),
        })),
    },
  };
}

function strip(o) {
  const { metadata, spec, specs } = o;
  return {
    metadata: { name: metadata.name, namespace: metadata.namespace, labels: metadata.labels },
    spec,
    ...(specs ? { specs } : {}),
  };
}

const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

/** Resolves a host (name with the pod's search list, or an IP) to {service?, pod?} of the real cluster. */
export function resolve(snap, host, namespace) {
  const byIp = snap.services.find((s) => s.spec.clusterIP === host);
  if (byIp) return { service: byIp };
  const pod = snap.cluster.pods.find((p) => p.ip === host);
  if (pod) return { pod };
  const parts = host.replace(/\.$/, '').split('.');
  const [name, ns = namespace] = parts;
  const svc = snap.services.find((s) => s.metadata.name === name && s.metadata.namespace === ns);
  return svc ? { service: svc } : {};
}

/**
 * Connects from the pod `from` ({namespace, name}) to host:port over TCP.
 * Returns { ok, reason, backend?, verdict? } — reason is the BusyBox-visible failure.
 */
export function connect(snap, from, host, port, request) {
  const target = resolve(snap, host, from.namespace);
  let backend;
  let targetPort = port;
  if (target.service) {
    if (!snap.serviceProvider)
      return { ok: false, reason: 'timeout', detail: 'no kube-proxy and no kube-proxy replacement' };
    const svc = target.service;
    const sp = (svc.spec.ports ?? []).find((p) => p.port === port);
    if (!sp) return { ok: false, reason: 'refused', detail: `service ${svc.metadata.name} has no port ${port}` };
    const backends = snap.cluster.pods.filter(
      (p) => p.namespace === svc.metadata.namespace && svc.spec.selector && matches(svc.spec.selector, p.labels),
    );
    if (backends.length === 0) return { ok: false, reason: 'refused', detail: 'no ready backend' };
    backend = backends[0];
    const tp = sp.targetPort ?? sp.port;
    targetPort = typeof tp === 'number' ? tp : (backend.ports?.find((x) => x.name === tp)?.port ?? sp.port);
  } else if (target.pod) backend = target.pod;
  else return { ok: false, reason: 'unresolved', detail: `bad address '${host}'` };
  const query = {
    from: { namespace: from.namespace, name: from.name },
    to: backend,
    port: targetPort,
    protocol: 'TCP',
  };
  const verdict =
    snap.policies.length === 0
      ? { allowed: true, reasons: ['no policies'], l7Restricted: false }
      : request
        ? evaluateHttp(snap.cluster, snap.policies, query, request)
        : evaluate(snap.cluster, snap.policies, query);
  if (!verdict.allowed) {
    const l7 = verdict.reasons.some((r) => /matches no HTTP rule/.test(r));
    return { ok: false, reason: l7 ? 'http403' : 'timeout', detail: verdict.reasons.join('; '), backend, verdict };
  }
  return { ok: true, backend, verdict };
}
