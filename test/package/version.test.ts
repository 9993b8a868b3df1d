/**
 * `runbook --version`: the package version, the guide's Cilium release and the commit, in the terminal, as JSON,
 * and in the run-started event that heads every transcript and `--json` stream.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CILIUM_VERSION } from '../../runbooks/lib/cilium.js';
import { main } from '../../src/cli/main.js';
import { runCli } from '../helpers/run-cli.js';
import { simClusters } from '../helpers/sim-cli.js';
import { testIO } from '../helpers/test-io.js';

const root = new URL('../../', import.meta.url);
const packageVersion = (
  JSON.parse(readFileSync(new URL('packages/cli/package.json', root), 'utf8')) as { version: string }
).version;
/** A commit of this repository as the bundler embeds it (build/cli may predate the newest commit). */
const isCommit = (s: unknown) =>
  typeof s === 'string' &&
  /^[0-9a-f]{12}$/.test(s) &&
  execFileSync('git', ['cat-file', '-t', s], { cwd: root, encoding: 'utf8' }).trim() === 'commit';
const cluster = simClusters();

async function cli(argv: string[], env: Record<string, string> = {}) {
  const t = testIO({ env });
  const code = await main(argv, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

describe('runbook --version', () => {
  it.each([['--version'], ['-V']])('%s names the package version, the Cilium release and the commit', async (flag) => {
    const { code, stdout } = await cli([flag]);
    expect(code).toBe(0);
    // Unbundled (this test imports the sources) the commit is not embedded.
    expect(stdout).toBe(`runbook ${packageVersion} (guide for Cilium ${CILIUM_VERSION}, commit unknown)\n`);
  });

  it('speaks Korean in a Korean locale', async () => {
    const { stdout } = await cli(['--version'], { LANG: 'ko_KR.UTF-8' });
    expect(stdout).toBe(`runbook ${packageVersion} (Cilium ${CILIUM_VERSION} 가이드, 커밋 알 수 없음)\n`);
  });

  it('--json prints the same facts as one JSON object', async () => {
    const { stdout } = await cli(['--version', '--json']);
    expect(JSON.parse(stdout)).toEqual({ version: packageVersion, ciliumVersion: CILIUM_VERSION, commit: 'unknown' });
  });

  it('the bundled CLI embeds the commit it was built from', async () => {
    const { stdout, code } = await runCli(['--version', '--json'], { env: { PATH: process.env.PATH ?? '' } });
    expect(code).toBe(0);
    const info = JSON.parse(stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ version: packageVersion, ciliumVersion: CILIUM_VERSION });
    expect(isCommit(info.commit), String(info.commit)).toBe(true);
  });

  it('--help lists the option, and commander answers it after other flags too', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/-V, --version +output the version/);
    const { stdout } = await cli(['-V', 'list']);
    expect(stdout).toBe(`runbook ${packageVersion} (guide for Cilium ${CILIUM_VERSION}, commit unknown)\n`);
  });

  it('a run records the build in the run-started event of its transcript and of --json', async () => {
    const { cli: run, stateDir } = await cluster();
    const result = await run('run', 'kpr-enable', '--only', 'check-kube-proxy', '--json');
    expect(result.code, result.stderr).toBe(0);
    const streamed = JSON.parse(result.stdout.split('\n')[0] ?? '') as { kind: string; build: { commit: string } };
    expect(streamed).toMatchObject({
      kind: 'run-started',
      build: { version: packageVersion, ciliumVersion: CILIUM_VERSION },
    });
    expect(isCommit(streamed.build.commit)).toBe(true);
    const [file] = readdirSync(join(stateDir, 'transcripts'));
    const first = readFileSync(join(stateDir, 'transcripts', file ?? ''), 'utf8').split('\n')[0] ?? '';
    expect(JSON.parse(first)).toMatchObject({ kind: 'run-started', build: streamed.build });
  });
});
