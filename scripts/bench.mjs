#!/usr/bin/env node
/**
 * `npm run bench`: prints figures; asserts nothing (budgets are judged by people, these machines are noisy).
 * Times are medians of interleaved runs and stated as ratios to a baseline measured in the same run.
 *   - CLI start-up: `runbook --help`, `list`, `run kpr-enable --dry-run` vs bare `node -e 0`  (budgets 1.3×, –, 2×)
 *   - runner overhead per step vs plain bash running the same commands (budget ≤ 20 ms/step)
 *   - site: gzip bytes of HTML+CSS+JS a first visit loads, per page (budget ≤ 12 KB), and the cold build time
 * Flags: --runs N (default 15), --no-build (skip the cold build; measure the existing dist/)
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function time(cmd, argv) {
  return new Promise((resolve, reject) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, argv, { cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - t) / 1e6));
  });
}

async function startup() {
  const bin = join(root, 'bin/runbook.js');
  const cases = {
    'node -e 0': ['-e', '0'],
    'runbook --help': [bin, '--help'],
    'runbook list': [bin, 'list'],
    'runbook run kpr-enable --dry-run': [bin, 'run', 'kpr-enable', '--dry-run'],
  };
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, argv] of Object.entries(cases)) samples[name].push(await time(process.execPath, argv));
  }
  const base = median(samples['node -e 0']);
  const budget = { 'runbook --help': 1.3, 'runbook run kpr-enable --dry-run': 2 };
  console.log(`\nCLI start-up (median of ${RUNS} interleaved runs)`);
  for (const [name, xs] of Object.entries(samples)) {
    const m = median(xs);
    const ratio = m / base;
    const b = budget[name] ? `  budget ≤ ${budget[name]}× → ${ratio <= budget[name] ? 'within' : 'OVER'}` : '';
    console.log(`  ${name.padEnd(36)} ${m.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}× node${b}`);
  }
}

async function runnerOverhead() {
  const { parseRunbook } = await import(join(root, 'build/src/runbook/schema.js'));
  const { sh } = await import(join(root, 'build/src/runbook/template.js'));
  const { executeRun } = await import(join(root, 'build/src/runner/execute.js'));
  const { BashProcessRunner, BASH_ARGS } = await import(join(root, 'build/src/runner/node/bash-runner.js'));
  const STEPS = 20;
  const command = sh`printf 'ok %s\n' "$RUNBOOK_STEP" >/dev/null`;
  const runbook = parseRunbook({
    id: 'bench',
    title: '벤치마크',
    summary: '실행기 부하 측정용입니다.',
    ciliumVersion: '1.18.4',
    requires: [],
    params: {},
    steps: Array.from({ length: STEPS }, (_, i) => ({
      id: `s${i}`,
      title: `단계 ${i}`,
      explanation: '측정',
      risk: 'read',
      command: () => command,
    })),
    verify: [],
  });
  const env = { PATH: process.env.PATH ?? '' };
  const runViaRunner = async () => {
    const t = process.hrtime.bigint();
    await executeRun(
      {
        runbook,
        values: {},
        shownValues: {},
        steps: runbook.steps,
        target: { context: 'bench', cluster: 'bench', server: 'none', nodes: 0 },
        env,
        cwd: root,
        yes: true,
        canPrompt: false,
        signal: new AbortController().signal,
      },
      { runner: new BashProcessRunner(), prompter: {}, emit: () => {} },
    );
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  const text = 'printf \'ok %s\\n\' "$RUNBOOK_STEP" >/dev/null';
  const runViaBash = async () => {
    const t = process.hrtime.bigint();
    for (let i = 0; i < STEPS; i++) {
      await new Promise((resolve) =>
        spawn('bash', [...BASH_ARGS, text], { env: { ...env, RUNBOOK_STEP: `s${i}` }, stdio: 'ignore' }).on(
          'close',
          resolve,
        ),
      );
    }
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  await runViaRunner(); // warm up module caches
  const perStep = [];
  for (let i = 0; i < Math.max(5, Math.floor(RUNS / 2)); i++) {
    const a = await runViaRunner();
    const b = await runViaBash();
    perStep.push((a - b) / STEPS);
  }
  const m = median(perStep);
  console.log(`\nRunner overhead per step vs plain bash (median of ${perStep.length} paired runs of ${STEPS} steps)`);
  console.log(`  ${m.toFixed(1)} ms/step  budget ≤ 20 ms → ${m <= 20 ? 'within' : 'OVER'}`);
}

function pages(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
}

function site() {
  const dist = join(root, 'dist');
  if (!args.includes('--no-build')) {
    rmSync(dist, { recursive: true, force: true });
    for (const d of ['.astro', 'node_modules/.astro', 'node_modules/.vite'])
      rmSync(join(root, d), { recursive: true, force: true });
    const t = process.hrtime.bigint();
    execFileSync('npm', ['run', '-s', 'build'], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    console.log(`\nCold build (astro build + pagefind): ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`);
  }
  if (!existsSync(dist)) return console.log('\nNo dist/: run npm run build first.');
  console.log('\nFirst visit, gzip -9 bytes (HTML + CSS + JS the page loads)   budget ≤ 12 KB');
  for (const file of pages(dist)) {
    const html = readFileSync(file, 'utf8');
    const assets = [...html.matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"/g)].map(
      (m) => m[1],
    );
    let css = 0;
    let js = 0;
    for (const href of assets) {
      const path = join(dist, href.replace(/^\/+/, '').replace(/^.*?_astro\//, '_astro/'));
      if (!existsSync(path)) continue;
      const bytes = gzipSync(readFileSync(path), { level: 9 }).length;
      if (href.endsWith('.css')) css += bytes;
      else js += bytes;
    }
    const h = gzipSync(html, { level: 9 }).length;
    const total = h + css + js;
    console.log(
      `  /${relative(dist, file).padEnd(40)} html ${kb(h)}  css ${kb(css)}  js ${kb(js)}  = ${kb(total)} ${total <= 12 * 1024 ? 'within' : 'OVER'}`,
    );
  }
}

await startup();
await runnerOverhead();
site();
