/**
 * The real-tools tier's harness: runs a runbook of the catalog through `runbook run --yes --confirm=<ctx> --json` and
 * through its printed script (`runbook print` piped to bash) against the real cluster of real/ns.sh, and records per
 * step what happened and which parts were real. Generic over the catalog: it reads ids, steps and commands from
 * the CLI's events and never edits a runbook's text (the script only gets `echo` markers after each step header).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const STATE = process.env.RUNBOOK_REAL_STATE ?? '';
export const TOOLS = process.env.RUNBOOK_REAL_TOOLS ?? '';
/** The kube context: kubeadm's admin context of real/ns.sh's cluster, or (hosted runner) the kind cluster's. */
export const CONTEXT = process.env.RUNBOOK_REAL_CONTEXT ?? 'kubernetes-admin@real-tier';
/** 'none' here (KWOK nodes, stand-ins, no network); 'kind' on the hosted runner (real nodes, real eBPF datapath). */
export const DATAPATH = process.env.RUNBOOK_REAL_DATAPATH ?? 'none';

export interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function sh(
  command: string,
  options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Result> {
  return new Promise((resolve) => {
    // In a process group of its own, so a timeout ends everything it started (the runner's steps included).
    const child = spawn('bash', ['-c', command], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    // SIGTERM first: a runner ends its step's own process group and releases its lock (a SIGKILLed runner leaves
    // the step running, and the next run is rightly refused); whatever is left gets SIGKILL 15 s later.
    const signal = (sig: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, sig);
      } catch {
        child.kill(sig);
      }
    };
    let hard: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      signal('SIGTERM');
      hard = setTimeout(() => signal('SIGKILL'), 15_000);
    }, options.timeoutMs ?? 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (hard) clearTimeout(hard);
      resolve({ code: code ?? 137, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export interface StepRecord {
  readonly step: string;
  readonly status: string;
  readonly exitCode: number | null;
  readonly parts: string;
  readonly output: string;
}

export interface RunRecord {
  readonly runbook: string;
  readonly via: 'run' | 'script';
  readonly code: number;
  readonly status: string;
  readonly failedStep?: string;
  readonly steps: readonly StepRecord[];
  readonly params: Readonly<Record<string, string>>;
  readonly stdout: string;
  readonly stderr: string;
}

/** Which parts of a step ran real, from its command text (what a reader would run). */
export function partsOf(command: string, runOn: string): string {
  if (runOn === 'node')
    return 'not run: a node step (no node here; the CLI asks for it, the script has it as a comment)';
  const parts = new Set<string>();
  for (const m of command.matchAll(/\bkubectl\b[^\n]*\bexec\s+("?[\w$/.-]+"?)/g)) {
    parts.add(
      /cilium|agent/.test(m[1] ?? '')
        ? 'agent command in pod: stand-in (real/stand-ins/agent.mjs via KWOK exec)'
        : 'app pod command: curl/wget/nc stand-in with src/policy (L7) verdict via KWOK exec',
    );
  }
  if (/\bkubectl\b[^\n]*\brun\b[^\n]*--restart=Never/.test(command))
    parts.add('one-shot pod: BusyBox real, nc/wget stand-in with src/policy verdict');
  if (/\bcurl\b[^\n]*https:\/\/(github|raw\.githubusercontent)/.test(command))
    parts.add('GitHub download: no network here');
  if (/(^|[\s;(])cilium (status|connectivity|version)/m.test(command)) parts.add('cilium-cli');
  if (/\bkubectl\b[^\n]*\blogs\b/.test(command)) parts.add('agent log: stand-in file through KWOK');
  const real = ['kubectl', 'helm', 'kubeadm'].filter((t) => new RegExp(`(^|[\\s;(|$])${t}\\s`, 'm').test(command));
  if (real.length > 0) parts.add(`real ${real.join('/')} → real API server`);
  return [...parts].join('; ') || 'real shell';
}

interface RunEventLine {
  kind: string;
  step?: string;
  status?: string;
  reason?: string;
  exitCode?: number | null;
  failed?: string;
  params?: Record<string, string>;
  stream?: string;
  text?: string;
  command?: string;
  runOn?: string;
}

export async function runViaCli(id: string, workDir: string, timeoutMs?: number): Promise<RunRecord> {
  fs.mkdirSync(workDir, { recursive: true });
  const r = await sh(
    `node ${path.join(REPO, 'bin/runbook.js')} run ${id} --yes --confirm=${CONTEXT} --context ${CONTEXT} --json`,
    { cwd: workDir, ...(timeoutMs !== undefined && { timeoutMs }) },
  );
  const events = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as RunEventLine);
  const steps: StepRecord[] = [];
  const output = new Map<string, string>();
  const started = new Map<string, RunEventLine>();
  let params: Record<string, string> = {};
  let status = 'unknown';
  let failedStep: string | undefined;
  for (const e of events) {
    if (e.kind === 'run-started') params = e.params ?? {};
    if (e.kind === 'step-started' && e.step) started.set(e.step, e);
    if (e.kind === 'step-output' && e.step) output.set(e.step, (output.get(e.step) ?? '') + (e.text ?? ''));
    if (e.kind === 'step-skipped' && e.step) {
      const s = started.get(e.step);
      steps.push({
        step: e.step,
        status: `skipped (${e.reason ?? ''})`,
        exitCode: null,
        parts: partsOf(s?.command ?? '', e.reason === 'node-step-acknowledged' ? 'node' : (s?.runOn ?? 'workstation')),
        output: '',
      });
    }
    if (e.kind === 'step-finished' && e.step) {
      const s = started.get(e.step);
      steps.push({
        step: e.step,
        status: e.status ?? '?',
        exitCode: e.exitCode ?? null,
        parts: partsOf(s?.command ?? '', s?.runOn ?? 'workstation'),
        output: output.get(e.step) ?? '',
      });
    }
    if (e.kind === 'run-finished') {
      status = e.status ?? 'unknown';
      failedStep = e.failed;
    }
  }
  if (status === 'unknown' && /Nothing was run\./.test(r.stderr)) status = 'refused (nothing run)';
  // Ended by the harness's timeout without a report: the step that started and never finished is where it stopped.
  if (status === 'unknown' && r.code !== 0) {
    status = 'timed out (harness)';
    failedStep = [...started.keys()].filter((s) => !steps.some((st) => st.step === s)).at(-1);
  }
  return {
    runbook: id,
    via: 'run',
    code: r.code,
    status,
    failedStep,
    steps,
    params,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

/** `runbook print` with the params the CLI detected, with a marker echoed after each step header, piped to bash. */
export async function runViaScript(
  id: string,
  params: Readonly<Record<string, string>>,
  workDir: string,
  partsByStep: ReadonlyMap<string, string> = new Map(),
  timeoutMs?: number,
): Promise<RunRecord> {
  fs.mkdirSync(workDir, { recursive: true });
  const args = Object.entries(params)
    .map(([k, v]) => `--param '${k}=${v.replaceAll("'", `'\\''`)}'`)
    .join(' ');
  const printed = await sh(`node ${path.join(REPO, 'bin/runbook.js')} print ${id} ${args}`);
  if (printed.code !== 0) {
    return {
      runbook: id,
      via: 'script',
      code: printed.code,
      status: 'print failed',
      steps: [],
      params,
      stdout: printed.stdout,
      stderr: printed.stderr,
    };
  }
  const marked = printed.stdout.replace(
    /^# \[(\d+)\/(\d+)\] ([\w-]+): .*$/gm,
    (line, _i, _n, step) => `${line}\necho "##step ${step}" >&2`,
  );
  const r = await sh('bash -s', { cwd: workDir, input: marked, ...(timeoutMs !== undefined && { timeoutMs }) });
  const reached = [...r.stderr.matchAll(/^##step ([\w-]+)$/gm)].map((m) => m[1] ?? '');
  const failedStep = r.code === 0 ? undefined : reached.at(-1);
  const steps = reached.map((step) => ({
    step,
    status: step === failedStep ? 'failed' : 'ok',
    exitCode: step === failedStep ? r.code : 0,
    parts: partsByStep.get(step) ?? '',
    output: '',
  }));
  return {
    runbook: id,
    via: 'script',
    code: r.code,
    status: r.code === 0 ? 'succeeded' : 'failed',
    failedStep,
    steps,
    params,
    stdout: r.stdout,
    stderr: r.stderr,
  };
}

export function reportLine(rec: RunRecord): string {
  const failed = rec.steps.find((s) => s.step === rec.failedStep);
  return `${rec.runbook} (${rec.via}): ${rec.status}${rec.failedStep ? ` at ${rec.failedStep} (exit ${failed?.exitCode ?? rec.code})` : ''}`;
}
