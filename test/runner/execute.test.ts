/**
 * Policy of the executor on fakes: consent, probes, checks and stopping. Real processes are covered by the
 * simulated-cluster tests.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import type { RunEvent } from '../../src/runner/events.js';
import type { RunRequest } from '../../src/runner/execute.js';
import { executeRun } from '../../src/runner/execute.js';
import { selectSteps } from '../../src/runner/plan.js';
import type { SpawnRequest } from '../../src/runner/ports.js';
import { FakePrompter, SpyProcessRunner } from '../helpers/fakes.js';

const rb = catalog.get('kpr-enable');
const values = { apiServerHost: '192.168.1.187', apiServerPort: '6443' };
const ALL = rb.steps.filter((s) => s.runOn === 'workstation').map((s) => s.id);

function request(overrides: Partial<RunRequest> = {}): RunRequest {
  return {
    runbook: rb,
    values,
    shownValues: values,
    steps: rb.steps,
    target: { context: 'sim-admin@sim', server: 'https://192.168.1.187:6443', nodes: 3 },
    env: {},
    cwd: '/tmp',
    yes: false,
    canPrompt: true,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Probes say "not done"; checks get the output they look for. */
const healthy = (r: SpawnRequest) => {
  if (r.role === 'probe') return { exitCode: 1 };
  if (r.stepId === 'check-cilium-release') return { stdout: 'cilium  kube-system  1  deployed  cilium-1.18.4  1.18.4\n' };
  if (r.stepId === 'verify-kpr') return { stdout: 'KubeProxyReplacement:    True   [eth0   10.0.0.1 (Direct Routing)]\n' };
  if (r.stepId === 'verify-service') return { stdout: '<title>Welcome to nginx!</title>\n' };
  return {};
};

async function go(overrides: Partial<RunRequest>, runner: SpyProcessRunner, prompter = new FakePrompter()) {
  const events: RunEvent[] = [];
  const outcome = await executeRun(request(overrides), { runner, prompter, emit: (e) => events.push(e) });
  return { outcome, events, prompter };
}

describe('executeRun', () => {
  it('without a TTY and without --yes changes nothing and spawns nothing', async () => {
    const runner = new SpyProcessRunner(healthy);
    const { outcome } = await go({ canPrompt: false }, runner);
    expect(outcome).toMatchObject({ status: 'refused', refusal: 'no-tty', completed: [] });
    expect(runner.calls).toEqual([]);
  });

  it('asks once before the first change, then again for the destructive step and the node step', async () => {
    const runner = new SpyProcessRunner(healthy);
    const { outcome, prompter } = await go({}, runner, new FakePrompter({ run: true, destructive: true, node: true }));
    expect(outcome.status).toBe('succeeded');
    expect(prompter.asked).toEqual(['run:kpr-enable', 'destructive:delete-kube-proxy', 'node:clean-iptables']);
    expect(runner.commands()).toEqual(ALL);
  });

  it('stops before a destructive step the operator declines; nothing after it runs', async () => {
    const runner = new SpyProcessRunner(healthy);
    const { outcome } = await go({}, runner, new FakePrompter({ run: true, destructive: false }));
    expect(outcome.status).toBe('refused');
    expect(outcome.notRun).toEqual(['delete-kube-proxy', 'clean-iptables', 'verify-service']);
    expect(runner.commands()).not.toContain('delete-kube-proxy');
  });

  it('with --yes asks nothing and runs every workstation step in order', async () => {
    const runner = new SpyProcessRunner(healthy);
    const { outcome, prompter } = await go({ yes: true, canPrompt: false }, runner);
    expect(outcome.status).toBe('succeeded');
    expect(prompter.asked).toEqual([]);
    expect(runner.commands()).toEqual(ALL);
  });

  it('a failing step stops the run; the steps after it do not run', async () => {
    const runner = new SpyProcessRunner((r) => (r.stepId === 'helm-upgrade' && r.role === 'command' ? { exitCode: 1, stderr: 'boom' } : healthy(r)));
    const { outcome } = await go({ yes: true }, runner);
    expect(outcome).toMatchObject({ status: 'failed', failed: { step: 'helm-upgrade', status: 'failed' } });
    expect(runner.commands()).toEqual(['check-kube-proxy', 'check-cilium-release', 'helm-repo', 'save-values', 'helm-upgrade']);
    expect(outcome.notRun[0]).toBe('helm-upgrade');
  });

  it('a step whose output misses its expected pattern fails as check-failed', async () => {
    const runner = new SpyProcessRunner((r) => (r.stepId === 'verify-kpr' ? { stdout: 'KubeProxyReplacement:    False\n' } : healthy(r)));
    const { outcome, events } = await go({ yes: true }, runner);
    expect(outcome).toMatchObject({ status: 'failed', failed: { step: 'verify-kpr', status: 'check-failed' } });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'step-finished', step: 'verify-kpr', status: 'check-failed', detail: 'KubeProxyReplacement: True' }));
  });

  it('skips a step whose probe says it is already done', async () => {
    const runner = new SpyProcessRunner((r) => (r.role === 'probe' ? { exitCode: 0 } : healthy(r)));
    const { outcome, events } = await go({ yes: true }, runner);
    expect(outcome.status).toBe('succeeded');
    expect(runner.commands()).not.toContain('helm-upgrade');
    expect(runner.commands()).not.toContain('delete-kube-proxy');
    expect(events.filter((e) => e.kind === 'step-skipped').map((e) => e.step)).toEqual(['helm-upgrade', 'delete-kube-proxy', 'clean-iptables']);
  });

  it('--from resumes at the given step', async () => {
    const runner = new SpyProcessRunner(healthy);
    await go({ yes: true, steps: selectSteps(rb, { from: 'verify-kpr' }) }, runner);
    expect(runner.commands()).toEqual(['verify-kpr', 'delete-kube-proxy', 'verify-service']);
  });

  it('a read-only selection needs no consent even without a TTY', async () => {
    const runner = new SpyProcessRunner(healthy);
    const { outcome } = await go({ canPrompt: false, steps: selectSteps(rb, { only: ['check-kube-proxy', 'verify-kpr'] }) }, runner);
    expect(outcome.status).toBe('succeeded');
    expect(runner.commands()).toEqual(['check-kube-proxy', 'verify-kpr']);
  });
});
