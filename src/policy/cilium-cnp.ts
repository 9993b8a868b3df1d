/**
 * CiliumNetworkPolicy (cilium.io/v2) semantics for one side of a connection — the subset this evaluator models.
 *
 * Modelled (Cilium 1.18, policy enforcement mode `default`):
 * - `endpointSelector` always applies in the policy's own namespace (Cilium adds
 *   `k8s:io.kubernetes.pod.namespace=<ns>` to it). A CNP without `metadata.namespace` lands in the namespace the
 *   caller passes to `parsePolicies` (kubectl's current namespace).
 * - An endpoint selected by a rule with a non-empty `ingress` or `ingressDeny` list becomes default-deny for
 *   ingress (same for egress). `ingress: []` does not (CRD: "If omitted or empty, this rule does not apply").
 * - `fromEndpoints` / `toEndpoints` selectors without a namespace label match only the policy's namespace (so `{}`
 *   is "every pod in this namespace"). With `io.kubernetes.pod.namespace` (any source prefix) in matchLabels or
 *   matchExpressions they match across namespaces. Pod labels are seen as Cilium sees them: the pod's labels plus
 *   `io.kubernetes.pod.namespace`, `io.cilium.k8s.namespace.labels.<key>`, `io.cilium.k8s.policy.serviceaccount`
 *   and `io.cilium.k8s.policy.cluster` (= `default`). Keys may carry a `k8s:` or `any:` prefix.
 * - `fromCIDR`/`toCIDR`/`fromCIDRSet`/`toCIDRSet` (cidr + except) match addresses outside the cluster only; Cilium
 *   never selects its own endpoints by CIDR.
 * - `fromEntities`/`toEntities`: `all` (everything), `world` (outside the cluster), `cluster` (every pod), `none`.
 * - A rule with `toPorts` but no L3 field applies to every peer, world included (an "L4-only" rule). A rule with
 *   neither (`- {}`) allows nothing: it only switches default-deny on. An L3 field that is present but empty
 *   selects nothing.
 * - `toPorts[].ports[]`: `port` is a string (a number, "0" for every port, or a container port name, compared
 *   lower-cased), optional `endPort`, `protocol` TCP/UDP/SCTP/ANY (absent = ANY).
 * - `toPorts[].rules.http[]` with `method` and `path` (anchored regexes, see http.ts). The connection is allowed at
 *   L4 and each request must match one HTTP rule of an allowing entry; an allowing entry without HTTP rules (from
 *   any policy, including a Kubernetes NetworkPolicy) lets every request through. `http: []` means no L7 rules.
 * - `ingressDeny` / `egressDeny` with the same peer fields and `toPorts[].ports`: a matching deny wins over every
 *   allow, from any policy kind.
 * - `spec` and `specs` (a list of rules) are both read. `description`, `labels` and `log` have no traffic effect.
 *
 * Not modelled; the validator throws UnsupportedPolicyError naming the policy and field instead of guessing:
 * CiliumClusterwideNetworkPolicy; `nodeSelector` (host policies); `enableDefaultDeny`; `toFQDNs`; `toServices`;
 * `fromNodes`/`toNodes`; `fromGroups`/`toGroups`; `fromRequires`/`toRequires`; `icmps`; `authentication`; entities
 * other than all/world/cluster/none (host, remote-node, kube-apiserver, health, init, ingress, unmanaged); CIDR
 * groups (`cidrGroupRef`, `cidrGroupSelector`); L7 rules other than HTTP (`dns`, `kafka`, `l7proto`, `l7`); HTTP
 * `host`, `headers`, `headerMatches`; HTTP rules on a port whose protocol is not TCP; `listener`, `originatingTLS`,
 * `terminatingTLS`, `serverNames`; label sources other than `k8s:`/`any:` (e.g. `reserved:`).
 * Not modelled and not detectable from a policy: the policy enforcement modes `always`/`never`, traffic to/from
 * nodes and the host, reply traffic (connections are evaluated in the direction they are opened).
 */
import { inBlock } from './cidr.js';
import type {
  CidrRule,
  CiliumNetworkPolicy,
  CiliumRule,
  EndpointSelector,
  PortProtocol,
  PortRule,
  PortRuleHTTP,
  SupportedEntity,
} from './cnp-types.js';
import type { Contribution, Direction, Peer, ResolvedPod, SideQuery } from './context.js';
import type { Labels, Pod } from './model.js';
import { namedPortMatches, numericPortMatches, type PortTarget } from './ports.js';
import { type LabelSelector, selectorKeys, selectorMatches } from './selectors.js';
import { ciliumCidr } from './validate-cnp.js';

const NS_LABEL = 'io.kubernetes.pod.namespace';

export function ciliumPolicyName(policy: CiliumNetworkPolicy): string {
  return `CiliumNetworkPolicy ${policy.metadata.namespace}/${policy.metadata.name}`;
}

export function ciliumRules(policy: CiliumNetworkPolicy): { rule: CiliumRule; path: string }[] {
  const rules = policy.spec ? [{ rule: policy.spec, path: 'spec' }] : [];
  for (const [i, rule] of (policy.specs ?? []).entries()) rules.push({ rule, path: `specs[${i}]` });
  return rules;
}

/** The labels Cilium derives for a pod's security identity (`namespaceLabels` from {@link namespaceLabels}). */
export function ciliumLabels(pod: Pod, namespaceLabels: Labels): Labels {
  const labels: Record<string, string> = { ...(pod.labels ?? {}) };
  for (const [key, value] of Object.entries(namespaceLabels)) labels[`io.cilium.k8s.namespace.labels.${key}`] = value;
  labels[NS_LABEL] = pod.namespace;
  labels['io.cilium.k8s.policy.serviceaccount'] = pod.serviceAccount ?? 'default';
  labels['io.cilium.k8s.policy.cluster'] = 'default';
  return labels;
}

