/**
 * Every runbook of the catalog, in guide order (runbooks/index.ts), against the real cluster of real/ns.sh: first
 * through `runbook run --yes --confirm=<ctx>`, then through its printed script piped to bash. The outcome per step
 * and which parts were real go to the report (build/real-tier-report.md, or $RUNBOOK_REAL_REPORT).
 *
 * A runbook is expected to succeed both ways, except where EXPECTED_STOPS names the step where the real tools stop it
 * here and why (each a fact about this machine or a finding about the runbook, not a tolerance).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import {
  CONTEXT,
  DATAPATH,
  REPO,
  type RunRecord,
  reportLine,
  runViaCli,
  runViaScript,
  STATE,
  sh,
  TOOLS,
} from './harness.js';

if (!STATE) throw new Error('test/real runs inside real/ns.sh (npm run test:real), which sets RUNBOOK_REAL_STATE.');

const hasCiliumCli = fs.existsSync(path.join(TOOLS, 'bin', 'cilium'));

/**
 * Where a runbook stops on the real tools of this machine, and why. `whileText`: the stop is a defect of the runbook's
 * text, expected only while its printed script still contains that text (fixing the runbook ends the expectation).
 * `refusedByRun`: `runbook run` refuses before any step (a required tool is missing), the printed script fails at
 * `step`.
 */
interface Stop {
  readonly step: string;
  readonly why: string;
  readonly whileText?: RegExp;
  readonly refusedByRun?: boolean;
  /** The stand-in gap makes the step wait forever (e.g. an attach nobody answers): end each way after this long. */
  readonly timeoutMs?: number;
}
const EXPECTED_STOPS: Record<string, Stop> = {
  ...(DATAPATH === 'none'
    ? {
        'hubble-cli-install': { step: 'download', why: 'downloads the Hubble CLI from GitHub: no network here' },
        'cilium-cli-install': { step: 'download', why: 'downloads cilium-cli from GitHub: no network here' },
      }
    : {}),
  ...(hasCiliumCli
    ? {}
    : {
        'cilium-inspect': {
          step: 'cilium-status',
          why: 'cilium-cli could not be built here: the Go module proxy refuses github.com/cilium/cilium-cli (403)',
          refusedByRun: true,
        },
        'connectivity-test': {
          step: 'cilium-status',
          why: 'cilium-cli could not be built here (see real/build-tools.sh); it also needs a datapath',
          refusedByRun: true,
        },
      }),
  ...(DATAPATH === 'none'
    ? {
        // Stand-in gaps: what only a real node (a kubelet with containers, a Cilium agent) provides.
        'kpr-rollback': {
          step: 'wait-kube-proxy',
          why:
            'the restored kube-proxy runs as a KWOK fake pod: its log line "Caches are synced … service config", which ' +
            'the step checks before KPR is turned off, comes only from a real kube-proxy on a node',
        },
        'bandwidth-pod-example': {
          step: 'check-limits',
          why: "the pod's CiliumEndpoint (its endpoint ID) is written by the Cilium agent on its node; no agent runs here",
        },
        'netpol-petclinic': {
          step: 'probe-matrix',
          why:
            "the probes run in ephemeral containers (`kubectl debug -i`) of the app pods, which KWOK's fake kubelet " +
            'neither starts nor attaches to (each way is ended after 90 s)',
          timeoutMs: 90_000,
        },
      }
    : {
        'netpol-petclinic': {
          step: 'probe-matrix',
          why:
            'issue 11 item 2, shown by the real BusyBox: `nslookup mysql` queries every search domain and exits 1 on ' +
            'the NXDOMAIN of mysql.svc.cluster.local, so the DNS probe reads CLOSED on a correct cluster',
          whileText: /nslookup mysql >\/dev\/null/,
        },
      }),
};

/** Preconditions a runbook states for the reader's cluster, set up here before it runs (each is a stand-in). */
const PRECONDITIONS: Record<string, { what: string; command: string }> = {
  'prometheus-enable': {
    what: 'the Prometheus Operator ServiceMonitor CRD (stand-in CRD: real/stand-ins/servicemonitor-crd.yaml)',
    command: `kubectl apply -f ${path.join(REPO, 'real/stand-ins/servicemonitor-crd.yaml')}`,
  },
};

