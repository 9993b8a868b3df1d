#!/usr/bin/env node
/**
 * Bundles the CLI for start-up speed: `bin/runbook.js` loads build/cli/, where the CLI's own modules (and the runbook
 * catalog) are merged into a few files, so `runbook run <id>` reads a handful of files instead of ~60. Commands
 * still load lazily: each dynamic import becomes its own chunk. Packages from node_modules stay external. Type
 * checking and the per-module build/src/ (used by scripts/bench.mjs) are tsc's (`npm run build:cli` runs both).
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildDefine } from './build-info.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}build/cli`;
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', io: 'src/cli/io.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  define: buildDefine(),
});
