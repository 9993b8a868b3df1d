/**
 * Which build of runbook this is: the package version, the Cilium release the guide is written for, and the git
 * commit it was bundled from. The bundlers (scripts/bundle-cli.mjs, scripts/pack-cli.mjs) embed version and commit
 * via esbuild `define`; unbundled (tests, tsc output) the version is read from packages/cli/package.json and the
 * commit is `unknown`.
 */
import { readFileSync } from 'node:fs';
import { CILIUM_VERSION } from '../../runbooks/lib/cilium.js';
import type { BuildInfo } from '../runner/events.js';

declare const __RUNBOOK_BUILD__: { readonly version: string; readonly commit: string } | undefined;

function sourceVersion(): string {
  try {
    const url = new URL('../../packages/cli/package.json', import.meta.url);
    const { version } = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function buildInfo(): BuildInfo {
  const embedded = typeof __RUNBOOK_BUILD__ === 'undefined' ? undefined : __RUNBOOK_BUILD__;
  return {
    version: embedded?.version ?? sourceVersion(),
    ciliumVersion: CILIUM_VERSION,
    commit: embedded?.commit ?? 'unknown',
  };
}
