/**
 * Operator-grade behaviour of the real CLI process: unreachable cluster (with the real kubectl), a context switched
 * mid-run, Ctrl-C during a long step, a second concurrent run, the transcript and --json.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alive, hookLongStep, startUntilHooked, transcripts, waitFor } from '../helpers/processes.js';
import { runCli } from '../helpers/run-cli.js';
import { CONSENT, SIM_CONTEXT as CONTEXT, simClusters } from '../helpers/sim-cli.js';

const cluster = simClusters();

describe('operator safety on a real process', () => {
  it('an unreachable API server (real kubectl) stops the run in preflight with a clear message; nothing runs', async () => {
    const { sim, env } = await cluster({ omitTools: ['kubectl'] });
    const realDir = join(sim.dir, 'real-kubectl');
    mkdirSync(realDir);
    symlinkSync(String(sim.env.SIM_REAL_KUBECTL), join(realDir, 'kubectl'));
    const kubeconfig = join(sim.dir, 'unreachable.yaml');
    // Port 1 on loopback: nothing listens, so the connection is refused at once (no traffic leaves the machine).
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: down, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]',
        'contexts: [{name: down-admin@down, context: {cluster: down, user: admin}}]',
        'current-context: down-admin@down',
        'users: [{name: admin, user: {token: t}}]',
        '',
      ].join('\n'),
    );
    const result = await runCli(['run', 'kpr-enable', '--yes', '--confirm=down-admin@down'], {
      env: { ...env, PATH: `${realDir}:${env.PATH}`, KUBECONFIG: kubeconfig },
      cwd: sim.workDir,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('The cluster of context "down-admin@down" (https://127.0.0.1:1) did not answer.');
    expect(result.stderr).toMatch(/127\.0\.0\.1:1.*refused/);
    expect(result.stderr).toContain('Nothing was run.');
    expect(sim.scripts().filter((c) => c.role === 'command')).toEqual([]);
  });

  it('a kube context switched in another terminal mid-run aborts before the next change (exit 5)', async () => {
    const { sim, env } = await cluster();
    sim.update((s) => {
      s.hooks = [
        {
          tool: 'helm',
          argvIncludes: ['get', 'values'],
          run: `KUBECONFIG=${sim.kubeconfig} "$SIM_REAL_KUBECTL" config use-context other@prod >/dev/null`,
          times: 1,
        },
      ];
    });
    const result = await runCli(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(
      `The current kube context changed from "${CONTEXT}" to "other@prod" during the run.`,
    );
    expect(
      sim
        .scripts()
        .filter((c) => c.role === 'command')
        .map((c) => c.step),
    ).toEqual(['check-kube-proxy', 'check-cilium-release', 'helm-repo', 'save-values']);
    expect(sim.state().helm.release?.revision).toBe(1);
  });

  it('Ctrl-C during a long step ends its processes, records "interrupted", exits 130; a second run meanwhile is refused', async () => {
    const { sim, env, stateDir } = await cluster();
    const {
      cliPid,
      hookedPid: sleeper,
      result: first,
    } = await startUntilHooked(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir }, hookLongStep(sim));
    expect(alive(sleeper)).toBe(true);

    const second = await runCli(['run', 'kpr-enable', ...CONSENT], { env, cwd: sim.workDir });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`is using context "${CONTEXT}"`);

    process.kill(cliPid, 'SIGINT');
    const result = await first;
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('kpr-enable was interrupted.');
    expect(result.stdout).toContain('--from verify-service');
    await waitFor(() => !alive(sleeper), 10_000);

    const [record] = transcripts(stateDir).filter((t) => t.events.some((e) => e.status === 'interrupted'));
    expect(record?.events).toContainEqual(
      expect.objectContaining({ kind: 'step-finished', step: 'verify-service', status: 'interrupted' }),
    );
    expect(record?.events.at(-1)).toMatchObject({
      kind: 'run-finished',
      status: 'interrupted',
      failed: 'verify-service',
    });
    // The lock is released: a new run may start.
    const third = await runCli(['run', 'kpr-enable', '--only', 'check-kube-proxy'], { env, cwd: sim.workDir });
    expect(third.code).toBe(0);
  });

  it('the transcript records the runbook, params, target and each step with command, times, exit code and output', async () => {
    const { env, stateDir, sim } = await cluster();
    // KPR is still off in a fresh cluster, so verify-kpr fails: the transcript must show that too.
    const result = await runCli(['run', 'kpr-enable', '--only', 'check-kube-proxy,verify-kpr'], {
      env,
      cwd: sim.workDir,
    });
    expect(result.code, result.stderr).toBe(1);
    const [record] = transcripts(stateDir);
    expect(record?.file).toMatch(/^\d{4}-\d\d-\d\dT.*-kpr-enable-sim-admin@sim\.jsonl$/);
    const events = record?.events ?? [];
    expect(events[0]).toMatchObject({
      kind: 'run-started',
      runbook: 'kpr-enable',
      params: { apiServerHost: '192.168.1.187', apiServerPort: '6443' },
      target: {
        context: CONTEXT,
        cluster: 'sim',
        server: 'https://192.168.1.187:6443',
        nodes: 3,
        ciliumVersion: '1.18.4',
        kubeProxyReplacement: 'false',
      },
      steps: ['check-kube-proxy', 'verify-kpr'],
    });
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'step-started',
        step: 'check-kube-proxy',
        command: 'kubectl -n kube-system get ds kube-proxy --ignore-not-found',
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'step-output',
        step: 'check-kube-proxy',
        stream: 'stdout',
        text: expect.stringContaining('kube-proxy   3'),
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'step-finished',
        step: 'verify-kpr',
        status: 'check-failed',
        exitCode: 1,
        detail: 'Cilium이 KPR을 켜지 않았습니다. 에이전트 로그와 Helm values를 확인하세요.',
      }),
    );
    for (const e of events) expect(Date.parse(String(e.time))).not.toBeNaN();
  });

  it('--json streams the same events on stdout as JSON lines and nothing else', async () => {
    const { env, sim } = await cluster();
    const result = await runCli(['run', 'kpr-enable', '--only', 'check-kube-proxy', '--json'], {
      env,
      cwd: sim.workDir,
    });
    expect(result.code).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string });
    expect(events.map((e) => e.kind)).toEqual([
      'run-started',
      'step-started',
      'step-running',
      'step-output',
      'step-finished',
      'run-finished',
    ]);
    expect(result.stderr).toContain('Context');
  });
});
