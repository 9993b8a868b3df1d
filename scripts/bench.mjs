#!/usr/bin/env node
/**
 * `npm run bench`: prints figures; asserts nothing (budgets are judged by people, these machines are noisy).
 * Times are medians of interleaved runs and stated as ratios to a baseline measured in the same run.
 *   - CLI start-up: `runbook --help`, `list`, `run kpr-enable --dry-run` (also of the packed CLI) vs bare
 *     `node -e 0`  (budgets 1.3×, –, 2×, 2×)
 *   - runner overhead per step vs plain bash running the same commands (budget ≤ 20 ms/step)
 *   - site: the cold build time (median of 3) as a ratio to a stock Starlight site with the same pages built in the
 *     same run (scripts/starlight-baseline.mjs; budget ≤ 1×); per page, the gzip bytes of the HTML, CSS and JS a first
 *     visit loads (budget ≤ 12 KB), measured in Chromium by recording the responses, not by reading the HTML, and the
 *     same pages on the Starlight baseline; the bytes a first search fetches (Pagefind and the search box's own code)
 *   - the published CLI package (`npm run pack:cli`): tarball bytes, unpacked bytes and file count  (budget ≤ 400 KB packed)
 * Flags: --runs N (default 15), --no-build (skip the cold builds; measure the existing dist/), --site (only the site),
 *   --package (only the CLI package), --no-starlight (no baseline; it is installed from npm on first use)
 * The site figures need Chromium at /usr/bin/chromium (apt install chromium fonts-noto-cjk); gzip is level 9.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { coldBuild, prepareStarlight, STARLIGHT_VERSIONS } from './starlight-baseline.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 15;
const BUILD_RUNS = 3;
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
  // The published package's CLI (every library bundled and minified), when `npm run pack:cli` has built it.
  const packaged = join(root, 'build/package/cilium-runbook/bin/runbook.js');
  if (existsSync(join(root, 'build/package/cilium-runbook/dist/main.js')))
    cases['package: run kpr-enable --dry-run'] = [packaged, 'run', 'kpr-enable', '--dry-run'];
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, argv] of Object.entries(cases)) samples[name].push(await time(process.execPath, argv));
  }
  const base = median(samples['node -e 0']);
  const budget = {
    'runbook --help': 1.3,
    'runbook run kpr-enable --dry-run': 2,
    'package: run kpr-enable --dry-run': 2,
  };
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

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;
const KIND = { document: 'html', stylesheet: 'css', script: 'js' };

/** Bodies of every response the page receives while `action` runs, by kind, raw and gzip. */
async function recorded(page, action) {
  const bodies = [];
  const onResponse = (response) =>
    bodies.push(
      response.body().then(
        (body) => ({ response, body }),
        () => undefined,
      ),
    );
  page.on('response', onResponse);
  await action();
  page.off('response', onResponse);
  const totals = { html: 0, css: 0, js: 0, other: 0, inlineCss: 0, raw: 0, gz: 0, requests: 0, files: [] };
  for (const item of await Promise.all(bodies)) {
    if (!item) continue;
    const kind = KIND[item.response.request().resourceType()] ?? 'other';
    const size = gz(item.body);
    totals[kind] += size;
    totals.raw += item.body.length;
    totals.gz += size;
    totals.requests++;
    totals.files.push(`${new URL(item.response.url()).pathname} ${item.body.length} B raw, ${size} B gz`);
    if (kind === 'html') {
      const styles = [...item.body.toString('utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      totals.inlineCss += styles.length ? gz(Buffer.from(styles.join(''))) : 0;
    }
  }
  return totals;
}

async function site() {
  const dist = join(root, 'dist');
  const { tsImport } = await import('tsx/esm/api');
  let starlight;
  // Only in a run that builds: the baseline's pages are rewritten from ours and must be built in the same run.
  if (!args.includes('--no-starlight') && !args.includes('--no-build')) {
    try {
      starlight = await prepareStarlight(root, tsImport);
    } catch (error) {
      console.log(`\nStarlight baseline unavailable (${String(error).split('\n')[0]}); measuring this site alone.`);
    }
  }
  if (!args.includes('--no-build')) {
    // Cold builds, interleaved with the Starlight baseline's, so machine load affects both alike.
    const ours = [];
    const theirs = [];
    // Both started the same way: node running each project's own astro (our `npm run build` is `astro build`).
    const astro = (dir) => [process.execPath, join(dir, 'node_modules/astro/astro.js'), 'build'];
    for (let i = 0; i < BUILD_RUNS; i++) {
      ours.push(coldBuild(root, astro(root)));
      if (!starlight) continue;
      try {
        theirs.push(coldBuild(starlight.dir, astro(starlight.dir)));
      } catch (error) {
        console.log(`\nStarlight baseline did not build (${String(error).split('\n')[0]}); measuring this site alone.`);
        starlight = undefined;
      }
    }
    const mine = median(ours);
    console.log(`\nCold build (astro build + Pagefind), median of ${BUILD_RUNS}: ${mine.toFixed(1)} s`);
    if (starlight) {
      const base = median(theirs);
      console.log(
        `  Starlight ${STARLIGHT_VERSIONS['@astrojs/starlight']} with the same ${starlight.pages} pages and ` +
          `${starlight.runbooks} runbooks as Markdown (without the correction notes, which our pages load on ` +
          `open): ${base.toFixed(1)} s → ${(mine / base).toFixed(2)}× ` +
          `(budget ≤ 1× → ${mine <= base ? 'within' : 'OVER'})`,
      );
    }
  }
  if (!existsSync(dist)) return console.log('\nNo dist/: run npm run build first.');
  if (!existsSync(CHROMIUM)) return console.log(`\nNo ${CHROMIUM}: page weights need Chromium (apt install chromium).`);
  const { chromium } = await import('playwright-core');
  const { serveStatic } = await tsImport('../test/helpers/static-server.ts', import.meta.url);
  const { builtPaths } = await tsImport('../test/browser/browser.ts', import.meta.url);
  const server = await serveStatic(`${dist}/`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    console.log('\nFirst visit in Chromium (fresh profile), gzip -9 bytes of what the page loads   budget ≤ 12 KB');
    console.log('  (CSS is inlined into the HTML by the build; "of it css" is that <style> alone, gzipped on its own)');
    const totals = new Map();
    for (const path of builtPaths()) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t = await recorded(page, () =>
        page.goto(new URL(path.slice(1), server.url).href, { waitUntil: 'networkidle' }),
      );
      const total = t.html + t.css + t.js;
      totals.set(path, total);
      console.log(
        `  ${path.padEnd(26)} html ${kb(t.html).padStart(7)} (of it css ${kb(t.inlineCss)})  css ${kb(t.css)}  ` +
          `js ${kb(t.js)}  = ${kb(total).padStart(7)}  ` +
          `${total <= 12 * 1024 ? 'within' : 'OVER'}  (${t.requests} requests${t.other ? `, other ${kb(t.other)}` : ''})`,
      );
      await context.close();
    }
    const theirDist = starlight && join(starlight.dir, 'dist');
    if (theirDist && existsSync(theirDist)) {
      // The same pages on the Starlight baseline, measured the same way.
      const other = await serveStatic(`${theirDist}/`);
      const pairs = [];
      try {
        for (const [path, mine] of totals) {
          if (!existsSync(join(theirDist, path, 'index.html'))) continue;
          const context = await browser.newContext();
          const page = await context.newPage();
          const t = await recorded(page, () =>
            page.goto(new URL(path.slice(1), other.url).href, { waitUntil: 'networkidle' }),
          );
          pairs.push([mine, t.html + t.css + t.js]);
          await context.close();
        }
      } finally {
        await other.close();
      }
      const mineMedian = median(pairs.map(([m]) => m));
      const theirMedian = median(pairs.map(([, o]) => o));
      console.log(
        `  Starlight baseline, the same ${pairs.length} pages: median ${kb(theirMedian)} (this site ${kb(mineMedian)}, ` +
          `${(mineMedian / theirMedian).toFixed(2)}×); largest ${kb(Math.max(...pairs.map(([, o]) => o)))} ` +
          `(this site ${kb(Math.max(...pairs.map(([m]) => m)))})`,
      );
    }

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'networkidle' });
    const t = await recorded(page, async () => {
      await page.locator('#search-input').fill('암호화');
      await page.locator('[role="option"]').first().waitFor();
      await page.waitForLoadState('networkidle');
    });
    console.log(`\nFirst search (암호화) from /: ${t.requests} requests, ${kb(t.raw)} raw, ${kb(t.gz)} gzip -9`);
    for (const file of t.files) console.log(`  ${file}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

function cliPackage() {
  const packed = JSON.parse(
    execFileSync(process.execPath, [join(root, 'scripts/pack-cli.mjs'), '--json'], { cwd: root, encoding: 'utf8' }),
  );
  const budget = 400 * 1024;
  console.log('\nCLI package (npm run pack:cli)');
  console.log(
    `  ${packed.tarball.slice(root.length)}  ${kb(packed.size)} packed  budget ≤ ${kb(budget)} → ` +
      `${packed.size <= budget ? 'within' : 'OVER'}  (${kb(packed.unpackedSize)} unpacked, ${packed.files.length} files)`,
  );
}

if (args.includes('--package')) {
  cliPackage();
} else {
  if (!args.includes('--site')) {
    cliPackage();
    await startup();
    await runnerOverhead();
  }
  await site();
}