function stripSource(key: string): string {
  return key.replace(/^(k8s|any):/, '');
}

function normalize(selector: EndpointSelector): LabelSelector {
  const matchLabels = Object.fromEntries(
    Object.entries(selector.matchLabels ?? {}).map(([k, v]) => [stripSource(k), v]),
  );
  const matchExpressions = (selector.matchExpressions ?? []).map((e) => ({ ...e, key: stripSource(e.key) }));
  return { matchLabels, matchExpressions };
}

function endpointMatches(selector: EndpointSelector, policyNs: string, pod: ResolvedPod, subject: boolean): boolean {
  const n = normalize(selector);
  if (!selectorMatches(n, ciliumLabels(pod.pod, pod.namespaceLabels))) return false;
  const scoped = subject || !selectorKeys(n).includes(NS_LABEL);
  return !scoped || pod.pod.namespace === policyNs;
}

interface PeerFields {
  readonly endpoints?: readonly EndpointSelector[] | null;
  readonly cidr?: readonly string[] | null;
  readonly cidrSet?: readonly CidrRule[] | null;
  readonly entities?: readonly SupportedEntity[] | null;
  readonly toPorts?: readonly (PortRule | null)[] | null;
}

function fieldsOf(rule: CiliumRule, direction: Direction, deny: boolean): readonly (PeerFields | null)[] {
  if (direction === 'ingress') {
    return ((deny ? rule.ingressDeny : rule.ingress) ?? []).map((r) => ({
      endpoints: r?.fromEndpoints,
      cidr: r?.fromCIDR,
      cidrSet: r?.fromCIDRSet,
      entities: r?.fromEntities,
      toPorts: r?.toPorts,
    }));
  }
  return ((deny ? rule.egressDeny : rule.egress) ?? []).map((r) => ({
    endpoints: r?.toEndpoints,
    cidr: r?.toCIDR,
    cidrSet: r?.toCIDRSet,
    entities: r?.toEntities,
    toPorts: r?.toPorts,
  }));
}

function entityMatches(entity: SupportedEntity, peer: Peer): boolean {
  if (entity === 'all') return true;
  if (entity === 'world') return peer.kind === 'external';
  if (entity === 'cluster') return peer.kind === 'pod';
  return false;
}

function l3Matches(f: PeerFields, policyNs: string, peer: Peer): boolean {
  const l3 = [f.endpoints, f.cidr, f.cidrSet, f.entities].filter((x) => x !== undefined && x !== null);
  if (l3.length === 0) return (f.toPorts ?? []).length > 0;
  const ext = peer.kind === 'external' ? peer.ip : undefined;
  return (
    (f.endpoints ?? []).some((s) => peer.kind === 'pod' && endpointMatches(s ?? {}, policyNs, peer.pod, false)) ||
    (f.cidr ?? []).some((c) => ext !== undefined && inBlock(ext, ciliumCidr(c) ?? '')) ||
    (f.cidrSet ?? []).some((s) => ext !== undefined && inBlock(ext, s.cidr, s.except ?? [])) ||
    (f.entities ?? []).some((e) => entityMatches(e, peer))
  );
}

function portProtocolMatches(pp: PortProtocol, target: PortTarget): boolean {
  const protocols = pp.protocol && pp.protocol !== 'ANY' ? [pp.protocol] : (['TCP', 'UDP', 'SCTP'] as const);
  if (!protocols.includes(target.protocol)) return false;
  if (!/^\d+$/.test(pp.port)) return namedPortMatches(pp.port.toLowerCase(), protocols, target);
  const port = Number(pp.port);
  return port === 0 || numericPortMatches(port, pp.endPort ?? undefined, target);
}

/** Adds what `policy` says about side `q` to `out`. */
export function contributeCiliumPolicy(policy: CiliumNetworkPolicy, q: SideQuery, out: Contribution): void {
  const ns = policy.metadata.namespace;
  const name = ciliumPolicyName(policy);
  for (const { rule, path } of ciliumRules(policy)) {
    if (!endpointMatches(rule.endpointSelector, ns, q.subject, true)) continue;
    const allows = fieldsOf(rule, q.direction, false);
    const denies = fieldsOf(rule, q.direction, true);
    if (allows.length === 0 && denies.length === 0) continue;
    out.isolatedBy.push(path === 'spec' ? name : `${name} ${path}`);
    for (const [deny, list] of [
      [false, allows],
      [true, denies],
    ] as const) {
      const section = `${path}.${q.direction}${deny ? 'Deny' : ''}`;
      list.forEach((f, i) => {
        const fields = f ?? {};
        if (!l3Matches(fields, ns, q.peer)) return;
        const where = `${name} ${section}[${i}]`;
        const portRules = fields.toPorts ?? [];
        const matching = portRules.length === 0 ? [where] : [];
        const httpBySource = new Map<string, readonly PortRuleHTTP[]>();
        portRules.forEach((pr, j) => {
          if (!(pr?.ports ?? []).some((pp) => portProtocolMatches(pp, q.target))) return;
          const source = `${where}.toPorts[${j}]`;
          matching.push(source);
          httpBySource.set(source, pr?.rules?.http ?? []);
        });
        for (const source of matching) {
          const http = httpBySource.get(source) ?? [];
          if (deny) out.denies.push(source);
          else
            out.allows.push(
              http.length > 0 ? { source, http: { source: `${source}.rules.http`, rules: http } } : { source },
            );
        }
      });
    }
  }
}
