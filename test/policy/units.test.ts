/** Building blocks: CIDR math, label selectors, HTTP patterns, named ports, and query resolution. */
import { describe, expect, it } from 'vitest';
import { type Cidr, cidrContains, cidrWithin, type Ip, inBlock, parseCidr, parseIp } from '../../src/policy/cidr.js';
import { compileHttpPattern, httpRuleMatches } from '../../src/policy/http.js';
import {
  type Cluster,
  evaluate,
  type NetworkPolicy,
  PolicyQueryError,
  selectorMatches,
} from '../../src/policy/index.js';
import { isPortName } from '../../src/policy/ports.js';

function ip(text: string): Ip {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`bad IP ${text}`);
  return parsed;
}

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (parsed === undefined) throw new Error(`bad CIDR ${text}`);
  return parsed;
}

describe('IP and CIDR parsing', () => {
  it.each([
    ['10.0.0.1', 4, 0x0a000001n],
    ['255.255.255.255', 4, 0xffffffffn],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['fd00:1::2', 6, 0xfd000001000000000000000000000002n],
    ['2001:db8:0:0:0:0:0:1', 6, 0x20010db8000000000000000000000001n],
    ['::ffff:192.0.2.1', 6, 0xffffc0000201n],
  ])('parses %s', (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });

  it.each(['010.0.0.1', '256.0.0.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', '1.2.3.4::', 'x'])(
    'rejects %s',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );

  it('clears host bits like net.ParseCIDR', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, base: 0x0a000000n, prefix: 8 });
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('fd00::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0')).toBeUndefined();
  });

  it('checks containment per family', () => {
    const block = cidr('172.17.0.0/16');
    const v6 = cidr('2001:db8::/32');
    expect(cidrContains(block, ip('172.17.255.255'))).toBe(true);
    expect(cidrContains(block, ip('172.18.0.0'))).toBe(false);
    expect(cidrContains(v6, ip('2001:db8:ffff::1'))).toBe(true);
    expect(cidrContains(v6, ip('172.17.0.1'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), ip('1.2.3.4'))).toBe(true);
    expect(cidrContains(cidr('::/0'), ip('1.2.3.4'))).toBe(false);
  });

  it('knows when one block lies within another', () => {
    expect(cidrWithin(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(true);
    expect(cidrWithin(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(false);
    expect(cidrWithin(cidr('11.0.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
  });

  it('applies except holes (ipBlock)', () => {
    expect(inBlock(ip('172.17.0.9'), '172.17.0.0/16', ['172.17.1.0/24'])).toBe(true);
    expect(inBlock(ip('172.17.1.9'), '172.17.0.0/16', ['172.17.1.0/24'])).toBe(false);
    expect(inBlock(ip('fd00::5'), 'fd00::/64', ['fd00::4/126'])).toBe(false);
    expect(inBlock(ip('fd00::9'), 'fd00::/64', ['fd00::4/126'])).toBe(true);
  });
});

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    [{}, true],
    [{ matchLabels: {} }, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'web', tier: 'back' } }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'In' as const, values: ['web', 'api'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn' as const, values: ['web'] }] }, false],
    [{ matchExpressions: [{ key: 'missing', operator: 'NotIn' as const, values: ['x'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'Exists' as const }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' as const }] }, false],
    [{ matchExpressions: [{ key: 'missing', operator: 'In' as const, values: ['x'] }] }, false],
    [
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['back'] }] },
      false,
    ],
  ])('%j → %s', (selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe('HTTP patterns', () => {
  it('anchors patterns at both ends', () => {
    expect(httpRuleMatches({ path: '/api/.*' }, { method: 'GET', path: '/api/x' })).toBe(true);
    expect(httpRuleMatches({ path: '/api/.*' }, { method: 'GET', path: '/v1/api/x' })).toBe(false);
    expect(httpRuleMatches({ path: '/path1$' }, { method: 'GET', path: '/path1' })).toBe(true);
    expect(httpRuleMatches({ method: 'GET' }, { method: 'GETX', path: '/' })).toBe(false);
  });

  it('treats an absent or empty field as "any"', () => {
    expect(httpRuleMatches({}, { method: 'DELETE', path: '/anything' })).toBe(true);
    expect(httpRuleMatches({ method: '', path: '' }, { method: 'PUT', path: '/x' })).toBe(true);
  });

  it('translates POSIX bracket classes and rejects what RE2/POSIX lack', () => {
    expect(httpRuleMatches({ path: '/id/[[:digit:]]+' }, { method: 'GET', path: '/id/42' })).toBe(true);
    expect(httpRuleMatches({ path: '/id/[[:digit:]]+' }, { method: 'GET', path: '/id/4a' })).toBe(false);
    expect(compileHttpPattern('[[:nope:]]')).toBe('unknown POSIX class [:nope:] in "[[:nope:]]"');
    expect(compileHttpPattern('(a)\\1')).toMatch(/^backreferences are not supported/);
    expect(compileHttpPattern('(?<=x)y')).toMatch(/^lookaround is not supported/);
    expect(compileHttpPattern('(')).toMatch(/^not a valid regular expression/);
  });
});

describe('named ports', () => {
  it('follow IANA_SVC_NAME', () => {
    expect(['http', 'serve-80-tcp', 'a1', 'metrics'].every(isPortName)).toBe(true);
    expect(['80', 'HTTP', '-http', 'http-', 'a--b', 'abcdefghijklmnop', ''].some(isPortName)).toBe(false);
  });

  it('match only a container port with the same name, protocol and number', () => {
    const cluster: Cluster = {
      namespaces: [],
      pods: [
        { name: 'dns', namespace: 'n', ip: '10.0.0.1', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
        { name: 'client', namespace: 'n', ip: '10.0.0.2' },
      ],
    };
    const policy = (protocol: 'TCP' | 'UDP'): NetworkPolicy => ({
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'n' },
      spec: { podSelector: { matchLabels: {} }, ingress: [{ ports: [{ port: 'dns', protocol }] }] },
    });
    const q = (protocol: 'TCP' | 'UDP', port = 53) => ({
      from: { namespace: 'n', name: 'client' },
      to: { namespace: 'n', name: 'dns' },
      port,
      protocol,
    });
    expect(evaluate(cluster, [policy('UDP')], q('UDP')).allowed).toBe(true);
    expect(evaluate(cluster, [policy('TCP')], q('TCP')).allowed).toBe(false);
    expect(evaluate(cluster, [policy('UDP')], q('UDP', 54)).allowed).toBe(false);
  });
});

describe('query resolution', () => {
  const cluster: Cluster = {
    namespaces: [{ name: 'n' }],
    pods: [
      { name: 'a', namespace: 'n', ip: '10.0.0.1' },
      { name: 'b', namespace: 'n', ip: 'fd00::2' },
    ],
  };
  const denyAll: NetworkPolicy = {
    kind: 'NetworkPolicy',
    metadata: { name: 'deny', namespace: 'n' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };

  it('lets a pod reach itself, whatever the policies ("a pod cannot block access to itself")', () => {
    const v = evaluate(cluster, [denyAll], {
      from: { namespace: 'n', name: 'a' },
      to: { namespace: 'n', name: 'a' },
      port: 80,
      protocol: 'TCP',
    });
    expect(v).toEqual({
      allowed: true,
      reasons: ['n/a → itself: always allowed (a pod cannot block access to itself)'],
      l7Restricted: false,
    });
  });

  it('treats the IP of a pod as that pod', () => {
    const v = evaluate(cluster, [denyAll], {
      from: { ip: 'fd00:0:0:0:0:0:0:2' },
      to: { namespace: 'n', name: 'a' },
      port: 80,
      protocol: 'TCP',
    });
    expect(v.reasons[0]).toMatch(/^egress of n\/b: isolated by NetworkPolicy n\/deny/);
  });

  it('evaluates outside-to-outside traffic as unrestricted', () => {
    const v = evaluate(cluster, [denyAll], {
      from: { ip: '1.1.1.1' },
      to: { ip: '8.8.8.8' },
      port: 53,
      protocol: 'UDP',
    });
    expect(v.allowed).toBe(true);
  });

  it.each([
    [
      { from: { namespace: 'n', name: 'zz' }, to: { ip: '1.1.1.1' }, port: 80, protocol: 'TCP' as const },
      'unknown pod n/zz',
    ],
    [{ from: { ip: 'nope' }, to: { ip: '1.1.1.1' }, port: 80, protocol: 'TCP' as const }, 'invalid IP "nope"'],
    [
      { from: { ip: '1.1.1.2' }, to: { ip: '1.1.1.1' }, port: 0, protocol: 'TCP' as const },
      'invalid port 0: must be 1-65535',
    ],
  ])('rejects %j', (query, message) => {
    expect(() => evaluate(cluster, [], query)).toThrow(new PolicyQueryError(message));
  });

  it('rejects two pods with one IP', () => {
    const dup: Cluster = { namespaces: [], pods: [...cluster.pods, { name: 'c', namespace: 'n', ip: '10.0.0.1' }] };
    expect(() =>
      evaluate(dup, [], { from: { ip: '1.1.1.1' }, to: { ip: '2.2.2.2' }, port: 1, protocol: 'TCP' }),
    ).toThrow('pods n/a and n/c have the same IP 10.0.0.1');
  });
});
