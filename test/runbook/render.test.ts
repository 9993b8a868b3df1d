import { describe, expect, it } from 'vitest';
import { renderScript, renderStep } from '../../src/runbook/render.js';
import { parseRunbook } from '../../src/runbook/schema.js';
import { sh } from '../../src/runbook/template.js';
import { resolveParams } from '../../src/runbook/values.js';

const rb = parseRunbook({
  id: 'demo',
  title: '데모',
  summary: '요약입니다.',
  ciliumVersion: '1.18.4',
  requires: [],
  params: { host: { type: 'host', label: '주소', description: '설명', example: '10.0.0.1' } },
  rollback: undefined,
  steps: [
    { id: 'look', title: '보기', explanation: '설명', risk: 'read', command: () => sh`kubectl get nodes` },
    {
      id: 'node-step',
      title: '노드 작업',
      explanation: '설명',
      risk: 'change',
      runOn: 'each-node',
      command: () => sh`
        iptables-save |
          grep -v KUBE
      `,
    },
  ],
  verify: [
    {
      id: 'ping',
      title: '확인',
      explanation: '설명',
      risk: 'read',
      command: ({ host }: { host: never }) => sh`ping -c1 ${host} # '한글'`,
    },
  ],
});

describe('renderer', () => {
  it('renders the whole script exactly, node steps commented out, one trailing newline', () => {
    const { values } = resolveParams(rb, {}, { allowExamples: true });
    expect(renderScript(rb, values)).toBe(
      [
        '#!/usr/bin/env bash',
        '# demo: 데모 (Cilium 1.18.4)',
        '# npx runbook print demo --param host=10.0.0.1',
        '# 이 스크립트는 확인 없이 끝까지 실행됩니다. 단계별 확인과 검증은: npx runbook run demo',
        'set -euo pipefail',
        '',
        '# [1/3] look: 보기 (read)',
        'kubectl get nodes',
        '',
        '# [2/3] node-step: 노드 작업 (change, 각 노드에서 root로 직접 실행)',
        '# iptables-save |',
        '#   grep -v KUBE',
        '',
        '# [3/3] ping: 확인 (read)',
        "ping -c1 10.0.0.1 # '한글'",
        '',
      ].join('\n'),
    );
  });

  it('renders a step without a trailing newline and quotes values', () => {
    const step = rb.steps[2];
    if (!step) throw new Error('missing step');
    expect(renderStep(step, { host: 'fd00::1' })).toBe("ping -c1 fd00::1 # '한글'");
  });

  it('rejects an invalid value before rendering', () => {
    expect(() => resolveParams(rb, { host: '1.2.3.4; touch /tmp/x' }, { allowExamples: true })).toThrow(
      'The value "1.2.3.4; touch /tmp/x" for parameter "host" of demo must be an IPv4 or IPv6 address',
    );
  });
});
