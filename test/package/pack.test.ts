/**
 * The published CLI as a user meets it: `npm run pack:cli` packs cilium-runbook, then, in a temporary directory
 * outside the repository, with no network, npm installs the tarball and `npx runbook …` runs. Outputs are compared
 * with the repository's own CLI (in process), never with hard-coded step texts. A loopback registry serving only the
 * tarball checks the command a reader types without a clone: `npx -p cilium-runbook runbook …`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeToTokensBase } from 'shiki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../runbooks/index.js';
import { main } from '../../src/cli/main.js';
import { renderScript } from '../../src/runbook/render.js';
import { resolveParams } from '../../src/runbook/values.js';
import { runOnTTY } from '../helpers/run-tty.js';
import { simClusters } from '../helpers/sim-cli.js';
import { testIO } from '../helpers/test-io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as {
  name: string;
  version: string;
};

interface Packed {
  tarball: string;
  size: number;
  files: { path: string; size: number }[];
}

/** Private network namespace (root only): the loopback interface exists but is down, so nothing can be reached. */
const unshare = spawnSync('unshare', ['--net', 'true']).status === 0;

let packed: Packed;
let work: string;
let project: string;
let install: { code: number | null; stderr: string };

/** Environment of a user's shell: their own HOME and an empty npm cache; npm offline; no colour. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(work, 'home'),
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_loglevel: 'error',
    npm_config_progress: 'false',
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    // A kubeconfig whose only context points at a port nothing listens on: no real cluster can be reached.
    KUBECONFIG: join(work, 'home', 'kubeconfig'),
    ...extra,
  };
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, offline = true) {
  const [file, argv] = offline && unshare ? ['unshare', ['--net', cmd, ...args]] : [cmd, args];
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(file, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Decoded once at the end: a chunk boundary may split a multi-byte character.
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** The repository's CLI, from its sources, in process. */
async function repoCli(argv: string[]) {
  const t = testIO({ env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  const code = await main(argv, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

beforeAll(async () => {
  packed = JSON.parse(
    execFileSync(process.execPath, [join(root, 'scripts/pack-cli.mjs'), '--json'], { cwd: root, encoding: 'utf8' }),
  ) as Packed;
  work = realpathSync(mkdtempSync(join(tmpdir(), 'runbook-pack-')));
  project = join(work, 'project');
  for (const d of [project, join(work, 'home'), join(work, 'npm-cache')]) mkdirSync(d, { recursive: true });
  writeFileSync(
    join(work, 'home', 'kubeconfig'),
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: nowhere, cluster: {server: "https://127.0.0.1:1"}}]',
      'users: [{name: nobody, user: {token: none}}]',
      'contexts: [{name: nowhere, context: {cluster: nowhere, user: nobody}}]',
      'current-context: nowhere',
      '',
    ].join('\n'),
  );
  install = await sh('npm', ['install', '--offline', '--no-package-lock', packed.tarball], project, userEnv());
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the cilium-runbook package', () => {
  it('holds only the bundled CLI, its notices, README and manifest, and depends on nothing', () => {
    const paths = packed.files.map((f) => f.path);
    expect(
      paths.filter(
        (p) => !/^(bin\/runbook\.js|dist\/.+\.js|package\.json|README\.md|THIRD-PARTY-NOTICES\.txt)$/.test(p),
      ),
    ).toEqual([]);
    for (const required of ['bin/runbook.js', 'dist/main.js', 'dist/io.js', 'README.md', 'THIRD-PARTY-NOTICES.txt'])
      expect(paths).toContain(required);
    const pkg = JSON.parse(
      execFileSync('tar', ['-xOzf', packed.tarball, 'package/package.json'], { encoding: 'utf8' }),
    );
    expect(pkg).toMatchObject({
      name: manifest.name,
      bin: { runbook: 'bin/runbook.js' },
      engines: { node: expect.any(String) },
    });
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.private).toBeUndefined();
  });

  it('the README has a Korean and an English section', () => {
    const readme = execFileSync('tar', ['-xOzf', packed.tarball, 'package/README.md'], { encoding: 'utf8' });
    expect(readme).toMatch(/^## 한국어/m);
    expect(readme).toMatch(/^## English/m);
    expect(readme).toContain('npx -p cilium-runbook runbook');
  });

  it('installs offline from the tarball, outside the repository, with nothing else', async () => {
    expect(relative(root, project).startsWith('..')).toBe(true);
    expect(install.code, install.stderr).toBe(0);
    expect(readdirSync(join(project, 'node_modules')).filter((f) => !f.startsWith('.'))).toEqual([manifest.name]);
  });

  it.each([
    [['list']],
    [['print', 'kpr-enable']],
    [['run', 'kpr-enable', '--dry-run']],
    [['show', 'kpr-enable', '--json']],
  ])('npx runbook %j prints what the repository CLI prints', async (argv) => {
    const [installed, expected] = await Promise.all([
      sh('npx', ['runbook', ...argv], project, userEnv()),
      repoCli(argv),
    ]);
    expect(installed.code, installed.stderr).toBe(expected.code);
    expect(installed.stdout).toBe(expected.stdout);
    expect(installed.stdout.length).toBeGreaterThan(0);
  });

  it('npx -p cilium-runbook runbook --version names this package version and the commit it was packed from', async () => {
    const { code, stdout } = await sh(
      'npx',
      ['-p', manifest.name, 'runbook', '--version', '--json'],
      project,
      userEnv(),
    );
    expect(code).toBe(0);
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    expect(JSON.parse(stdout)).toEqual({ version: manifest.version, ciliumVersion: '1.18.4', commit: head });
  });

  it('prints the same colours on a terminal as the repository CLI (the cut-down Shiki of the package)', async () => {
    const onTTY = (cmd: string, cwd: string) =>
      sh('script', ['-qfec', cmd, '/dev/null'], cwd, userEnv({ NO_COLOR: undefined, TERM: 'xterm-256color' }));
    const installed = await onTTY('npx runbook print kpr-enable', project);
    const repo = await onTTY(`${process.execPath} ${join(root, 'bin/runbook.js')} print kpr-enable`, root);
    expect(installed.stdout).toContain('\u001b[38;2;');
    expect(installed.stdout).toBe(repo.stdout);
  });

  it('the cut-down Shiki tokenises every runbook script exactly as full Shiki does', async () => {
    const { codeToTokensBase: subset } = (await import(join(root, 'scripts/pack-cli/shiki-bash.mjs'))) as {
      codeToTokensBase: typeof codeToTokensBase;
    };
    const options = { lang: 'bash', theme: 'github-dark' } as const;
    for (const rb of catalog.runbooks) {
      const script = renderScript(rb, resolveParams(rb, {}, { allowExamples: true }).values);
      expect(await subset(script, options), rb.id).toEqual(await codeToTokensBase(script, options));
    }
  });

  it('a live run of the installed CLI drives the (simulated) cluster and records its transcript', async () => {
    const { sim, stateDir } = await cluster();
    const env = {
      ...sim.env,
      RUNBOOK_STATE_DIR: stateDir,
      PATH: `${sim.env.PATH}${delimiter}${dirname(process.execPath)}`,
    };
    const bin = join(project, 'node_modules', '.bin', 'runbook');
    const result = await sh(
      process.execPath,
      [bin, 'run', 'kpr-enable', '--only', 'check-kube-proxy', '--json'],
      sim.workDir,
      env,
      false,
    );
    expect(result.code, result.stderr).toBe(0);
    const kinds = result.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds[0]).toBe('run-started');
    expect(kinds.at(-1)).toBe('run-finished');
    expect(
      sim
        .scripts()
        .filter((c) => c.role === 'command')
        .map((c) => c.step),
    ).toEqual(['check-kube-proxy']);
    expect(readdirSync(join(stateDir, 'transcripts'))).toHaveLength(1);
  });

  it('asks on a terminal as the repository CLI does, and leaves the (simulated) cluster in the same state', async () => {
    const steps = ['--only', 'helm-repo,save-values,helm-upgrade,delete-kube-proxy'];
    const answers = [
      ['changes the cluster of context "sim-admin@sim"', 'y'],
      ['Type the context name "sim-admin@sim"', 'sim-admin@sim'],
    ] as const;
    const outcome = async (bin?: string) => {
      const { sim, stateDir } = await cluster();
      const env = { ...sim.env, RUNBOOK_STATE_DIR: stateDir };
      const { code, screen } = await runOnTTY(['run', 'kpr-enable', ...steps], {
        env,
        cwd: sim.workDir,
        answers,
        ...(bin && { bin }),
      });
      const state = sim.state();
      return { code, screen, values: state.helm.release?.userValues, kubeProxy: state.kubeProxy };
    };
    const installed = await outcome(join(project, 'node_modules', 'cilium-runbook', 'bin', 'runbook.js'));
    const repo = await outcome();
    expect(installed.code, installed.screen).toBe(0);
    expect({ ...installed, screen: undefined }).toEqual({ ...repo, screen: undefined });
  });
});

const cluster = simClusters();

/** A registry on 127.0.0.1 that knows one package: the tarball just packed. */
async function loopbackRegistry(tarball: string): Promise<{ url: string; server: Server }> {
  const data = readFileSync(tarball);
  const pkg = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    if (req.url === `/${manifest.name}`) {
      const dist = {
        tarball: `${base}/${manifest.name}/-/${basename(tarball)}`,
        shasum: createHash('sha1').update(data).digest('hex'),
        integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
      };
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          name: manifest.name,
          'dist-tags': { latest: pkg.version },
          versions: { [pkg.version]: { ...pkg, dist } },
        }),
      );
    } else if (req.url === `/${manifest.name}/-/${basename(tarball)}`) {
      res.end(data);
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server };
}

describe('without a clone or an install', () => {
  it('npx -p cilium-runbook runbook list works from an empty directory (registry on loopback)', async () => {
    const { url, server } = await loopbackRegistry(packed.tarball);
    try {
      const empty = join(work, 'empty');
      mkdirSync(empty);
      const env = userEnv({
        npm_config_offline: 'false',
        npm_config_registry: url,
        npm_config_cache: join(work, 'cache-2'),
      });
      const installed = await sh('npx', ['-y', '-p', manifest.name, 'runbook', 'list'], empty, env, false);
      expect(installed.code, installed.stderr).toBe(0);
      expect(installed.stdout).toBe((await repoCli(['list'])).stdout);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      server.close();
    }
  });
});
