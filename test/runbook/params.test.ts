import { describe, expect, it } from 'vitest';
import type { ParamDef } from '../../src/runbook/params.js';
import { validateParamValue } from '../../src/runbook/params.js';

const def = (type: ParamDef['type'], extra: Partial<ParamDef> = {}): ParamDef => ({
  type,
  label: '값',
  description: '설명',
  ...extra,
});

describe('parameter validation', () => {
  it.each([
    ['host', '192.168.1.187', true],
    ['host', 'api.example.com', true],
    ['host', 'fd00::10', true],
    ['host', '2001:db8:0:0:0:0:0:1', true],
    ['host', 'auto', true],
    ['host', '1.2.3.4; touch /tmp/x', false],
    ['host', '$(id)', false],
    ['host', '300.1.1.1', false],
    ['host', '', false],
    ['port', '6443', true],
    ['port', '0', false],
    ['port', '65536', false],
    ['port', '6443 ', false],
    ['version', 'v1.31.4', true],
    ['version', '1.31', false],
    ['cidr', '10.244.0.0/16', true],
    ['cidr', 'fd00:10:244::/56', true],
    ['cidr', '10.244.0.0/33', false],
    ['string', 'kube-system', true],
    ['string', 'a b', false],
    ['string', "x'y", false],
  ] as const)('%s %j valid=%s', (type, value, valid) => {
    expect(validateParamValue(def(type), value) === undefined).toBe(valid);
  });

  it('checks enum values and string patterns', () => {
    expect(validateParamValue(def('enum', { values: ['vxlan', 'geneve'] }), 'geneve')).toBeUndefined();
    expect(validateParamValue(def('enum', { values: ['vxlan', 'geneve'] }), 'gre')).toBe(
      'must be one of: vxlan, geneve',
    );
    expect(validateParamValue(def('string', { pattern: /[a-z]+/ }), 'abc1')).toBe('must match [a-z]+');
  });
});
