/**
 * Commands the seed used that do not exist or do not work in Cilium 1.18.4 (shared/research/cilium-1.18-corrections.md)
 * must not come back: not in any rendered runbook (every step, probe and undo command, and the detectors), and not in
 * the text of any page. A page may quote the seed's wrong command inside a `<Correction>` callout, which exists to say
 * what was wrong; everything outside the callouts is checked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { renderCommand, renderScript } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';

interface Rule {
  readonly name: string;
  readonly pattern: RegExp;
  /** Correction row(s) that explain the rule. */
  readonly rows: string;
}

const RULES: readonly Rule[] = [
  {
    name: 'in-pod `cilium …` where `cilium-dbg` is meant (`exec … -- cilium …`)',
    pattern: /\bexec\b[^\n]*?\s--\s+(?:timeout\s+\S+\s+)?cilium\s/,
    rows: '1, 8, 58–61',
  },
  { name: '`cilium hubble observe` (not a cilium-cli command)', pattern: /\bcilium\s+hubble\s+observe\b/, rows: '43' },
  {
    name: '`cilium service list` / `cilium identity list` (cilium-dbg commands, not cilium-cli)',
    pattern: /(?:^|[^\w-])cilium\s+(?:service|identity)\s+list\b/m,
    rows: '44, 45, 62',
  },
  { name: '`policy trace` (removed from the agent CLI)', pattern: /\bpolicy\s+trace\b/, rows: '63' },
  { name: '`--node-to-node` (no such flag)', pattern: /--node-to-node\b/, rows: '41' },
  {
    name: '`cilium_policy_l7_parse_errors_total` (removed in 1.15)',
    pattern: /cilium_policy_l7_parse_errors_total/,
    rows: '56',
  },
  {
    name: 'the kube-proxy addon URL on kubernetes/kubernetes master (no such file)',
    pattern: /kubernetes\/kubernetes\/master\/cluster\/addons\/kube-proxy/,
    rows: '64',
  },
  { name: '`hubble/master/stable.txt` (the branch is main)', pattern: /hubble\/master\/stable\.txt/, rows: '22' },
  { name: '`-it` / `-ti` (needs a TTY)', pattern: /(?:^|\s)-(?:it|ti)(?=\s|$)/m, rows: '1, 19' },
];

/** Shell text with `\` line continuations joined, so a rule sees a command on one line. */
const joined = (text: string) => text.replace(/\\\n\s*/g, ' ');

function violations(text: string): string[] {
  const lines = joined(text).split('\n');
  return RULES.flatMap((rule) =>
    lines.filter((line) => rule.pattern.test(line)).map((line) => `${rule.name} [rows ${rule.rows}]: ${line.trim()}`),
  );
}

/** Every command a runbook can spawn or show: the script (checks included), skip probes, undo commands, detectors. */
function runbookTexts(): { where: string; text: string }[] {
  return catalog.runbooks.flatMap((rb) => {
    const values = resolveParams(rb, {}, { allowExamples: true }).values;
    const extra = rb.steps.flatMap((s) => [
      ...(s.skipProbe ? [{ where: `${rb.id}#${s.id} probe`, text: renderCommand(s.skipProbe, values) }] : []),
      ...(s.undo ? [{ where: `${rb.id}#${s.id} undo`, text: renderCommand(s.undo, values) }] : []),
    ]);
    const detectors = Object.entries(rb.params).flatMap(([name, p]) =>
      p.detect ? [{ where: `${rb.id} param ${name} detector`, text: renderCommand(p.detect.command, {}) }] : [],
    );
    return [{ where: `${rb.id} (runbook print)`, text: renderScript(rb, values) }, ...extra, ...detectors];
  });
}

const DOCS = fileURLToPath(new URL('../../src/content/docs/', import.meta.url));

/** The page text outside `<Correction>…</Correction>` callouts. */
function outsideCorrections(mdx: string): string {
  return mdx.replace(/<Correction\b[\s\S]*?<\/Correction>/g, '');
}

const pages = fs
  .readdirSync(DOCS)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(DOCS, f), 'utf8') }));

describe('the rules recognise what the seed got wrong', () => {
  const seed = fs.readFileSync(new URL('../fixtures/policy/petclinic-seed.yaml', import.meta.url), 'utf8');
  // The seed's wrong commands, as it wrote them (shared/seed/000_4852b897d2bfcc67.txt).
  const seedCommands = [
    'kubectl -n kube-system exec -it $(kubectl get pods -n kube-system -l k8s-app=cilium -o name | head -1) -- cilium status',
    'cilium hubble observe --pod my-pod --follow',
    'cilium service list',
    'cilium identity list',
    'kubectl -n kube-system exec -it $(kubectl get pods -n kube-system -l k8s-app=cilium -o name | head -1) -- cilium policy trace -s <source-id> -d <dest-id>',
    'cilium connectivity test --node-to-node',
    '- `cilium_policy_l7_parse_errors_total`: L7 파싱 에러',
    'kubectl apply -f https://raw.githubusercontent.com/kubernetes/kubernetes/master/cluster/addons/kube-proxy/kube-proxy.yaml',
    'HUBBLE_VERSION=$(curl -s https://raw.githubusercontent.com/cilium/hubble/master/stable.txt)',
    'kubectl run -it --rm debug --image=busybox -- wget -O- test',
  ];

  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    expect(seedCommands.some((c) => rule.pattern.test(c))).toBe(true);
  });

  it('and accept the corrected forms', () => {
    const corrected = [
      'kubectl -n kube-system exec ds/cilium -- cilium-dbg status',
      'kubectl -n kube-system exec $agent -c cilium-agent -- timeout 10 cilium-dbg monitor --type drop',
      'kubectl -n kube-system exec ds/cilium -- cilium-dbg service list',
      'kubectl -n kube-system exec ds/cilium -- hubble observe --pod petclinic/was --last 20',
      'hubble observe -P --verdict DROPPED --last 20',
      'cilium connectivity test --test /pod-to-pod',
      'curl -fsSL https://raw.githubusercontent.com/cilium/hubble/main/stable.txt',
      'kubectl run np-probe-web --rm -i --restart=Never --image=busybox:1.36 -- nc -z -w 3 was 8080',
      seed,
    ];
    expect(corrected.flatMap(violations)).toEqual([]);
  });
});

describe('no forbidden command in any rendered runbook', () => {
  it.each(runbookTexts().map((t) => [t.where, t.text] as const))('%s', (_where, text) => {
    expect(violations(text)).toEqual([]);
  });
});

describe('no forbidden command in the page text (outside <Correction> callouts)', () => {
  it('finds the pages', () => {
    expect(pages.map((p) => p.file)).toEqual(
      expect.arrayContaining(['network-policy.mdx', 'cilium-cli.mdx', 'troubleshooting.mdx', 'service-mesh.mdx']),
    );
  });

  it.each(pages.map((p) => [p.file, p.text] as const))('%s', (_file, text) => {
    expect(violations(outsideCorrections(text))).toEqual([]);
  });
});
