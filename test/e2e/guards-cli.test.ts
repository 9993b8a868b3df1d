/**
 * Issue 10 for the cilium CLI, connectivity, inspection and troubleshooting runbooks (connectivity-test,
 * cilium-inspect, status, diagnose-pod-connectivity, diagnose-policy, cilium-cli-install, hubble-cli-install): under
 * each fault a guard exists for, `run` and the copied text (the whole script, `--from`/`--only` blocks, one block
 * pasted alone) stop at the same check with the same cluster (and workstation) state; after a successful run,
 * running again changes nothing. Also the new-text side of issue 11 items 1 and 5: the cilium status check holds on
 * the real tool's output shape (colours, redraws) and the cleanup leaves no cilium-test-ccnp namespace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { renderScript } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';
import { type BothWays, bash, bothWaysOn, comparable, mutationsOf, workstationFiles } from '../helpers/both-ways.js';
import { runCli } from '../helpers/run-cli.js';
import { CONSENT } from '../helpers/sim-cli.js';
import type { SimCluster, SimState } from '../helpers/sim-cluster.js';
import { SIM_CILIUM_CLI_VERSION, serveTarball } from '../helpers/sim-downloads.js';
import { SIM_HUBBLE_VERSION } from '../helpers/sim-hubble.js';

const { bothWays, pastedAlone, fresh } = bothWaysOn();
const T = 120_000;

/** Both ways stopped, at the same check, with the same cluster and workstation. */
function sameStop(both: BothWays, message: string): void {
  const { run, script } = both;
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
  expect(script.code, `${script.stdout}\n${script.stderr}`).not.toBe(0);
  expect(run.check).toContain(message);
  expect(script.check).toBe(run.check);
  expect(script.state).toEqual(run.state);
  expect(script.mutations).toEqual(run.mutations);
  expect(script.workstation).toEqual(run.workstation);
}

const namespaces = (state: unknown) =>
  ((state as SimState).objects?.namespaces ?? []).map((n) => n.name).filter((n) => n.startsWith('cilium-test'));

// ---- faults ---------------------------------------------------------------------------------------------------

const ciliumNotOk = (s: SimState) => {
  s.faults = { ...s.faults, ciliumStatus: { errors: ['controller sync-to-k8s-ciliumendpoint is failing'] } };
};
const testFails = (s: SimState) => {
  s.faults = { ...s.faults, connectivityFailures: ['client-egress'] };
};
/** What a failed test leaves behind (cilium-cli >= 0.18.9): the three namespaces. */
const leftBehind = (s: SimState) => {
  s.objects ??= { namespaces: [], deployments: [], services: [], policies: [] };
  for (const name of ['cilium-test-1', 'cilium-test-ccnp1', 'cilium-test-ccnp2'])
    s.objects.namespaces.push({
      name,
      labels: { 'app.kubernetes.io/name': 'cilium-cli' },
      created: '2026-12-06T00:00:00Z',
    });
};
/** The `was` pod runs on a node without a Cilium agent (e.g. a node the agent DaemonSet does not select). */
const noAgentOnNode = (s: SimState) => {
  const was = s.objects?.deployments.find((d) => d.namespace === 'petclinic' && d.name === 'was');
  const pod = was?.pods[0];
  if (pod) pod.node = 'k8s-gpu1';
};

const CILIUM_ASSET = `https://github.com/cilium/cilium-cli/releases/download/${SIM_CILIUM_CLI_VERSION}/cilium-linux-amd64.tar.gz`;
const HUBBLE_ASSET = `https://github.com/cilium/hubble/releases/download/${SIM_HUBBLE_VERSION}/hubble-linux-amd64.tar.gz`;
const downloads = (sim: SimCluster) => sim.env.SIM_DOWNLOADS_DIR ?? '';
/** The release asset is not the file its .sha256sum was made from (a cut download, a changed file). */
const corrupt = (url: string) => (sim: SimCluster) => {
  fs.writeFileSync(path.join(downloads(sim), new URL(url).hostname, new URL(url).pathname), 'not the release\n');
};
/**
 * A release of another architecture: an ELF header for 64-bit ARM-32 machine code (e_machine 0x28), which no kernel
 * runs as 64-bit, so bash answers "cannot execute binary file: Exec format error" (exit 126). Its checksum matches.
 */
