#!/usr/bin/env node
// The published CLI: everything it needs (its own code, the runbooks and its libraries) is bundled into ../dist/
// by scripts/pack-cli.mjs, so installing the package downloads nothing else.
const { main } = await import('../dist/main.js');
const { processIO } = await import('../dist/io.js');
process.exitCode = await main(process.argv.slice(2), processIO());
