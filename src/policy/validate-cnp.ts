/**
 * Validation of the supported CiliumNetworkPolicy subset. Fields of the 1.18 CRD that this evaluator does not model
 * fail with UnsupportedPolicyError and a reason; anything else unknown fails as invalid.
 */
import { at, type Checker } from './check.js';
import { parseCidr } from './cidr.js';
import { type CiliumRule, SUPPORTED_ENTITIES, UNSUPPORTED_ENTITIES } from './cnp-types.js';
import { compileHttpPattern } from './http.js';
import { isPortName } from './ports.js';
import { checkSelector, type LabelSelector, selectorKeys } from './selectors.js';
import { checkIpBlock } from './validate-k8s.js';

const NODES = 'nodes are not part of the cluster model (pods and outside addresses only)';
const COMMON_UNSUPPORTED: Readonly<Record<string, string>> = {
  icmps: 'ICMP is not modelled (queries are TCP, UDP or SCTP)',
  authentication: 'mutual authentication is not modelled',
  fromRequires: 'requirement folding (deprecated in 1.17, removed in 1.19) is not modelled',
  toRequires: 'requirement folding (deprecated in 1.17, removed in 1.19) is not modelled',
  fromNodes: NODES,
  toNodes: NODES,
  fromGroups: 'cloud provider groups need the provider API',
  toGroups: 'cloud provider groups need the provider API',
  toFQDNs: 'DNS-based rules depend on the IPs the DNS proxy observed',
  toServices: 'service-based rules need Service and Endpoints objects, which the cluster model lacks',
};

const RULE_UNSUPPORTED: Readonly<Record<string, string>> = {
  nodeSelector: `host policies select nodes; ${NODES}`,
  enableDefaultDeny: 'default-deny is derived from the presence of ingress/egress sections only',
};

const PORT_RULE_UNSUPPORTED: Readonly<Record<string, string>> = {
  listener: 'Envoy listener redirection is not modelled',
  originatingTLS: 'TLS interception is not modelled',
  terminatingTLS: 'TLS interception is not modelled',
  serverNames: 'TLS SNI matching is not modelled',
};

const L7_UNSUPPORTED: Readonly<Record<string, string>> = {
  dns: 'only HTTP L7 rules are modelled',
  kafka: 'only HTTP L7 rules are modelled',
  l7proto: 'only HTTP L7 rules are modelled',
  l7: 'only HTTP L7 rules are modelled',
};

const HTTP_UNSUPPORTED: Readonly<Record<string, string>> = {
  host: 'only method and path are modelled',
  headers: 'only method and path are modelled',
  headerMatches: 'only method and path are modelled',
};

/** Label sources a selector key may carry (`k8s:app`, `any:app`, or plain `app`). */
const LABEL_SOURCES = ['k8s', 'any'];

export function checkCiliumRule(c: Checker, value: unknown, field: string): CiliumRule {
  const rule = c.record(value, field);
  const sections = ['ingress', 'ingressDeny', 'egress', 'egressDeny'] as const;
  c.keys(rule, field, ['endpointSelector', ...sections, 'description', 'labels', 'log'], RULE_UNSUPPORTED);
  if (rule.endpointSelector === undefined || rule.endpointSelector === null) {
    c.invalid(at(field, 'endpointSelector'), 'is required');
  }
  checkCiliumSelector(c, rule.endpointSelector, at(field, 'endpointSelector'));
  if (!sections.some((s) => s in rule)) c.invalid(field, 'must have ingress, ingressDeny, egress or egressDeny');
  for (const section of sections) {
    const deny = section.endsWith('Deny');
    const dir = section.startsWith('ingress') ? 'from' : 'to';
    const items = c.list(rule[section], at(field, section)) ?? [];
    for (const [i, item] of items.entries()) checkPeerRule(c, item, at(at(field, section), i), dir, deny);
  }
  c.optionalString(rule.description, at(field, 'description'));
  return rule as unknown as CiliumRule;
}

function checkPeerRule(c: Checker, value: unknown, field: string, dir: 'from' | 'to', deny: boolean): void {
  const rule = c.optionalRecord(value, field) ?? {};
  const peerKeys = [`${dir}Endpoints`, `${dir}CIDR`, `${dir}CIDRSet`, `${dir}Entities`];
  c.keys(rule, field, [...peerKeys, 'toPorts'], COMMON_UNSUPPORTED);
  const endpoints = c.list(rule[`${dir}Endpoints`], at(field, `${dir}Endpoints`)) ?? [];
  for (const [i, sel] of endpoints.entries()) checkCiliumSelector(c, sel ?? {}, at(at(field, `${dir}Endpoints`), i));
  const cidrs = c.strings(rule[`${dir}CIDR`], at(field, `${dir}CIDR`)) ?? [];
  cidrs.forEach((text, i) => {
    if (ciliumCidr(text) === undefined)
      c.invalid(at(at(field, `${dir}CIDR`), i), `must be a CIDR or IP, got "${text}"`);
  });
  const sets = c.list(rule[`${dir}CIDRSet`], at(field, `${dir}CIDRSet`)) ?? [];
  for (const [i, set] of sets.entries()) checkCidrSet(c, set, at(at(field, `${dir}CIDRSet`), i));
  const entities = c.strings(rule[`${dir}Entities`], at(field, `${dir}Entities`)) ?? [];
  for (const [i, e] of entities.entries()) checkEntity(c, e, at(at(field, `${dir}Entities`), i));
  const toPorts = c.list(rule.toPorts, at(field, 'toPorts')) ?? [];
  for (const [i, pr] of toPorts.entries()) checkPortRule(c, pr, at(at(field, 'toPorts'), i), deny);
}

