/**
 * Policy of the executor on fakes: risk-tiered consent, skip probes, judging by exit status, guards and stopping. Real processes are
 * covered by the simulated-cluster tests.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import type { RunEvent } from '../../src/runner/events.js';
import type { RunPorts, RunRequest } from '../../src/runner/execute.js';
import { executeRun } from '../../src/runner/execute.js';
import { selectSteps } from '../../src/runner/plan.js';
import type { SpawnRequest } from '../../src/runner/ports.js';
import { FakePrompter, SpyProcessRunner } from '../helpers/fakes.js';

const rb = catalog.get('kpr-enable');
const values = { apiServerHost: '192.168.1.187', apiServerPort: '6443' };
const CONTEXT = 'sim-admin@sim';
const ALL = rb.steps.filter((s) => s.runOn === 'workstation').map((s) => s.id);

function request(overrides: Partial<RunRequest> = {}): RunRequest {
  return {
    runbook: rb,
    values,
    shownValues: values,
    steps: rb.steps,
    target: { context: CONTEXT, cluster: 'sim', server: 'https://192.168.1.187:6443', nodes: 3 },
    env: {},
    cwd: '/tmp',
    yes: false,
    canPrompt: true,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Probes say "not done" before a change and "done" after it; checks get the output they look for. */
function healthyCluster() {
  const changed = new Set<string>();
  return (r: SpawnRequest) => {
    if (r.role === 'probe') return { exitCode: changed.has(r.stepId) ? 0 : 1 };
    changed.add(r.stepId);
    if (r.stepId === 'check-cilium-release')
      return { stdout: 'cilium  kube-system  1  deployed  cilium-1.18.4  1.18.4\n' };
    if (r.stepId === 'verify-kpr')
      return { stdout: 'KubeProxyReplacement:    True   [eth0   10.0.0.1 (Direct Routing)]\n' };
    if (r.stepId === 'verify-service') return { stdout: '<title>Welcome to nginx!</title>\n' };
    return {};
  };
}

async function go(
  overrides: Partial<RunRequest>,
  runner: SpyProcessRunner,
  prompter = new FakePrompter(),
  extra: Partial<RunPorts> = {},
) {
  const events: RunEvent[] = [];
  const outcome = await executeRun(request(overrides), { runner, prompter, emit: (e) => events.push(e), ...extra });
  return { outcome, events, prompter };
}

describe('executeRun: consent by risk', () => {
  it('without a TTY and without --yes changes nothing and spawns nothing', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const { outcome } = await go({ canPrompt: false }, runner);
    expect(outcome).toMatchObject({ status: 'refused', refusal: 'no-tty', completed: [] });
    expect(runner.calls).toEqual([]);
  });

  it('without a TTY, --yes alone does not cover a destructive step: refused before anything runs', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const { outcome } = await go({ canPrompt: false, yes: true }, runner);
    expect(outcome).toMatchObject({ status: 'refused', refusal: 'no-confirm' });
    expect(runner.calls).toEqual([]);
  });

  it('--confirm naming another context is refused before anything runs', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const { outcome } = await go({ yes: true, confirmContext: 'other@prod' }, runner);
    expect(outcome).toMatchObject({ status: 'refused', refusal: 'confirm-mismatch' });
    expect(runner.calls).toEqual([]);
  });

  it('reads run; each change asks y/N; the destructive step asks for the typed context; node steps ask', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const prompter = new FakePrompter({ change: true, destructive: true, node: true });
    const { outcome } = await go({}, runner, prompter);
    expect(outcome.status).toBe('succeeded');
    expect(prompter.asked).toEqual([
      'change:helm-upgrade',
      'change:restart-agents',
      'destructive:delete-kube-proxy',
      'node:clean-iptables',
      'change:verify-service',
    ]);
    expect(runner.commands()).toEqual(ALL);
  });

  it('declining a change stops there: the reads before it ran, nothing after it', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const { outcome } = await go({}, runner, new FakePrompter({ change: false }));
    expect(outcome).toMatchObject({ status: 'refused', refusal: 'declined' });
    expect(outcome.completed).toEqual(['check-kube-proxy', 'check-cilium-release', 'helm-repo', 'save-values']);
    expect(runner.commands()).not.toContain('helm-upgrade');
  });

  it('a wrong typed context (destructive declined) stops before the destructive step', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const { outcome } = await go({ yes: true }, runner, new FakePrompter({ destructive: false }));
    expect(outcome.status).toBe('refused');
    expect(outcome.notRun).toEqual(['delete-kube-proxy', 'clean-iptables', 'verify-service']);
    expect(runner.commands()).not.toContain('delete-kube-proxy');
  });

  it('--yes with --confirm=<context> asks nothing and runs every workstation step in order', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const { outcome, prompter } = await go({ yes: true, confirmContext: CONTEXT, canPrompt: false }, runner);
    expect(outcome.status).toBe('succeeded');
    expect(prompter.asked).toEqual([]);
    expect(runner.commands()).toEqual(ALL);
  });

  it('a read-only selection needs no consent even without a TTY', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    const steps = selectSteps(rb, { only: ['check-kube-proxy', 'verify-kpr'] });
    const { outcome } = await go({ canPrompt: false, steps }, runner);
    expect(outcome.status).toBe('succeeded');
    expect(runner.commands()).toEqual(['check-kube-proxy', 'verify-kpr']);
  });
});

