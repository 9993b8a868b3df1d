/**
 * The Starlight baseline for `npm run bench`: the guide's pages as a stock Starlight site, built the same way, so the
 * cold build and the page weights can be stated as ratios to what the obvious alternative costs on this machine in
 * the same run (issue 14: "the cold build stays faster than Starlight's would be").
 *
 * The project lives in build/starlight-baseline/ (git-ignored). Its dependencies come from the npm registry on first
 * use (`npm install`, about a minute) and are kept while the pinned versions below stay the same. Each MDX page is
 * copied with its frontmatter reduced to Starlight's (title, description, sidebar order); a runbook tag becomes the
 * runbook's steps as Markdown (a heading, the explanation and a ```bash block with the same text the guide shows,
 * highlighted by Starlight's Expressive Code), the correction notes are left out (ours load on first open, so they
 * are not in our first load either), and the two Astro components only this site has (PolicyMatrix, CloneCommand)
 * become a sentence. Starlight indexes the pages with Pagefind as our build does. Both builds are started the same
 * way (node running the project's own astro).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Astro as in our package.json; the newest Starlight for Astro 5 (0.38 needs Astro 6, which needs Node 22.12). */
export const STARLIGHT_VERSIONS = { astro: '5.18.2', '@astrojs/starlight': '0.37.7' };

/** The frontmatter Starlight's schema takes, from ours. */
function frontmatter(source) {
  const [, head = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(source) ?? [];
  const field = (name) => new RegExp(`^${name}: (.*)$`, 'm').exec(head)?.[1];
  const order = Number(field('order') ?? 0);
  const lines = [`title: ${field('title')}`, `description: ${field('description')}`, `sidebar:\n  order: ${order}`];
  return { head: `---\n${lines.join('\n')}\n---\n`, body };
}

/** Prose for MDX: `<`, `>`, `{` and `}` would be read as JSX. */
const prose = (text) => text.replace(/[<>{}]/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A runbook tag as Markdown: the steps it shows (where the site shows them: runbook-tags.ts), with the text the guide
 * shows (renderStep with example values).
 */
function runbookMarkdown(tag, lib, pages) {
  const runbook = lib.catalog.get(tag.id);
  const { values } = lib.resolveParams(runbook, {}, { allowExamples: true });
  const placement = () =>
    lib.placeRunbook(
      pages,
      runbook.id,
      runbook.steps.map((s) => s.id),
    );
  const ids =
    tag.kind === 'step'
      ? [tag.step]
      : tag.kind === 'runbook'
        ? placement().main.steps
        : (placement().continued?.steps ?? []);
  const steps = runbook.steps.filter((s) => ids.includes(s.id));
  const out =
    tag.kind === 'step' ? [] : [prose(runbook.summary), '', '```bash', `npx runbook run ${runbook.id}`, '```', ''];
  for (const step of steps) {
    const number = runbook.steps.indexOf(step) + 1;
    out.push(
      `### ${number}. ${prose(step.title)}`,
      '',
      prose(step.explanation),
      '',
      '```bash',
      lib.renderStep(step, values),
      '```',
      '',
    );
  }
  return out.join('\n');
}

/** Writes build/starlight-baseline/ with the guide's pages; installs its dependencies when they are missing. */
export async function prepareStarlight(root, tsImport) {
  const dir = join(root, 'build/starlight-baseline');
  const pkg = { name: 'starlight-baseline', private: true, type: 'module', dependencies: STARLIGHT_VERSIONS };
  const pkgText = `${JSON.stringify(pkg, null, 2)}\n`;
  mkdirSync(dir, { recursive: true });
  const installed = existsSync(join(dir, 'node_modules/@astrojs/starlight/package.json'));
  const same = existsSync(join(dir, 'package.json')) && readFileSync(join(dir, 'package.json'), 'utf8') === pkgText;
  if (!installed || !same) {
    writeFileSync(join(dir, 'package.json'), pkgText);
    console.log(`  (installing Starlight ${STARLIGHT_VERSIONS['@astrojs/starlight']} into build/starlight-baseline/)`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  }
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    [
      "import starlight from '@astrojs/starlight';",
      "import { defineConfig } from 'astro/config';",
      'export default defineConfig({',
      "  integrations: [starlight({ title: 'Cilium 실전 활용 가이드', defaultLocale: 'root', locales: { root: { label: '한국어', lang: 'ko' } } })],",
      '});',
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    [
      "import { defineCollection } from 'astro:content';",
      "import { docsLoader } from '@astrojs/starlight/loaders';",
      "import { docsSchema } from '@astrojs/starlight/schema';",
      'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };',
      '',
    ].join('\n'),
  );
  const lib = {
    ...(await tsImport('../runbooks/index.ts', import.meta.url)),
    ...(await tsImport('../src/runbook/render.ts', import.meta.url)),
    ...(await tsImport('../src/runbook/values.ts', import.meta.url)),
    ...(await tsImport('../src/components/runbook/runbook-tags.ts', import.meta.url)),
  };
  const docs = join(dir, 'src/content/docs');
  rmSync(docs, { recursive: true, force: true });
  mkdirSync(docs, { recursive: true });
  const source = join(root, 'src/content/docs');
  const files = readdirSync(source).filter((f) => f.endsWith('.mdx'));
  const pages = files.map((f) => ({ id: f.replace(/\.mdx$/, ''), body: readFileSync(join(source, f), 'utf8') }));
  const shown = [];
  for (const { id, body: source } of pages) {
    const { head, body } = frontmatter(source);
    const converted = body
      .replace(/^import .*$/gm, '')
      .replace(/<(PolicyMatrix|CloneCommand)\b[^>]*\/>/g, '(이 사이트에만 있는 컴포넌트: 표 또는 명령)')
      // Correction notes are left out: our pages load them on first open, so neither first load carries them and
      // the baseline is, if anything, lighter than a real Starlight page with the same text.
      .replace(/<Correction\b[^>]*>[\s\S]*?<\/Correction>/g, '')
      .replace(/<details class="corrections">[\s\S]*?<\/details>/g, '')
      .replace(lib.RUNBOOK_TAG, (...match) => {
        const tag = lib.readRunbookTag(match, id);
        shown.push(tag.id);
        return runbookMarkdown(tag, lib, pages);
      });
    writeFileSync(join(docs, `${id}.mdx`), head + converted);
  }
  return { dir, pages: readdirSync(docs).length, runbooks: new Set(shown).size };
}

/** A cold `astro build` of `dir`: its dist and every cache removed first. Seconds. */
export function coldBuild(dir, command) {
  for (const d of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite']) {
    rmSync(join(dir, d), { recursive: true, force: true });
  }
  const t = process.hrtime.bigint();
  execFileSync(command[0], command.slice(1), {
    cwd: dir,
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  return Number(process.hrtime.bigint() - t) / 1e9;
}
