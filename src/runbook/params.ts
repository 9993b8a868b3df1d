/**
 * Parameter types and their validation. Pure functions: the CLI, the build and (later) the page's parameter form
 * use the same rules, so a value the page accepts is a value the CLI accepts.
 */
import type { CommandTemplate } from './template.js';

export const PARAM_TYPES = ['host', 'port', 'string', 'enum', 'version', 'cidr'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** Reads a parameter's value from the cluster of the pinned kube context (read-only). */
export interface ParamDetector {
  /** A read-only command whose stdout holds the value. */
  readonly command: CommandTemplate;
  /** Extracts the value from the command's stdout; `undefined` when it is not there. */
  readonly parse: (stdout: string) => string | undefined;
  /** Korean: where the value comes from, shown by `runbook show` and on the page. */
  readonly description: string;
}

export interface ParamDef {
  readonly type: ParamType;
  /** Korean label, e.g. "API 서버 주소". */
  readonly label: string;
  /** Korean explanation of what the value is and where to find it. */
  readonly description: string;
  /** Used when the operator gives no value and nothing is detected. */
  readonly default?: string;
  /** Shown on the page and by `print` when there is no default: a realistic value the reader must replace. */
  readonly example?: string;
  /** Allowed values, for `enum`. */
  readonly values?: readonly string[];
  /** For `string`: a full-match pattern the value must satisfy (the default allows no shell metacharacters). */
  readonly pattern?: RegExp;
  /** Masked in transcripts and JSON events. */
  readonly secret?: boolean;
  readonly detect?: ParamDetector;
}

export type ParamDefs = Readonly<Record<string, ParamDef>>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const SAFE_STRING = /^[A-Za-z0-9._:/@=+-]+$/;
const VERSION = /^v?\d+\.\d+\.\d+([.-][0-9A-Za-z.-]+)?$/;
const LINE_BREAK = /[\n\r]/;
/** Regex syntax that can match a line break: \s \W \D \n \r, their escapes, \p{…}, a negated class, a literal break. */
const BREAK_SYNTAX = /\\[sWDnr]|\\x0[aAdD]|\\u\{?0*[aAdD]\}?|\\c[JjMm]|\\[pP]\{|\[\^|[\n\r]/;

/**
 * Whether a parameter's rule lets a value contain a line break (a definition error: see validateParamValue).
 * For `string`, its pattern is read for syntax that can match one and tried on line breaks; write the allowed
 * characters positively instead (e.g. [A-Za-z0-9._-]+). The default pattern admits none.
 */
export function admitsLineBreak(def: ParamDef): boolean {
  if (def.type === 'enum') return (def.values ?? []).some((v) => LINE_BREAK.test(v));
  if (def.type !== 'string' || def.pattern === undefined) return false;
  const { source, flags } = def.pattern;
  if (BREAK_SYNTAX.test(source) || (flags.includes('s') && /(^|[^\\])\./.test(source))) return true;
  const full = new RegExp(`^(?:${source.replace(/^\^|\$$/g, '')})$`, flags.replace(/[gy]/g, ''));
  return ['\n', '\r', '\r\n', 'a\nb', 'a\rb', 'a\n', '\na', '0\n0', '-\n-'].some((v) => full.test(v));
}

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIPv6(value: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(value) || !value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const last = groups[groups.length - 1];
  const tailIsV4 = last?.includes('.') ?? false;
  if (last !== undefined && tailIsV4 && !isIPv4(last)) return false;
  const hexGroups = tailIsV4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const width = hexGroups.length + (tailIsV4 ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

export function isHostname(value: string): boolean {
  if (value.length > 253 || /^[\d.]+$/.test(value)) return false;
  return value
    .replace(/\.$/, '')
    .split('.')
    .every((label) => DNS_LABEL.test(label));
}

/**
 * Checks a value against its parameter definition. Returns `undefined` when valid, or an English sentence saying
 * what is wrong (the caller adds the runbook and parameter names).
 */
export function validateParamValue(def: ParamDef, value: string): string | undefined {
  // A value is one line, whatever its type: a line break would end the `# npx runbook print …` comment of a printed
  // script and run the rest as a command.
  if (LINE_BREAK.test(value)) return 'must be a single line (it contains a line break)';
  switch (def.type) {
    case 'host':
      return isIPv4(value) || isIPv6(value) || isHostname(value)
        ? undefined
        : 'must be an IPv4 or IPv6 address or a DNS name (letters, digits, "-" and ".")';
    case 'port': {
      const n = Number(value);
      return /^\d{1,5}$/.test(value) && n >= 1 && n <= 65535 ? undefined : 'must be a port number from 1 to 65535';
    }
    case 'enum':
      return def.values?.includes(value) ? undefined : `must be one of: ${(def.values ?? []).join(', ')}`;
    case 'version':
      return VERSION.test(value) ? undefined : 'must be a version such as v1.31.4';
    case 'cidr': {
      const [addr, bits, extra] = value.split('/');
      if (extra !== undefined || addr === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) {
        return 'must be a CIDR such as 10.244.0.0/16';
      }
      const max = isIPv4(addr) ? 32 : isIPv6(addr) ? 128 : -1;
      return max >= 0 && Number(bits) <= max ? undefined : 'must be a CIDR such as 10.244.0.0/16';
    }
    case 'string': {
      const pattern = def.pattern ?? SAFE_STRING;
      return new RegExp(`^(?:${pattern.source.replace(/^\^|\$$/g, '')})$`, pattern.flags).test(value)
        ? undefined
        : `must match ${pattern.source}`;
    }
  }
}

/** The value a page and `print` show when the operator has not chosen one. */
export function displayValue(def: ParamDef): string | undefined {
  return def.default ?? def.example;
}
