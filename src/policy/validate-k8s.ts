/** Validation of Kubernetes NetworkPolicy objects, following the API server's rules. */
import { at, type Checker, type Json } from './check.js';
import { cidrWithin, parseCidr } from './cidr.js';
import { type NetworkPolicySpec, POLICY_TYPES } from './k8s-types.js';
import { PROTOCOLS } from './model.js';
import { isPortName } from './ports.js';
import { checkSelector } from './selectors.js';

export function checkNetworkPolicySpec(c: Checker, value: unknown, field: string): NetworkPolicySpec {
  const spec = c.optionalRecord(value, field) ?? {};
  c.keys(spec, field, ['podSelector', 'policyTypes', 'ingress', 'egress']);
  if (spec.podSelector !== undefined && spec.podSelector !== null) {
    checkSelector(c, spec.podSelector, at(field, 'podSelector'));
  }
  const types = c.list(spec.policyTypes, at(field, 'policyTypes')) ?? [];
  for (const [i, t] of types.entries()) c.oneOf(t, at(at(field, 'policyTypes'), i), POLICY_TYPES);
  const ingress = c.list(spec.ingress, at(field, 'ingress')) ?? [];
  for (const [i, rule] of ingress.entries()) checkRule(c, rule, at(at(field, 'ingress'), i), 'from');
  const egress = c.list(spec.egress, at(field, 'egress')) ?? [];
  for (const [i, rule] of egress.entries()) checkRule(c, rule, at(at(field, 'egress'), i), 'to');
  return spec as NetworkPolicySpec;
}

function checkRule(c: Checker, value: unknown, field: string, peersKey: 'from' | 'to'): void {
  // `- {}` and a bare `-` (null) are both an empty rule: all peers, all ports.
  const rule = c.optionalRecord(value, field) ?? {};
  c.keys(rule, field, [peersKey, 'ports']);
  const peers = c.list(rule[peersKey], at(field, peersKey)) ?? [];
  for (const [i, peer] of peers.entries()) checkPeer(c, peer, at(at(field, peersKey), i));
  const ports = c.list(rule.ports, at(field, 'ports')) ?? [];
  for (const [i, port] of ports.entries()) checkPort(c, port, at(at(field, 'ports'), i));
}

function checkPeer(c: Checker, value: unknown, field: string): void {
  const peer = c.record(value, field);
  c.keys(peer, field, ['podSelector', 'namespaceSelector', 'ipBlock']);
  const has = (k: string): boolean => peer[k] !== undefined && peer[k] !== null;
  if (!has('podSelector') && !has('namespaceSelector') && !has('ipBlock')) {
    c.invalid(field, 'must specify podSelector, namespaceSelector or ipBlock');
  }
  if (has('ipBlock') && (has('podSelector') || has('namespaceSelector'))) {
    c.invalid(at(field, 'ipBlock'), 'may not be specified together with podSelector or namespaceSelector');
  }
  if (has('podSelector')) checkSelector(c, peer.podSelector, at(field, 'podSelector'));
  if (has('namespaceSelector')) checkSelector(c, peer.namespaceSelector, at(field, 'namespaceSelector'));
  if (has('ipBlock')) checkIpBlock(c, c.record(peer.ipBlock, at(field, 'ipBlock')), at(field, 'ipBlock'));
}

/** cidr and except, as `CIDRRule`/`IPBlock`: every except must be a strict subset of cidr, same family. */
export function checkIpBlock(c: Checker, block: Json, field: string, extraKeys: readonly string[] = []): void {
  c.keys(block, field, ['cidr', 'except', ...extraKeys]);
  const cidrText = c.string(block.cidr, at(field, 'cidr'));
  const cidr = parseCidr(cidrText);
  if (cidr === undefined) c.invalid(at(field, 'cidr'), `must be a valid CIDR (e.g. 10.0.0.0/24), got "${cidrText}"`);
  const except = c.strings(block.except, at(field, 'except')) ?? [];
  except.forEach((text, i) => {
    const hole = parseCidr(text);
    const path = at(at(field, 'except'), i);
    if (hole === undefined) c.invalid(path, `must be a valid CIDR, got "${text}"`);
    if (!cidrWithin(hole, cidr) || hole.prefix === cidr.prefix) {
      c.invalid(path, `must be a strict subset of cidr ${cidrText}, got "${text}"`);
    }
  });
}

function checkPort(c: Checker, value: unknown, field: string): void {
  const entry = c.record(value, field);
  c.keys(entry, field, ['protocol', 'port', 'endPort']);
  if (entry.protocol !== undefined && entry.protocol !== null)
    c.oneOf(entry.protocol, at(field, 'protocol'), PROTOCOLS);
  const port = entry.port;
  if (typeof port === 'string') {
    if (!isPortName(port)) {
      c.invalid(
        at(field, 'port'),
        `a named port must be an IANA_SVC_NAME (1-15 lowercase letters, digits, '-', at least one letter); got "${port}"`,
      );
    }
  } else if (port !== undefined && port !== null) {
    c.integer(port, at(field, 'port'), 1, 65535);
  }
  if (entry.endPort !== undefined && entry.endPort !== null) {
    const end = c.integer(entry.endPort, at(field, 'endPort'), 1, 65535);
    if (typeof port !== 'number') c.invalid(at(field, 'endPort'), 'may only be used with a numeric port');
    if (end < port) c.invalid(at(field, 'endPort'), `must be greater than or equal to port (${port})`);
  }
}
