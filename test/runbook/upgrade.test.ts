/** The shared `helm upgrade --reuse-values` command (runbooks/lib/cilium.ts). */
import { describe, expect, it } from 'vitest';
import { CILIUM_VERSION, upgradeReusingValues } from '../../runbooks/lib/cilium.js';
import { renderTemplate } from '../../src/runbook/template.js';

describe('upgradeReusingValues', () => {
  it('pins the chart version and writes one --set per line', () => {
    expect(renderTemplate(upgradeReusingValues('a.enabled=true', 'b=c'), () => '')).toBe(
      `helm upgrade cilium cilium/cilium --version ${CILIUM_VERSION} \\\n  --namespace kube-system \\\n` +
        '  --reuse-values \\\n  --set a.enabled=true \\\n  --set b=c',
    );
  });

  it('refuses a value that would need shell quoting', () => {
    expect(() => upgradeReusingValues('a=b c')).toThrow('--set a=b c: needs shell quoting');
  });
});