const ELF_OTHER_ARCH = `\x7fELF\x02\x01\x01${'\0'.repeat(9)}\x02\x00\x28\x00\x01${'\0'.repeat(47)}`;
const wrongArch = (url: string, file: string) => (sim: SimCluster) => {
  serveTarball(downloads(sim), url, { [file]: ELF_OTHER_ARCH });
};

// ---- runs twice -----------------------------------------------------------------------------------------------

interface Rerun {
  readonly first: { code: number | null; out: string };
  readonly second: { code: number | null; out: string };
  /** Changing calls the second run made. */
  readonly mutations: readonly string[];
  readonly before: unknown;
  readonly after: unknown;
  readonly filesBefore: readonly string[];
  readonly filesAfter: readonly string[];
}

/** Runs `run <id>` twice on one cluster and the printed script twice on another. */
async function twice(id: string, setup: (s: SimState) => void = () => {}): Promise<{ run: Rerun; script: Rerun }> {
  const rb = catalog.get(id);
  const { values } = resolveParams(rb, {}, { allowExamples: true });
  const text = renderScript(rb, values);
  const way = async (once: (sim: SimCluster) => Promise<{ code: number | null; out: string }>): Promise<Rerun> => {
    const sim = await fresh(setup);
    const first = await once(sim);
    const n = mutationsOf(sim).length;
    const before = comparable(sim.state());
    const filesBefore = workstationFiles(sim);
    const second = await once(sim);
    return {
      first,
      second,
      mutations: mutationsOf(sim).slice(n),
      before,
      after: comparable(sim.state()),
      filesBefore,
      filesAfter: workstationFiles(sim),
    };
  };
  const run = await way(async (sim) => {
    const r = await runCli(['run', id, ...CONSENT], {
      env: { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/runbook-state` },
      cwd: sim.workDir,
    });
    return { code: r.code, out: `${r.stdout}\n${r.stderr}` };
  });
  const script = await way(async (sim) => {
    const r = await bash(sim, ['-s'], text);
    return { code: r.code, out: `${r.stdout}\n${r.stderr}` };
  });
  return { run, script };
}

function changesNothing(r: Rerun, allowed: RegExp = /^$/): void {
  expect(r.first.code, r.first.out).toBe(0);
  expect(r.second.code, r.second.out).toBe(0);
  expect(r.mutations.filter((m) => !allowed.test(m))).toEqual([]);
  expect(r.after).toEqual(r.before);
  expect(r.filesAfter).toEqual(r.filesBefore);
}

// ---- cilium status (connectivity-test, cilium-inspect) ----------------------------------------------------------

describe('cilium status is not OK', () => {
  const NOT_READY = 'Cilium이 준비되지 않았습니다';

  it(
    'connectivity-test: run and the whole script stop at the status check; no test namespace is created',
    async () => {
      const both = await bothWays('connectivity-test', ciliumNotOk);
      sameStop(both, NOT_READY);
      expect(both.run.stdout).toContain('cilium-status');
      expect(namespaces(both.run.state)).toEqual([]);
      // cilium-cli's own report of why (the last status on stderr) is what the reader sees above the message.
      expect(both.script.stderr).toContain('controller sync-to-k8s-ciliumendpoint is failing');
    },
    T,
  );

  it(
    'connectivity-test --from connectivity-test: the test step re-checks readiness itself',
    async () => {
      const both = await bothWays('connectivity-test', ciliumNotOk, { from: 'connectivity-test' });
      sameStop(both, '설치 문제를 먼저 해결해야 연결성 테스트 결과를 믿을 수 있으므로 멈춥니다');
      expect(namespaces(both.run.state)).toEqual([]);
    },
    T,
  );

  it(
    'connectivity-test: the test block pasted alone stops at the same check',
    async () => {
      const both = await pastedAlone('connectivity-test', 'connectivity-test', ciliumNotOk);
      sameStop(both, '설치 문제를 먼저 해결해야');
      expect(namespaces(both.script.state)).toEqual([]);
    },
    T,
  );

  it(
    'cilium-inspect: run and the whole script stop at the status check',
    async () => {
      sameStop(await bothWays('cilium-inspect', ciliumNotOk), NOT_READY);
    },
    T,
  );

  it(
    'cilium-inspect: the status block pasted alone stops too (warnings count: --wait waits for none)',
    async () => {
      const both = await pastedAlone('cilium-inspect', 'cilium-status', (s) => {
        s.faults = { ...s.faults, ciliumStatus: { warnings: ['Hubble: Server not initialized'] } };
      });
      sameStop(both, NOT_READY);
    },
    T,
  );
});

describe('issue 11 item 1: the status check holds on the real output shape', () => {
  it(
    'a healthy cluster passes although the summary is coloured, and while agents roll out --wait waits',
    async () => {
      const sim = await fresh((s) => {
        s.agent.rollingOut = true;
      });
      const r = await runCli(['run', 'cilium-inspect', '--yes', '--only', 'cilium-status'], {
        env: { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/runbook-state` },
        cwd: sim.workDir,
      });
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      // What cilium-cli really prints: ANSI colours always, so no pattern on the text could be trusted…
      expect(r.stdout).toContain('Cilium:             \x1b[32mOK\x1b[0m');
      // …and with --interactive=false no redrawn frames.
      expect(r.stdout).not.toContain('\x1b[A');
      const call = sim.calls().find((c) => c.tool === 'cilium');
      expect(call?.argv).toEqual(['status', '--wait', '--interactive=false']);
    },
    T,
  );
});

