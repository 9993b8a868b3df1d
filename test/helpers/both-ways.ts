/**
 * "A reader's copy stops where `run` stops" (issue 10), as a test helper. One fault is built twice on fresh simulated
 * clusters; one gets `runbook run <id> --yes --confirm=<ctx>` (optionally `--from`/`--only`), the other the copied
 * text: the whole printed script through bash, or one step's block pasted alone into a plain shell (no errexit,
 * as a reader's terminal). Each returns its exit code, the `확인 실패:` line it printed, what it ran and the cluster
 * state afterwards, with volatile fields (times, call logs) removed so the two can be compared with toEqual.
 *
 *   const both = await bothWays('kpr-enable', (s) => { s.faults.agentKprFalse = true; });
 *   expect(both.script.code).not.toBe(0); expect(both.script.state).toEqual(both.run.state);
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { findStep } from '../../src/runbook/catalog.js';
import { CHECK_FAILED } from '../../src/runbook/guards.js';
import { renderScript, renderStep } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';
import { runCli, spawnCollected } from './run-cli.js';
import { CONSENT } from './sim-cli.js';
import { makeSimCluster, type SimCluster, type SimState } from './sim-cluster.js';

export interface WayResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The last `확인 실패: …` line (without the prefix), if a check in the text stopped it. */
  readonly check?: string;
  /** Step ids whose commands the run spawned; for the copied text, the helm/kubectl calls it made. */
  readonly mutations: readonly string[];
  /** The cluster afterwards, volatile fields removed. */
  readonly state: unknown;
  /** The workstation's files afterwards (`$SIM_ROOT`, e.g. `usr/local/bin/cilium`), sorted. */
  readonly workstation: readonly string[];
}

export interface BothWays {
  readonly run: WayResult;
  readonly script: WayResult;
}

type Setup = (state: SimState) => void;
/** Runs on each fresh cluster after `setup`, before the run or the text: e.g. files in its work directory. */
type Prepare = (sim: SimCluster) => void | Promise<void>;

/** Files to put into the cluster's working directory before a way runs (e.g. a backup an earlier run left). */
export type WorkFiles = Readonly<Record<string, string>>;

const VOLATILE = /(^|[A-Z_])(time|updated|created|startedAt|changedAt|At)$|^(flows|calls|hooks|failures|generation)$/i;

/** The state with times, counters and logs removed (they differ between two runs of the same text). */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !VOLATILE.test(key))
        .map(([key, v]) => [key, comparable(v)]),
    );
  }
  return value;
}

function lastCheck(stderr: string): string | undefined {
  const lines = stderr.split('\n').filter((l) => l.startsWith(CHECK_FAILED));
  return lines.at(-1)?.slice(CHECK_FAILED.length);
}

