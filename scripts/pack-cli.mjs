#!/usr/bin/env node
/**
 * `npm run pack:cli`: the publishable CLI package `cilium-runbook` and its tarball, staged in build/package/cilium-runbook/
 * from packages/cli/ (manifest, README, bin; nothing generated lands in the source tree):
 *   1. bundles the CLI with the runbooks and every library it uses into dist/ (ESM, lazily loaded chunks as in
 *      build/cli/), so the package has no dependencies to download; Shiki is cut down to bash in github-dark
 *      (scripts/pack-cli/shiki-bash.mjs);
 *   2. writes THIRD-PARTY-NOTICES.txt from the licences of the bundled packages;
 *   3. runs `npm pack` into build/package/ and prints the tarball's name, size and files.
 * Flags: --json prints { tarball, size, unpackedSize, files } on stdout instead (used by the tests and the bench).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildDefine } from './build-info.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const packDir = join(root, 'build/package');
const pkgDir = join(packDir, 'cilium-runbook');
const outdir = join(pkgDir, 'dist');
const json = process.argv.includes('--json');

/** Resolves `shiki` (imported by src/cli/highlight.ts) to the bash-only subset. */
const shikiSubset = {
  name: 'shiki-bash-only',
  setup(b) {
    b.onResolve({ filter: /^shiki$/ }, () => ({ path: join(root, 'scripts/pack-cli/shiki-bash.mjs') }));
  },
};

rmSync(packDir, { recursive: true, force: true });
cpSync(join(root, 'packages/cli'), pkgDir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', io: 'src/cli/io.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'eof',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS modules may require() Node's built-ins; ESM output has no require of its own.
  banner: {
    js: "import { createRequire as __runbookRequire } from 'node:module'; const require = __runbookRequire(import.meta.url);",
  },
  define: buildDefine(),
  plugins: [shikiSubset],
  metafile: true,
  logLevel: 'warning',
});

// The licences of every package whose code is in the bundle.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!match) continue;
  const dir = join(root, input.slice(0, match.index + match[0].length));
  if (packages.has(dir)) continue;
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenseFile = readdirSync(dir).find((f) => /^(licen[sc]e|copying)(\.|$)/i.test(f));
  // Packages that vendor others ship those licences too (zx: build/3rd-party-licenses).
  const vendored = ['', 'build', 'dist']
    .map((sub) => join(dir, sub))
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((f) => /^(3rd|third)[-_]party[-_]/i.test(f))
        .map((f) => join(d, f)),
    );
  packages.set(dir, {
    name: meta.name,
    version: meta.version,
    license: meta.license ?? 'see below',
    text: [licenseFile && join(dir, licenseFile), ...vendored]
      .filter(Boolean)
      .map((f) => readFileSync(f, 'utf8').trim())
      .join('\n\n'),
  });
}
const notices = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(
  join(pkgDir, 'THIRD-PARTY-NOTICES.txt'),
  [
    'cilium-runbook bundles the following packages (dist/). Their licences follow.',
    '',
    ...notices.map((n) => `- ${n.name}@${n.version} (${n.license})`),
    '',
    ...notices.map((n) => `${'='.repeat(78)}\n${n.name}@${n.version} (${n.license})\n\n${n.text}\n`),
  ].join('\n'),
);

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: pkgDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' },
  }),
);
const summary = {
  tarball: join(packDir, packed.filename),
  size: packed.size,
  unpackedSize: packed.unpackedSize,
  files: packed.files.map((f) => ({ path: f.path, size: f.size })),
  bundled: notices.map((n) => `${n.name}@${n.version}`),
};
if (json) {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${summary.tarball}\n  ${kb(summary.size)} packed, ${kb(summary.unpackedSize)} unpacked, ${summary.files.length} files`,
  );
  for (const f of summary.files) console.log(`  ${kb(f.size).padStart(9)}  ${f.path}`);
  console.log(`  bundled: ${summary.bundled.join(', ')}`);
}