// ---- connectivity test fails ------------------------------------------------------------------------------------

describe('the connectivity test does not report success', () => {
  it(
    'run and the whole script stop at the test check and keep cilium-test-1 (the evidence)',
    async () => {
      const both = await bothWays('connectivity-test', testFails);
      sameStop(both, '연결성 테스트가 성공을 보고하지 않았습니다');
      for (const way of [both.run, both.script]) {
        expect(namespaces(way.state)).toEqual(['cilium-test-1', 'cilium-test-ccnp1', 'cilium-test-ccnp2']);
        expect(way.mutations.join('\n')).not.toMatch(/delete/);
      }
    },
    T,
  );

  const failedLog = (sim: SimCluster) => {
    fs.writeFileSync(
      path.join(sim.workDir, 'cilium-connectivity-test.log'),
      '❌ 1/32 tests failed (1/200 actions), 1 tests skipped, 0 scenarios skipped:\nTest [client-egress]:\n',
    );
  };

  it(
    '--from cleanup-test-namespaces after a failed test: the cleanup re-checks the log and deletes nothing',
    async () => {
      const both = await bothWays('connectivity-test', leftBehind, {
        from: 'cleanup-test-namespaces',
        prepare: failedLog,
      });
      sameStop(both, '실패의 흔적인 시험용 네임스페이스를 지우지 않고 멈춥니다');
      expect(namespaces(both.run.state)).toEqual(['cilium-test-1', 'cilium-test-ccnp1', 'cilium-test-ccnp2']);
      expect(both.run.mutations).toEqual([]);
    },
    T,
  );

  it(
    'the cleanup block pasted alone, with no log of a success here, deletes nothing',
    async () => {
      const both = await pastedAlone('connectivity-test', 'cleanup-test-namespaces', leftBehind);
      sameStop(both, 'cilium-connectivity-test.log가 없습니다');
      expect(namespaces(both.script.state)).toEqual(['cilium-test-1', 'cilium-test-ccnp1', 'cilium-test-ccnp2']);
    },
    T,
  );
});

