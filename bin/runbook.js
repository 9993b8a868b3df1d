#!/usr/bin/env node
// No top-level imports beyond the entry: the CLI loads only the command it runs (see src/cli/main.ts).
// The bundled CLI lives in build/cli/ (`npm run build:cli`, run automatically by `npm install` via "prepare").
const { main } = await import('../build/cli/main.js');
const { processIO } = await import('../build/cli/io.js');
process.exitCode = await main(process.argv.slice(2), processIO());
