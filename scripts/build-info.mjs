/**
 * What the CLI bundles embed for `runbook --version` (src/cli/version.ts): the package version from
 * packages/cli/package.json and the git commit of the checkout, or `unknown` outside a git checkout.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function buildInfo() {
  const { version } = JSON.parse(readFileSync(`${root}packages/cli/package.json`, 'utf8'));
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // Not a git checkout (an unpacked tarball) or no git: the commit is unknown.
  }
  return { version, commit };
}

/** esbuild `define` for src/cli/version.ts. */
export const buildDefine = () => ({ __RUNBOOK_BUILD__: JSON.stringify(buildInfo()) });