// ---- diagnose: no agent on the pod's node -----------------------------------------------------------------------

describe("no Cilium agent on the pod's node", () => {
  const NO_AGENT = '그 노드에서 Cilium 에이전트 파드를 찾지 못했습니다';

  it(
    'diagnose-pod-connectivity: run and the whole script stop at locate-pod; no folder is written',
    async () => {
      const both = await bothWays('diagnose-pod-connectivity', noAgentOnNode);
      sameStop(both, NO_AGENT);
      expect(both.run.stdout).toContain('노드: k8s-gpu1');
    },
    T,
  );

  it(
    'diagnose-policy: run and the whole script stop at locate-pod',
    async () => {
      sameStop(await bothWays('diagnose-policy', noAgentOnNode), NO_AGENT);
    },
    T,
  );

  it(
    'diagnose-policy --from collect: collect re-checks the agent itself',
    async () => {
      sameStop(
        await bothWays('diagnose-policy', noAgentOnNode, { from: 'collect' }),
        '그 노드에 Cilium 에이전트 파드가 없습니다',
      );
    },
    T,
  );

  it(
    'diagnose-pod-connectivity: the collect block pasted alone stops and collects nothing',
    async () => {
      const both = await pastedAlone('diagnose-pod-connectivity', 'collect', noAgentOnNode);
      sameStop(both, '그 노드에 Cilium 에이전트 파드가 없습니다');
      expect(both.script.stdout).not.toContain('수집 폴더');
    },
    T,
  );
});

// ---- CLI installs -----------------------------------------------------------------------------------------------

describe('cilium-cli-install and hubble-cli-install', () => {
  const CHECKSUM = '내려받은 파일이 없거나 체크섬이 다릅니다';
  const NOT_RUNNABLE = '이 컴퓨터에서 실행되지 않거나';
  const none = () => {};

  it(
    'cilium: a download that does not match its checksum stops at verify-checksum; nothing is installed',
    async () => {
      const both = await bothWays('cilium-cli-install', none, { prepare: corrupt(CILIUM_ASSET) });
      sameStop(both, CHECKSUM);
      expect(both.run.stdout).toContain('cilium-cli-install stopped: step verify-checksum failed.');
      expect(both.run.workstation).toEqual([]);
    },
    T,
  );

  it(
    'cilium: --from install-binary with a corrupted download re-checks the checksum and installs nothing',
    async () => {
      const stage = async (sim: SimCluster) => {
        corrupt(CILIUM_ASSET)(sim);
        const dir = path.join(sim.workDir, 'cilium-cli-download');
        fs.mkdirSync(dir);
        const src = path.join(downloads(sim), 'github.com', new URL(CILIUM_ASSET).pathname);
        fs.copyFileSync(src, path.join(dir, 'cilium-linux-amd64.tar.gz'));
        fs.copyFileSync(`${src}.sha256sum`, path.join(dir, 'cilium-linux-amd64.tar.gz.sha256sum'));
        fs.writeFileSync(path.join(dir, 'cilium'), '#!/bin/sh\necho "cilium-cli: v0.18.9 (a file nobody checked)"\n', {
          mode: 0o755,
        });
      };
      const both = await bothWays('cilium-cli-install', none, { from: 'install-binary', prepare: stage });
      sameStop(both, CHECKSUM);
      expect(both.run.workstation).toEqual([]);
    },
    T,
  );

  it(
    'cilium: the install block pasted alone without a checked download installs nothing',
    async () => {
      const both = await pastedAlone('cilium-cli-install', 'install-binary', none);
      sameStop(both, CHECKSUM);
      expect(both.script.workstation).toEqual([]);
    },
    T,
  );

  it(
    'cilium: a release of another architecture (checksum fine) stops before install',
    async () => {
      const both = await bothWays('cilium-cli-install', none, { prepare: wrongArch(CILIUM_ASSET, 'cilium') });
      sameStop(both, NOT_RUNNABLE);
      expect(both.script.stderr).toMatch(/cannot execute binary file/);
      expect(both.run.workstation).toEqual([]);
    },
    T,
  );

  it(
    'hubble: a release of another architecture (checksum fine) stops before install',
    async () => {
      const both = await bothWays('hubble-cli-install', none, { prepare: wrongArch(HUBBLE_ASSET, 'hubble') });
      sameStop(both, NOT_RUNNABLE);
      expect(both.run.workstation).toEqual([]);
    },
    T,
  );

  it(
    'hubble: a corrupted download stops at verify-checksum; nothing is installed',
    async () => {
      const both = await bothWays('hubble-cli-install', none, { prepare: corrupt(HUBBLE_ASSET) });
      sameStop(both, CHECKSUM);
      expect(both.script.workstation).toEqual([]);
    },
    T,
  );

  it(
    'hubble: a `hubble` already in the current directory is neither overwritten nor removed',
    async () => {
      const mine = (sim: SimCluster) => {
        fs.writeFileSync(path.join(sim.workDir, 'hubble'), 'my notes\n');
      };
      const both = await bothWays('hubble-cli-install', none, { prepare: mine });
      expect(both.run.code, both.run.stderr).toBe(0);
      expect(both.script.code, both.script.stderr).toBe(0);
      expect(both.run.workstation).toEqual(['usr/local/bin/hubble']);
      expect(both.script.workstation).toEqual(both.run.workstation);
    },
    T,
  );
});