/** What the real cluster's objects must say after a runbook (read with the real kubectl). */
const AFTER: Record<string, { command: string; expect: RegExp }[]> = {
  'kpr-enable': [
    {
      command: 'kubectl -n kube-system get cm cilium-config -o jsonpath={.data.kube-proxy-replacement}',
      expect: /^true$/,
    },
    { command: 'kubectl -n kube-system get ds kube-proxy --ignore-not-found -o name', expect: /^$/ },
  ],
  'kpr-rollback': [
    {
      command: 'kubectl -n kube-system get cm cilium-config -o jsonpath={.data.kube-proxy-replacement}',
      expect: /^false$/,
    },
    { command: 'kubectl -n kube-system get ds kube-proxy -o name', expect: /^daemonset.apps\/kube-proxy$/ },
  ],
  'hubble-enable': [
    {
      command: 'kubectl -n kube-system get deploy hubble-relay hubble-ui -o name',
      expect: /hubble-relay\n.*hubble-ui/,
    },
  ],
  'hubble-disable': [
    { command: 'kubectl -n kube-system get deploy hubble-relay hubble-ui --ignore-not-found -o name', expect: /^$/ },
  ],
  'wireguard-enable': [
    { command: 'kubectl -n kube-system get cm cilium-config -o jsonpath={.data.enable-wireguard}', expect: /^true$/ },
  ],
  'wireguard-disable': [
    {
      command: 'kubectl -n kube-system get cm cilium-config -o jsonpath={.data.enable-wireguard}',
      expect: /^(false|)$/,
    },
  ],
  'bandwidth-manager-enable': [
    {
      command: 'kubectl -n kube-system get cm cilium-config -o jsonpath={.data.enable-bandwidth-manager}',
      expect: /^true$/,
    },
  ],
  'bandwidth-manager-disable': [
    {
      command: 'kubectl -n kube-system get cm cilium-config -o jsonpath={.data.enable-bandwidth-manager}',
      expect: /^(false|)$/,
    },
  ],
  'prometheus-enable': [
    { command: 'kubectl -n kube-system get servicemonitor cilium-agent -o name', expect: /cilium-agent/ },
  ],
};

const records: RunRecord[] = [];
const work = path.join(STATE, 'runbooks');

function explain(rec: RunRecord): string {
  const failed = rec.steps.find((s) => s.step === rec.failedStep);
  return `${reportLine(rec)}\n${failed?.output ?? ''}\n${rec.stderr.slice(-3000)}`;
}

describe('every runbook in guide order, against the real control plane', () => {
  for (const rb of catalog.runbooks) {
    it(`${rb.id}: runbook run, then its printed script`, async () => {
      const pre = PRECONDITIONS[rb.id];
      if (pre) expect((await sh(pre.command)).code, pre.what).toBe(0);
      const timeoutMs = EXPECTED_STOPS[rb.id]?.timeoutMs;
      const viaRun = await runViaCli(rb.id, path.join(work, rb.id, 'run'), timeoutMs);
      records.push(viaRun);
      const parts = new Map(viaRun.steps.map((st) => [st.step, st.parts]));
      const viaScript = await runViaScript(rb.id, viaRun.params, path.join(work, rb.id, 'script'), parts, timeoutMs);
      records.push(viaScript);
      const printed = (await sh(`node bin/runbook.js print ${rb.id}`)).stdout;
      const listed = EXPECTED_STOPS[rb.id];
      const stop = listed && (!listed.whileText || listed.whileText.test(printed)) ? listed : undefined;
      if (stop) {
        if (stop.refusedByRun) {
          expect(viaRun.steps, explain(viaRun)).toEqual([]);
          expect(viaRun.stderr, explain(viaRun)).toMatch(/Required tool not found on PATH: cilium\. Nothing was run\./);
        } else expect(viaRun.failedStep, explain(viaRun)).toBe(stop.step);
        expect(viaScript.failedStep, explain(viaScript)).toBe(stop.step);
      } else {
        expect(viaRun.status, explain(viaRun)).toBe('succeeded');
        expect(viaScript.code, explain(viaScript)).toBe(0);
        for (const check of AFTER[rb.id] ?? []) {
          const r = await sh(check.command);
          expect(r.stdout.trim(), `${rb.id}: ${check.command}\n${r.stderr}`).toMatch(check.expect);
        }
      }
    });
  }
});

afterAll(() => {
  const lines = [
    '# Real-tools tier: runbooks against a real control plane',
    '',
    `Context ${CONTEXT}; tools ${TOOLS}. Per step: status (exit code) and which parts ran real.`,
    '',
  ];
  for (const rec of records) {
    lines.push(`## ${reportLine(rec)}`);
    const stop = EXPECTED_STOPS[rec.runbook];
    if (stop) lines.push(`Expected stop at \`${stop.step}\` (while the text has it): ${stop.why}.`);
    if (PRECONDITIONS[rec.runbook]) lines.push(`Precondition set up: ${PRECONDITIONS[rec.runbook]?.what}.`);
    lines.push('', '| step | status | exit | parts |', '| --- | --- | --- | --- |');
    for (const s of rec.steps) lines.push(`| ${s.step} | ${s.status} | ${s.exitCode ?? ''} | ${s.parts} |`);
    lines.push('');
  }
  const file = process.env.RUNBOOK_REAL_REPORT ?? path.join(REPO, 'build', 'real-tier-report.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  fs.writeFileSync(file.replace(/\.md$/, '.json'), JSON.stringify(records, null, 2));
});
