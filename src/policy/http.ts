/**
 * HTTP rule matching. Cilium documents `method` and `path` as extended POSIX regexes; its Envoy filter matches them
 * as RE2 regexes against the whole method and the whole `:path` (which includes the query string). We compile them
 * as JavaScript regexes anchored at both ends, after translating POSIX bracket classes (`[[:digit:]]`). Constructs
 * that neither POSIX ERE nor RE2 has (lookaround, backreferences) are rejected instead of being given JS meaning.
 */
import type { PortRuleHTTP } from './cnp-types.js';
import type { HttpRequest } from './model.js';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\r\\n\\v\\f',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'A-Za-z0-9_',
};

const cache = new Map<string, RegExp | string>();

/** The anchored regex, or an English sentence saying why the pattern is rejected. */
export function compileHttpPattern(pattern: string): RegExp | string {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const result = compile(pattern);
  cache.set(pattern, result);
  return result;
}

function compile(pattern: string): RegExp | string {
  if (/\(\?<?[=!]/.test(pattern)) return `lookaround is not supported by RE2/POSIX regexes: "${pattern}"`;
  if (/\\[1-9]/.test(pattern)) return `backreferences are not supported by RE2/POSIX regexes: "${pattern}"`;
  let unknownClass: string | undefined;
  const translated = pattern.replace(/\[:([a-z]+):\]/g, (_all, name: string) => {
    const cls = POSIX_CLASSES[name];
    if (cls === undefined) unknownClass = name;
    return cls ?? '';
  });
  if (unknownClass !== undefined) return `unknown POSIX class [:${unknownClass}:] in "${pattern}"`;
  try {
    return new RegExp(`^(?:${translated})$`);
  } catch (error) {
    return `not a valid regular expression: "${pattern}" (${error instanceof Error ? error.message : String(error)})`;
  }
}

function matches(pattern: string | null | undefined, value: string): boolean {
  if (pattern === undefined || pattern === null || pattern === '') return true;
  const re = compileHttpPattern(pattern);
  return typeof re !== 'string' && re.test(value);
}

/** An HTTP rule matches when its method and path (each optional) both match the whole request method / path. */
export function httpRuleMatches(rule: PortRuleHTTP, request: HttpRequest): boolean {
  return matches(rule.method, request.method) && matches(rule.path, request.path);
}
