/**
 * `kubectl apply` that a rerun skips: the manifest is read into `$manifest`, and `kubectl diff` (exit 0 when applying
 * it would change nothing, 1 when it would, above 1 on an error) decides whether to apply. The skip is part of the
 * command rather than the step's `alreadyDone`, because the probe needs the manifest, which the command holds.
 * Used by netpol-petclinic and l7-http-policy.
 */

import { ALREADY_DONE } from '../../src/runbook/guards.js';
import { quote } from '../../src/runbook/quote.js';
import type { CommandTemplate } from '../../src/runbook/template.js';

function literal(text: string): CommandTemplate {
  return { kind: 'template', parts: [text], values: [] };
}

/**
 * The command: `manifest=$(cat <<'EOF' … EOF)`, then apply unless `kubectl diff` finds nothing to change.
 * `yaml` may be indented (the common indentation is removed); `what` says in Korean what is already in place.
 */
export function applyUnlessSame(yaml: string, what: string): CommandTemplate {
  const lines = yaml.replace(/^\n+|\s+$/g, '').split('\n');
  const cut = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const body = lines.map((l) => l.slice(cut)).join('\n');
  return literal(
    [
      `manifest=$(cat <<'EOF'`,
      body,
      'EOF',
      ')',
      'if kubectl diff -f - <<<"$manifest" >/dev/null; then',
      `  echo ${quote(`${ALREADY_DONE}${what}. 건너뜁니다.`)}`,
      'else',
      '  kubectl apply -f - <<<"$manifest"',
      'fi',
    ].join('\n'),
  );
}
