/**
 * Opt-in: the read-only steps against a REAL cluster (e.g. kind with Cilium 1.18.4 installed by Helm).
 *   RUNBOOK_REAL_CONTEXT=kind-kind npx vitest run --dir test/real-cluster
 * Not part of `npm test` (vitest.config.ts excludes this folder): there is no cluster in CI. Nothing here changes
 * the cluster: only `read` steps are selected, which need no consent.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const context = process.env.RUNBOOK_REAL_CONTEXT;
if (!context) {
  throw new Error('Set RUNBOOK_REAL_CONTEXT=<kube context of a disposable cluster> to run the real-cluster tests.');
}
const env = { ...process.env, NO_COLOR: '1' };

describe(`real cluster, context ${context}`, () => {
  it('preflight pins the context and the read-only checks of kpr-enable pass', async () => {
    const result = await runCli(
      ['run', 'kpr-enable', '--only', 'check-kube-proxy,check-cilium-release', '--context', context, '--json'],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; target?: { context: string } });
    expect(events[0]).toMatchObject({ kind: 'run-started', target: { context } });
    expect(events.at(-1)).toMatchObject({ kind: 'run-finished', status: 'succeeded' });
  }, 120_000);

  it('the agent answers cilium-dbg status with a KubeProxyReplacement line', async () => {
    const result = await runCli(['run', 'kpr-enable', '--only', 'verify-kpr', '--context', context], { env });
    expect(result.stdout).toMatch(/^KubeProxyReplacement:\s+(True|False)\b/m);
  }, 120_000);
});