describe('executeRun: failures, checks and idempotence', () => {
  const consent = { yes: true, confirmContext: CONTEXT };

  it('a failing step stops the run; the steps after it do not run', async () => {
    const healthy = healthyCluster();
    const runner = new SpyProcessRunner((r) =>
      r.stepId === 'helm-upgrade' && r.role === 'command' ? { exitCode: 1, stderr: 'boom' } : healthy(r),
    );
    const { outcome } = await go(consent, runner);
    expect(outcome).toMatchObject({ status: 'failed', failed: { step: 'helm-upgrade', status: 'failed' } });
    expect(runner.commands()).toEqual([
      'check-kube-proxy',
      'check-cilium-release',
      'helm-repo',
      'save-values',
      'helm-upgrade',
    ]);
    expect(outcome.notRun[0]).toBe('helm-upgrade');
  });

  it('a step whose text stops at a check is shown as check-failed, with the message the text printed', async () => {
    const healthy = healthyCluster();
    const message = 'Cilium이 kube-proxy replacement를 켜지 않았습니다.';
    const runner = new SpyProcessRunner((r) =>
      r.stepId === 'verify-kpr' ? { exitCode: 1, stderr: `확인 실패: ${message}\n` } : healthy(r),
    );
    const { outcome, events } = await go(consent, runner);
    expect(outcome).toMatchObject({ status: 'failed', failed: { step: 'verify-kpr', status: 'check-failed' } });
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'step-finished', step: 'verify-kpr', status: 'check-failed', detail: message }),
    );
  });

  it('holds no check of its own: a step that exits 0 passes whatever it prints', async () => {
    const healthy = healthyCluster();
    const runner = new SpyProcessRunner((r) =>
      r.stepId === 'verify-kpr' ? { exitCode: 0, stdout: 'KubeProxyReplacement:    False\n' } : healthy(r),
    );
    const { outcome } = await go(consent, runner);
    expect(outcome.status).toBe('succeeded');
  });

  it('probes only before a step, with the lines of its own text, and never after it', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    await go(consent, runner);
    const probes = runner.calls.filter((r) => r.role === 'probe');
    expect(probes.map((r) => r.stepId)).toEqual(['save-values', 'helm-upgrade', 'restart-agents', 'delete-kube-proxy']);
    for (const probe of probes) {
      const text = runner.calls.find((r) => r.role === 'command' && r.stepId === probe.stepId)?.script ?? '';
      for (const line of probe.script.split('\n')) expect(text).toContain(line);
    }
  });

  it('skips steps whose probe says they are already done (a rerun after success)', async () => {
    const runner = new SpyProcessRunner((r) => (r.role === 'probe' ? { exitCode: 0 } : healthyCluster()(r)));
    const { outcome, events } = await go(consent, runner);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.skipped).toEqual(['save-values', 'helm-upgrade', 'restart-agents', 'delete-kube-proxy']);
    expect(runner.commands()).not.toContain('helm-upgrade');
    expect(events.filter((e) => e.kind === 'step-skipped').map((e) => e.step)).toEqual([
      'save-values',
      'helm-upgrade',
      'restart-agents',
      'delete-kube-proxy',
      'clean-iptables',
    ]);
  });

  it('a prompt ended by Ctrl-C (the signal aborted while asking) stops as interrupted, not declined', async () => {
    const abort = new AbortController();
    const prompter = new FakePrompter();
    prompter.approveChange = async () => {
      abort.abort();
      return false;
    };
    const runner = new SpyProcessRunner(healthyCluster());
    const { outcome } = await go({ signal: abort.signal }, runner, prompter);
    expect(outcome.status).toBe('interrupted');
    expect(outcome.refusal).toBeUndefined();
    expect(outcome.notRun[0]).toBe('helm-upgrade');
  });

  it('a stop reason (e.g. the transcript failed) aborts before the next step with that reason', async () => {
    let stopNow = false;
    const stopAfterUpgrade = new SpyProcessRunner((r) => {
      if (r.stepId === 'helm-upgrade' && r.role === 'command') stopNow = true;
      return healthyCluster()(r);
    });
    const { outcome } = await go(consent, stopAfterUpgrade, new FakePrompter(), {
      stopReason: () => (stopNow ? 'the transcript cannot be written' : undefined),
    });
    expect(outcome).toMatchObject({ status: 'aborted', abortReason: 'the transcript cannot be written' });
    expect(outcome.completed.at(-1)).toBe('helm-upgrade');
    expect(stopAfterUpgrade.commands()).not.toContain('restart-agents');
  });

  it('--from resumes at the given step', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    await go({ ...consent, steps: selectSteps(rb, { from: 'verify-kpr' }) }, runner);
    expect(runner.commands()).toEqual(['verify-kpr', 'delete-kube-proxy', 'verify-service']);
  });

  it('a guard that reports a changed target aborts before the next change', async () => {
    const runner = new SpyProcessRunner(healthyCluster());
    let calls = 0;
    const guard = async () =>
      ++calls >= 2 ? 'The current kube context changed from "a" to "b" during the run.' : undefined;
    const { outcome } = await go(consent, runner, new FakePrompter(), { guard });
    expect(outcome).toMatchObject({
      status: 'aborted',
      abortReason: expect.stringContaining('changed from "a" to "b"'),
    });
    expect(runner.commands()).toEqual([
      'check-kube-proxy',
      'check-cilium-release',
      'helm-repo',
      'save-values',
      'helm-upgrade',
    ]);
    expect(outcome.notRun[0]).toBe('restart-agents');
  });
});