// ---- status: the chart this guide is written for ----------------------------------------------------------------

describe('status on a cluster whose chart is not cilium-1.18.4', () => {
  it(
    'run and the whole script stop at the chart check, and so does the block pasted alone',
    async () => {
      const chart1176 = (s: SimState) => {
        if (s.helm.release) Object.assign(s.helm.release, { chart: 'cilium-1.17.6', appVersion: '1.17.6' });
      };
      sameStop(await bothWays('status', chart1176), '차트가 cilium-1.18.4가 아닙니다');
      sameStop(await pastedAlone('status', 'cilium-release', chart1176), '차트가 cilium-1.18.4가 아닙니다');
    },
    T,
  );
});

// ---- rerun after success ----------------------------------------------------------------------------------------

describe('after a successful run, running again changes nothing', () => {
  it(
    'connectivity-test: the second run tests again and removes its namespaces again; nothing else changes',
    async () => {
      const { run, script } = await twice('connectivity-test');
      for (const r of [run, script]) {
        // The test itself is the point of a rerun: it creates its namespaces and the cleanup deletes them again.
        changesNothing(r, /^kubectl delete namespace\/cilium-test/);
        expect(namespaces(r.after)).toEqual([]);
        expect(r.mutations.join('\n')).not.toMatch(/helm|apply|rollout/);
      }
    },
    T,
  );

  it(
    'cilium-inspect, status: read only',
    async () => {
      for (const id of ['cilium-inspect', 'status']) {
        const { run, script } = await twice(id);
        changesNothing(run);
        changesNothing(script);
      }
    },
    T,
  );

  it(
    'diagnose-pod-connectivity, diagnose-policy: nothing in the cluster',
    async () => {
      for (const id of ['diagnose-pod-connectivity', 'diagnose-policy']) {
        const { run, script } = await twice(id);
        changesNothing(run);
        changesNothing(script);
      }
    },
    T,
  );

  it(
    'cilium-cli-install, hubble-cli-install: the same file installed, no cluster call',
    async () => {
      for (const id of ['cilium-cli-install', 'hubble-cli-install']) {
        const { run, script } = await twice(id);
        changesNothing(run);
        changesNothing(script);
        expect(run.filesAfter).toEqual([`usr/local/bin/${id.replace('-cli-install', '')}`]);
      }
    },
    T,
  );
});
