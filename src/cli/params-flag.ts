import { messages } from './messages.js';
import { UsageError } from './report-error.js';

/** `--param a=b --param c=d` → { a: 'b', c: 'd' }. Values are validated later against the runbook's rules. */
export function parseParamFlags(raw: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of raw ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(messages.badParam(item));
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