function checkCidrSet(c: Checker, value: unknown, field: string): void {
  const set = c.record(value, field);
  const groups = 'CiliumCIDRGroup objects are not part of the cluster model';
  if ('cidrGroupRef' in set) c.unsupported(at(field, 'cidrGroupRef'), groups);
  if ('cidrGroupSelector' in set) c.unsupported(at(field, 'cidrGroupSelector'), groups);
  checkIpBlock(c, set, field);
}

function checkEntity(c: Checker, entity: string, field: string): void {
  if ((SUPPORTED_ENTITIES as readonly string[]).includes(entity)) return;
  if ((UNSUPPORTED_ENTITIES as readonly string[]).includes(entity)) {
    c.unsupported(field, `entity "${entity}" (${NODES}); supported: ${SUPPORTED_ENTITIES.join(', ')}`);
  }
  c.invalid(field, `unknown entity "${entity}"`);
}

function checkPortRule(c: Checker, value: unknown, field: string, deny: boolean): void {
  const rule = c.record(value, field);
  c.keys(rule, field, deny ? ['ports'] : ['ports', 'rules'], deny ? {} : PORT_RULE_UNSUPPORTED);
  const ports = c.list(rule.ports, at(field, 'ports')) ?? [];
  if (ports.length === 0) c.unsupported(at(field, 'ports'), 'a toPorts entry without ports');
  const protocols = ports.map((p, i) => checkPortProtocol(c, p, at(at(field, 'ports'), i)));
  const rules = c.optionalRecord(rule.rules, at(field, 'rules'));
  if (rules === undefined) return;
  c.keys(rules, at(field, 'rules'), ['http'], L7_UNSUPPORTED);
  const http = c.list(rules.http, at(at(field, 'rules'), 'http')) ?? [];
  if (http.length === 0) return;
  protocols.forEach((p, i) => {
    const path = at(at(field, 'ports'), i);
    if (p.protocol !== 'TCP') c.unsupported(at(path, 'protocol'), 'HTTP rules on a port whose protocol is not TCP');
    if (p.zero) c.invalid(at(path, 'port'), 'L7 rules need a specific port, not "0"');
  });
  for (const [i, h] of http.entries()) checkHttp(c, h, at(at(at(field, 'rules'), 'http'), i));
}

function checkPortProtocol(c: Checker, value: unknown, field: string): { protocol: string; zero: boolean } {
  const entry = c.record(value, field);
  c.keys(entry, field, ['port', 'endPort', 'protocol']);
  if (typeof entry.port === 'number') c.invalid(at(field, 'port'), `must be a string: quote it ("${entry.port}")`);
  const port = c.string(entry.port, at(field, 'port'));
  const numeric = /^\d+$/.test(port) ? Number(port) : undefined;
  if (numeric === undefined && !isPortName(port.toLowerCase())) {
    c.invalid(at(field, 'port'), `must be a port number or a port name, got "${port}"`);
  }
  if (numeric !== undefined && numeric > 65535) c.invalid(at(field, 'port'), `must be at most 65535, got ${port}`);
  if (entry.endPort !== undefined && entry.endPort !== null) {
    const end = c.integer(entry.endPort, at(field, 'endPort'), 0, 65535);
    if (numeric === undefined) c.invalid(at(field, 'endPort'), 'may only be used with a numeric port');
    if (end < numeric) c.invalid(at(field, 'endPort'), `must be greater than or equal to port (${port})`);
  }
  const protocol = entry.protocol ?? 'ANY';
  c.oneOf(protocol, at(field, 'protocol'), ['TCP', 'UDP', 'SCTP', 'ANY']);
  return { protocol: String(protocol), zero: numeric === 0 };
}

function checkHttp(c: Checker, value: unknown, field: string): void {
  const rule = c.optionalRecord(value, field) ?? {};
  c.keys(rule, field, ['method', 'path'], HTTP_UNSUPPORTED);
  for (const key of ['method', 'path'] as const) {
    const pattern = c.optionalString(rule[key], at(field, key));
    if (pattern === undefined) continue;
    const compiled = compileHttpPattern(pattern);
    if (typeof compiled === 'string') c.invalid(at(field, key), compiled);
  }
}

/** A Cilium selector: a label selector whose keys may carry a `k8s:` or `any:` source prefix. */
export function checkCiliumSelector(c: Checker, value: unknown, field: string): LabelSelector {
  const selector = checkSelector(c, value, field);
  for (const key of selectorKeys(selector)) {
    const colon = key.indexOf(':');
    if (colon < 0) continue;
    const source = key.slice(0, colon);
    if (!LABEL_SOURCES.includes(source)) {
      c.unsupported(field, `label source "${source}:" in key "${key}" (only k8s: and any: labels are modelled)`);
    }
  }
  return selector;
}

/** Cilium accepts a bare address as a single-host CIDR. */
export function ciliumCidr(text: string): string | undefined {
  const withPrefix = text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`;
  return parseCidr(withPrefix) === undefined ? undefined : withPrefix;
}
