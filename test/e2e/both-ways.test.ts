/**
 * The harness of issue 10 on kpr-enable's most dangerous guard: with KPR still off, neither the copied script, nor
 * `run`, nor `--from delete-kube-proxy`, nor the delete block pasted alone deletes kube-proxy.
 */
import { describe, expect, it } from 'vitest';
import { bothWaysOn } from '../helpers/both-ways.js';

const { bothWays, pastedAlone } = bothWaysOn();
const kprOff = (s: Parameters<Parameters<typeof bothWays>[1]>[0]) => {
  s.faults = { ...s.faults, agentKprFalse: true };
};

describe('kpr-enable when the agents report KubeProxyReplacement: False', () => {
  it('the whole script and run stop at the same check with the same cluster state', async () => {
    const { run, script } = await bothWays('kpr-enable', kprOff);
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(script.check).toBe(run.check);
    expect(run.check).toContain('kube-proxy replacement를 켜지 않았습니다');
    expect(script.state).toEqual(run.state);
    expect(script.mutations).toEqual(run.mutations);
    expect(run.mutations.join('\n')).not.toMatch(/delete/);
  }, 120_000);

  it('--from delete-kube-proxy: the step re-checks KPR itself, in run and in the copied blocks', async () => {
    const { run, script } = await bothWays('kpr-enable', kprOff, { from: 'delete-kube-proxy' });
    expect(run.code).toBe(1);
    expect(script.code).not.toBe(0);
    expect(script.check).toBe(run.check);
    expect(run.check).toContain('지금 kube-proxy를 지우면 서비스가 끊기므로 멈춥니다');
    expect(script.state).toEqual(run.state);
    expect(run.mutations.join('\n')).not.toMatch(/delete/);
  }, 120_000);

  it('the delete block pasted alone into a plain shell stops too', async () => {
    const { run, script } = await pastedAlone('kpr-enable', 'delete-kube-proxy', kprOff);
    expect(script.code).not.toBe(0);
    expect(script.check).toBe(run.check);
    expect(script.state).toEqual(run.state);
    expect(script.mutations).toEqual([]);
  }, 120_000);
});
