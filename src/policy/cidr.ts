/**
 * IPv4 and IPv6 address and CIDR arithmetic on bigints. An IPv4 address never matches an IPv6 CIDR and vice versa
 * (IPv4-mapped IPv6 addresses are treated as IPv6).
 */

export type IpFamily = 4 | 6;

export interface Ip {
  readonly family: IpFamily;
  readonly value: bigint;
}

export interface Cidr {
  readonly family: IpFamily;
  /** The network address (host bits cleared, as Go's net.ParseCIDR does). */
  readonly base: bigint;
  readonly prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9a-f]{1,4}$/i;

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIPv6(text: string): bigint | undefined {
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): string[] | undefined => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  // An embedded IPv4 tail must be the last group of the address.
  if (halves.length === 2 && tail.length === 0 && head.some((g) => g.includes('.'))) return undefined;
  const all = [...head, ...tail];
  const words: bigint[] = [];
  for (const [i, group] of all.entries()) {
    if (i === all.length - 1 && group.includes('.')) {
      const v4 = parseIPv4(group);
      if (v4 === undefined) return undefined;
      words.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEXTET.test(group)) {
      words.push(BigInt(Number.parseInt(group, 16)));
    } else {
      return undefined;
    }
  }
  const headWords = words.slice(0, words.length - tailWordCount(tail));
  const tailWords = words.slice(headWords.length);
  if (halves.length === 2) {
    if (words.length > 7) return undefined;
    const zeros: bigint[] = Array.from({ length: 8 - words.length }, () => 0n);
    return [...headWords, ...zeros, ...tailWords].reduce((acc, w) => (acc << 16n) | w, 0n);
  }
  if (words.length !== 8) return undefined;
  return words.reduce((acc, w) => (acc << 16n) | w, 0n);
}

function tailWordCount(tail: readonly string[]): number {
  return tail.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
}

/** Parses an IPv4 or IPv6 address. Leading zeros in IPv4 octets and IPv6 zone ids are rejected. */
export function parseIp(text: string): Ip | undefined {
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIPv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

function bits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

function mask(family: IpFamily, prefix: number): bigint {
  const width = BigInt(bits(family));
  const all = (1n << width) - 1n;
  return all ^ ((1n << (width - BigInt(prefix))) - 1n);
}

/** Parses `addr/prefix`. Host bits are cleared (10.1.2.3/8 is 10.0.0.0/8). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (ip === undefined || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits(ip.family)) return undefined;
  return { family: ip.family, base: ip.value & mask(ip.family, prefix), prefix };
}

export function cidrContains(cidr: Cidr, ip: Ip): boolean {
  return cidr.family === ip.family && (ip.value & mask(cidr.family, cidr.prefix)) === cidr.base;
}

/** True when every address of `inner` is in `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.family === outer.family &&
    inner.prefix >= outer.prefix &&
    cidrContains(outer, { ...inner, value: inner.base })
  );
}

/** An ipBlock-style match: inside `cidr` and inside none of `except`. */
export function inBlock(ip: Ip, cidr: string, except: readonly string[] = []): boolean {
  const block = parseCidr(cidr);
  if (block === undefined || !cidrContains(block, ip)) return false;
  return !except.some((e) => {
    const hole = parseCidr(e);
    return hole !== undefined && cidrContains(hole, ip);
  });
}