/** Files under the simulated workstation's root (what `install` wrote), relative and sorted. */
export function workstationFiles(sim: SimCluster): string[] {
  const root = sim.env.SIM_ROOT;
  if (!root || !fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** Calls that change the cluster, as "tool verb": what a copy and a run must agree on. */
export function mutationsOf(sim: SimCluster): string[] {
  const changing = /^(upgrade|install|uninstall|delete|apply|create|rollout restart|run|patch|label|annotate|debug)\b/;
  return sim
    .calls()
    .filter((c) => c.tool === 'helm' || c.tool === 'kubectl' || c.tool === 'kubeadm')
    .map((c) => {
      // The namespace of `-n NS` is not the verb (kube-system was dropped by name before namespaces were).
      const args = c.argv.filter(
        (a, i) => !a.startsWith('-') && a !== 'kube-system' && !['-n', '--namespace'].includes(c.argv[i - 1] ?? ''),
      );
      return `${c.tool} ${args.slice(0, 3).join(' ')}`;
    })
    .filter((line) => changing.test(line.split(' ').slice(1).join(' ')) || line.startsWith('kubeadm init'));
}

export function bash(
  sim: SimCluster,
  args: string[],
  input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Plain bash from PATH (the recording one), no errexit unless the text sets it: what a reader's shell does.
  return spawnCollected('bash', ['--noprofile', '--norc', ...args], { env: sim.env, cwd: sim.workDir, input });
}

/** A Prepare that writes `files` into the work directory, then runs `prepare`. */
function withFiles(files?: WorkFiles, prepare?: Prepare): Prepare | undefined {
  if (!files) return prepare;
  return async (sim) => {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(sim.workDir, name), text);
    await prepare?.(sim);
  };
}

/** Fresh simulated clusters for each test, cleaned up after it. Call once at the top of a test file. */
export function bothWaysOn(): {
  bothWays(
    id: string,
    setup: Setup,
    options?: { from?: string; only?: string; prepare?: Prepare; files?: WorkFiles },
  ): Promise<BothWays>;
  /** `extra`: a Prepare hook, or files for the work directory. */
  pastedAlone(id: string, stepId: string, setup: Setup, extra?: Prepare | WorkFiles): Promise<BothWays>;
  fresh(setup: Setup, files?: WorkFiles): Promise<SimCluster>;
} {
  let sims: SimCluster[] = [];
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.cleanup()));
    sims = [];
  });
  const fresh = async (setup: Setup, files: WorkFiles = {}) => {
    const sim = await makeSimCluster();
    sims.push(sim);
    sim.update(setup);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(sim.workDir, name), text);
    return sim;
  };
  const viaRun = async (id: string, setup: Setup, args: string[], prepare?: Prepare): Promise<WayResult> => {
    const sim = await fresh(setup);
    await prepare?.(sim);
    const r = await runCli(['run', id, ...CONSENT, ...args], {
      env: { ...sim.env, RUNBOOK_STATE_DIR: `${sim.dir}/runbook-state` },
      cwd: sim.workDir,
    });
    const check = lastCheck(r.stdout + r.stderr);
    return {
      code: r.code,
      stdout: r.stdout,
      stderr: r.stderr,
      ...(check !== undefined && { check }),
      mutations: mutationsOf(sim),
      state: comparable(sim.state()),
      workstation: workstationFiles(sim),
    };
  };
  const viaText = async (setup: Setup, text: string, args: string[], prepare?: Prepare): Promise<WayResult> => {
    const sim = await fresh(setup);
    await prepare?.(sim);
    const r = await bash(sim, args, text);
    const check = lastCheck(r.stderr);
    return {
      ...r,
      ...(check !== undefined && { check }),
      mutations: mutationsOf(sim),
      state: comparable(sim.state()),
      workstation: workstationFiles(sim),
    };
  };
  return {
    fresh,
    async bothWays(id, setup, options = {}) {
      const rb = catalog.get(id);
      const { values } = resolveParams(rb, {}, { allowExamples: true });
      const selection = [
        ...(options.from ? ['--from', options.from] : []),
        ...(options.only ? ['--only', options.only] : []),
      ];
      const prepare = withFiles(options.files, options.prepare);
      const run = await viaRun(id, setup, selection, prepare);
      // --from/--only: the reader copies those blocks; the whole script otherwise ("스크립트 전체 복사").
      // For a selection, the same blocks as a script (errexit on, as the printed script has it).
      const text =
        selection.length === 0
          ? renderScript(rb, values)
          : 'set -euo pipefail\n' +
            rb.steps
              .slice(options.from ? rb.steps.indexOf(findStep(rb, options.from)) : 0)
              .filter((s) => !options.only || options.only.split(',').includes(s.id))
              .filter((s) => s.runOn === 'workstation')
              .map((s) => renderStep(s, values))
              .join('\n');
      const script = await viaText(setup, text, ['-s'], prepare);
      return { run, script };
    },
    async pastedAlone(id, stepId, setup, extra) {
      const prepare = typeof extra === 'function' ? extra : withFiles(extra);
      const rb = catalog.get(id);
      const { values } = resolveParams(rb, {}, { allowExamples: true });
      const run = await viaRun(id, setup, ['--only', stepId], prepare);
      const script = await viaText(setup, renderStep(findStep(rb, stepId), values), ['-s'], prepare);
      return { run, script };
    },
  };
}
