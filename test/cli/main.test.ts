import { describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { main } from '../../src/cli/main.js';
import { renderScript } from '../../src/runbook/render.js';
import { testIO } from '../helpers/test-io.js';

async function cli(argv: string[], env?: Record<string, string>) {
  const t = testIO(env ? { env } : {});
  const code = await main(argv, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

describe('runbook CLI (in process)', () => {
  it('--help teaches: commands, examples, safety and every exit code', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const text of ['list', 'show', 'print', 'run', 'npx runbook run kpr-enable --dry-run', 'Exit codes:', '130']) {
      expect(stdout).toContain(text);
    }
  });

  it('run --help lists every run flag', async () => {
    const { stdout } = await cli(['run', '--help']);
    for (const flag of ['--param', '--dry-run', '--yes', '--from', '--only', '--context', '--json'])
      expect(stdout).toContain(flag);
  });

  it('print writes exactly the rendered script on stdout and notes example values on stderr', async () => {
    const { code, stdout, stderr } = await cli(['print', 'kpr-enable']);
    const rb = catalog.get('kpr-enable');
    expect(code).toBe(0);
    expect(stdout).toBe(renderScript(rb, { apiServerHost: '192.168.1.187', apiServerPort: '6443' }));
    expect(stderr).toContain('example values used for apiServerHost, apiServerPort');
  });

  it('print takes parameters', async () => {
    const { stdout } = await cli([
      'print',
      'kpr-enable',
      '--param',
      'apiServerHost=10.0.0.10',
      '-p',
      'apiServerPort=443',
    ]);
    // Used only when the cluster has no kube-public/cluster-info (kpr-enable's helm-upgrade).
    expect(stdout).toContain('set -- --set k8sServiceHost=10.0.0.10 --set k8sServicePort=443');
  });

  it.each([
    [['run', 'nope'], 'Unknown runbook "nope". Runbooks: kpr-enable, kpr-rollback, '],
    [
      ['run', 'kpr-enable', '--from', 'no-such-step'],
      'Unknown step "no-such-step" in kpr-enable. Steps: check-kube-proxy,',
    ],
    [
      ['print', 'kpr-enable', '--param', 'host=1'],
      'Unknown parameter "host" for kpr-enable. Parameters: apiServerHost, apiServerPort.',
    ],
    [['print', 'kpr-enable', '--param', 'apiServerHost'], '--param expects name=value, got "apiServerHost".'],
    [['run', 'kpr-enable', '--param', 'apiServerHost=1.2.3.4; touch /tmp/x'], 'must be an IPv4 or IPv6 address'],
    [
      ['run', 'kpr-enable', '--from', 'verify-kpr', '--only', 'helm-repo'],
      "option '--from <step>' cannot be used with option '--only <step>'",
    ],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('%j is a usage error (exit 2): %s', async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('run fails preflight with exit 4 when a required tool is missing, before spawning anything', async () => {
    const { code, stderr } = await cli(['run', 'kpr-enable', '--yes'], { PATH: '/nonexistent' });
    expect(code).toBe(4);
    expect(stderr).toContain('Required tools not found on PATH: bash, kubectl, helm. Nothing was run.');
  });

  it('run --dry-run prints the numbered plan and every command', async () => {
    const { code, stdout } = await cli(['run', 'kpr-enable', '--dry-run', '--param', 'apiServerHost=10.0.0.10']);
    expect(code).toBe(0);
    expect(stdout).toContain(' 8. delete-kube-proxy      destructive');
    expect(stdout).toContain('apiServerHost=10.0.0.10  (given)');
    expect(stdout).toContain('apiServerPort=<apiServerPort>  (detected at run time');
    expect(stdout).toContain('kubectl -n kube-system delete ds kube-proxy --ignore-not-found');
  });

  it('list and show describe the runbooks', async () => {
    // The id column is as wide as the longest id.
    expect((await cli(['list'])).stdout).toMatch(
      /^kpr-enable {3,}kube-proxy 대체\(KPR\) 활성화 {2}\(10 steps, 1 destructive\)$/m,
    );
    const show = await cli(['show', 'kpr-rollback', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({
      id: 'kpr-rollback',
      rollback: 'kpr-enable',
      requires: ['kubectl', 'helm', 'kubeadm'],
    });
  });
});

describe('the fast top-level help', () => {
  it('lists exactly the commands commander knows, with the same descriptions', async () => {
    const { createProgram } = await import('../../src/cli/program.js');
    const { TOP_LEVEL_COMMANDS, messages } = await import('../../src/cli/messages.js');
    const program = createProgram({ io: testIO().io }, () => undefined);
    const fromCommander = program.commands.map((c) => [c.name(), c.description()]);
    expect(fromCommander).toEqual(TOP_LEVEL_COMMANDS.map(([usage, key]) => [usage.split(' ')[0], messages.cmd[key]]));
    const help = (await cli(['--help'])).stdout;
    for (const c of program.commands) expect(help).toContain(`  ${c.name()}`);
  });

  it('no arguments prints the help on stderr and exits 2', async () => {
    const { code, stderr, stdout } = await cli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: runbook');
  });
});
